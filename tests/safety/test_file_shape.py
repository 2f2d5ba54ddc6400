"""A file that records this version's schema but lacks a table or a column of it (dropped by
another program) is refused in one sentence naming what is missing: when it is opened, by the
checks after the window shows, and by `check`; nothing is written to it and no copy of it
joins the backups. Tables and columns beyond this version's are left alone."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from bscp_desktop.db import backup as backup_files
from bscp_desktop.db import file_shape
from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.services import memberships as ms
from tests.safety.helpers import assert_refused, cli, one_organisation_file, sql


@pytest.fixture
def sound(tmp_path, empty_file):
    return one_organisation_file(tmp_path / "bscp.sqlite3", empty_file)


DAMAGE = {
    "a table": ("DROP TABLE training_booking", "the table training_booking"),
    "a column": ("ALTER TABLE person DROP COLUMN email", "the column person.email"),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_opening_a_file_lacking_part_of_itself_is_refused_naming_it(sound, tmp_path, kind):
    statement, named = DAMAGE[kind]
    sql(sound, statement)
    before = sound.read_bytes()
    folder = tmp_path / "backups"
    with pytest.raises(DatabaseError) as refused:
        Database.open(sound, backup_folder=folder)
    text = str(refused.value)
    assert named in text and str(sound) in text and "restore a backup" in text
    assert "\n" not in text and "SELECT" not in text
    assert sound.read_bytes() == before
    assert not folder.exists() or backup_files.list_backups(folder, sound) == []
    # the lock was let go: the file can be handled again at once (and is refused again)
    with pytest.raises(DatabaseError, match=named):
        Database.open(sound)


def test_many_missing_parts_are_named_then_counted(sound):
    sql(sound, *(f"DROP TABLE {t}" for t in ("training_booking", "training_score", "training_evaluation",
                                           "expense", "other_income", "budget")))
    with pytest.raises(DatabaseError) as refused:
        Database.open(sound)
    text = str(refused.value)
    assert text.count("the table") == file_shape.NAMED and "and 2 more" in text


def test_tables_and_columns_beyond_this_versions_are_left_alone(sound):
    sql(sound, "CREATE TABLE notes_of_another_program (x TEXT)", "ALTER TABLE person ADD COLUMN nickname TEXT")
    with Database.open(sound) as db:
        assert [o.name for o in ms.list_organisations(db)] == ["Brent Council"]


def test_the_checks_after_the_window_shows_find_it_and_refuse_every_write(sound, tmp_path):
    sql(sound, "DROP TABLE training_booking")
    before = sound.read_bytes()
    folder = tmp_path / "backups"
    db = Database.open(sound, backup_folder=folder, check_later=True)
    try:
        problem = db.later.wait(60)
        assert "the table training_booking" in problem and "restore a backup" in problem
        with pytest.raises(DatabaseError, match="training_booking"):
            ms.create_organisation(db, ms.OrganisationFields("Written to a damaged file", "other"))
    finally:
        db.close()
    assert sound.read_bytes() == before
    assert not folder.exists() or backup_files.list_backups(folder, sound) == []


def test_check_names_what_is_missing(sound):
    sql(sound, "ALTER TABLE person DROP COLUMN email")
    assert_refused(cli("--db", sound, "check"), "the column person.email", "restore a backup")


def test_a_whole_file_has_nothing_missing(db_file):
    con = sqlite3.connect(db_file)  # a copy: never the run's template, which other workers copy
    try:
        assert file_shape.missing_parts(con) == []
    finally:
        con.close()


def test_a_backup_lacking_part_of_itself_is_not_restored_and_the_database_is_kept(sound, tmp_path, empty_file):
    backup = tmp_path / "backup-from-another-program.sqlite3"
    shutil.copyfile(empty_file, backup)
    sql(backup, "DROP TABLE training_booking")
    before = sound.read_bytes()
    result = cli("--db", sound, "restore", backup, data_dir=tmp_path / "data")
    assert_refused(result, "backup-from-another-program.sqlite3", "the table training_booking", "nothing was restored")
    assert sound.read_bytes() == before
    with Database.open(sound) as db:
        assert [o.name for o in ms.list_organisations(db)] == ["Brent Council"]
