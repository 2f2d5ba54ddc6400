"""Change notices in the window: pages reload when a kind of record they show changed,
whoever changed it, and stop listening when destroyed."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget

from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.notices import ReloadsWhenShown, notices


class Page(ReloadsWhenShown, QWidget):
    def __init__(self, db, *kinds):
        super().__init__()
        self.loads = 0
        self.watch(db, *kinds)

    def reload(self) -> None:
        self.loads += 1


@pytest.fixture
def page(qtbot, db):
    widget = Page(db, RecordKind.MEMBERSHIPS)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_page_on_screen_reloads_when_a_kind_it_shows_changes(page, db):
    ms.create_group(db, ms.GroupFields("Forum", 2))
    assert page.loads == 1
    from bscp_desktop.services import actions as al

    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    loads = page.loads
    al.create_action(db, al.ActionFields("Not shown on this page", owner_organisation_id=org.id,
                                         due_date=date(2024, 6, 30)))
    assert page.loads == loads


def test_a_hidden_page_reloads_once_when_next_shown(page, db):
    page.hide()
    ms.create_group(db, ms.GroupFields("Forum", 2))
    ms.create_group(db, ms.GroupFields("Executive", 1))
    assert page.loads == 0
    page.show()
    assert page.loads == 1


def test_pages_of_another_database_are_left_alone(page, tmp_path):
    from bscp_desktop.db.database import Database

    with Database.open(tmp_path / "other.sqlite3") as other:
        ms.create_group(other, ms.GroupFields("Forum", 2))
    assert page.loads == 0


def test_a_commit_in_a_worker_thread_reloads_pages_on_the_ui_thread(page, db, qtbot):
    threads: list[bool] = []
    page.reload = lambda: threads.append(threading.current_thread() is threading.main_thread())
    worker = threading.Thread(target=lambda: ms.create_group(db, ms.GroupFields("Forum", 2)))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: threads == [True], timeout=5000)


def test_a_destroyed_page_stops_listening(qtbot, db):
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # earlier tests' pages
    before = notices().watcher_count()
    widget = Page(db, RecordKind.MEMBERSHIPS)
    assert notices().watcher_count() == before + 1
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert notices().watcher_count() == before
    ms.create_group(db, ms.GroupFields("Forum", 2))  # no page of a deleted widget is called


def test_reload_everything_reaches_every_page(page, db):
    notices().announce(db)
    assert page.loads == 1


def test_no_dialog_or_page_announces_changes_itself():
    """Notices come from the services: nothing in the window names a kind it changed."""
    from pathlib import Path

    import bscp_desktop.ui as ui

    offenders = [
        str(path.relative_to(Path(ui.__file__).parent))
        for path in Path(ui.__file__).parent.rglob("*.py")
        if "notify_changed" in path.read_text(encoding="utf-8") or ".announce(" in path.read_text(encoding="utf-8")
        and path.name not in ("notices.py", "main_window.py")
    ]
    assert offenders == []
