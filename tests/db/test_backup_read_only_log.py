"""A database in a folder this user cannot write to, left with saved changes still in its
write-ahead log (by a program stopped before it folded them into the file): `check`, a backup
(`backup -o`) and a restore read it with those changes, or, where SQLite cannot read the log
there, refuse in one sentence naming the log; they never read it without them.

The folder is made to look read-only by `os.access` (root, which runs these tests, ignores file
permissions), which is what `connect_read_only` asks."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from bscp_desktop.db import backup as backup_files
from bscp_desktop.db.database import Database
from bscp_desktop.db.file_check import check_file
from tests.safety.helpers import assert_refused, cli

KEY = "probe.saved_before_the_program_stopped"


def _left_with_changes_in_its_log(tmp_path: Path, empty_file: Path) -> Path:
    """bscp.sqlite3 in tmp_path/share, as a program stopped after saving leaves it: the change
    saved only in bscp.sqlite3-wal, with its shared-memory file beside it."""
    work, share = tmp_path / "work", tmp_path / "share"
    work.mkdir()
    share.mkdir()
    shutil.copyfile(empty_file, work / "bscp.sqlite3")
    writer = sqlite3.connect(work / "bscp.sqlite3")
    try:
        writer.execute("PRAGMA journal_mode=WAL")
        writer.execute("PRAGMA wal_autocheckpoint=0")
        writer.execute("INSERT INTO setting (key, value) VALUES (?, '\"saved\"')", (KEY,))
        writer.commit()
        for name in ("bscp.sqlite3", "bscp.sqlite3-wal", "bscp.sqlite3-shm"):  # as the writer left them
            shutil.copyfile(work / name, share / name)
    finally:
        writer.close()
    path = share / "bscp.sqlite3"
    assert (share / "bscp.sqlite3-wal").stat().st_size > 0
    return path


def _read_only(monkeypatch, folder: Path, unreadable: tuple[Path, ...] = ()) -> None:
    """`folder` cannot be written to, and the files `unreadable` cannot be read, as `os.access` says."""
    real = os.access

    def access(path, mode, *args, **kwargs):
        if mode & os.W_OK and Path(path) == folder:
            return False
        if mode & os.R_OK and Path(path) in unreadable:
            return False
        return real(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)


def _holds_the_change(path: Path) -> bool:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM setting WHERE key = ?", (KEY,)).fetchone()[0] == 1
    finally:
        con.close()


def test_a_backup_of_it_holds_the_changes_still_in_its_log(tmp_path, empty_file, monkeypatch):
    path = _left_with_changes_in_its_log(tmp_path, empty_file)
    _read_only(monkeypatch, path.parent)
    names = sorted(p.name for p in path.parent.iterdir())
    assert "healthy" in check_file(path)
    result = cli("backup", "--db", path, "-o", tmp_path / "copy.sqlite3")
    assert result.returncode == 0, result.stderr
    assert _holds_the_change(tmp_path / "copy.sqlite3")  # not the file as it was before the change
    assert sorted(p.name for p in path.parent.iterdir()) == names  # nothing made or removed beside it


@pytest.mark.slow
def test_a_restore_from_it_brings_back_the_changes_still_in_its_log(tmp_path, empty_file, monkeypatch):
    backup = _left_with_changes_in_its_log(tmp_path, empty_file)
    target = tmp_path / "live.sqlite3"
    shutil.copyfile(empty_file, target)
    _read_only(monkeypatch, backup.parent)
    result = cli("restore", backup, "--db", target)
    assert result.returncode == 0, result.stderr
    assert _holds_the_change(target)


@pytest.mark.parametrize("shared_memory", ["missing", "unreadable"])
def test_a_log_that_cannot_be_read_there_is_refused_naming_it(tmp_path, empty_file, monkeypatch, shared_memory):
    path = _left_with_changes_in_its_log(tmp_path, empty_file)
    shm = path.with_name("bscp.sqlite3-shm")
    if shared_memory == "missing":
        shm.unlink()
    _read_only(monkeypatch, path.parent, unreadable=(shm,))
    words = ("bscp.sqlite3-wal", "saved changes", "cannot be read while its folder cannot be written to")
    assert_refused(cli("check", "--db", path), *words)
    out = tmp_path / "copy.sqlite3"
    assert_refused(cli("backup", "--db", path, "-o", out), *words)
    assert not list(tmp_path.glob("copy.sqlite3*"))  # no copy without the changes, nothing half-made
    target = tmp_path / "live.sqlite3"
    shutil.copyfile(empty_file, target)
    before = target.read_bytes()
    assert_refused(cli("restore", path, "--db", target), *words)
    assert target.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if ".restore-" in p.name]


def test_the_window_says_the_same_sentence(tmp_path, empty_file, monkeypatch):
    from bscp_desktop.ui.common.messages import explain

    path = _left_with_changes_in_its_log(tmp_path, empty_file)
    path.with_name("bscp.sqlite3-shm").unlink()
    _read_only(monkeypatch, path.parent)
    with pytest.raises(backup_files.LogUnreadable) as refused:
        Database.open(path, create=False)
    assert explain(refused.value) == str(refused.value)
    assert str(refused.value).startswith(f"{path} has saved changes still in its log file (bscp.sqlite3-wal)")


def test_sqlite_refusing_the_log_there_is_said_so_too(tmp_path, empty_file, monkeypatch):
    """The shared-memory file is there and readable, but SQLite still cannot open the log (another
    account's files it may read but not lock): the same sentence, not a file read without it."""
    path = _left_with_changes_in_its_log(tmp_path, empty_file)
    _read_only(monkeypatch, path.parent)
    real = sqlite3.connect

    class Refusing:
        def __init__(self, con):
            self.con = con

        def execute(self, *args):
            error = sqlite3.OperationalError("unable to open database file")
            error.sqlite_errorcode = 14  # SQLITE_CANTOPEN
            raise error

        def close(self):
            self.con.close()

    def connect(database, *args, **kwargs):
        con = real(database, *args, **kwargs)
        return Refusing(con) if "mode=ro" in str(database) else con

    monkeypatch.setattr(backup_files.sqlite3, "connect", connect)
    with pytest.raises(backup_files.LogUnreadable):
        backup_files.connect_read_only(path)


def test_an_empty_log_is_read_as_before(tmp_path, empty_file, monkeypatch):
    """Nothing waits in an empty log: the file is read as it stands, without its shared memory."""
    folder = tmp_path / "share"
    folder.mkdir()
    path = Path(shutil.copyfile(empty_file, folder / "bscp.sqlite3"))
    path.with_name("bscp.sqlite3-wal").write_bytes(b"")
    _read_only(monkeypatch, folder)
    con = backup_files.connect_read_only(path)
    try:
        assert con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    finally:
        con.close()
