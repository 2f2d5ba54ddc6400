"""A pipe or a shortcut under the name of a database's working file (its write-ahead log, shared
memory or journal) is refused in one sentence before the database is opened: SQLite would wait
for ever on a pipe (the command never ended) and write through a shortcut."""

from __future__ import annotations

import os
import shutil

import pytest

from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.db.targets import is_database

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="pipes are made so only where the system has them")


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_a_pipe_named_as_a_working_file_is_refused(tmp_path, empty_file, suffix):
    path = shutil.copyfile(empty_file, tmp_path / "records.sqlite3")
    os.mkfifo(tmp_path / f"records.sqlite3{suffix}")
    with pytest.raises(DatabaseError, match=rf"records\.sqlite3{suffix}, beside records\.sqlite3, is a pipe"):
        Database.open(path, create=False, backup_folder=tmp_path / "backups")


def test_a_shortcut_named_as_a_working_file_is_refused_and_its_target_left_alone(tmp_path, empty_file):
    path = shutil.copyfile(empty_file, tmp_path / "records.sqlite3")
    notes = tmp_path / "notes.txt"
    notes.write_text("kept")
    (tmp_path / "records.sqlite3-journal").symlink_to(notes)
    with pytest.raises(DatabaseError, match="is a shortcut"):
        Database.open(path, create=False, backup_folder=tmp_path / "backups")
    assert notes.read_text() == "kept"


def test_a_pipe_is_not_taken_for_a_database(tmp_path):
    os.mkfifo(tmp_path / "pipe.sqlite3")
    assert not is_database(tmp_path / "pipe.sqlite3")  # read, it would wait for a writer for ever
