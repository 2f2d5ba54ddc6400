"""Point 1 and 8 of data safety: upgrades all or nothing, backups only of files that open,
honest messages for files that are not (or not yet) this program's database."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bscp_desktop.db import backup as backup_files
from bscp_desktop.db import migrate
from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.db.file_check import check_file
from tests.safety.helpers import ROOT, assert_refused, cli, files_in, first_revision_file, sql


def dump(path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def half_upgraded(path):
    """What an earlier version left when killed part-way through 0001 -> 0002: a table of 0002
    committed on its own while the file still says 0001."""
    first_revision_file(path)
    sql(path, "CREATE TABLE meeting_series (id INTEGER NOT NULL PRIMARY KEY, title VARCHAR(200))")
    return path


@pytest.mark.slow
def test_check_reports_tables_of_a_later_revision_and_changes_nothing(tmp_path):
    path = half_upgraded(tmp_path / "half.sqlite3")
    before = files_in(tmp_path)
    line = assert_refused(cli("check", "--db", path, data_dir=tmp_path / "data"),
                          "schema 0001", "schema 0002", "meeting_series", "interrupted")
    assert "Restore" in line
    assert files_in(tmp_path) == before
    # Opening is refused with the same sentence, and no backup is taken of it.
    assert_refused(cli("export", "xlsx", "--db", path, "-o", tmp_path / "out.xlsx", data_dir=tmp_path / "data"),
                   "meeting_series")
    assert files_in(tmp_path) == before


def test_check_names_leftovers_of_an_interrupted_table_rebuild(tmp_path):
    path = first_revision_file(tmp_path / "rebuild.sqlite3")
    sql(path, "CREATE TABLE _alembic_tmp_action (id INTEGER PRIMARY KEY)")
    with pytest.raises(DatabaseError, match="table rebuild"):
        check_file(path)


def _good_backups(path, folder, count=10):
    now = datetime.now()
    made = []
    for i in range(count):
        made.append(backup_files.backup_database(path, folder, "startup", now=now - timedelta(minutes=count - i)))
    return sorted(p.name for p in made)


def test_failed_opens_never_rotate_good_backups_away(tmp_path):
    path = tmp_path / "bscp.sqlite3"
    folder = tmp_path / "backups"
    first_revision_file(path)
    good = _good_backups(path, folder)
    sql(path, "CREATE TABLE meeting_series (id INTEGER NOT NULL PRIMARY KEY)")
    for _ in range(12):  # today's tired user: start, fail, start again...
        with pytest.raises(DatabaseError, match="interrupted"):
            Database.open(path, backup_folder=folder)
    assert sorted(p.name for p in folder.iterdir()) == good


@pytest.mark.slow  # a file of the first revision upgraded through every migration, twelve times
def test_an_upgrade_that_fails_takes_no_backup_and_leaves_the_file(tmp_path, monkeypatch):
    path = tmp_path / "bscp.sqlite3"
    folder = tmp_path / "backups"
    first_revision_file(path)
    good = _good_backups(path, folder)
    before = dump(path)
    real_upgrade = migrate.upgrade

    def upgrade_then_fail(connection):
        real_upgrade(connection)
        raise RuntimeError("disk full")

    monkeypatch.setattr(migrate, "upgrade", upgrade_then_fail)
    for _ in range(12):
        with pytest.raises(DatabaseError, match="could not be upgraded.*left as it was"):
            Database.open(path, backup_folder=folder)
    assert dump(path) == before  # the same schema and rows (only its journal mode may differ)
    assert sorted(p.name for p in folder.iterdir()) == good  # no pending copies either
    monkeypatch.setattr(migrate, "upgrade", real_upgrade)
    Database.open(path, backup_folder=folder).close()
    after = sorted(p.name for p in folder.iterdir())
    assert len(after) == 10 and set(good[1:]) < set(after)  # a successful start joins the rotation


def test_opening_an_unchanged_file_again_does_not_churn_the_rotation(tmp_path):
    path = tmp_path / "bscp.sqlite3"
    folder = tmp_path / "backups"
    Database.open(path, backup_folder=folder).close()
    Database.open(path, backup_folder=folder).close()
    assert len(backup_files.list_backups(folder, path)) == 1
    old = (datetime.now() - timedelta(hours=1)).timestamp()
    os.utime(path, (old, old))  # nothing changed since the backup
    for _ in range(3):
        Database.open(path, backup_folder=folder).close()
        os.utime(path, (old, old))
    assert len(backup_files.list_backups(folder, path)) == 1
    from bscp_desktop.services import memberships as ms

    with Database.open(path, backup_folder=folder) as db:
        ms.create_organisation(db, ms.OrganisationFields("Changed", "other"))
    Database.open(path, backup_folder=folder).close()
    assert len(backup_files.list_backups(folder, path)) == 2


# ------------------------------------------------------------------ not this program's database


def _empty_sqlite(path):
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.execute("DROP TABLE t")
    con.commit()
    con.close()
    assert path.stat().st_size > 0


def _empty_alembic_version(path):
    Database.open(path).close()
    sql(path, "DELETE FROM alembic_version")


def _only_empty_alembic_version(path):
    sql(path, "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")


MAKERS = {
    "zero bytes": lambda p: p.write_bytes(b""),
    "empty SQLite file": _empty_sqlite,
    "empty alembic_version": _empty_alembic_version,
    "only an empty alembic_version": _only_empty_alembic_version,
}


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_empty_files_are_not_a_bscp_database_and_are_not_modified(tmp_path, kind):
    path = tmp_path / "x.sqlite3"
    MAKERS[kind](path)
    before = files_in(tmp_path)
    data = tmp_path / "data"
    csv = tmp_path / "people.csv"
    csv.write_text("Name\nAda\n", encoding="utf-8")
    before = files_in(tmp_path)
    for args in (
        ["check", "--db", path],
        ["export", "xlsx", "--db", path, "-o", tmp_path / "o.xlsx"],
        ["import", "people", csv, "--db", path],
        ["backup", "--db", path],
    ):
        line = assert_refused(cli(*args, data_dir=data), "not a BSCP Desktop database")
        assert "SELECT" not in line and "CREATE" not in line
        assert files_in(tmp_path) == before, args


@pytest.mark.parametrize("kind", ["empty SQLite file", "empty alembic_version", "only an empty alembic_version"])
def test_opening_an_empty_database_to_create_refuses_and_changes_nothing(tmp_path, kind):
    path = tmp_path / "x.sqlite3"
    MAKERS[kind](path)
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="not a BSCP Desktop database"):
        Database.open(path, create=True)
    assert path.read_bytes() == before


@pytest.fixture
def open_folder(tmp_path):
    """A temporary folder every user can reach. As root, not under pytest's own temporary root:
    any other test run that starts meanwhile makes that private again."""
    if os.name == "nt" or os.geteuid() != 0:
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="bscp-ro-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for p in folder.rglob("*"):
            if p.is_dir():
                p.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow  # the command line in new processes (as another user when root)
def test_a_healthy_database_in_a_read_only_folder_is_read_only_not_damaged(open_folder):
    tmp_path = open_folder
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "bscp.sqlite3"
    from bscp_desktop.services import memberships as ms

    with Database.open(path) as db:
        ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    user = None
    if os.name != "nt" and os.geteuid() == 0:
        user = "65534"  # root ignores permissions: ask as the unprivileged user "nobody"
        path.chmod(0o644)
        out_folder = tmp_path / "out"
        out_folder.mkdir(mode=0o777)
        out_folder.chmod(0o777)
    else:
        out_folder = tmp_path
    folder.chmod(0o555)
    before = files_in(folder)
    try:
        result = cli("export", "xlsx", "--db", path, "-o", out_folder / "x.xlsx",
                     data_dir=out_folder / "data", user=user)
        line = assert_refused(result, "read-only")
        assert "damaged" not in line
        checked = cli("check", "--db", path, data_dir=out_folder / "data", user=user)
        assert checked.returncode == 0, checked.stderr
        assert "healthy" in checked.stdout and "read-only" in checked.stdout
        assert files_in(folder) == before
    finally:
        folder.chmod(0o755)


# ------------------------------------------------------------------ a killed demo

DEMO_CHILD = r"""
import os, signal, sys
from sqlalchemy import event
from sqlalchemy.engine import Engine
from bscp_desktop.demo import build_demo

limit = int(sys.argv[2])
count = 0

@event.listens_for(Engine, "before_cursor_execute")
def _count(conn, cursor, statement, parameters, context, executemany):
    global count
    count += 1
    if count == limit:
        os.kill(os.getpid(), signal.SIGKILL)

build_demo(sys.argv[1])
print(count)
"""


@pytest.mark.slow  # the demo built in a new process, killed part-way
@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX only")
@pytest.mark.parametrize("limit", [40, 400, 1500])
def test_a_killed_demo_leaves_no_database_that_passes_check(tmp_path, limit):
    path = tmp_path / "demo.sqlite3"
    killed = subprocess.run([sys.executable, "-c", DEMO_CHILD, str(path), str(limit)],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert not path.exists()
    assert_refused(cli("check", "--db", path), "no database file")
    for left in tmp_path.iterdir():  # whatever the killed build left beside it never passes
        if left.is_file():
            assert cli("check", "--db", left).returncode == 2, left
    done = cli("demo", path)
    assert done.returncode == 0, done.stderr
    assert "healthy" in cli("check", "--db", path).stdout
