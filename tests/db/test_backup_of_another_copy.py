"""A copy of a database keeps its identity, so the backups of the file it was copied from look
like this file's own from before a move or rename. Only where that file is gone from its place
(moved, renamed) are they this file's history; where it is still there, they are that file's
backups and are not offered for restore over this one."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from bscp_desktop import cli, paths
from bscp_desktop.db import backup as backup_files
from bscp_desktop.db.database import CALENDAR_ID_KEY, Database
from bscp_desktop.services import backups
from bscp_desktop.services import memberships as ms

ELSEWHERE = "(made when this database had another folder or name)"


def _one_file(path: Path) -> None:
    with Database.open(path) as db:
        ms.create_organisation(db, ms.OrganisationFields("Brent Police", "police"))


def _copies(tmp_path: Path, *names: str) -> list[Path]:
    """Copies of one database file beside each other, each opened once (so backed up on opening)."""
    original = tmp_path / "made" / "demo.sqlite3"
    original.parent.mkdir()
    _one_file(original)
    made = []
    for name in names:
        copy = tmp_path / name
        shutil.copyfile(original, copy)
        Database.open(copy, backup_folder=paths.backup_dir()).close()
        made.append(copy)
    return made


def _startup_backups(path: Path) -> list[Path]:
    return [b.path for b in backup_files.list_backups(paths.backup_dir(), path, include_legacy=False)]


def test_the_backups_of_another_copy_still_in_its_place_are_not_listed_as_this_files(tmp_path, capsys):
    ui, w = _copies(tmp_path, "ui.sqlite3", "w.sqlite3")
    [theirs], [ours] = _startup_backups(ui), _startup_backups(w)
    found = backups.list_backups(w)
    assert [b.path for b in found] == [ours]  # ui's own backup is not offered over w
    assert not any(ELSEWHERE in b.label() for b in found)
    assert cli.main(["restore", "--list", "--db", str(w)]) == 0
    listed = capsys.readouterr().out
    assert ours.name in listed and theirs.name not in listed and ELSEWHERE not in listed
    assert [b.path for b in backups.list_backups(ui)] == [theirs]  # and ui lists its own, as before


def test_the_backups_of_a_renamed_file_still_list_with_their_note(tmp_path):
    ui, = _copies(tmp_path, "ui.sqlite3")
    [made] = _startup_backups(ui)
    renamed = ui.rename(tmp_path / "w.sqlite3")
    found = backups.list_backups(renamed)
    assert [b.path for b in found] == [made] and found[0].label().endswith(ELSEWHERE)


def test_the_backups_of_a_moved_file_still_list_with_their_note(tmp_path):
    ui, = _copies(tmp_path, "ui.sqlite3")
    [made] = _startup_backups(ui)
    moved = tmp_path / "moved" / "ui.sqlite3"
    moved.parent.mkdir()
    ui.rename(moved)
    Database.open(moved, backup_folder=paths.backup_dir()).close()  # its first start at its new place
    found = backups.list_backups(moved)
    assert [b.elsewhere for b in found] == [False, True] and found[1].path == made
    assert found[1].label().endswith(ELSEWHERE)


def test_a_renamed_file_whose_old_name_now_holds_another_database_keeps_its_backups(tmp_path):
    ui, = _copies(tmp_path, "ui.sqlite3")
    [made] = _startup_backups(ui)
    renamed = ui.rename(tmp_path / "w.sqlite3")
    _one_file(tmp_path / "ui.sqlite3")  # a new database made under the old name: not this one
    with closing(sqlite3.connect(tmp_path / "ui.sqlite3")) as con, con:
        con.execute("UPDATE setting SET value = ? WHERE key = ?", (json.dumps("0123456789abcdef"), CALENDAR_ID_KEY))
    found = backups.list_backups(renamed)
    assert [b.path for b in found] == [made] and found[0].label().endswith(ELSEWHERE)


def test_a_copy_made_by_renaming_the_original_back_lists_only_its_own(tmp_path):
    """The file renamed, then a copy of it put back under its old name: the old name's backups are
    that copy's again, not this file's."""
    ui, = _copies(tmp_path, "ui.sqlite3")
    [made] = _startup_backups(ui)
    renamed = ui.rename(tmp_path / "w.sqlite3")
    shutil.copyfile(renamed, ui)
    assert made not in [b.path for b in backups.list_backups(renamed)]


def test_a_hard_link_to_this_file_is_not_another_copy(tmp_path):
    ui, = _copies(tmp_path, "ui.sqlite3")
    [made] = _startup_backups(ui)
    linked = tmp_path / "linked.sqlite3"
    try:
        os.link(ui, linked)
    except OSError:
        pytest.skip("this file system keeps no hard links")
    found = backups.list_backups(linked)
    assert [b.path for b in found] == [made] and found[0].label().endswith(ELSEWHERE)
