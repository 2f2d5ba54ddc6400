"""Opening databases safely: schema, pragmas, bad files, one instance per file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from bscp_desktop.db import migrate
from bscp_desktop.db.base import Base
from bscp_desktop.db.database import Database, DatabaseError, DatabaseInUse
from bscp_desktop.db.file_check import check_file


@pytest.mark.slow
@pytest.mark.migrations
def test_upgrading_an_empty_file_matches_the_models(tmp_path):
    path = tmp_path / "empty.sqlite3"
    Database.open(path).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
        assert migrate.current_revision(conn) == migrate.head_revision()
    engine.dispose()
    # the history's full-text index (FTS5 virtual table and its shadow tables) has no model
    diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith("history_search"))]
    # so has the full-text search index (db.search: FTS5 table, its shadow tables and entries)
    diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith("search_"))]
    assert diff == []


@pytest.mark.slow
def test_migrations_have_one_head_and_downgrade_cleanly(tmp_path):
    from alembic import command

    path = tmp_path / "down.sqlite3"
    Database.open(path).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "base")
    with engine.connect() as conn:
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
    engine.dispose()
    assert tables <= {"alembic_version"}


def test_every_connection_has_the_pragmas(db):
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 1000


def test_change_history_cannot_be_edited(db):
    from bscp_desktop.services import memberships as ms

    ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    con = sqlite3.connect(db.path)
    with pytest.raises(sqlite3.DatabaseError, match="cannot be edited"):
        con.execute("UPDATE change_record SET new_value = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="cannot be edited"):
        con.execute("DELETE FROM change_record")
    con.close()


def test_second_open_of_the_same_file_is_refused_and_first_untouched(db, db_path):
    with pytest.raises(DatabaseInUse, match="already open"):
        Database.open(db_path)
    with db.unit_of_work() as s:
        assert s.execute(text("SELECT count(*) FROM organisation")).scalar() == 0


@pytest.mark.slow  # a new Python process takes the lock and dies
def test_lock_is_released_when_the_process_dies(tmp_path):
    path = tmp_path / "crash.sqlite3"
    code = (
        "import os, sys; from bscp_desktop.db.database import Database;"
        f"Database.open(r'{path}'); print('open', flush=True); os._exit(0)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "open" in out.stdout
    Database.open(path).close()


def _refused(path, match):
    before = path.read_bytes() if path.exists() else None
    with pytest.raises(DatabaseError, match=match):
        Database.open(path)
    if before is not None:
        assert path.read_bytes() == before, "the file must never be overwritten"


def test_not_a_database_is_refused(tmp_path):
    path = tmp_path / "minutes.docx"
    path.write_bytes(b"PK\x03\x04 this is a word document" * 100)
    _refused(path, "not a BSCP Desktop database")


def test_truncated_database_is_refused(tmp_path):
    path = tmp_path / "t.sqlite3"
    Database.open(path).close()
    data = path.read_bytes()
    path.write_bytes(data[:300])
    _refused(path, "damaged")


@pytest.mark.slow
def test_corrupt_database_is_refused(tmp_path):
    path = tmp_path / "c.sqlite3"
    with Database.open(path) as db:
        from bscp_desktop.services import memberships as ms

        for i in range(200):
            ms.create_organisation(db, ms.OrganisationFields(f"Organisation {i}", "other"))
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 1024):
        data[offset:offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    _refused(path, "damaged|not a database")


def test_another_programs_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    _refused(path, "another program")


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "newer.sqlite3"
    Database.open(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    _refused(path, "newer version")


def test_missing_folder_is_refused(tmp_path):
    path = tmp_path / "no" / "such" / "folder" / "x.sqlite3"
    _refused(path, "does not exist")
    assert not path.parent.exists()


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_file_is_refused(tmp_path):
    path = tmp_path / "ro.sqlite3"
    Database.open(path).close()
    path.chmod(0o444)
    try:
        _refused(path, "read-only")
    finally:
        path.chmod(0o644)


def test_read_only_check_uses_access(tmp_path, monkeypatch):
    """Root ignores permissions, so the read-only branch is also tested through os.access."""
    path = tmp_path / "ro2.sqlite3"
    Database.open(path).close()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) == str(path) and mode == os.W_OK else real_access(p, mode))
    _refused(path, "read-only")


def _read_only(monkeypatch, *paths):
    real_access = os.access
    names = {str(p) for p in paths}
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) in names and mode == os.W_OK else real_access(p, mode))


def test_reading_a_read_only_file_leaves_nothing_beside_it(tmp_path, monkeypatch):
    """SQLite reading a file in write-ahead-log mode read-only makes -wal and -shm files it may
    not remove; read-only like the file, they would stop every save once it is writable again."""
    path = tmp_path / "ro3.sqlite3"
    Database.open(path).close()
    _read_only(monkeypatch, path)
    said = check_file(path)
    assert "read-only here, so the program will not open it" in said and "can be read" not in said
    with pytest.raises(DatabaseError, match="is read-only"):  # as check says: not opened, to read or to change
        Database.open(path)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == ["ro3.sqlite3"]


def test_a_read_only_working_file_beside_the_database_is_named(tmp_path, monkeypatch):
    path = tmp_path / "ro4.sqlite3"
    Database.open(path).close()
    shm = tmp_path / "ro4.sqlite3-shm"
    shm.write_bytes(b"")
    _read_only(monkeypatch, shm)
    with pytest.raises(DatabaseError, match="ro4.sqlite3-shm, the working file beside ro4.sqlite3, is read-only"):
        Database.open(path)


def test_folder_instead_of_file_is_refused(tmp_path):
    (tmp_path / "dir.sqlite3").mkdir()
    with pytest.raises(DatabaseError, match="folder"):
        Database.open(tmp_path / "dir.sqlite3")


def test_check_reports_healthy(db, db_path):
    db.close()
    assert "healthy" in check_file(db_path)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["a b#c?d%20e.sqlite3", "Żółć données.sqlite3", "x&y=z;.db"])
def test_awkward_file_names(tmp_path, name):
    from bscp_desktop.services import backups
    from bscp_desktop.services import memberships as ms

    folder = tmp_path / "odd [folder] #1"
    folder.mkdir()
    path = folder / name
    with Database.open(path, backup_folder=tmp_path / "b") as db:
        ms.create_organisation(db, ms.OrganisationFields("Ó Súilleabháin Trust", "voluntary"))
    assert path.exists() and "healthy" in check_file(path)
    copy = backups.backup_now(path, folder=tmp_path / "b")
    with Database.open(copy) as db:
        assert [o.name for o in ms.list_organisations(db)] == ["Ó Súilleabháin Trust"]
    assert sorted(p.name for p in folder.iterdir() if not p.name.endswith((".lock", "-wal", "-shm"))) == [name]


def test_a_folder_where_the_database_keeps_a_working_file_is_named(tmp_path):
    path = tmp_path / "wal.sqlite3"
    Database.open(path).close()
    (tmp_path / "wal.sqlite3-wal").mkdir()
    with pytest.raises(DatabaseError, match="wal.sqlite3-wal, beside wal.sqlite3, is a folder"):
        Database.open(path)


@pytest.mark.slow  # the file's lock is waited for, as a save waits for it
def test_a_failing_statement_never_carries_the_values_typed(tmp_path):
    """A database failure is logged for support: the values of its statement (a case's words,
    a person's phone number) are not in its message."""
    from sqlalchemy.exc import DBAPIError

    from bscp_desktop.db.models import Person

    with Database.open(tmp_path / "bscp.sqlite3") as db:
        with db.unit_of_work() as session:
            session.add(Person(name="Child A's carer, 0208 000 0000"))
        con = sqlite3.connect(tmp_path / "bscp.sqlite3", timeout=0)
        con.execute("BEGIN EXCLUSIVE")  # another program holds the file
        try:
            with pytest.raises(DBAPIError) as failure, db.unit_of_work() as session:
                session.add(Person(name="Typed by the officer: 0208 111 1111"))
        finally:
            con.rollback()
            con.close()
    assert "0208 111 1111" not in str(failure.value) and "INSERT" in str(failure.value)
