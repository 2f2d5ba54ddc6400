"""A file another BSCP Desktop has locked is refused in words that fit what holds it: a command
still running, a window, or, where its lock does not say, either."""

from __future__ import annotations

import pytest

from bscp_desktop import cli
from bscp_desktop.db import lock
from bscp_desktop.db.database import Database, DatabaseInUse
from bscp_desktop.db.lock import FileLock

BY_A_COMMAND = ("bscp.sqlite3 is in use by a BSCP Desktop command still running (an import or a backup, say); "
                "wait for it to finish, then try again.")
BY_A_WINDOW = "bscp.sqlite3 is already open in another BSCP Desktop window; switch to that window, or close it first."
UNTOLD = ("bscp.sqlite3 is already open in BSCP Desktop (in a window, or a command still running): close it in that "
          "window, or wait for the command to finish, then try again.")


def _refused(path) -> str:
    with pytest.raises(DatabaseInUse) as refused:
        Database.open(path)
    return str(refused.value)


def test_a_file_a_command_has_open_is_said_to_be_in_use_by_a_command_and_a_windows_by_a_window(tmp_path, monkeypatch):
    path = tmp_path / "bscp.sqlite3"
    Database.open(path).close()
    said = []

    def command(args) -> int:  # a command opens the file; another program tries it meanwhile
        with Database.open(path):
            said.append(_refused(path))
        return 0

    monkeypatch.setattr(cli, "run", command)
    assert cli.main(["search", "neglect", "--db", str(path)]) == 0
    assert said == [BY_A_COMMAND]
    assert lock.HOLDER == lock.WINDOW  # the command over, this program is the window's again
    with Database.open(path):
        assert _refused(path) == BY_A_WINDOW


def test_a_lock_that_does_not_say_what_holds_it_is_refused_naming_either(tmp_path):
    """A lock taken by the `FileLock` alone (not through the command line) is as a window's."""
    path = tmp_path / "bscp.sqlite3"
    Database.open(path).close()
    held = FileLock.for_database(path)
    held.acquire()
    try:
        assert _refused(path) == BY_A_WINDOW  # its process id alone, as a window's lock (and every earlier version's) holds
        held.path.write_bytes(b"")  # taken, and nothing written in it yet
        assert _refused(path) == UNTOLD
    finally:
        held.release()


def test_a_copy_or_restore_of_a_file_a_command_has_open_says_to_wait_for_the_command(tmp_path, monkeypatch):
    from bscp_desktop.services import backups, copies

    path = tmp_path / "bscp.sqlite3"
    Database.open(path).close()
    backup = backups.backup_now(path)
    monkeypatch.setattr(lock, "HOLDER", lock.COMMAND)  # as the command line marks its lock
    held = FileLock.for_database(path)
    held.acquire()
    try:
        with pytest.raises(DatabaseInUse) as copying:
            copies.copy_database(path, tmp_path / "copy.sqlite3")
        with pytest.raises(DatabaseInUse) as restoring:
            backups.restore_backup(backup, path)
    finally:
        held.release()
    assert str(copying.value) == str(restoring.value) == BY_A_COMMAND
