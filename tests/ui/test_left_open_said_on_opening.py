"""A database whose last window ended without closing it (the computer stopped, or the program
was ended while minutes were being typed) is said once over the window when it is next opened,
at start or from the File menu, with where to look; a file closed as usual says nothing."""

from __future__ import annotations

import os
import shutil
from datetime import datetime

import pytest
from PySide6.QtWidgets import QMessageBox

from bscp_desktop.app import open_database
from bscp_desktop.db.lock import lock_path
from bscp_desktop.ui.opening import left_open_words
from tests.ui.helpers import start_window

TAKEN_AT = datetime(2025, 3, 14, 9, 45).timestamp()  # when the window that ended had opened the file
NOTICE = ("BSCP Desktop did not close properly the last time bscp.sqlite3 was open (opened on 14/03/2025 at 09:45): "
          "the computer stopped or the program was ended. Everything saved until then is here. Minutes save as you "
          "type: if you were taking minutes, check the last few words of the item you were on. A decision typed but "
          "not yet added is back on its item's decision line when you open that meeting's minutes again: press Enter "
          "to add it.")


@pytest.fixture
def told(monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: said.append(a[2])))
    return said


@pytest.fixture
def database(tmp_path, empty_file):
    path = tmp_path / "bscp.sqlite3"
    shutil.copyfile(empty_file, path)
    return path


def _left_open_by_a_window(path) -> None:
    left = lock_path(path)
    left.write_bytes(b"4242")  # a window's process id, its lock never let go
    os.utime(left, (TAKEN_AT, TAKEN_AT))


def _said_left_open(told: list[str]) -> list[str]:
    return [words for words in told if "did not close properly" in words]


def test_the_notice_names_the_file_when_it_was_opened_and_where_to_look():
    assert left_open_words("bscp.sqlite3", TAKEN_AT) == NOTICE


@pytest.mark.slow  # a window started
def test_a_start_after_the_last_window_ended_without_closing_says_so_once(qtbot, database, told):
    _left_open_by_a_window(database)
    db = open_database(database, create=False, check_later=True)
    try:
        window = start_window(qtbot, db)
        qtbot.waitUntil(lambda: bool(_said_left_open(told)), timeout=10_000)
        assert _said_left_open(told) == [NOTICE]
        assert window.statusBar().currentMessage() == ("BSCP Desktop did not close properly the last time bscp.sqlite3 "
                                                       "was open: check the last few words of any minutes you were taking.")
        window.close()
    finally:
        db.close()
    reopened = open_database(database, create=False, check_later=True)  # said once: closed as usual since
    try:
        window = start_window(qtbot, reopened)
        qtbot.wait(300)
        assert _said_left_open(told) == [NOTICE]
        window.close()
    finally:
        reopened.close()


@pytest.mark.slow  # a window started
def test_a_start_after_a_window_closed_as_usual_says_nothing(qtbot, database, told):
    open_database(database, create=False).close()
    db = open_database(database, create=False, check_later=True)
    try:
        window = start_window(qtbot, db)
        qtbot.wait(300)
        assert _said_left_open(told) == []
        assert "did not close properly" not in window.statusBar().currentMessage()
        window.close()
    finally:
        db.close()


@pytest.mark.slow  # a window started
def test_a_file_opened_from_the_file_menu_after_its_window_ended_says_so(qtbot, db, database, told, monkeypatch):
    window = start_window(qtbot, db)
    _left_open_by_a_window(database)
    monkeypatch.setattr("bscp_desktop.ui.database_choice.ask_open_path", lambda *a: database)
    window.open_database()
    assert window.db.path == database
    qtbot.waitUntil(lambda: bool(_said_left_open(told)), timeout=10_000)
    assert _said_left_open(told) == [NOTICE]
    window.close()
