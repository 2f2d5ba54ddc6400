"""What `check` says of a change history altered outside the program names the entry as the
change log shows it: its moment in this computer's time (dd/mm/yyyy HH:MM, as the When column),
its record by the name saved with it and its field as the change log heads it; and a record
removed behind the program's back by its name, not by its table and number."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest

import bscp_desktop.db.history as db_history
from bscp_desktop.db.database import DatabaseError, HistoryTampered
from bscp_desktop.db.file_check import check_file, record_words
from bscp_desktop.db.history import BrokenEntry
from bscp_desktop.domain.memberships import OrganisationKind, Role
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import settings

SUMMER_EVENING = datetime(2026, 7, 14, 22, 30)  # UTC: 23:30 British Summer Time


def _outside(path, *statements: str) -> None:
    """Another SQLite program changes the file: the history's guards dropped, links not kept."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = OFF")
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'change_record'").fetchall():
        con.execute(f'DROP TRIGGER "{name}"')
    for sql in statements:
        con.execute(sql)
    con.commit()
    con.close()


def test_an_entry_is_named_by_its_record_and_field_as_the_change_log_shows_them(london_clock):
    entry = BrokenEntry(2799, "2026-07-14 22:30:00.123456", "action", 1, "due_date", None, "Plan a forum session")
    words = entry.sentence()
    assert "entry 2799 (14/07/2026 23:30, the action “Plan a forum session”, field Due date) does not match the chain" in words
    assert "2026-07-14" not in words and "#1" not in words and "due_date" not in words
    assert record_words("membership", 12) == "the membership number 12"  # saved without a name
    assert record_words("partnership_group", 3, "Executive Group", "archived_at") == "the group “Executive Group”, field Archived"
    assert record_words("setting", 0, "", "case_reviews.themes") == "the setting “Case reviews: themes”"


@pytest.mark.slow
def test_check_names_an_altered_entry_in_local_time_by_its_record_and_field(db, db_path, london_clock, monkeypatch):
    monkeypatch.setattr(db_history, "utcnow", lambda: SUMMER_EVENING)
    person = ms.create_person(db, ms.PersonFields("Jane Smith", "Designated nurse"))
    db.close()
    _outside(db_path, f"UPDATE change_record SET new_value = 'Head teacher' WHERE table_name = 'person' "
                      f"AND record_id = {person.id} AND field = 'job_title'")
    with pytest.raises(HistoryTampered) as caught:
        check_file(db_path)
    words = str(caught.value)
    assert "(14/07/2026 23:30, the person “Jane Smith”, field Job title) does not match the chain" in words
    assert "22:30" not in words and "person #" not in words


@pytest.mark.slow
def test_check_names_records_removed_outside_the_program_by_their_names(db, db_path):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    group = ms.create_group(db, ms.GroupFields("Executive Group"))
    person = ms.create_person(db, ms.PersonFields("Jane Smith"))
    seat = ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.CHAIR, date(2024, 4, 1)))
    settings.set_partnership_name(db, "Brent Safeguarding Children Partnership")
    db.close()
    _outside(db_path, f"DELETE FROM organisation WHERE id = {council.id}", f"DELETE FROM membership WHERE id = {seat.id}",
             "DELETE FROM setting WHERE key = 'partnership_name'")
    with pytest.raises(DatabaseError) as caught:
        check_file(db_path)
    words = str(caught.value)
    assert (f"(the membership number {seat.id}; the organisation “Brent Council”; the setting “Partnership name”): "
            "they were removed outside BSCP Desktop") in words
    assert f"organisation {council.id}" not in words
