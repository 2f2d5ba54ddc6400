"""The change log closed while it is still reading (its tab closed, the database switched, the
program quit): what the read finds is dropped quietly, nothing more is read for it and nothing
is said on the console."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import history as hs
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.audits.change_log import ChangeLogPage
from bscp_desktop.ui.common import history
from tests.built_once import database_with

ROOT = Path(__file__).resolve().parents[2]


def build_changes(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    for n in range(1, 4):
        ms.create_person(db, ms.PersonFields(f"Person {n}", "Officer", council.id))
    return {"council": council.id}


db, changes = database_with("change-log-closed-while-reading", build_changes, records="changes")


def events_for(seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)


def tab_with_change_log(qtbot, db) -> tuple[QWidget, ChangeLogPage]:
    """A tab holding the change log page, shown, with its first page read."""
    tab = QWidget()
    tab.resize(1280, 800)
    page = ChangeLogPage(db, tab)
    page.resize(1280, 800)
    tab.show()
    qtbot.waitUntil(lambda: not page.loading() and page.model.rowCount() > 0, timeout=10000)
    return tab, page


def gone(tab: QWidget) -> None:
    """The tab deleted as switching the database deletes every tab."""
    tab.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_page_shown_just_before_its_tab_closes_asks_for_no_count(qtbot, db, changes, monkeypatch, capfd):
    """The count of the changes is asked for a moment after their rows are shown; a tab closed
    in that moment (the database switched) reads nothing more from a database being closed."""
    monkeypatch.setattr(history, "FOLLOW_UP_MS", 300)  # the moment, long enough to close the tab in
    tab, page = tab_with_change_log(qtbot, db)
    counted = []
    real_count = hs.count_changes
    monkeypatch.setattr(hs, "count_changes", lambda *args: counted.append(args) or real_count(*args))
    page.search.setText("Person")
    page.search.returnPressed.emit()  # the search at once
    qtbot.waitUntil(lambda: not page.loading(), timeout=10000)
    assert not counted  # its count is still to be asked for
    gone(tab)
    events_for(0.6)
    assert counted == []
    assert "Traceback" not in capfd.readouterr().err


def test_a_search_still_reading_when_its_tab_closes_is_dropped_quietly(qtbot, db, changes, monkeypatch, capfd):
    tab, page = tab_with_change_log(qtbot, db)
    release, asked = threading.Event(), []
    real_page, real_count = hs.change_page, hs.count_changes

    def slow_page(*args):
        asked.append(args)
        release.wait(10)
        return real_page(*args)

    counted = []
    monkeypatch.setattr(hs, "change_page", slow_page)
    monkeypatch.setattr(hs, "count_changes", lambda *args: counted.append(args) or real_count(*args))
    page.search.setText("Person 2")
    page.search.returnPressed.emit()
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)  # the search is being read
    gone(tab)
    release.set()
    events_for(0.5)
    assert counted == []  # nothing more was asked for the tab that went
    assert "Traceback" not in capfd.readouterr().err


QUIT_WHILE_SEARCHING = """
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from bscp_desktop.db.database import Database
from bscp_desktop.services import history as hs
from bscp_desktop.ui.audits.change_log import ChangeLogPage

real_page = hs.change_page


def slow_page(*args):  # a search of years of changes
    time.sleep(0.05)
    return real_page(*args)


hs.change_page = slow_page
app = QApplication([])
db = Database.open(Path(sys.argv[1]))
pages = []
for _ in range(30):  # several change logs, each of them searching
    page = ChangeLogPage(db)
    page.show()
    page.search.setText("Person")
    page.search.returnPressed.emit()
    pages.append(page)
print("searching", all(page.loading() for page in pages), flush=True)
"""


@pytest.mark.slow  # a new Python process quits while it reads
def test_quitting_while_the_change_log_is_searching_says_nothing_on_the_console(db_file):
    done = subprocess.run([sys.executable, "-c", QUIT_WHILE_SEARCHING, str(db_file)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.strip() == "searching True", done.stderr
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Signal source has been deleted" not in done.stderr, done.stderr
