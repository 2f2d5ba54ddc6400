"""A file whose change history was changed outside the program is said once the window shows it,
as `check` reports it (db/later_checks.HistoryCheck): an entry edited, a record removed behind the
program's back, the history's protection put back at opening. A warning only: the file is still
saved to, as `check` calls it altered, not damaged."""

from __future__ import annotations

import logging
import sqlite3

import pytest

from bscp_desktop.db import later_checks
from bscp_desktop.db.database import Database
from bscp_desktop.db.file_check import check_file
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms

GUARDED_AGAINST_EDITS = "change_record_no_update"


def _with_records(path) -> int:
    """Two organisations saved in the file at `path` (its history chained); the id of the second."""
    with Database.open(path, create=False) as db:
        ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
        return ms.create_organisation(db, ms.OrganisationFields("Brent ICB", OrganisationKind.ICB)).id


def tamper(path, *statements: str, put_back: bool) -> None:
    """Another SQLite program changes the file: its history's guard against edits dropped, the
    statements run, and the guard put back as it was (`put_back`) or left out."""
    con = sqlite3.connect(path)
    (guard,) = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (GUARDED_AGAINST_EDITS,)).fetchone()
    con.execute(f"DROP TRIGGER {GUARDED_AGAINST_EDITS}")
    for sql in statements:
        con.execute(sql)
    if put_back:
        con.execute(guard)
    con.commit()
    con.close()


def _opened_and_read(path, **options) -> tuple[Database, str]:
    db = Database.open(path, create=False, **options)
    later = getattr(db, "later", None)  # none when opening wrote to the file (checked first)
    if later is not None:
        later.go()
        assert later.wait(60) == ""  # sound: the history's reading is a warning, never damage
    return db, db.history_check.run()


def _saved_to(db) -> bool:
    ms.create_organisation(db, ms.OrganisationFields("Saved after the warning", OrganisationKind.OTHER))
    return "Saved after the warning" in {o.name for o in ms.list_organisations(db)}


@pytest.mark.slow
@pytest.mark.parametrize("protection", ["put back by the editor", "left out"])
def test_an_entry_edited_outside_the_program_is_said_and_the_file_still_saves(db_file, protection):
    _with_records(db_file)
    tamper(db_file, "UPDATE change_record SET new_value = 'Brent Police' WHERE id = "
          "(SELECT max(id) FROM change_record WHERE field = 'name')", put_back=protection != "left out")
    db, words = _opened_and_read(db_file, check_later=True)
    try:
        assert db.history_check.altered
        assert "does not match the chain" in words  # what `check` says of it, entry and all
        assert words.startswith(f"{db_file.name} was changed outside BSCP Desktop")
        assert "can still be used and saved" in words
        assert "restore a backup made before that change (File > Restore from a backup)" in words
        assert "ask IT or your team" in words
        assert ("The change history's protection was missing (change_record_no_update) and has been put back."
                in words) == (protection == "left out")
        assert db.history_check.run() == ""  # said once
        assert _saved_to(db)
    finally:
        db.close()


@pytest.mark.slow
def test_a_record_removed_outside_the_program_is_said(db_file):
    removed = _with_records(db_file)
    tamper(db_file, f"DELETE FROM organisation WHERE id = {removed}", put_back=True)
    db, words = _opened_and_read(db_file, check_later=True)
    try:
        assert db.history_check.altered
        assert "The change history speaks of 1 record that no longer exists and whose removal it does not record (the organisation “Brent ICB”)" in words
        assert "can still be used and saved" in words and "File > Restore from a backup" in words
        assert _saved_to(db)
    finally:
        db.close()


@pytest.mark.slow
def test_protection_removed_but_nothing_edited_is_put_back_and_said_once(db_file, caplog):
    _with_records(db_file)
    tamper(db_file, put_back=False)
    with caplog.at_level(logging.WARNING):
        db, words = _opened_and_read(db_file, check_later=True)  # opening writes: checked and put back first
    try:
        assert not db.history_check.altered
        assert words.startswith("The change history's protection was missing (change_record_no_update) and has "
                                "been put back.")
        assert "nothing in it was changed" in words and "tell IT or your team" in words
        assert "put back" in caplog.text  # logged, as before
        assert db.history_check.run() == ""
        assert "healthy" in check_file(db_file)  # put back in the file itself
    finally:
        db.close()
    db, words = _opened_and_read(db_file, check_later=True)
    db.close()
    assert words == ""  # the next opening has nothing to say


@pytest.mark.slow
def test_a_sound_history_says_nothing(db_file):
    _with_records(db_file)
    for options in ({"check_later": True}, {}):
        db, words = _opened_and_read(db_file, **options)
        db.close()
        assert words == "" and not db.history_check.altered


@pytest.mark.slow
def test_a_reading_no_longer_wanted_stops_and_says_nothing(db_file, caplog, monkeypatch):
    _with_records(db_file)
    tamper(db_file, "UPDATE change_record SET changed_by = 'someone' WHERE id = 1", put_back=True)
    assert later_checks.HistoryCheck(db_file).run(stop=lambda: True) == ""  # the window left the file first
    cancelled = later_checks.HistoryCheck(db_file)
    cancelled.cancel()  # the window closed before it started
    assert cancelled.run() == ""
    monkeypatch.setattr(later_checks, "_STEPS_BETWEEN_LOOKS", 10)  # a long reading: looks while it reads
    looks: list[bool] = []
    with caplog.at_level(logging.WARNING):
        assert later_checks.HistoryCheck(db_file).run(stop=lambda: looks.append(True) or len(looks) > 1) == ""
    assert caplog.text == ""  # stopped at its first look under way, quietly
    assert "does not match the chain" in later_checks.HistoryCheck(db_file).run()
