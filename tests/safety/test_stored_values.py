"""`check` reads every stored value against its column: a value written by another program
that this version cannot read (a date that is not one, text in a number, a choice it does not
know, bytes in a name) is named, with its record, and the file is not called healthy. Values
this version reads, even when not written the program's own way, are left alone; so is the
change history, which its chain protects."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from bscp_desktop.db.base import Base
from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.db.file_check import check_file
from bscp_desktop.db.models import load_all
from bscp_desktop.services import actions
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from tests.safety.helpers import assert_refused, cli, one_organisation_file, sql, values_problem


@pytest.fixture
def sound(tmp_path, empty_file):
    """A file at this version's schema holding an organisation, a person, a group, an action and
    a contribution, each written by the program."""
    path = one_organisation_file(tmp_path / "bscp.sqlite3", empty_file)
    with Database.open(path) as db:
        person = ms.create_person(db, ms.PersonFields("Zoë Adébáyọ̀", organisation_id=1))
        ms.create_group(db, ms.GroupFields("Executive Group", tier=1, needs_agreement=True, frequency="quarterly"))
        actions.create_action(db, actions.ActionFields("Refresh the escalation policy", owner_person_id=person.id,
                                                       due_date=date(2024, 6, 30)))
        fin.create_contribution(db, fin.ContributionFields(2024, 1, agreed=Decimal("12500.00")))
    return path


def problem(path) -> str:
    return values_problem(path)


BAD = {
    "a date": ("UPDATE action SET due_date = 'not a date'", "action 1: due_date holds 'not a date' (not a date)"),
    "a day the month lacks": ("UPDATE action SET due_date = '2024-02-30'", "due_date holds '2024-02-30' (not a date)"),
    "a date as a number": ("UPDATE action SET due_date = 45000", "due_date holds 45000 (not a date)"),
    "a date and time": ("UPDATE organisation SET created_at = 'yesterday'",
                        "organisation 1: created_at holds 'yesterday' (not a date and time)"),
    "a date as digits (stored as a number)": ("UPDATE action SET due_date = '20240630'", "due_date holds 20240630"),
    "a number": ("UPDATE partnership_group SET quorum = 'three'", "partnership_group 1: quorum holds 'three' (not a whole number)"),
    "a count": ("UPDATE partnership_group SET tier = 1.5", "tier holds 1.5 (not a whole number)"),
    "an amount": ("UPDATE contribution SET agreed = 'abc'", "contribution 1: agreed holds 'abc' (not a whole number)"),
    "an amount with a fraction of a penny": ("UPDATE contribution SET agreed = 12.5", "agreed holds 12.5"),
    "yes or no": ("UPDATE partnership_group SET needs_agreement = 7", "needs_agreement holds 7 (not yes or no)"),
    "a choice": ("UPDATE action SET status = 'exploded'", "action 1: status holds 'exploded' (not one of its choices)"),
    "a choice left blank that must be given": ("UPDATE action SET status = ''", "status holds '' (not one of its choices)"),
    "a choice in capitals": ("UPDATE organisation SET kind = 'LOCAL_AUTHORITY'", "kind holds 'LOCAL_AUTHORITY'"),
    "bytes for a name": ("UPDATE person SET name = X'DEADBEEF'", "person 1: name holds b'\\xde\\xad\\xbe\\xef' (not text)"),
}


@pytest.mark.parametrize("kind", BAD)
def test_a_value_this_version_cannot_read_is_named_by_check(sound, kind):
    statement, named = BAD[kind]
    sql(sound, statement)
    before = sound.read_bytes()
    with pytest.raises(DatabaseError) as refused:
        check_file(sound)
    text = str(refused.value)
    assert named in text, text
    assert str(sound) in text and "cannot read" in text and "restore a backup" in text.lower()
    assert "\n" not in text and "SELECT" not in text and "healthy" not in text
    assert sound.read_bytes() == before  # check changes nothing


def test_the_command_line_refuses_it_in_one_sentence(sound):
    sql(sound, "UPDATE action SET status = 'exploded'")
    line = assert_refused(cli("--db", sound, "check"), "action 1: status holds 'exploded'",
                          "restore a backup (bscp-desktop restore)")
    assert "File menu" not in line  # the command line's own advice, not the window's


def test_a_sound_file_is_still_healthy(sound):
    assert problem(sound) == ""
    assert "healthy" in check_file(sound)


READABLE = {
    "a blank choice that may be blank": "UPDATE partnership_group SET frequency = ''",
    "a time written with a T": "UPDATE organisation SET created_at = '2024-01-02T09:00:00'",
    "a time without its seconds' fraction": "UPDATE organisation SET updated_at = '2024-01-02 09:00:00'",
    "no date at all where none is needed": "UPDATE action SET due_date = NULL",
    "a number given as text": "UPDATE partnership_group SET tier = '2'",  # SQLite stores it as a number
}


@pytest.mark.parametrize("kind", READABLE)
def test_values_this_version_reads_are_left_alone(sound, kind):
    sql(sound, READABLE[kind])
    assert problem(sound) == ""
    with Database.open(sound) as db:  # and they really do read
        assert ms.list_groups(db) and actions.list_actions(db) and ms.list_organisations(db)


def test_many_values_are_named_then_counted(sound):
    sql(sound, "UPDATE action SET status = 'x', due_date = 'y', evidence = X'00'",
        "UPDATE person SET organisation_id = 'z'", "UPDATE partnership_group SET needs_agreement = 9")
    text = problem(sound)
    assert text.count(" holds ") == 3 and text.endswith("; and 2 more"), text


def _rule_taken_away(path, table: str, column: str, was: str, now: str) -> None:
    """As a database browser's "modify table" does: the column's NOT NULL removed from the file's schema."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA writable_schema=ON")
        changed = con.execute("UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = ?",
                              (f"{column} {was}", f"{column} {now}", table)).rowcount
        assert changed == 1
        version = con.execute("PRAGMA schema_version").fetchone()[0]
        con.execute(f"PRAGMA schema_version={version + 1}")
        con.execute("PRAGMA writable_schema=OFF")
        con.commit()
    finally:
        con.close()


def test_nothing_where_every_record_must_have_a_value_is_named_by_check(sound):
    """NOT NULL taken away from a column and NULL stored: check called the file healthy, and the
    window failed on the record ('NoneType' object has no attribute 'casefold')."""
    _rule_taken_away(sound, "action", "description", "TEXT NOT NULL", "TEXT")
    _rule_taken_away(sound, "partnership_group", "tier", "INTEGER NOT NULL", "INTEGER")
    sql(sound, "UPDATE action SET description = NULL, due_date = NULL", "UPDATE partnership_group SET tier = NULL")
    assert problem(sound) == "action 1: description is empty; partnership_group 1: tier is empty"
    with pytest.raises(DatabaseError) as refused:
        check_file(sound)
    text = str(refused.value)
    assert "action 1: description is empty" in text and "due_date" not in text and "healthy" not in text


def test_the_change_history_is_left_to_its_chain(sound):
    sql(sound, "INSERT INTO change_record (changed_at, changed_by, table_name, record_id, action, field) "
               "VALUES ('not a time', 'someone', 'person', 1, 'update', 'name')")
    assert problem(sound) == ""


@pytest.mark.slow
def test_an_older_file_is_read_as_it_will_be_once_upgraded(tmp_path):
    from tests.safety.helpers import first_revision_file

    path = first_revision_file(tmp_path / "old.sqlite3")
    assert "will be upgraded" in check_file(path)


def test_every_choice_column_allows_its_default():
    load_all()
    declared = [column for table in Base.metadata.tables.values() for column in table.columns
                if "choices" in column.info]
    assert len(declared) >= 30
    for column in declared:
        default = column.default.arg if column.default is not None else None
        if isinstance(default, str):
            assert default in column.info["choices"], column
