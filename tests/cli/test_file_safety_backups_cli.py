"""The command line and the backup folder: a folder too full for a copy is one sentence naming
it (exit 2), with nothing half-made left; a backup is still checked and restored from, but
never opened to work in."""

from __future__ import annotations

import shutil
import signal
import sqlite3

import pytest

from bscp_desktop import paths
from bscp_desktop.db import backup as backup_files
from bscp_desktop.db.database import Database
from bscp_desktop.db.targets import TargetRefused
from bscp_desktop.services import backups, copies
from bscp_desktop.services import memberships as ms
from tests.safety.helpers import assert_refused, cli, one_organisation_file


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


def test_a_team_database_is_not_backed_up_where_no_new_database_may_go(tmp_path, empty_file):
    """`backup --db postgresql://… -o mine.sqlite3-wal` wrote the team database's backup as
    another database's working file (removed by the next open of mine.sqlite3), and -o in the
    backup folder was accepted: refused now as for a file's backup, before the server is reached."""
    address = f"postgresql://officer@/bscp?host={tmp_path}&port=5999&connect_timeout=3"
    shutil.copyfile(empty_file, tmp_path / "mine.sqlite3")
    paths.backup_dir().mkdir(parents=True, exist_ok=True)
    for out, words in ((tmp_path / "mine.sqlite3-wal", "belongs to the database mine.sqlite3"),
                       (tmp_path / "team.sqlite3-wal", "ends in '-wal'"),
                       (paths.backup_dir() / "by-hand.sqlite3", "is the backup folder")):
        assert_refused(cli("backup", "--db", address, "-o", out), words)
        assert not out.exists()
    with pytest.raises(TargetRefused, match="ends in '.lock'"):  # the window's choice too
        copies.backup_server(address, tmp_path / "team.sqlite3.lock")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.sqlite3"]


def _restore_interrupted(tmp_path, empty_file, monkeypatch, when):
    """`restore` with Ctrl+C pressed `when` "swapping" (as the file is swapped in) or "opening"
    (as the restored file is opened after)."""
    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    backup = backups.backup_now(live, tmp_path / "backup.sqlite3")
    shutil.copyfile(empty_file, live)  # the organisation is in the backup only
    swap_in, real_open = backups.PreparedRestore.swap_in, Database.open.__func__

    def swapping(self, *args, **kwargs):
        kept = swap_in(self, *args, **kwargs)
        signal.raise_signal(signal.SIGINT)
        return kept

    def opening(cls, path, *args, **kwargs):
        if when == "opening" and path == live:
            raise KeyboardInterrupt
        return real_open(cls, path, *args, **kwargs)

    if when == "swapping":
        monkeypatch.setattr(backups.PreparedRestore, "swap_in", swapping)
    monkeypatch.setattr(Database, "open", classmethod(opening))
    result = cli("restore", backup, "--db", live)
    monkeypatch.undo()
    return live, result


@pytest.mark.parametrize("when", ["swapping", "opening"])
def test_ctrl_c_once_the_backup_is_swapped_in_still_says_what_was_restored(tmp_path, empty_file, monkeypatch, when):
    """Ctrl+C late in `restore`: exit 130 and nothing said, yet the file had been restored."""
    # Ctrl+C as a terminal delivers it (a run started in the background ignores it from the start)
    handler = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        live, result = _restore_interrupted(tmp_path, empty_file, monkeypatch, when)
        now = signal.getsignal(signal.SIGINT)
    finally:
        signal.signal(signal.SIGINT, handler)
    assert result.returncode == 130, result
    assert result.stdout.startswith(f"Restored {live} from ") and "the previous file was kept as" in result.stdout
    assert now is signal.default_int_handler  # Ctrl+C acts at once again
    with Database.open(live, create=False) as db:
        assert [o.name for o in ms.list_organisations(db)] == ["Brent Council"]
