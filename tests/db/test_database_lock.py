"""One window per database file, however the program is started and closed: a window closing
while others start never lets two of them hold the file, and a file opened through another
name of it (a symbolic link to it or to its folder) meets the same lock."""

from __future__ import annotations

import multiprocessing
import shutil
import threading
import time
from pathlib import Path

import pytest

from bscp_desktop.db import lock as lock_module
from bscp_desktop.db.database import Database, DatabaseInUse
from bscp_desktop.db.lock import FileLock, LockHeld


def _database(tmp_path: Path, empty_file: Path, name: str = "team.sqlite3") -> Path:
    path = tmp_path / name
    shutil.copyfile(empty_file, path)
    return path


def test_a_start_that_opened_the_lock_file_as_the_window_closed_is_the_only_one_to_hold_it(tmp_path, monkeypatch):
    """The second start opens the lock file, the first window closes (removing it), then the
    second locks the file it opened while a third start makes a new one: only one holds."""
    path = tmp_path / "team.sqlite3.lock"
    real_lock = lock_module._lock
    opened, closed = threading.Event(), threading.Event()

    def slow_lock(fd):
        if threading.current_thread().name == "second":
            opened.set()
            assert closed.wait(10)
        real_lock(fd)

    monkeypatch.setattr(lock_module, "_lock", slow_lock)
    first = FileLock(path)
    first.acquire()
    second = FileLock(path)
    outcome: dict[str, object] = {}

    def start_second():
        try:
            second.acquire()
            outcome["second"] = "held"
        except LockHeld:
            outcome["second"] = "refused"

    thread = threading.Thread(target=start_second, name="second")
    thread.start()
    assert opened.wait(10)
    first.release()
    third = FileLock(path)
    try:
        third.acquire()
        outcome["third"] = "held"
    except LockHeld:
        outcome["third"] = "refused"
    closed.set()
    thread.join(10)
    try:
        assert list(outcome.values()).count("held") == 1, outcome
    finally:
        second.release()
        third.release()
    assert not path.exists()  # the last one to hold it removes it


def test_database_open_as_a_window_closes_leaves_one_window_on_the_file(tmp_path, empty_file, monkeypatch):
    path = _database(tmp_path, empty_file)
    real_lock = lock_module._lock
    opened, closed = threading.Event(), threading.Event()

    def slow_lock(fd):
        if threading.current_thread().name == "second window":
            opened.set()
            assert closed.wait(10)
        real_lock(fd)

    monkeypatch.setattr(lock_module, "_lock", slow_lock)
    windows: list[Database] = [Database.open(path, create=False)]

    def second_window():
        windows.append(Database.open(path, create=False))

    thread = threading.Thread(target=second_window, name="second window")
    thread.start()
    assert opened.wait(10)
    windows[0].close()
    closed.set()
    thread.join(10)
    try:
        assert len(windows) == 2 and windows[1]._lock.held
        with pytest.raises(DatabaseInUse, match="already open"):
            Database.open(path, create=False)
    finally:
        windows[1].close()


def _take_and_let_go(path, holders, guard, clashes, stop):
    while not stop.is_set():
        lock = FileLock(path)
        try:
            lock.acquire()
        except LockHeld:
            continue
        with guard:
            holders.value += 1
            clashes.value += holders.value > 1
        time.sleep(0.0005)
        with guard:
            holders.value -= 1
        lock.release()


@pytest.mark.slow  # programs starting and closing for a second
def test_programs_starting_and_closing_at_once_never_hold_the_lock_together(tmp_path):
    context = multiprocessing.get_context("spawn")
    holders, clashes = context.Value("i", 0, lock=False), context.Value("i", 0, lock=False)
    guard, stop = context.Lock(), context.Event()
    path = tmp_path / "team.sqlite3.lock"
    programs = [context.Process(target=_take_and_let_go, args=(path, holders, guard, clashes, stop)) for _ in range(3)]
    for program in programs:
        program.start()
    time.sleep(1.5)
    stop.set()
    for program in programs:
        program.join(30)
    assert [p.exitcode for p in programs] == [0, 0, 0]
    assert clashes.value == 0


def test_a_file_opened_through_a_symbolic_link_meets_the_same_lock(tmp_path, empty_file):
    from bscp_desktop.db.lock import lock_path

    path = _database(tmp_path, empty_file)
    link = tmp_path / "shortcut.sqlite3"
    link.symlink_to(path)
    linked_folder = tmp_path / "linked"
    linked_folder.symlink_to(tmp_path, target_is_directory=True)
    with Database.open(path, create=False):
        for other_name in (link, linked_folder / path.name):
            with pytest.raises(DatabaseInUse, match="already open"):
                Database.open(other_name, create=False)
    with Database.open(link, create=False):
        with pytest.raises(DatabaseInUse, match="already open"):
            Database.open(path, create=False)
    assert lock_path(link) == lock_path(path) == path.with_name(path.name + ".lock")


def test_a_lock_named_after_another_name_of_the_file_is_the_same_lock(tmp_path, empty_file):
    """Every part of the program that takes the lock by `<file>.lock` (a restore, a check putting
    the history's protection back) takes the one beside the real file."""
    path = _database(tmp_path, empty_file)
    link = tmp_path / "shortcut.sqlite3"
    link.symlink_to(path)
    by_link = FileLock(link.with_name(link.name + ".lock"))
    assert by_link.path == path.with_name(path.name + ".lock")
    with Database.open(path, create=False):
        with pytest.raises(LockHeld):
            by_link.acquire()


def test_a_restore_through_a_symbolic_link_waits_for_the_window(tmp_path, empty_file):
    from bscp_desktop.services import backups

    path = _database(tmp_path, empty_file)
    backup = backups.backup_now(path)
    link = tmp_path / "shortcut.sqlite3"
    link.symlink_to(path)
    with Database.open(path, create=False):
        before = path.read_bytes()
        with pytest.raises(DatabaseInUse, match="close it there before restoring"):
            backups.restore_backup(backup, link)
        assert path.read_bytes() == before
