"""A database's lock file is only ever an ordinary file: a shortcut (symbolic link) left or put
under its name is never followed, so the file it leads to is never emptied nor written to, and
the shortcut is not removed; a folder or a pipe of that name is never opened either. The
database is not opened: a command says so in one sentence naming the lock file (exit status 2),
and the window's opener raises that sentence (which the window shows)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bscp_desktop import app
from bscp_desktop.db.lock import FileLock, NotALockFile, lock_path
from tests.safety.helpers import assert_refused, cli

MINUTES = "Draft minutes of the Executive Group - months of work"

needs_links = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="symbolic links")


def _database(tmp_path: Path, empty_file: Path) -> Path:
    path = tmp_path / "bscp.sqlite3"
    shutil.copyfile(empty_file, path)
    return path


def _linked_lock(database: Path, target: str) -> Path:
    link = lock_path(database)
    link.symlink_to(target)
    return link


@needs_links
@pytest.mark.parametrize("existing", [True, False], ids=["to a document", "to no file yet"])
def test_a_lock_file_that_is_a_link_is_refused_without_writing_through_it(tmp_path, empty_file, existing):
    database = _database(tmp_path, empty_file)
    minutes = tmp_path / "minutes.docx"
    if existing:
        minutes.write_text(MINUTES, encoding="utf-8")
    link = _linked_lock(database, "minutes.docx")
    lock = FileLock.for_database(database)
    with pytest.raises(NotALockFile) as refused:
        lock.acquire()
    said = str(refused.value)
    assert str(link) in said and "shortcut" in said and "remove" in said, said
    assert not lock.held
    assert link.is_symlink()  # left as it was
    if existing:
        assert minutes.read_text(encoding="utf-8") == MINUTES
    else:
        assert not minutes.exists()  # never made through the link


@needs_links
@pytest.mark.slow  # a command run
def test_a_command_on_a_database_whose_lock_file_is_a_link_is_one_sentence_and_nothing_is_opened(tmp_path, empty_file):
    database = _database(tmp_path, empty_file)
    minutes = tmp_path / "minutes.docx"
    minutes.write_text(MINUTES, encoding="utf-8")
    link = _linked_lock(database, "minutes.docx")
    before = sorted(p.name for p in tmp_path.iterdir())
    result = cli("search", "neglect", "--limit", "1", "--db", database)
    assert_refused(result, str(link), "shortcut", "remove")
    assert minutes.read_text(encoding="utf-8") == MINUTES
    assert link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # not opened: no working files made beside it


@needs_links
def test_the_window_is_told_the_lock_file_is_a_link(tmp_path, empty_file):
    database = _database(tmp_path, empty_file)
    minutes = tmp_path / "minutes.docx"
    minutes.write_text(MINUTES, encoding="utf-8")
    link = _linked_lock(database, "minutes.docx")
    with pytest.raises(NotALockFile, match="shortcut") as refused:
        app.open_database(database, create=False)
    assert str(link) in str(refused.value)
    assert minutes.read_text(encoding="utf-8") == MINUTES


def test_a_folder_under_the_lock_file_name_is_refused(tmp_path, empty_file):
    database = _database(tmp_path, empty_file)
    folder = lock_path(database)
    folder.mkdir()
    (folder / "kept.txt").write_text("kept", encoding="utf-8")
    with pytest.raises(NotALockFile, match="is a folder") as refused:
        FileLock.for_database(database).acquire()
    assert str(folder) in str(refused.value)
    assert (folder / "kept.txt").read_text(encoding="utf-8") == "kept"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="pipes")
def test_a_pipe_under_the_lock_file_name_is_refused_without_being_opened(tmp_path, empty_file):
    database = _database(tmp_path, empty_file)
    pipe = lock_path(database)
    os.mkfifo(pipe)
    with pytest.raises(NotALockFile, match="not an ordinary file"):
        FileLock.for_database(database).acquire()
    with pytest.raises(NotALockFile, match="not an ordinary file"):  # before anything reads the pipe (it would wait)
        app.open_database(database, create=False)
    assert pipe.exists()


def test_an_ordinary_lock_file_is_still_taken_and_let_go(tmp_path, empty_file):
    database = _database(tmp_path, empty_file)
    lock = FileLock.for_database(database)
    lock.acquire()
    try:
        assert lock.held and lock.path.is_file() and not lock.path.is_symlink()
    finally:
        lock.release()
    assert not lock.path.exists()
