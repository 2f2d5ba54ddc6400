"""A file of an earlier version, which opening upgrades, while the backup folder cannot take the
copy made before every upgrade (full, read-only): the sentence names the file and says why a
copy of it is needed, then what is wrong with the folder and what to do; the file is unchanged."""

from __future__ import annotations

import errno
import os
import shutil

import pytest
from sqlalchemy import create_engine

from bscp_desktop.db import migrate
from bscp_desktop.db.backup import FULL, READ_ONLY, FolderNotWritable
from bscp_desktop.db.database import Database


def _earlier_version_file(path, empty_file):
    from alembic import command

    shutil.copyfile(empty_file, path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "-1")
    engine.dispose()
    return path


@pytest.mark.slow  # a file taken back one schema version, then opened
@pytest.mark.parametrize("reason, error, advice", [
    (FULL, OSError(errno.ENOSPC, "No space left on device"), "free some space on its disk"),
    (READ_ONLY, PermissionError(errno.EACCES, "Permission denied"), "ask IT to allow changes to it"),
])
def test_a_file_to_be_upgraded_names_itself_and_why_it_is_backed_up(tmp_path, empty_file, monkeypatch, reason, error, advice):
    path = _earlier_version_file(tmp_path / "old.sqlite3", empty_file)
    before = path.read_bytes()
    folder = tmp_path / "backups"
    folder.mkdir()
    real_open = os.open

    def refused(name, *args, **kwargs):  # the folder takes no copy
        if str(name).endswith(".partial"):
            raise error
        return real_open(name, *args, **kwargs)

    with monkeypatch.context() as patched, pytest.raises(FolderNotWritable) as said:
        patched.setattr(os, "open", refused)
        Database.open(path, create=False, backup_folder=folder)
    assert said.value.reason == reason and said.value.folder == folder
    assert str(said.value) == (
        f"{path} was saved by an earlier version of BSCP Desktop and must be backed up before it is upgraded to "
        f"this version, but the folder {folder} {reason}, so the copy could not be written there; {advice} and "
        "try again (nothing was changed).")
    assert path.read_bytes() == before
    assert list(folder.iterdir()) == []
    with Database.open(path, create=False, backup_folder=folder) as db:  # once the folder takes a copy: upgraded
        assert db.path == path
    assert len(list(folder.iterdir())) == 1
