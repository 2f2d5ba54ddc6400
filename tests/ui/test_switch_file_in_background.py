"""Opening another file from the File menu (Open recent, Open database…) opens it as the start
does: off the window's thread, which keeps turning ("Opening <file>…" over it if that takes
long), with the whole check and backup left until the tab on screen shows its records, and a
damaged file said over the window as soon as they find it."""

from __future__ import annotations

import shutil
import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from bscp_desktop import paths
from bscp_desktop.app import make_application, open_database
from bscp_desktop.db import database, later_checks
from tests.ui.helpers import start_window


@pytest.fixture
def window(qtbot, tmp_path, empty_file):
    make_application()
    win = start_window(qtbot, open_database(shutil.copyfile(empty_file, tmp_path / "main.sqlite3")))
    yield win
    if getattr(win.db, "later", None) is not None:
        win.db.later.wait(30)
    win.db.close()


@pytest.fixture
def other(tmp_path, empty_file):
    """Another file at this version's schema: opening it writes nothing to it."""
    return shutil.copyfile(empty_file, tmp_path / "other.sqlite3")


def _recording_opener(window, calls: list, pause_s: float = 0.0):
    opener = window.opener

    def recording(path, create, **kwargs):
        calls.append((threading.current_thread(), kwargs))
        time.sleep(pause_s)  # a large file's opening
        return opener(path, create, **kwargs)

    return recording


@pytest.mark.slow
def test_the_file_opens_off_the_window_thread_which_keeps_turning_and_says_so(window, other):
    calls: list = []
    window.opener = _recording_opener(window, calls, pause_s=0.8)
    ticks: list[float] = []
    beat = QTimer(window, interval=20)
    beat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    said: list[str] = []

    def look() -> None:
        said.extend(d.labelText() for d in QApplication.topLevelWidgets()
                    if isinstance(d, QProgressDialog) and d.isVisible())

    QTimer.singleShot(600, look)
    beat.start()
    assert window.switch_to(other, create=False) is True
    beat.stop()
    assert window.db.path == other
    assert calls[0][0] is not threading.main_thread()
    assert calls[0][1] == {"check_later": True}  # as at start
    assert len(ticks) > 10  # the window's event loop turned meanwhile
    assert said == ["Opening other.sqlite3…"]


@pytest.mark.slow
def test_the_whole_check_and_backup_run_later_off_the_window_thread(window, other, qtbot, monkeypatch):
    monkeypatch.setattr(later_checks, "START_AT_LATEST_S", 60.0)  # only once the window says go
    backups: list[tuple[str, str]] = []
    for module in (database, later_checks):
        made = module.start_backup
        monkeypatch.setattr(module, "start_backup", lambda *a, _made=made, _m=module.__name__, **k: (
            backups.append((_m, threading.current_thread().name)), _made(*a, **k))[1])
    assert window.switch_to(other, create=False) is True
    later = window.db.later
    assert later is not None and backups == []  # opened without reading every page or backing it up
    qtbot.waitUntil(lambda: later.done, timeout=20_000)
    assert later.problem == "" and backups == [("bscp_desktop.db.later_checks", "integrity check")]
    assert list(paths.backup_dir().glob("other-*.sqlite3"))


@pytest.mark.slow
def test_a_damaged_file_found_later_is_said_over_the_window(window, other, qtbot, monkeypatch):
    sentence = f"{other} is damaged (a page cannot be read); restore a backup from the File menu."
    monkeypatch.setattr(later_checks, "damage", lambda path: sentence)
    said: list[str] = []
    monkeypatch.setattr("bscp_desktop.ui.opening.QMessageBox.critical",
                        lambda _parent, _title, text: said.append(text))
    assert window.switch_to(other, create=False) is True
    qtbot.waitUntil(lambda: bool(said), timeout=20_000)
    assert said == [f"{sentence} Until then nothing can be saved to it."]
    assert window.db_label.text() == f"Damaged, nothing can be saved: {other}"


@pytest.mark.slow
def test_closing_the_window_while_the_file_opens_closes_it_unseen(window, other, qtbot):
    first = window.db
    window.opener = _recording_opener(window, [], pause_s=0.5)
    QTimer.singleShot(100, window.close)
    assert window.switch_to(other, create=False) is False
    assert window.db is first
    open_database(other, create=False).close()  # its lock was let go
