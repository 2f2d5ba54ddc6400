"""A restore into a file another program is writing to (a database browser with unsaved edits,
a sync tool): it was waited for in silence, then its saved changes were overwritten and kept in
neither file. It is refused in a moment instead, with the sentence `import` says of a file in
use, and nothing is changed: the file, and what that program saves afterwards, are as it left
them, and no copy of the file is left in the backup folder. So is a write that slips in between
the copy being kept and the backup being written."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bscp_desktop.cli import main
from bscp_desktop.db import write_lock
from bscp_desktop.db.backup import connect_read_only
from bscp_desktop.db.database import FileHeld
from bscp_desktop.services import backups
from tests.safety.helpers import one_organisation_file


@pytest.fixture
def short_wait(monkeypatch):
    monkeypatch.setattr(write_lock, "WRITE_WAIT_S", 0.2)


def _organisations(path: Path) -> list[str]:
    con = connect_read_only(path)
    try:
        return [r[0] for r in con.execute("SELECT name FROM organisation ORDER BY name")]
    finally:
        con.close()


def _tables(path: Path) -> set[str]:
    con = connect_read_only(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        con.close()


def _live_and_backup(tmp_path: Path, empty_file: Path) -> tuple[Path, Path, Path]:
    """A database holding Brent Council, and a backup of it taken before Ealing Council was added."""
    from bscp_desktop.db.database import Database
    from bscp_desktop.services import memberships as ms

    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    backup = backups.backup_now(live, tmp_path / "backup.sqlite3")
    with Database.open(live) as db:
        ms.create_organisation(db, ms.OrganisationFields("Ealing Council", "local_authority"))
    return live, backup, tmp_path / "backups"


@pytest.mark.slow  # a whole restore
def test_a_restore_into_a_file_another_program_is_writing_is_refused_at_once(tmp_path, empty_file, short_wait):
    live, backup, folder = _live_and_backup(tmp_path, empty_file)
    other = sqlite3.connect(live, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("CREATE TABLE their_notes (note TEXT)")
        other.execute("INSERT INTO their_notes VALUES ('saved by the other program')")
        started = time.monotonic()
        with pytest.raises(FileHeld) as refused:
            backups.restore_backup(backup, live, folder=folder)
        assert time.monotonic() - started < 5
        other.execute("COMMIT")
    finally:
        other.close()
    assert str(refused.value) == str(FileHeld(path=live))  # naming the file
    assert not folder.exists() or list(folder.iterdir()) == []  # no copy of the file was kept
    assert _organisations(live) == ["Brent Council", "Ealing Council"]  # not restored
    assert "their_notes" in _tables(live)  # the other program's save kept
    assert not [p for p in tmp_path.iterdir() if ".restore-" in p.name]  # the checked copy removed


def test_a_write_saved_between_the_copy_kept_and_the_restore_is_not_overwritten(tmp_path, empty_file, monkeypatch):
    live, backup, folder = _live_and_backup(tmp_path, empty_file)
    let_go = write_lock._let_go

    def saved_meanwhile(con):  # another program saves the instant the lock is let go
        let_go(con)
        other = sqlite3.connect(live)
        other.execute("CREATE TABLE their_notes (note TEXT)")
        other.commit()
        other.close()

    monkeypatch.setattr(write_lock, "_let_go", saved_meanwhile)
    with pytest.raises(FileHeld):
        backups.restore_backup(backup, live, folder=folder)
    assert list(folder.iterdir()) == []  # the copy kept of the file removed: nothing was restored
    assert _organisations(live) == ["Brent Council", "Ealing Council"]
    assert "their_notes" in _tables(live)


@pytest.mark.slow  # a whole restore
def test_a_restore_with_nothing_else_writing_still_replaces_the_file(tmp_path, empty_file):
    live, backup, folder = _live_and_backup(tmp_path, empty_file)
    reader = sqlite3.connect(live)  # another program only reading it is no reason to refuse
    try:
        reader.execute("SELECT count(*) FROM organisation").fetchall()
        kept = backups.restore_backup(backup, live, folder=folder)
    finally:
        reader.close()
    assert _organisations(live) == ["Brent Council"]
    assert kept is not None and _organisations(kept) == ["Brent Council", "Ealing Council"]
    assert write_lock._HOLDS == {}  # nothing held once done


_HOLDER = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
con.execute("CREATE TABLE their_notes (note TEXT)")
print("held", flush=True)
sys.stdin.readline()
con.execute("COMMIT")
con.close()
"""


@pytest.mark.slow  # another process holds the file, as a database browser would
def test_restore_on_the_command_line_says_the_file_is_in_use(tmp_path, empty_file, short_wait, monkeypatch, capsys):
    live, backup, folder = _live_and_backup(tmp_path, empty_file)
    monkeypatch.setenv("BSCP_DATA_DIR", str(tmp_path / "data"))
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(live)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        assert main(["restore", str(backup), "--db", str(live)]) == 2
        assert time.monotonic() - started < 10
    finally:
        holder.communicate("\n", timeout=30)
    out, err = capsys.readouterr()
    assert str(FileHeld(path=live)) in err and "Restored" not in out, (out, err)
    assert holder.returncode == 0  # its save went through once the restore was refused
    assert "their_notes" in _tables(live) and _organisations(live) == ["Brent Council", "Ealing Council"]
    backups_made = tmp_path / "data" / "backups"
    assert not backups_made.exists() or not [p for p in backups_made.iterdir() if "before_restore" in p.name]
