"""Another program's SQLite file that keeps its schema version with alembic, as this program
does: its table `alembic_version` holds a revision of that program ("0005" or "27ab3c9d1e2f"),
which may even be one this program knows. Without this program's own tables it is said to be
another program's file, by opening and by `check`, and not one byte of it is changed (no
upgrade tried, no journal mode set, no backup taken)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from bscp_desktop.db import migrate
from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.db.file_check import check_file

ANOTHER_PROGRAM = "is an SQLite file of another program, not a BSCP Desktop database"


def _other_program_file(path: Path, revision: str) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO users (name) VALUES ('alice')")
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    con.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    con.commit()
    con.close()
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


#: Revisions of another program: ones this program knows (its first, one to be upgraded from, its
#: newest), one that reads as a later one of this program's, and ones it does not know at all.
REVISIONS = ["0001", "0005", "0025", migrate.head_revision(), "100", "27ab3c9d1e2f", "20240101_init"]


@pytest.mark.parametrize("revision", REVISIONS)
def test_opening_another_programs_alembic_file_says_so_and_changes_nothing(tmp_path, revision):
    path = _other_program_file(tmp_path / "other.sqlite3", revision)
    before = _digest(path)
    folder = tmp_path / "backups"
    with pytest.raises(DatabaseError) as refused:
        Database.open(path, create=False, backup_folder=folder)
    said = str(refused.value)
    assert said == f"{path} {ANOTHER_PROGRAM}."
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite3"]  # no journal, lock or backup


@pytest.mark.parametrize("revision", ["0005", migrate.head_revision(), "27ab3c9d1e2f"])
def test_check_says_another_programs_alembic_file_is_not_a_bscp_database(tmp_path, revision):
    path = _other_program_file(tmp_path / "other.sqlite3", revision)
    before = _digest(path)
    with pytest.raises(DatabaseError, match=ANOTHER_PROGRAM):
        check_file(path)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite3"]
