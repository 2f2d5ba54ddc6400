"""A database file another program holds (a database browser with unsaved edits, a tool in
exclusive locking mode: SQLite's "database is locked") is not damaged: `check`, opening it for a
command and opening it at start say another program is using it (`failures.IN_USE`), never that
it is damaged or to restore a backup, which would replace good records."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from bscp_desktop.db.database import Database, DatabaseError, FileHeld
from bscp_desktop.db.file_check import check_file
from bscp_desktop.services.failures import IN_USE, database_words


def hold(path, monkeypatch) -> sqlite3.Connection:
    """Another program holds `path` in exclusive locking mode, as the tester's database browser
    did; the program's connections give up waiting for it at once."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("SELECT count(*) FROM person").fetchall()
    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: connect(*a, **{**k, "timeout": 0.05}))
    return holder


@pytest.fixture
def held(tmp_path, empty_file, monkeypatch):
    """A database file another connection holds in exclusive locking mode (`hold`)."""
    path = shutil.copyfile(empty_file, tmp_path / "held.sqlite3")
    holder = hold(path, monkeypatch)
    yield path
    holder.close()


def _said_in_use(exc: BaseException, path) -> None:
    text = str(exc)
    named = IN_USE.replace("the database file", f"the database file {path}", 1)  # which file, where it is
    assert text == named
    assert "damaged" not in text and "restore" not in text.lower()  # the window offers a restore for either
    assert database_words(exc, restore="restore a backup (bscp-desktop restore)") == named  # as a command says it


def test_check_of_a_file_another_program_holds_says_it_is_in_use(held):
    with pytest.raises(DatabaseError) as refused:
        check_file(held)
    assert isinstance(refused.value, FileHeld)
    _said_in_use(refused.value, held)


def test_opening_a_file_another_program_holds_says_it_is_in_use(held, tmp_path):
    folder = tmp_path / "backups"
    with pytest.raises(FileHeld) as refused:  # an import, a report, the window's start: each opens it so
        Database.open(held, create=False, backup_folder=folder)
    _said_in_use(refused.value, held)
    assert not folder.exists() or list(folder.iterdir()) == []  # nothing copied, nothing left half-made


def test_the_check_after_opening_does_not_call_a_held_file_damaged(held):
    """The window's check once the first tab shows (`later_checks.damage`): a file a backup tool
    holds just then is not judged, where 'damaged' would refuse every save."""
    from bscp_desktop.db.later_checks import damage

    assert damage(held) == ""
