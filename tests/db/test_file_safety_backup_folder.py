"""The backup folder and the database file: a folder that cannot take a copy (full, read-only)
is said in one sentence naming it and leaves nothing half-made behind; a start-up backup it
cannot take never makes the sound file "damaged"; a backup is never opened to work in; a file
recording a schema this program does not know is not called newer."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from bscp_desktop import paths
from bscp_desktop.db import backup as backup_files
from bscp_desktop.db.backup import FULL, READ_ONLY, FolderNotWritable
from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.db.targets import TargetRefused, check_working_database
from bscp_desktop.services import backups
from bscp_desktop.services import memberships as ms


class _FullDisk:
    """A read-only connection whose copy stops as a full disk stops it, after SQLite made the
    copy's journal beside it."""

    def __init__(self, real):
        self.real = real

    def backup(self, dst):
        for partial in self.folder.glob("*.partial"):
            partial.with_name(partial.name + "-journal").write_bytes(b"journal")
        raise sqlite3.OperationalError("database or disk is full")

    def close(self):
        self.real.close()


@pytest.fixture
def full_disk(monkeypatch):
    real = backup_files.connect_read_only
    folders: list[Path] = []

    def connect(path):
        con = _FullDisk(real(path))
        con.folder = folders[0]
        return con

    monkeypatch.setattr(backup_files, "connect_read_only", connect)
    return folders


def _database(tmp_path: Path, empty_file: Path) -> Path:
    path = tmp_path / "team.sqlite3"
    shutil.copyfile(empty_file, path)
    return path


def test_a_full_folder_is_said_in_one_sentence_and_leaves_no_partial_files(tmp_path, empty_file, full_disk):
    path = _database(tmp_path, empty_file)
    folder = tmp_path / "backups"
    folder.mkdir()
    full_disk.append(folder)
    with pytest.raises(FolderNotWritable) as refused:
        backups.backup_now(path, folder=folder)
    assert refused.value.reason == FULL
    assert f"The folder {folder} is full" in str(refused.value) and "nothing was changed" in str(refused.value)
    assert list(folder.iterdir()) == []  # neither the copy nor its journal is left
    with pytest.raises(FolderNotWritable):
        backup_files.start_backup(path, folder)
    assert list(folder.iterdir()) == []


def test_copies_left_half_made_long_ago_go_with_their_journals(tmp_path, empty_file):
    path = _database(tmp_path, empty_file)
    folder = tmp_path / "backups"
    folder.mkdir()
    stem = backup_files.backup_name(path, backup_files.datetime(2024, 1, 1), "startup")
    left = [folder / f"{stem}.partial-journal", folder / f"{stem}.pending.partial-journal", folder / f"{stem}.partial"]
    for p in left:
        p.write_bytes(b"x")
        os.utime(p, (time.time() - 7200, time.time() - 7200))
    backup_files.start_backup(path, folder).discard()
    assert not any(p.exists() for p in left)


def test_a_read_only_folder_is_said_so(tmp_path, empty_file, monkeypatch):
    path = _database(tmp_path, empty_file)
    folder = tmp_path / "backups"
    folder.mkdir()
    real_open = os.open

    def refused(name, *args, **kwargs):
        if str(name).endswith(".partial"):
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refused)
    with pytest.raises(FolderNotWritable) as said:
        backups.backup_now(path, folder=folder)
    assert said.value.reason == READ_ONLY and f"The folder {folder} is read-only" in str(said.value)


def test_a_start_up_backup_a_full_folder_cannot_take_leaves_the_file_sound_and_saved_to(tmp_path, empty_file, full_disk):
    path = _database(tmp_path, empty_file)
    folder = tmp_path / "backups"
    folder.mkdir()
    full_disk.append(folder)
    with Database.open(path, backup_folder=folder, check_later=True) as db:
        assert db.later is not None
        assert db.later.wait(60) == ""  # not damaged: every save goes through
        assert f"could not be written to {folder}: the folder is full" in db.later.backup_problem
        assert "Your records are safe" in db.later.backup_problem
        ms.create_organisation(db, ms.OrganisationFields("Saved all the same", "other"))
        assert [o.name for o in ms.list_organisations(db)] == ["Saved all the same"]
    assert list(folder.iterdir()) == []


def test_a_start_up_backup_a_read_only_folder_refuses_is_not_damage(tmp_path, empty_file, monkeypatch):
    path = _database(tmp_path, empty_file)
    folder = tmp_path / "backups"
    folder.mkdir()

    def refused(source, target):
        raise FolderNotWritable(target.parent, READ_ONLY)

    monkeypatch.setattr(backup_files, "copy_database", refused)
    with Database.open(path, backup_folder=folder, check_later=True) as db:
        assert db.later.wait(60) == ""
        assert "the folder is read-only" in db.later.backup_problem and "Damaged" not in db.later.backup_problem
        ms.create_organisation(db, ms.OrganisationFields("Saved all the same", "other"))


def test_a_backup_is_never_opened_to_work_in(tmp_path, empty_file):
    from bscp_desktop.app import open_database

    path = _database(tmp_path, empty_file)
    first = backups.backup_now(path)
    assert first.parent == paths.backup_dir()
    with pytest.raises(TargetRefused, match="is in the backup folder") as refused:
        open_database(first, create=False)
    assert "File > Restore from a backup" in str(refused.value) and "copy it to another folder" in str(refused.value)
    with pytest.raises(TargetRefused):
        check_working_database(paths.backup_dir() / "new.sqlite3", paths.backup_dir(), create=True)


def test_a_new_database_is_never_another_databases_working_file(tmp_path, empty_file):
    from bscp_desktop.app import open_database

    _database(tmp_path, empty_file)
    for name in ("team.sqlite3-wal", "team.sqlite3-shm", "team.sqlite3.lock"):
        with pytest.raises(TargetRefused, match="belongs to the database team.sqlite3"):
            open_database(tmp_path / name, create=True)
        assert not (tmp_path / name).exists()
    open_database(tmp_path / "other.sqlite3", create=True).close()  # an ordinary new one is made


@pytest.mark.parametrize("version, words, not_words", [
    ("abc", "records a schema version this program does not know (abc)", "newer version"),
    ("9999", "newer version of BSCP Desktop (schema 9999)", "does not know"),
])
def test_a_schema_this_program_does_not_know_is_not_called_newer(tmp_path, empty_file, version, words, not_words):
    path = _database(tmp_path, empty_file)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = ?", (version,))
    con.commit()
    con.close()
    with pytest.raises(DatabaseError) as refused:
        Database.open(path, create=False)
    assert words in str(refused.value) and not_words not in str(refused.value)


def test_a_full_disk_is_said_as_a_full_folder_never_as_the_databases_words():
    from sqlalchemy.exc import OperationalError

    from bscp_desktop.services.failures import database_words

    full = sqlite3.OperationalError("database or disk is full")
    assert "is full (no space is left on its disk)" in database_words(full)
    wrapped = database_words(OperationalError("INSERT INTO person VALUES (?)", (), full))
    assert "the folder holding the database is full" in wrapped and "INSERT" not in wrapped


@pytest.mark.parametrize("folder_name", ["backups", "backups/2026"])
def test_a_file_where_the_backup_folder_should_be_is_named_not_called_unwritable(tmp_path, empty_file, folder_name):
    """Back up now and the copy a restore keeps both say which file stands in the way."""
    path = _database(tmp_path, empty_file)
    (tmp_path / "backups").write_text("not a folder")
    folder = tmp_path / folder_name
    with pytest.raises(FolderNotWritable) as refused:
        backups.backup_now(path, folder=folder)
    said = str(refused.value)
    assert f"{tmp_path / 'backups'} is a file, where a folder should be" in said
    assert "move or rename that file" in said and "File exists" not in said and "Not a directory" not in said
    assert (tmp_path / "backups").read_text() == "not a folder"
