"""Triggers in a file: one the program did not make (another program's, which could throw away
new entries of the change history or change other records whenever one is saved) is refused in
one sentence when the file is opened, by the checks after the window shows, by `check` and by a
restore; the history's own triggers are compared by what they do, not only by name, and put
back as the program makes them when they differ."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from bscp_desktop.db import history
from bscp_desktop.db.database import Database, DatabaseError, read_state
from bscp_desktop.db.file_check import check_file
from bscp_desktop.services import memberships as ms
from tests.safety.helpers import assert_refused, cli, first_revision_file, one_organisation_file, sql

QUIET = ("CREATE TRIGGER zz_quiet BEFORE INSERT ON change_record WHEN NEW.table_name <> 'setting' "
         "BEGIN SELECT RAISE(IGNORE); END")
REWRITE = ("CREATE TRIGGER zz_rewrite AFTER INSERT ON organisation "
           "BEGIN UPDATE organisation SET name = 'Rewritten by a trigger'; END")
NEUTERED = {
    "change_record_no_delete": "CREATE TRIGGER change_record_no_delete BEFORE DELETE ON change_record WHEN 0 BEGIN SELECT 1; END",
    "change_record_no_update": "CREATE TRIGGER change_record_no_update BEFORE UPDATE ON change_record WHEN 0 BEGIN SELECT 1; END",
}


@pytest.fixture
def sound(tmp_path, empty_file):
    return one_organisation_file(tmp_path / "bscp.sqlite3", empty_file)


def _triggers(path) -> dict[str, str]:
    con = sqlite3.connect(path)
    try:
        return dict(con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall())
    finally:
        con.close()


def _history_count(path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM change_record").fetchone()[0]
    finally:
        con.close()


def test_a_new_file_holds_only_the_triggers_the_program_makes(db_file):
    """Read from a copy: the run's template opened by a test would have its working files
    beside it while another worker copies it (tests/built_once.py)."""
    assert set(_triggers(db_file)) == set(history.MADE)
    assert all(" ".join(_triggers(db_file)[name].split()) == " ".join(sql_.split()) for name, sql_ in history.MADE.items())
    con = sqlite3.connect(db_file)
    try:
        assert history.unknown_triggers(con) == [] and history.missing_protection(con) == []
    finally:
        con.close()


def test_opening_a_file_with_a_trigger_of_another_program_is_refused_in_one_sentence(sound):
    sql(sound, QUIET, REWRITE)
    before = sound.read_bytes()
    with pytest.raises(DatabaseError) as refused:
        Database.open(sound)
    text = str(refused.value)
    assert str(sound) in text and "zz_quiet, zz_rewrite" in text and "did not make" in text
    assert "without a record in the change history" in text and "restore a backup" in text
    assert "\n" not in text and "RAISE" not in text
    assert sound.read_bytes() == before


def test_the_checks_after_the_window_shows_refuse_every_write_to_it(sound):
    sql(sound, REWRITE)
    entries = _history_count(sound)
    db = Database.open(sound, check_later=True)
    try:
        assert "zz_rewrite" in db.later.wait(60)
        with pytest.raises(DatabaseError, match="zz_rewrite"):
            ms.create_organisation(db, ms.OrganisationFields("Written past a trigger", "other"))
    finally:
        db.close()
    assert _history_count(sound) == entries


def test_check_names_the_trigger_and_says_to_restore_a_backup(sound):
    sql(sound, QUIET)
    with pytest.raises(DatabaseError, match="zz_quiet"):
        check_file(sound)
    assert_refused(cli("--db", sound, "check"), "zz_quiet", "without a record in the change history", "restore a backup")


@pytest.mark.slow
def test_an_import_never_runs_it(sound, tmp_path):
    sql(sound, QUIET)
    rows = tmp_path / "organisations.csv"
    rows.write_text("Name,Short name,Kind\nAcme Safeguarding Ltd,ACME,voluntary\n", encoding="utf-8")
    entries = _history_count(sound)
    assert_refused(cli("--db", sound, "import", "organisations", rows), "zz_quiet")
    assert _history_count(sound) == entries


@pytest.mark.slow
def test_a_file_of_an_earlier_schema_is_refused_before_it_is_upgraded(tmp_path):
    old = first_revision_file(tmp_path / "old.sqlite3")
    plain = tmp_path / "plain.sqlite3"
    shutil.copyfile(old, plain)
    # the search index's trigger is made by a later revision: at the first one, not the program's
    sql(old, "CREATE TRIGGER history_search_add AFTER INSERT ON change_record BEGIN SELECT 1; END")
    con = sqlite3.connect(old)
    try:
        assert history.unknown_triggers(con) == ["history_search_add"]
    finally:
        con.close()
    with pytest.raises(DatabaseError, match="history_search_add"):
        Database.open(old)
    assert read_state(old)[1].version == "0001"  # not upgraded
    Database.open(plain).close()  # the triggers its upgrade makes are the program's own
    assert set(_triggers(plain)) == set(history.MADE)


def test_a_backup_holding_one_is_not_restored(sound, tmp_path, empty_file):
    backup = tmp_path / "with-a-trigger.sqlite3"
    shutil.copyfile(empty_file, backup)
    sql(backup, REWRITE)
    before = sound.read_bytes()
    result = cli("--db", sound, "restore", backup, data_dir=tmp_path / "data")
    assert_refused(result, "with-a-trigger.sqlite3", "zz_rewrite", "nothing was restored")
    assert sound.read_bytes() == before


def test_protection_that_never_fires_is_put_back_by_check(sound):
    sql(sound, *(f"DROP TRIGGER {name}" for name in NEUTERED), *NEUTERED.values())
    report = check_file(sound)
    assert "protection was missing" in report and "change_record_no_delete" in report and "has been put back" in report
    con = sqlite3.connect(sound)
    try:
        assert history.missing_protection(con) == []
        with pytest.raises(sqlite3.DatabaseError, match="cannot be edited"):
            con.execute("DELETE FROM change_record")
        with pytest.raises(sqlite3.DatabaseError, match="cannot be edited"):
            con.execute("UPDATE change_record SET changed_by = 'someone else'")
    finally:
        con.close()


def test_protection_that_never_fires_is_put_back_at_opening(sound):
    sql(sound, "DROP TRIGGER change_record_no_delete", NEUTERED["change_record_no_delete"])
    assert not read_state(sound)[1].settled
    Database.open(sound).close()
    assert _triggers(sound)["change_record_no_delete"] == history.PROTECTION["change_record_no_delete"]
    assert read_state(sound)[1].settled


def test_a_search_index_trigger_doing_something_else_is_made_again(sound):
    sql(sound, "DROP TRIGGER history_search_add",
        "CREATE TRIGGER history_search_add AFTER INSERT ON change_record BEGIN DELETE FROM organisation; END")
    con = sqlite3.connect(sound)
    try:
        assert history.missing_protection(con) == ["history_search_add"]
    finally:
        con.close()
    Database.open(sound).close()
    assert _triggers(sound)["history_search_add"] == history.MADE["history_search_add"]
    with Database.open(sound) as db:
        ms.create_organisation(db, ms.OrganisationFields("Acme Safeguarding", "other"))
        assert [o.name for o in ms.list_organisations(db)] == ["Acme Safeguarding", "Brent Council"]
