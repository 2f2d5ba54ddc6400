"""Opening a file whose start-up backup the backup folder cannot take (full, read-only), as every
command does: a file needing no upgrade is opened all the same, the backup's failure said; a
file to be upgraded is not changed until a backup of it exists."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from bscp_desktop.db import backup as backup_files
from bscp_desktop.db import migrate
from bscp_desktop.db.backup import FULL, READ_ONLY, FolderNotWritable
from bscp_desktop.db.database import Database
from bscp_desktop.db.lock import FileLock
from bscp_desktop.services import memberships as ms


def _database(tmp_path: Path, empty_file: Path) -> Path:
    path = tmp_path / "team.sqlite3"
    shutil.copyfile(empty_file, path)
    return path


def _folder_refuses(monkeypatch, reason: str) -> None:
    def refused(source, target):
        raise FolderNotWritable(target.parent, reason)

    monkeypatch.setattr(backup_files, "copy_database", refused)


@pytest.mark.parametrize("reason", [READ_ONLY, FULL])
def test_a_file_needing_no_upgrade_opens_with_the_backups_failure_said(tmp_path, empty_file, monkeypatch, reason):
    path = _database(tmp_path, empty_file)
    folder = tmp_path / "backups"
    folder.mkdir()
    _folder_refuses(monkeypatch, reason)
    with Database.open(path, create=False, backup_folder=folder) as db:
        assert f"could not be written to {folder}: the folder {reason}" in db.backup_problem
        assert "Your records are safe" in db.backup_problem
        ms.create_organisation(db, ms.OrganisationFields("Saved all the same", "other"))
        assert [o.name for o in ms.list_organisations(db)] == ["Saved all the same"]
    assert list(folder.iterdir()) == []


def test_a_file_whose_backup_was_made_says_nothing(tmp_path, empty_file):
    path = _database(tmp_path, empty_file)
    folder = tmp_path / "backups"
    with Database.open(path, create=False, backup_folder=folder) as db:
        assert db.backup_problem == ""
    assert len(list(folder.iterdir())) == 1


@pytest.mark.slow  # a file taken back one schema version, then opened
def test_a_file_to_be_upgraded_is_left_as_it_was_when_no_backup_can_be_made(tmp_path, empty_file, monkeypatch):
    from alembic import command

    path = _database(tmp_path, empty_file)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "-1")
        older = migrate.current_revision(conn)
    engine.dispose()
    assert older != migrate.head_revision()
    before = path.read_bytes()
    folder = tmp_path / "backups"
    folder.mkdir()
    _folder_refuses(monkeypatch, READ_ONLY)
    with pytest.raises(FolderNotWritable, match="is read-only"):
        Database.open(path, create=False, backup_folder=folder)
    assert path.read_bytes() == before
    lock = FileLock.for_database(path)  # let go of, for the next start
    lock.acquire()
    lock.release()


def test_a_file_where_the_data_folder_should_be_is_named_not_called_read_only(tmp_path, empty_file):
    path = _database(tmp_path, empty_file)
    data = tmp_path / "data"
    data.write_text("not a folder")
    with Database.open(path, create=False, backup_folder=data / "backups") as db:
        said = db.backup_problem
    assert f"{data} is a file, where a folder should be" in said and "move or rename that file" in said
    assert "read-only" not in said and "ask IT" not in said and "Your records are safe" in said
    assert data.read_text() == "not a folder"
