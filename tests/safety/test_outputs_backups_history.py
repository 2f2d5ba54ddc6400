"""Points 2 to 5 of data safety through the command line: where outputs may go, backups kept
per database file, restores that check the backup first, and a history nobody can rewrite."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime, timedelta

import pytest

from bscp_desktop.db import backup as backup_files
from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.db.file_check import check_file
from bscp_desktop.services import backups
from bscp_desktop.services import memberships as ms
from tests.safety.helpers import assert_refused, cli, damaged_database, damaged_records, files_in, first_revision_file, one_organisation_file, sql


@pytest.fixture
def live(tmp_path, empty_file):
    """A database with a record, its data folder (backups), and nothing else open."""
    path = tmp_path / "work" / "bscp.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(empty_file, path)  # a new database (tests/conftest.py), built once per run
    data = tmp_path / "data"
    with Database.open(path) as db:
        ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    return path, data


# ------------------------------------------------------------------ 2. outputs


def _targets(path, data, tmp_path):
    backup = backups.backup_now(path, folder=data / "backups")
    other_db = tmp_path / "other.sqlite3"
    Database.open(other_db).close()
    fifo = tmp_path / "pipe.xlsx"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
    link = tmp_path / "link.xlsx"
    (tmp_path / "elsewhere.xlsx").write_bytes(b"keep me")
    link.symlink_to(tmp_path / "elsewhere.xlsx")
    side = {}
    for suffix in ("-wal", "-shm", ".lock"):
        p = path.with_name(path.name + suffix)
        p.write_bytes(b"working file " + suffix.encode())
        side[suffix] = p
    return {
        "the database": (path, "database itself"),
        "its -wal": (side["-wal"], "working files"),
        "its -shm": (side["-shm"], "working files"),
        "its lock": (side[".lock"], "working files"),
        "a backup": (backup, "backup folder"),
        "the backup folder": (data / "backups" / "new.xlsx", "backup folder"),
        "another database": (other_db, "is a database"),
        "a folder": (tmp_path, "folder"),
        "a device": (os.devnull, "not an ordinary file"),
        **({"a pipe": (fifo, "not an ordinary file")} if hasattr(os, "mkfifo") else {}),
        "a symbolic link": (link, "symbolic link"),
    }


@pytest.mark.slow  # the program in a new process for each target; the test below is the fast check
def test_outputs_never_land_on_the_database_its_files_backups_or_odd_files(live, tmp_path):
    path, data = live
    targets = _targets(path, data, tmp_path)
    snapshot = {name: (p.read_bytes() if p.is_file() and not p.is_symlink() else None) for name, (p, _) in targets.items()
                if os.path.exists(p) and not str(p) == os.devnull and not p.is_fifo()}
    for name, (target, words) in targets.items():
        for args in (["export", "xlsx", "--db", path, "-o", target],
                     ["report", "actions", "--xlsx", "--db", path, "-o", target]):
            assert_refused(cli(*args, data_dir=data, process=True), words)
        if name in snapshot and snapshot[name] is not None:
            assert target.read_bytes() == snapshot[name], name
    link = targets["a symbolic link"][0]
    assert link.is_symlink() and (tmp_path / "elsewhere.xlsx").read_bytes() == b"keep me"
    assert "healthy" in check_file(path)


def test_template_and_backup_copies_follow_the_same_rule(live, tmp_path):
    path, data = live
    before = path.read_bytes()
    assert_refused(cli("template", "people", "-o", path.with_name(path.name + "-wal"), data_dir=data), "database")
    assert_refused(cli("backup", "--db", path, "-o", path, data_dir=data), "database itself")
    assert path.read_bytes() == before


@pytest.mark.slow
def test_the_command_line_replaces_an_ordinary_file_whole(live, tmp_path):
    path, data = live
    out = tmp_path / "Organisations.xlsx"
    out.write_bytes(b"last week's export")
    result = cli("export", "xlsx", "--db", path, "-o", out, data_dir=data)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"PK")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# ------------------------------------------------------------------ 3. backups per file


@pytest.mark.slow
def test_two_databases_of_the_same_name_keep_separate_rotations_and_restore_lists(tmp_path):
    data = tmp_path / "data"
    folder = data / "backups"
    a = tmp_path / "office" / "bscp.sqlite3"
    b = tmp_path / "laptop" / "bscp.sqlite3"
    for path, name in ((a, "Office record"), (b, "Laptop record")):
        path.parent.mkdir()
        with Database.open(path) as db:
            ms.create_organisation(db, ms.OrganisationFields(name, "other"))
    only_b = backup_files.backup_database(b, folder, "manual")
    now = datetime.now()
    for i in range(15):  # A's rotation fills up and turns over...
        backup_files.backup_database(a, folder, "manual", now=now + timedelta(seconds=i + 1))
    assert only_b.exists()  # ...without touching B's
    list_a, list_b = backups.list_backups(a, folder), backups.list_backups(b, folder)
    assert len(list_a) == backup_files.KEEP_LATEST and [x.path for x in list_b] == [only_b]
    assert not {x.path for x in list_a} & {x.path for x in list_b}
    assert all(x.path.name.startswith("bscp-") for x in list_a + list_b)
    # Restore lists (command line) show each file's own backups only.
    shown_a = cli("restore", "--db", a, data_dir=data)
    shown_b = cli("restore", "--list", "--db", b, data_dir=data)
    assert shown_a.returncode == 0 and shown_b.returncode == 0
    assert str(only_b) not in shown_a.stdout and str(only_b) in shown_b.stdout
    assert all(str(x.path) in shown_a.stdout for x in list_a)
    # Restoring B from its own backup brings back B's record, not A's.
    with Database.open(b) as db:
        ms.create_organisation(db, ms.OrganisationFields("Added later", "other"))
    assert cli("restore", only_b, "--db", b, data_dir=data).returncode == 0
    with Database.open(b) as db:
        assert [o.name for o in ms.list_organisations(db)] == ["Laptop record"]


@pytest.mark.slow
def test_backups_made_by_an_earlier_version_stay_listed_and_restorable(live, tmp_path):
    path, data = live
    folder = data / "backups"
    folder.mkdir(parents=True)
    old = folder / "bscp-20240401-093000-123456-startup.sqlite3"
    backup_files.copy_database(path, old)
    other = folder / "minutes-20240401-093000-123456-startup.sqlite3"
    backup_files.copy_database(path, other)
    found = backups.list_backups(path, folder)
    assert [b.path for b in found] == [old] and found[0].legacy and "earlier version" in found[0].label()
    for i in range(15):
        backup_files.backup_database(path, folder, "manual", now=datetime.now() + timedelta(seconds=i))
    assert old.exists()  # never rotated away: it may belong to another file of the same name
    assert backups.list_backups(path, folder)[-1].path == old
    assert backups.restore_backup(old, path, folder) is not None


# ------------------------------------------------------------------ 4. restore checks


def _foreign(p):
    con = sqlite3.connect(p)
    con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, caption TEXT)")
    con.commit()
    con.close()


def _damaged_schema(p):
    damaged_database(p)
    data = bytearray(p.read_bytes())
    data[3000:4000] = b"x" * 1000  # the table definitions on the first page
    p.write_bytes(bytes(data))


def _newer(p):
    Database.open(p).close()
    sql(p, "UPDATE alembic_version SET version_num = '9999'")


def _no_version(p):
    Database.open(p).close()
    sql(p, "DELETE FROM alembic_version")


def _half(p):
    first_revision_file(p)
    sql(p, "CREATE TABLE meeting_series (id INTEGER PRIMARY KEY)")


BAD_BACKUPS = {
    "text": (lambda p: p.write_text("hello"), "not a BSCP Desktop database"),
    "empty": (lambda p: p.write_bytes(b""), "not a BSCP Desktop database"),
    "another program's": (_foreign, "another program"),
    "damaged": (damaged_database, "damaged"),
    "damaged schema": (_damaged_schema, "damaged"),
    "newer": (_newer, "newer version"),
    "without a version": (_no_version, "not a BSCP Desktop database"),
    "half upgraded": (_half, "interrupted"),
}


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(BAD_BACKUPS))
def test_restore_refuses_a_bad_backup_in_one_sentence_and_changes_nothing(live, tmp_path, kind):
    path, data = live
    make, words = BAD_BACKUPS[kind]
    bad = tmp_path / "bad.sqlite3"
    make(bad)
    work_before = files_in(path.parent)
    bad_before = bad.read_bytes()
    line = assert_refused(cli("restore", bad, "--db", path, data_dir=data), words, "nothing was restored")
    assert "SELECT" not in line
    assert files_in(path.parent) == work_before  # no temporary copies left either
    assert bad.read_bytes() == bad_before
    assert not (data / "backups").exists() or not any((data / "backups").iterdir())


@pytest.mark.slow
def test_restore_checks_and_upgrades_an_older_backup_before_swapping_it_in(live, tmp_path):
    path, data = live
    old = first_revision_file(tmp_path / "old-backup.sqlite3")
    result = cli("restore", old, "--db", path, data_dir=data)
    assert result.returncode == 0, result.stderr
    assert "previous file was kept" in result.stdout
    assert "up to date" in check_file(path)
    with Database.open(path) as db:
        assert {o.name for o in ms.list_organisations(db)} == {"Brent Council", "Ó Súilleabháin Trust"}
    kept = backups.list_backups(path, data / "backups")
    assert [b.reason for b in kept] == ["before_restore"]
    with Database.open(kept[0].path, lock=False) as db:
        assert [o.name for o in ms.list_organisations(db)] == ["Brent Council"]


@pytest.mark.slow
def test_restore_over_a_damaged_database_keeps_the_damaged_file_aside(tmp_path):
    path = tmp_path / "bscp.sqlite3"
    damaged_database(path)
    good = tmp_path / "good.sqlite3"
    with Database.open(good) as db:
        ms.create_organisation(db, ms.OrganisationFields("Good", "other"))
    damaged = path.read_bytes()
    folder = tmp_path / "backups"
    kept = backups.restore_backup(good, path, folder)
    assert kept.read_bytes() == damaged and kept.suffix == ".damaged"
    assert backups.list_backups(path, folder) == []  # the damaged copy is not in the rotation
    with Database.open(path) as db:
        assert [o.name for o in ms.list_organisations(db)] == ["Good"]


def test_restore_over_a_database_cut_short_puts_the_backup_in_its_place(tmp_path, empty_file):
    good = one_organisation_file(tmp_path / "good.sqlite3", empty_file)
    path = tmp_path / "bscp.sqlite3"
    path.write_bytes(good.read_bytes()[:20_000])  # cut short: SQLite cannot even write into it
    (tmp_path / "bscp.sqlite3-wal").write_bytes(b"not a journal SQLite can use")  # never applied to the backup
    cut = path.read_bytes()
    folder = tmp_path / "backups"
    result = cli("restore", good, "--db", path, data_dir=tmp_path / "data")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result
    kept = next(folder.glob("*.damaged")) if folder.exists() else next((tmp_path / "data").rglob("*.damaged"))
    assert kept.read_bytes() == cut  # kept aside as it was
    with Database.open(path) as db:
        assert [o.name for o in ms.list_organisations(db)] == ["Brent Council"]
    assert "healthy" in check_file(path)


@pytest.mark.parametrize("kind", ["a text file", "a folder"])
def test_restore_is_never_written_over_something_that_is_not_a_database(tmp_path, empty_file, kind):
    good = one_organisation_file(tmp_path / "good.sqlite3", empty_file)
    target = tmp_path / "notes.txt"
    if kind == "a folder":
        target.mkdir()
        words = "is a folder"
    else:
        target.write_text("My notes, not a database\n")
        words = "is not a BSCP Desktop database"
    before = files_in(tmp_path)
    assert_refused(cli("restore", good, "--db", target, data_dir=tmp_path / "data"), words)
    assert files_in(tmp_path) == before


@pytest.mark.slow
def test_a_file_damaged_in_many_places_is_refused_in_one_short_sentence(tmp_path):
    path = damaged_records(tmp_path / "bscp.sqlite3")
    line = assert_refused(cli("check", "--db", path), "is damaged (", "more problem", "(bscp-desktop restore)")
    assert len(line) < 400 and "***" not in line and "File menu" not in line, line


def test_integrity_words_name_the_first_problem_and_count_the_rest():
    assert backup_files.integrity_words([("ok",)]) == "ok"
    listed = [("*** in database main ***\nOn tree page 3 cell 0: bad\nOn tree page 4 cell 1: worse",),
              ("Page 9 is never used",)]
    assert backup_files.integrity_words(listed) == "On tree page 3 cell 0: bad, and 2 more problems"
    assert backup_files.integrity_words([("row 1 missing from index x",)]) == "row 1 missing from index x"


# ------------------------------------------------------------------ 5. history


@pytest.mark.parametrize("verb", ["REPLACE INTO", "INSERT OR REPLACE INTO"])
def test_history_cannot_be_replaced(live, verb):
    path, _ = live
    con = sqlite3.connect(path)
    first = con.execute("SELECT id, new_value FROM change_record ORDER BY id").fetchone()
    with pytest.raises(sqlite3.DatabaseError, match="cannot be edited"):
        con.execute(
            f"{verb} change_record (id, changed_at, changed_by, table_name, record_id, action, field, new_value) "
            f"VALUES ({first[0]}, '2020-01-01', 'x', 'organisation', 1, 'insert', 'name', 'Forged')"
        )
    con.rollback()
    assert con.execute("SELECT new_value FROM change_record WHERE id = ?", (first[0],)).fetchone()[0] == first[1]
    con.close()


def test_check_puts_back_missing_protection_and_says_so(live):
    path, data = live
    sql(path, "DROP TRIGGER change_record_no_replace", "DROP TRIGGER change_record_no_delete")
    result = cli("check", "--db", path, data_dir=data)
    assert result.returncode == 0, result.stderr
    assert "put back" in result.stdout and "change_record_no_delete" in result.stdout
    again = cli("check", "--db", path, data_dir=data)
    assert again.returncode == 0 and "put back" not in again.stdout
    con = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="cannot be edited"):
        con.execute("DELETE FROM change_record")
    con.close()


def test_check_reports_history_about_records_removed_outside_the_program(live):
    path, data = live
    with Database.open(path) as db:
        org = ms.create_organisation(db, ms.OrganisationFields("Removed by hand", "other"))
    sql(path, f"DELETE FROM organisation WHERE id = {org.id}")
    before = path.read_bytes()
    assert_refused(cli("check", "--db", path, data_dir=data), "no longer exist", "the organisation “Removed by hand”")
    assert path.read_bytes() == before


def test_records_the_program_deletes_do_not_upset_check(live):
    path, _ = live
    from bscp_desktop.db.models import Organisation

    with Database.open(path) as db:
        org = ms.create_organisation(db, ms.OrganisationFields("Short-lived", "other"))
        with db.unit_of_work() as session:
            session.delete(session.get(Organisation, org.id))
    assert "healthy" in check_file(path)


def test_check_on_a_locked_file_with_missing_protection_says_what_to_do(live):
    path, _ = live
    sql(path, "DROP TRIGGER change_record_no_update")
    with Database.open(path) as db:  # opening puts it back at once
        assert db.path == path
    assert "put back" not in check_file(path)
    sql(path, "DROP TRIGGER change_record_no_update")
    from bscp_desktop.db.lock import FileLock

    lock = FileLock(path.with_name(path.name + ".lock"))
    lock.acquire()
    try:
        with pytest.raises(DatabaseError, match="close BSCP Desktop"):
            check_file(path)
    finally:
        lock.release()


@pytest.mark.slow
def test_history_of_a_kind_of_record_an_upgrade_retired_is_not_a_loss(tmp_path):
    """Training's own list of other names moved to the shared list (revision 0013) and its table
    went: the history about those names is not records removed outside the program."""
    from alembic import command

    from bscp_desktop.db import migrate
    from bscp_desktop.db.database import migration_engine, sqlite_url
    from tests.safety.helpers import sql as run_sql

    path = first_revision_file(tmp_path / "old.sqlite3")
    run_sql(path, "INSERT INTO change_record (id, changed_at, changed_by, table_name, record_id, action, field, "
                  "old_value, new_value) VALUES (3, '2024-01-03 09:00:00', 'officer', 'training_organisation_alias', "
                  "1, 'insert', 'alias', NULL, 'Brent LA')")
    engine = migration_engine(sqlite_url(path))
    try:
        with engine.begin() as conn:
            command.upgrade(migrate.alembic_config(conn), "0006")
    finally:
        engine.dispose()
    run_sql(path, "INSERT INTO training_organisation_alias (id, alias, alias_key, organisation_id, created_at, "
                  "updated_at) VALUES (1, 'Brent LA', 'brent la', 1, '2024-01-03 09:00:00', '2024-01-03 09:00:00')")
    with Database.open(path) as db:
        assert "Brent LA" in {a for o in ms.list_organisations(db) for a in o.aliases}
    assert "healthy" in check_file(path)
