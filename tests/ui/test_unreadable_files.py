"""A file changed by another program, as the window meets it: a value it holds that this
version cannot read, or a table it lacks, is said in plain words (what, and what to do), never
as the database's SQL, and the window keeps working."""

from __future__ import annotations

import time
from datetime import datetime

import pytest
from PySide6.QtWidgets import QMessageBox

from bscp_desktop import app
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.common.messages import explain
from bscp_desktop.ui.meetings.tab import MeetingsTab
from tests.safety.helpers import sql


@pytest.fixture
def warnings(monkeypatch, qapp):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown.append(text)))
    return shown


def test_a_stored_date_this_version_cannot_read_is_said_in_words(qtbot, db, db_path, world, warnings):
    mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Forum", datetime(2024, 3, 14, 10), status=MeetingStatus.HELD))
    sql(db_path, "UPDATE meeting SET starts_at = 'the fourteenth'")
    tab = MeetingsTab(db)
    qtbot.addWidget(tab)
    tab.show()
    tab.meetings.reload()
    qtbot.waitUntil(lambda: bool(warnings))
    assert "holds a value this version cannot read" in warnings[0] and "the fourteenth" in warnings[0]
    assert "restore a backup" in warnings[0]
    assert "SELECT" not in warnings[0] and "sqlalche" not in warnings[0]


def test_a_database_error_never_shows_its_sql(db):
    from sqlalchemy import text

    with pytest.raises(Exception) as raised, db.unit_of_work() as session:
        session.execute(text("SELECT name FROM no_such_table WHERE id = 1"))
    words = explain(raised.value)
    assert words.startswith("The database could not be read or changed (no such table: no_such_table)")
    assert "SELECT" not in words and "sqlalche" not in words and "\n" not in words


def test_an_error_of_the_users_own_is_said_as_it_is():
    assert explain(ValueError("Choose a file name ending in .pdf")) == "Choose a file name ending in .pdf"


@pytest.mark.slow
def test_a_file_lacking_a_table_is_found_after_the_first_tab_and_said_over_the_window(tmp_path, empty_file, monkeypatch, qapp):
    import shutil

    from PySide6.QtWidgets import QApplication

    critical: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text, *a: critical.append(text)))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: None))
    path = tmp_path / "bscp.sqlite3"
    shutil.copyfile(empty_file, path)
    sql(path, "DROP TABLE expense")
    window = app.show_frame(path)
    try:
        db = app.open_in_frame(window, path)
        deadline = time.monotonic() + 60
        while not critical and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.01)
        assert critical and "the table expense" in critical[0] and "nothing can be saved" in critical[0]
        assert db is not None and "Damaged" in window.db_label.text()
    finally:
        window.close()
        if window.db is not None:
            window.db.close()


@pytest.mark.parametrize("change, value", [
    ("UPDATE meeting SET starts_at = 'the fourteenth'", "the fourteenth"),
    ("UPDATE meeting SET status = 'postponed indefinitely'", "postponed indefinitely"),
])
def test_the_command_line_says_an_unreadable_value_in_words(db, db_path, world, tmp_path, change, value):
    from tests.safety.helpers import assert_refused, cli

    mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Forum", datetime(2024, 3, 14, 10), status=MeetingStatus.HELD))
    db.close()
    sql(db_path, change)
    line = assert_refused(cli("--db", db_path, "export", "xlsx", "-o", tmp_path / "all.xlsx"),
                          "holds a value this version cannot read", value, "bscp-desktop restore")
    assert "Traceback" not in line and "SELECT" not in line
