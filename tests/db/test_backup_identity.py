"""A backup is of one database, not of a path and a time: a file replaced by another copied with
its older time is backed up at start, and a file moved or renamed still lists its backups."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from contextlib import closing
from pathlib import Path

from bscp_desktop import cli, paths
from bscp_desktop.db import backup as backup_files
from bscp_desktop.db.database import CALENDAR_ID_KEY, Database
from bscp_desktop.db.later_checks import LaterChecks
from bscp_desktop.services import memberships as ms

ELSEWHERE = "(made when this database had another folder or name)"


def _backed_up_once(path: Path, folder: Path) -> Path:
    """A database at `path` with one start-up backup; opened again unchanged, it makes none."""
    Database.open(path).close()
    hour_ago = time.time() - 3600
    os.utime(path, (hour_ago, hour_ago))  # then its time is well before its backup's
    for _ in range(2):
        Database.open(path, backup_folder=folder).close()
    [made] = backup_files.list_backups(folder, path)
    assert not LaterChecks(path, folder).backup_due
    return made.path


def _copied_in_keeping_its_time(copy: Path, path: Path) -> None:
    """`copy` put at `path` as Explorer, `cp -p` or unzipping do: with its own, older, time."""
    month_ago = time.time() - 30 * 86400
    os.utime(copy, (month_ago, month_ago))
    shutil.copy2(copy, path)


def _change(path: Path, sql: str, *values) -> None:
    with closing(sqlite3.connect(path)) as con, con:
        con.execute(sql, values)


def test_a_file_replaced_by_another_database_of_the_same_size_is_backed_up_at_start(tmp_path):
    path, folder = tmp_path / "bscp.sqlite3", tmp_path / "backups"
    first = _backed_up_once(path, folder)
    other = tmp_path / "other.sqlite3"
    shutil.copyfile(path, other)
    _change(other, "UPDATE setting SET value = ? WHERE key = ?", json.dumps("0123456789abcdef"), CALENDAR_ID_KEY)
    _copied_in_keeping_its_time(other, path)
    assert path.stat().st_size == first.stat().st_size  # only which database it is tells them apart
    assert LaterChecks(path, folder).backup_due  # the window's start
    Database.open(path, backup_folder=folder).close()  # a command's
    assert len(backup_files.list_backups(folder, path)) == 2


def test_a_file_replaced_by_one_of_another_size_is_backed_up_at_start(tmp_path):
    path, folder = tmp_path / "bscp.sqlite3", tmp_path / "backups"
    _backed_up_once(path, folder)
    grown = tmp_path / "grown.sqlite3"
    shutil.copyfile(path, grown)
    _change(grown, "CREATE TABLE kept_by_another_program AS SELECT zeroblob(200000) AS x")
    _copied_in_keeping_its_time(grown, path)
    assert LaterChecks(path, folder).backup_due
    Database.open(path, backup_folder=folder).close()
    assert len(backup_files.list_backups(folder, path)) == 2


def test_a_moved_and_renamed_file_still_lists_its_backups_and_no_other_files(tmp_path, capsys):
    folder = paths.backup_dir()
    office, laptop = tmp_path / "office" / "bscp.sqlite3", tmp_path / "laptop" / "bscp.sqlite3"
    for path, name in ((office, "Office record"), (laptop, "Laptop record")):
        path.parent.mkdir()
        with Database.open(path) as db:
            ms.create_organisation(db, ms.OrganisationFields(name, "other"))
    made = backup_files.backup_database(office, folder, "manual")
    backup_files.backup_database(laptop, folder, "manual")  # another file's (its history is not this one's)
    moved = tmp_path / "moved" / "renamed.sqlite3"
    moved.parent.mkdir()
    office.rename(moved)
    found = backup_files.list_backups(folder, moved)
    assert [b.path for b in found] == [made] and found[0].label().endswith(ELSEWHERE)
    assert backup_files.list_backups(folder, moved, include_legacy=False) == []  # its rotation: its own only
    assert cli.main(["restore", "--list", "--db", str(moved)]) == 0
    assert capsys.readouterr().out == f"{made}  {found[0].label()}\n"
    # its first start at its new place backs it up: the earlier backups stay listed after it
    Database.open(moved, backup_folder=folder).close()
    found = backup_files.list_backups(folder, moved)
    assert [b.elsewhere for b in found] == [False, True] and found[1].path == made
    # a copy of it kept elsewhere and changed since lists its own only
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(moved, copy)
    with Database.open(copy) as db:
        ms.create_organisation(db, ms.OrganisationFields("Only in the copy", "other"))
    backup_files.backup_database(copy, folder, "manual")
    assert [b.elsewhere for b in backup_files.list_backups(folder, moved)] == [False, True]
