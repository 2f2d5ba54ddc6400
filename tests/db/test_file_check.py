"""`check` names the records removed or links broken outside the program, with the remedy, and
puts the change history's protection back before it reports anything else wrong."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest

from bscp_desktop.db.database import DatabaseError, HistoryTampered
from bscp_desktop.db.file_check import check_file
from bscp_desktop.db.lock import FileLock
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms


def _outside(path, *statements: str) -> None:
    """Statements run on the file by another program, which does not keep links."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = OFF")
    for sql in statements:
        con.execute(sql)
    con.commit()
    con.close()


def _council_and_person(db) -> tuple[int, int]:
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    person = ms.create_person(db, ms.PersonFields("Ann Smith", "Designated nurse", council.id, "a@example.org"))
    return council.id, person.id


def test_a_removed_record_others_point_at_is_named_rather_than_counted_as_broken_links(db, db_path):
    council, _person = _council_and_person(db)
    db.close()
    _outside(db_path, f"DELETE FROM organisation WHERE id = {council}")
    with pytest.raises(DatabaseError) as caught:
        check_file(db_path)
    message = str(caught.value)
    assert "(the organisation “Brent Council”)" in message and "removed outside BSCP Desktop" in message
    assert "restore a backup" in message and "broken link" not in message


def test_each_broken_link_names_its_table_row_and_the_missing_record(db, db_path):
    council, _person = _council_and_person(db)
    db.close()
    con = sqlite3.connect(db_path)
    columns = [r[1] for r in con.execute("PRAGMA table_info(person)")]
    con.close()
    copied = ", ".join({"id": "{id}", "organisation_id": "999"}.get(c, c) for c in columns)
    _outside(  # people written by another program, which the history knows nothing about
        db_path,
        *(
            f"INSERT INTO person SELECT {copied.format(id=900 + n)} FROM person WHERE organisation_id = {council}"
            for n in range(4)
        ),
    )
    with pytest.raises(DatabaseError) as caught:
        check_file(db_path)
    message = str(caught.value)
    assert "4 broken links" in message
    assert "person 900 points to organisation 999, which does not exist" in message
    assert "person 902" in message and "person 903" not in message and "and more" in message
    assert "restore a backup" in message


def _history_entry_deleted_without_protection(db, db_path) -> None:
    """Another program drops the trigger that stops deletes, then removes one history entry."""
    _council_and_person(db)
    db.close()
    _outside(db_path, "DROP TRIGGER change_record_no_delete",
             "DELETE FROM change_record WHERE id = (SELECT min(id) + 1 FROM change_record)")


def test_a_tampered_history_has_its_protection_put_back_before_it_is_reported(db, db_path):
    _history_entry_deleted_without_protection(db, db_path)
    with pytest.raises(HistoryTampered) as caught:
        check_file(db_path)
    message = str(caught.value)
    assert "tampered with" in message and "protection was missing (change_record_no_delete)" in message
    assert "has been put back" in message and "\n" not in message
    con = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="cannot be edited"):
            con.execute("DELETE FROM change_record WHERE id = (SELECT max(id) FROM change_record)")
    finally:
        con.close()


def test_protection_that_cannot_be_put_back_is_said_after_the_tampering(db, db_path):
    _history_entry_deleted_without_protection(db, db_path)
    window = FileLock.for_database(db_path)  # a window has the file open
    window.acquire()
    try:
        with pytest.raises(HistoryTampered) as caught:
            check_file(db_path)
    finally:
        window.release()
    message = str(caught.value)
    assert message.startswith("The change history has been tampered with")
    assert "The change history is not protected (missing change_record_no_delete); close BSCP Desktop" in message


def _forum_agenda(db) -> tuple[int, list[int]]:
    """A meeting with four agenda items, numbered 1 to 4 by the program: its id and theirs."""
    group = ms.create_group(db, ms.GroupFields("Safeguarding Children Forum", 2))
    m = mt.create_meeting(db, mt.MeetingFields(group.id, "Forum", datetime(2024, 3, 14, 10)))
    return m.id, [mt.add_agenda_item(db, m.id, mt.AgendaItemFields(title)).id
                  for title in ("Welcome", "Budget", "Neglect strategy", "Rapid review")]


def test_an_agenda_numbered_out_of_order_is_named_by_check(db, db_path):
    meeting, items = _forum_agenda(db)
    db.close()
    _outside(db_path, f"UPDATE agenda_item SET position = 2 WHERE id = {items[2]}",
             f"UPDATE agenda_item SET position = -5 WHERE id = {items[3]}")
    with pytest.raises(DatabaseError) as caught:
        check_file(db_path)
    message = str(caught.value)
    assert (f"meeting {meeting}: its agenda has an item at position -5 and 2 items at position 2, where its 4 "
            "items belong at 1 to 4, one at each") in message
    assert "restore a backup" in message and "healthy" not in message and "\n" not in message


def test_an_agenda_with_an_item_taken_off_it_is_healthy(db, db_path):
    _meeting, items = _forum_agenda(db)
    mt.archive_agenda_item(db, items[1])  # keeps its position 2; the rest are numbered 1 to 3 again
    db.close()
    assert "healthy" in check_file(db_path)
