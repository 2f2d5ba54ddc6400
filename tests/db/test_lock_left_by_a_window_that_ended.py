"""A database whose last window ended without letting go of its lock (the computer stopped, or
the program was ended) is known as such when it is next opened, so the window can say so: its
lock file is found still saying a window held it. A window or command that closed as usual,
a second window refused while the first ran, and a command that ended abruptly leave no such
sign; a command run meanwhile leaves the sign as it found it, for the next window."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from bscp_desktop import cli
from bscp_desktop.db import lock as lock_module
from bscp_desktop.db.database import Database, DatabaseInUse
from bscp_desktop.db.lock import FileLock, LockHeld, lock_path

ROOT = Path(__file__).resolve().parents[2]
TAKEN_AT = 1_700_000_000.0  # when the window that ended had taken the lock


def _left_by(path: Path, words: bytes) -> Path:
    """The lock file of the database `path` as a program that ended without letting go left it."""
    left = lock_path(path)
    left.write_bytes(words)
    os.utime(left, (TAKEN_AT, TAKEN_AT))
    return left


def test_a_lock_file_a_window_left_without_letting_go_is_found_with_when_it_was_taken(tmp_path):
    left = _left_by(tmp_path / "bscp.sqlite3", b"4242")
    lock = FileLock(left)
    lock.acquire()
    try:
        assert lock.left_open_since == TAKEN_AT
        assert lock.holder() == lock_module.WINDOW  # now this window's
    finally:
        lock.release()
    assert not left.exists()
    again = FileLock(left)
    again.acquire()
    assert again.left_open_since is None  # said once: this window let it go as usual
    again.release()


@pytest.mark.parametrize("words", [b"4242 command", b"", b"not a lock"], ids=["a command's", "empty", "unreadable"])
def test_a_lock_file_a_command_left_or_that_says_nothing_is_not_a_window_left_open(tmp_path, words):
    left = _left_by(tmp_path / "bscp.sqlite3", words)
    lock = FileLock(left)
    lock.acquire()
    try:
        assert lock.left_open_since is None
    finally:
        lock.release()


def test_a_database_opened_closed_and_opened_again_was_not_left_open(tmp_path):
    path = tmp_path / "bscp.sqlite3"
    Database.open(path).close()
    with Database.open(path) as db:
        assert db.left_open_since is None
    with Database.open(path) as db:
        assert db.left_open_since is None


def test_a_second_window_refused_while_the_first_runs_leaves_no_sign_for_the_first_next_start(tmp_path):
    path = tmp_path / "bscp.sqlite3"
    first = Database.open(path)
    try:
        with pytest.raises(DatabaseInUse, match="already open"):
            Database.open(path)
        refused = FileLock.for_database(path)
        with pytest.raises(LockHeld):
            refused.acquire()
        assert refused.left_open_since is None
    finally:
        first.close()
    with Database.open(path) as db:
        assert db.left_open_since is None


def test_a_database_a_window_left_open_is_opened_saying_so(tmp_path):
    path = tmp_path / "bscp.sqlite3"
    Database.open(path).close()
    _left_by(path, b"4242")
    with Database.open(path) as db:
        assert db.left_open_since == TAKEN_AT
    with Database.open(path) as db:
        assert db.left_open_since is None


class _Kept(type(Path())):
    """A lock file another program has open as its holder removes it (on Windows it stays)."""

    def unlink(self, missing_ok=False):
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")


def test_a_lock_file_that_could_not_be_removed_after_closing_says_nothing_of_a_window(tmp_path, monkeypatch):
    """As on Windows: the holder lets go, then removes the file, which another program opened
    meanwhile; that program then locks it and finds no window left it open."""
    monkeypatch.setattr(lock_module, "_REMOVED_AFTER_CLOSING", True)
    holder = FileLock(tmp_path / "bscp.sqlite3.lock")
    holder.acquire()
    holder.path = _Kept(holder.path)
    holder.release()
    assert holder.path.exists()  # left behind, emptied
    next_start = FileLock(tmp_path / "bscp.sqlite3.lock")
    next_start.acquire()
    try:
        assert next_start.left_open_since is None
    finally:
        next_start.release()


def test_a_command_run_meanwhile_leaves_a_windows_lock_file_as_it_found_it(tmp_path, monkeypatch):
    path = tmp_path / "bscp.sqlite3"
    Database.open(path).close()
    left = _left_by(path, b"4242")
    monkeypatch.setattr(cli, "run", lambda args: Database.open(path).close() or 0)  # a command opening the file
    assert cli.main(["search", "neglect", "--db", str(path)]) == 0
    assert left.read_bytes() == b"4242" and left.stat().st_mtime == TAKEN_AT
    monkeypatch.setattr(lock_module, "HOLDER", lock_module.COMMAND)
    with Database.open(path) as db:  # a command's opening finds it too, and says nothing
        assert db.left_open_since == TAKEN_AT
        assert FileLock.for_database(path).holder() == lock_module.COMMAND
    monkeypatch.setattr(lock_module, "HOLDER", lock_module.WINDOW)
    with Database.open(path) as db:
        assert db.left_open_since == TAKEN_AT
    assert not left.exists()


_HOLD = textwrap.dedent("""
    import sys, time
    from bscp_desktop.db import lock
    from bscp_desktop.db.database import Database
    lock.HOLDER = sys.argv[2]
    db = Database.open(sys.argv[1])
    print("held", flush=True)
    time.sleep(120)
""")


def _killed_holding(path: Path, holder: str) -> None:
    """A program (a window, or a command) that opened `path`, ended by SIGKILL."""
    proc = subprocess.Popen([sys.executable, "-c", _HOLD, str(path), holder], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    try:
        assert proc.stdout.readline().strip() == "held", proc.stderr.read()
        with pytest.raises(DatabaseInUse):
            Database.open(path)  # refused while it runs
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)


@pytest.mark.slow  # a program started and killed
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_window_killed_holding_the_database_is_found_at_the_next_opening(tmp_path):
    path = tmp_path / "bscp.sqlite3"
    Database.open(path).close()
    started = time.time()
    _killed_holding(path, lock_module.WINDOW)
    with Database.open(path) as db:
        assert db.left_open_since is not None and started - 5 <= db.left_open_since <= time.time()
    with Database.open(path) as db:
        assert db.left_open_since is None


@pytest.mark.slow  # a program started and killed
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_command_killed_holding_the_database_is_not_a_window_left_open(tmp_path):
    path = tmp_path / "bscp.sqlite3"
    Database.open(path).close()
    _killed_holding(path, lock_module.COMMAND)
    with Database.open(path) as db:
        assert db.left_open_since is None
