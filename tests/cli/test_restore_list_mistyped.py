"""`restore --list` lists a database's backups, the file missing or damaged as it may be (that is
what a restore is for), but never makes a file: a mistyped name with no backups is refused with
exit 2, as every other command refuses it, and so is a folder given as the database."""

from __future__ import annotations

import sqlite3

import pytest

from bscp_desktop import cli_files
from bscp_desktop.db.backup import connect_read_only
from bscp_desktop.db.database import Database
from bscp_desktop.services import backups
from bscp_desktop.services import memberships as ms


class Refused(Exception):
    pass


@pytest.fixture
def kept_elsewhere(tmp_path):
    """A database with a backup in the backup folder: the folder then holds another's backups."""
    live = tmp_path / "live.sqlite3"
    with Database.open(live) as db:
        ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    backups.backup_now(live)
    return live


def test_a_mistyped_database_is_refused_and_no_file_is_made(tmp_path, kept_elsewhere, capsys):
    typo = tmp_path / "typo5.sqlite3"
    with pytest.raises(Refused) as refused:
        cli_files.list_restores(typo, typo, Refused)
    assert str(refused.value).startswith(f"There is no database file at {typo}, and the backup folder ")
    assert not typo.exists()
    assert capsys.readouterr().out == ""


def test_a_folder_is_refused(tmp_path, kept_elsewhere):
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(Refused, match="is a folder, not a database file"):
        cli_files.list_restores(folder, folder, Refused)


def test_a_missing_database_with_backups_lists_them(tmp_path, kept_elsewhere, capsys):
    kept_elsewhere.unlink()  # lost: its backups are what the officer is looking for
    assert cli_files.list_restores(kept_elsewhere, kept_elsewhere, Refused) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 1 and "live" in listed[0]
    assert not kept_elsewhere.exists()


def test_reading_a_missing_file_never_makes_it(tmp_path):
    missing = tmp_path / "missing.sqlite3"
    with pytest.raises(sqlite3.OperationalError, match="unable to open database file"):
        connect_read_only(missing).execute("SELECT 1")
    assert not missing.exists()
