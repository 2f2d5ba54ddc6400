"""A database that cannot be changed is refused saying which cannot be: the file itself is
read-only, or the folder it is in does not let the program write (its working files are made
there), naming that folder. Root ignores permissions: they are asked through os.access."""

from __future__ import annotations

import os
import shutil

import pytest

from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.services import backups


def _not_writable(monkeypatch, path):
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) == str(path) and mode == os.W_OK else real_access(p, mode))


def _shared(tmp_path, empty_file):
    folder = tmp_path / "Shared drive"
    folder.mkdir()
    path = folder / "shared.sqlite3"
    shutil.copyfile(empty_file, path)
    return folder, path


def test_a_writable_file_in_a_read_only_folder_names_the_folder(tmp_path, empty_file, monkeypatch):
    folder, path = _shared(tmp_path, empty_file)
    _not_writable(monkeypatch, folder)
    with pytest.raises(DatabaseError) as said:
        Database.open(path)
    assert f"The folder {folder}, where shared.sqlite3 is kept, is read-only" in str(said.value)
    assert f"{path} is read-only" not in str(said.value)
    with pytest.raises(DatabaseError, match="where shared.sqlite3 is kept, is read-only"):  # a restore there too
        backups.restore_backup(empty_file, path, folder=tmp_path / "backups")


def test_a_read_only_file_in_a_writable_folder_names_the_file(tmp_path, empty_file, monkeypatch):
    folder, path = _shared(tmp_path, empty_file)
    _not_writable(monkeypatch, path)
    with pytest.raises(DatabaseError) as said:
        Database.open(path)
    assert str(said.value).startswith(f"{path} is read-only") and "The folder" not in str(said.value)
