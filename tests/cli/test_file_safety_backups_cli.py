"""The command line and the backup folder: a folder too full for a copy is one sentence naming
it (exit 2), with nothing half-made left; a backup is still checked and restored from, but
never opened to work in."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from bscp_desktop import paths
from bscp_desktop.db import backup as backup_files
from bscp_desktop.services import backups
from tests.safety.helpers import assert_refused, cli


def _full_disk(monkeypatch):
    real = backup_files.connect_read_only

    class Full:
        def __init__(self, path):
            self.real = real(path)

        def backup(self, dst):
            raise sqlite3.OperationalError("database or disk is full")

        def close(self):
            self.real.close()

    monkeypatch.setattr(backup_files, "connect_read_only", Full)


def test_backup_into_a_full_folder_is_one_sentence_naming_it(tmp_path, empty_file, monkeypatch):
    path = tmp_path / "team.sqlite3"
    shutil.copyfile(empty_file, path)
    _full_disk(monkeypatch)
    assert_refused(cli("backup", "--db", path), f"The folder {paths.backup_dir()} is full")
    out = tmp_path / "small"
    out.mkdir()
    assert_refused(cli("backup", "--db", path, "-o", out / "copy.sqlite3"), f"The folder {out} is full")
    assert list(out.iterdir()) == [] and list(paths.backup_dir().glob("*")) == []


@pytest.mark.slow
def test_a_backup_is_checked_and_restored_from_but_not_worked_in(tmp_path, empty_file):
    path = tmp_path / "team.sqlite3"
    shutil.copyfile(empty_file, path)
    copy = backups.backup_now(path)
    checked = cli("check", "--db", copy)
    assert checked.returncode == 0, checked.stderr
    restored = cli("restore", copy, "--db", path)
    assert restored.returncode == 0, restored.stderr
    assert_refused(cli("import", "people", tmp_path / "none.csv", "--db", copy), "is in the backup folder",
                   "copy it to another folder")


def test_the_backups_of_a_file_in_the_backup_folder_are_not_listed(tmp_path, empty_file):
    path = tmp_path / "team.sqlite3"
    shutil.copyfile(empty_file, path)
    copy = backups.backup_now(path)
    assert_refused(cli("restore", "--list", "--db", copy), "is in the backup folder", "copy it to another folder")
    assert_refused(cli("restore", "--db", copy), "is in the backup folder")  # --list is the default
    listed = cli("restore", "--list", "--db", path)
    assert listed.returncode == 0 and copy.name in listed.stdout, listed
