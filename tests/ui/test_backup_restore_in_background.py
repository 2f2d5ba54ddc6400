"""File > Back up now and File > Restore from a backup do their reading of whole files (the
check and the copy, the backup's checking) in a worker thread under a progress dialog, while
the window keeps answering; the restore's question is asked on the window's thread; its swap and
the file's opening again run in the worker too, once the tabs are taken down."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QProgressDialog

from bscp_desktop.app import make_application, open_database
from bscp_desktop.services import backups
from bscp_desktop.services import memberships as ms
from tests.ui.helpers import start_window


@pytest.fixture
def window(qtbot, tmp_path):
    make_application()
    win = start_window(qtbot, open_database(tmp_path / "main.sqlite3"))
    yield win
    win.db.close()


def _progress_labels() -> list[str]:
    return [d.labelText() for d in QApplication.topLevelWidgets()
            if isinstance(d, QProgressDialog) and d.isVisible()]


def _held(service, seen: dict):
    """`service`, recording the thread it runs in, and held until the window's thread (a timer
    there, which only runs while the window keeps answering) has seen its progress dialog."""
    dialog_seen = threading.Event()

    def look() -> None:
        if labels := _progress_labels():
            seen["labels"] = labels
            dialog_seen.set()
        else:
            QTimer.singleShot(10, look)

    def held(*args, **kwargs):
        seen["thread"] = threading.current_thread()
        seen["window answered"] = dialog_seen.wait(5)
        return service(*args, **kwargs)

    QTimer.singleShot(0, look)
    return held


@pytest.mark.slow
def test_back_up_now_copies_in_a_worker_under_a_progress_dialog(window, monkeypatch):
    seen: dict = {}
    monkeypatch.setattr(backups, "backup_now", _held(backups.backup_now, seen))
    window.backup_now()
    assert seen["thread"] is not threading.main_thread()
    assert seen["window answered"] and seen["labels"] == ["Backing up main.sqlite3…"]
    target = backups.list_backups(window.db.path)[0].path
    assert window.statusBar().currentMessage() == f"Backed up to {target}"
    assert _progress_labels() == []


@pytest.mark.slow
def test_a_backup_that_fails_in_the_worker_is_said_as_before(window, monkeypatch):
    from bscp_desktop.db.targets import TargetRefused

    refused = TargetRefused("The backup folder is full.")
    said: list[tuple] = []
    ran_in: list[threading.Thread] = []

    def fails(_path):
        ran_in.append(threading.current_thread())
        raise refused

    monkeypatch.setattr(backups, "backup_now", fails)
    monkeypatch.setattr("bscp_desktop.ui.backups_menu.show_error",
                        lambda parent, title, exc: said.append((title, exc, threading.current_thread())))
    window.backup_now()
    assert ran_in and ran_in[0] is not threading.main_thread()
    assert said == [("Backup failed", refused, threading.main_thread())]
    assert _progress_labels() == []


@pytest.mark.slow
def test_a_restore_checks_the_backup_in_a_worker_then_asks_on_the_windows_thread(window, monkeypatch):
    ms.create_organisation(window.db, ms.OrganisationFields("In the backup", "other"))
    window.backup_now()
    ms.create_organisation(window.db, ms.OrganisationFields("Added after", "other"))
    backup = backups.list_backups(window.db.path)[0].path
    seen: dict = {}
    asked: list[threading.Thread] = []
    monkeypatch.setattr(backups, "prepare_restore", _held(backups.prepare_restore, seen))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: (a[3][0], True)))
    monkeypatch.setattr("bscp_desktop.ui.backups_menu.confirm",
                        lambda *a: asked.append(threading.current_thread()) or True)
    window.restore_backup()
    assert seen["thread"] is not threading.main_thread()
    assert seen["window answered"] and seen["labels"] == [f"Checking the backup {backup.name}…"]
    assert asked == [threading.main_thread()]
    assert [o.name for o in ms.list_organisations(window.db)] == ["In the backup"]
    assert window.statusBar().currentMessage().startswith("Restored.")
    assert _progress_labels() == []


@pytest.mark.slow
def test_a_backup_refused_in_the_worker_is_said_as_before_and_nothing_is_asked(window, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database at all")
    said: list[tuple] = []
    seen: dict = {}
    monkeypatch.setattr(backups, "prepare_restore", _held(backups.prepare_restore, seen))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: (a[3][-1], True)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(junk), "")))
    monkeypatch.setattr("bscp_desktop.ui.backups_menu.confirm", lambda *a: pytest.fail("asked"))
    monkeypatch.setattr("bscp_desktop.ui.backups_menu.show_error",
                        lambda parent, title, exc: said.append((title, str(exc), threading.current_thread())))
    db = window.db
    window.restore_backup()
    assert seen["thread"] is not threading.main_thread() and seen["window answered"]
    assert said == [("Restore failed", "The backup junk.sqlite3 is not a BSCP Desktop database: it is not an "
                     "SQLite file; nothing was restored.", threading.main_thread())]
    assert window.db is db and _progress_labels() == []


@pytest.mark.slow
def test_a_restore_answered_no_removes_its_checked_copy_in_a_worker(window, monkeypatch):
    window.backup_now()
    ran_in: list[threading.Thread] = []
    discard = backups.PreparedRestore.discard
    monkeypatch.setattr(backups.PreparedRestore, "discard",
                        lambda self: ran_in.append(threading.current_thread()) or discard(self))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: (a[3][0], True)))
    monkeypatch.setattr("bscp_desktop.ui.backups_menu.confirm", lambda *a: False)
    db = window.db
    window.restore_backup()
    assert len(ran_in) == 1 and ran_in[0] is not threading.main_thread()
    assert window.db is db and not list(db.path.parent.glob("*.restore-*"))
    assert _progress_labels() == []


@pytest.mark.slow
def test_the_swap_and_the_opening_again_run_in_a_worker_with_no_tab_left_to_touch_the_file(window, monkeypatch):
    ms.create_organisation(window.db, ms.OrganisationFields("In the backup", "other"))
    window.backup_now()
    ms.create_organisation(window.db, ms.OrganisationFields("Added after", "other"))
    backup = backups.list_backups(window.db.path)[0].path
    window.tabs.setCurrentIndex(2)
    seen: dict = {}
    restoring = threading.Event()

    def look() -> None:  # on the window's thread: it answers while the swap runs
        if labels := [label for label in _progress_labels() if label.startswith("Restoring")]:
            seen["labels"] = labels
            restoring.set()
        else:
            QTimer.singleShot(10, look)

    swap = backups.PreparedRestore.swap_in

    def swap_in(self, *args, **kwargs):
        seen["thread"], seen["tabs"] = threading.current_thread(), window.tabs.count()
        seen["window answered"] = restoring.wait(5)
        return swap(self, *args, **kwargs)

    monkeypatch.setattr(backups.PreparedRestore, "swap_in", swap_in)
    opener = window.opener
    window.opener = lambda *args, **kwargs: seen.setdefault("opened in", threading.current_thread()) and opener(*args, **kwargs)
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: (a[3][0], True)))
    monkeypatch.setattr("bscp_desktop.ui.backups_menu.confirm", lambda *a: QTimer.singleShot(0, look) or True)
    window.restore_backup()
    assert seen["thread"] is not threading.main_thread() and seen["window answered"]
    assert seen["labels"] == [f"Restoring main.sqlite3 from {backup.name}…"]
    assert seen["tabs"] == 0  # taken down, timers and all, before the file was replaced
    assert seen["opened in"] is not threading.main_thread()
    assert [o.name for o in ms.list_organisations(window.db)] == ["In the backup"]
    assert window.tabs.count() > 2 and window.tabs.currentIndex() == 2
    assert window.statusBar().currentMessage().startswith("Restored.")
    assert _progress_labels() == []
