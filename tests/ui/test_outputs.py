"""Outputs are written by a child process that only reads the database."""

from __future__ import annotations

import openpyxl
import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.outputs import OutputProcess, safe_file_name, write_output


def test_reader_cannot_write(db, db_path):
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    with Database.open_reader(db_path) as reader:
        assert [o.name for o in ms.list_organisations(reader)] == ["Brent Council"]
        with pytest.raises(OperationalError), reader.unit_of_work() as s:
            s.execute(text("DELETE FROM organisation"))
    assert len(ms.list_organisations(db)) == 1


def test_reader_refuses_an_old_schema(tmp_path):
    path = tmp_path / "old.sqlite3"
    Database.open(path).close()
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '0001'")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="schema"):
        Database.open_reader(path)


@pytest.mark.child_process
def test_workbook_written_in_another_process_while_the_window_holds_the_database(qtbot, db, tmp_path):
    ms.create_person(db, ms.PersonFields("Żółć Nguyễn", email="z@example.org"))
    out = tmp_path / "members.xlsx"
    saved = []
    task = write_output(None, db, "Memberships workbook", out, "xlsx", "memberships", on_saved=saved.append)
    assert isinstance(task, OutputProcess)
    qtbot.waitUntil(lambda: bool(saved), timeout=60000)
    assert saved == [out]
    sheet = openpyxl.load_workbook(out)["People"]
    assert "Żółć Nguyễn" in [c.value for c in sheet["A"]]


def test_failure_is_reported_as_a_sentence(qtbot, db, tmp_path, monkeypatch):
    problems = []
    monkeypatch.setattr("bscp_desktop.ui.common.outputs.show_error", lambda parent, title, p: problems.append(p))
    task = write_output(None, db, "x", tmp_path / "x.pdf", "report", "no-such-report")
    qtbot.waitUntil(lambda: bool(problems), timeout=60000)
    assert "no report called 'no-such-report'" in problems[0]
    assert task.finished


@pytest.mark.child_process
def test_cancel_stops_the_process(qtbot, db, tmp_path):
    task = OutputProcess(None, "x", db.path, "xlsx", "memberships", tmp_path / "x.xlsx", show_progress=False)
    task.start()
    task.cancel()
    assert not task.process.is_alive()


def test_safe_file_name():
    assert safe_file_name('Minutes: 7/11/2022 "draft"?') == "Minutes  7 11 2022  draft"
    assert safe_file_name("") == "output"


def test_an_output_about_the_chosen_record_asks_for_one_and_writes_nothing_without(qtbot, monkeypatch):
    from dataclasses import dataclass

    from PySide6.QtWidgets import QMessageBox, QWidget

    from bscp_desktop.ui.common.outputs import ask_for_selected

    @dataclass
    class Row:
        id: int
        attended: bool

    told: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append((title, text)))
    parent = QWidget()
    qtbot.addWidget(parent)
    chosen: list[Row | None] = [None]
    ask = ask_for_selected(parent, lambda: chosen[0], "Certificate", "Select someone who attended first.",
                           key="booking", fits=lambda row: row.attended)
    assert ask() is None and told == [("Certificate", "Select someone who attended first.")]
    chosen[0] = Row(7, attended=False)
    assert ask() is None and len(told) == 2
    chosen[0] = Row(7, attended=True)
    assert ask() == {"booking": 7} and len(told) == 2
    assert ask_for_selected(parent, lambda: Row(3, True), "Case summary", "Select a case.")() == {"record_id": 3}
