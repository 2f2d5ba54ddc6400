"""What the command line says of a database file it must not use, with what to do next: a
damaged file is to be restored from a backup (`bscp-desktop restore`); a log left beside it by
another copy is named, to be moved away, with both files left as they were; a restore refused
while another program writes to the file names that file."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from bscp_desktop.db import write_lock
from bscp_desktop.db.database import DatabaseError, inspect_file
from bscp_desktop.services import backups
from tests.db.test_log_left_by_another_copy import _log_of_another_copy
from tests.safety.helpers import assert_refused, cli, one_organisation_file


def _cut_short(tmp_path: Path, empty_file: Path) -> Path:
    """A database file whose end was lost (a copy stopped part-way): its pages cannot be read."""
    path = tmp_path / "trunc.sqlite3"
    shutil.copyfile(empty_file, path)
    with open(path, "r+b") as fh:
        fh.truncate(path.stat().st_size // 4)
    return path


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def test_a_damaged_file_says_to_restore_a_backup(tmp_path, empty_file):
    path = _cut_short(tmp_path, empty_file)
    with pytest.raises(DatabaseError) as refused:
        inspect_file(path, must_exist=True)
    assert str(refused.value) == (
        f"{path} is damaged or is not a database (its contents are malformed); restore a backup from the File menu.")
    assert_refused(cli("check", "--db", path),
                   "is damaged or is not a database (its contents are malformed); restore a backup (bscp-desktop restore).")


@pytest.mark.parametrize("command", ["check", "backup"])
def test_a_log_left_by_another_copy_is_named_and_both_files_are_left_as_they_were(tmp_path, empty_file, command):
    path = _log_of_another_copy(tmp_path, empty_file)
    before = _digests(tmp_path)
    args = ["--db", path] + (["-o", tmp_path / "out" / "copy.sqlite3"] if command == "backup" else [])
    said = assert_refused(cli(command, *args, data_dir=tmp_path / "data"),
                          "together with the log file beside it, bscp.sqlite3-wal",
                          "move bscp.sqlite3-wal to another folder and try again",
                          "restore a backup (bscp-desktop restore).")
    assert "Nothing was changed" in said
    after = _digests(tmp_path)
    assert {name: after[name] for name in before} == before  # the file and the log byte for byte as they were
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_restore_refused_while_another_program_writes_names_the_file(tmp_path, empty_file, monkeypatch):
    monkeypatch.setattr(write_lock, "WRITE_WAIT_S", 0.2)
    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    backup = backups.backup_now(live, tmp_path / "backup.sqlite3")
    other = sqlite3.connect(live, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        result = cli("restore", backup, "--db", live, data_dir=tmp_path / "data")
        other.execute("ROLLBACK")
    finally:
        other.close()
    assert_refused(result, f"Another program is using the database file {live} (", "Try again in a moment.")
