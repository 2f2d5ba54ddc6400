"""`copy --to` an existing file: every check a new file gets is made of it before anything is
opened, and whether it holds records is read without changing it. A refused target is left
byte for byte as it was: no backup of it taken, its journal mode kept, nothing upgraded."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from bscp_desktop import paths
from bscp_desktop.cli import main
from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.db.targets import TargetRefused
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.backups import backup_now
from bscp_desktop.services.copies import copy_database


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _journal_mode(path: Path) -> str:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        con.close()


def _with_records(path: Path, name: str) -> Path:
    with Database.open(path) as db:
        ms.create_organisation(db, ms.OrganisationFields(name, "local_authority"))
    con = sqlite3.connect(path)  # as a backup is kept: not in write-ahead mode
    try:
        con.execute("PRAGMA journal_mode = DELETE")
    finally:
        con.close()
    return path


def _files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.fixture
def source(tmp_path) -> Path:
    return _with_records(tmp_path / "source.sqlite3", "Brent Council")


def test_a_copy_over_a_backup_is_refused_before_the_backup_is_opened(source):
    backup = backup_now(source)
    folder = paths.backup_dir()
    assert backup.parent == folder
    before, listed = _digest(backup), _files_in(folder)

    with pytest.raises(TargetRefused, match="is the backup folder; save outputs somewhere else so no backup is replaced"):
        copy_database(source, backup)

    assert _digest(backup) == before
    assert _journal_mode(backup) == "delete"
    assert _files_in(folder) == listed  # no backup of the backup, pushing real ones out of the rotation


def test_the_command_line_refuses_a_copy_over_a_backup_and_leaves_it_as_it_was(source, capsys):
    backup = backup_now(source)
    before, listed = _digest(backup), _files_in(backup.parent)

    assert main(["copy", "--from", str(source), "--to", str(backup)]) == 2
    err = capsys.readouterr().err.strip()
    assert "is the backup folder" in err and len(err.splitlines()) == 1
    assert _digest(backup) == before and _files_in(backup.parent) == listed


def test_an_existing_database_holding_records_is_refused_without_being_changed(source, tmp_path):
    used = _with_records(tmp_path / "used.sqlite3", "Camden Council")
    before, beside = _digest(used), _files_in(tmp_path)

    with pytest.raises(DatabaseError, match=r"used\.sqlite3 already holds records \(.*1 in organisation"):
        copy_database(source, used)

    assert _digest(used) == before
    assert _journal_mode(used) == "delete"
    assert _files_in(tmp_path) == beside  # no working files left beside it
    assert _files_in(paths.backup_dir()) == []  # no start-up backup of it taken


def test_an_existing_database_named_as_the_sources_journal_is_refused_unopened(source, tmp_path):
    journal = tmp_path / "source.sqlite3-journal"
    _with_records(tmp_path / "other.sqlite3", "Ealing Council").rename(journal)
    before = _digest(journal)

    with pytest.raises(TargetRefused, match="one of the database's own working files"):
        copy_database(source, journal)

    assert _digest(journal) == before
    assert _files_in(paths.backup_dir()) == []
