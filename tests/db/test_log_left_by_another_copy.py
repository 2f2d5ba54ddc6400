"""A write-ahead log left beside a database by another copy of it: the program stopped with saved
changes still in bscp.sqlite3-wal, then an older, healthy bscp.sqlite3 was copied back over the
file, leaving that log beside it. Read together, the two are not a whole database. Checking,
backing up or opening the file says so, names the log and what to do, and leaves the file and the
log byte for byte as they were: the log is never folded into the file, nor removed."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from bscp_desktop.db.backup import connect_read_only
from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.db.file_check import check_file
from bscp_desktop.services import backups
from bscp_desktop.services import memberships as ms


def _with_organisations(path: Path, empty_file: Path, names: list[str]) -> Path:
    shutil.copyfile(empty_file, path)
    with Database.open(path, create=False) as db:
        for name in names:
            ms.create_organisation(db, ms.OrganisationFields(name, "local_authority"))
    return path


def _log_of_another_copy(tmp_path: Path, empty_file: Path) -> Path:
    """tmp_path/bscp.sqlite3, healthy, beside bscp.sqlite3-wal holding saved changes of another copy."""
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    other = crashed / "bscp.sqlite3"
    shutil.copyfile(empty_file, other)
    db = Database.open(other, create=False)
    try:
        for i in range(40):
            ms.create_person(db, ms.PersonFields(f"Person {i:02d} " + "of the copy that stopped " * 4))
        log = other.with_name("bscp.sqlite3-wal")
        assert log.stat().st_size > 0  # saved changes not yet written into the file, as a program stopped leaves them
        path = _with_organisations(tmp_path / "bscp.sqlite3", empty_file,
                                   [f"Council {i:02d} " + "of the healthy copy " * 4 for i in range(40)])
        shutil.copyfile(log, path.with_name("bscp.sqlite3-wal"))
    finally:
        db.close()
    return path


def _files(path: Path) -> dict[str, str]:
    """The database and its log, by name, with a digest of each."""
    return {p.name: hashlib.sha1(p.read_bytes()).hexdigest()
            for p in (path, path.with_name(path.name + "-wal")) if p.exists()}


@pytest.fixture
def stray_log(tmp_path, empty_file) -> Path:
    path = _log_of_another_copy(tmp_path, empty_file)
    assert set(_files(path)) == {"bscp.sqlite3", "bscp.sqlite3-wal"}
    return path


def _names_the_log(refusal: BaseException) -> None:
    said = str(refusal)
    assert "bscp.sqlite3-wal" in said and "move bscp.sqlite3-wal to another folder" in said, said
    assert "restore a backup from the File menu" in said, said


def test_check_names_the_log_and_leaves_both_files_as_they_were(stray_log):
    before = _files(stray_log)
    with pytest.raises(DatabaseError) as refused:
        check_file(stray_log)
    _names_the_log(refused.value)
    assert _files(stray_log) == before


def test_a_backup_is_refused_leaving_both_files_as_they_were(stray_log, tmp_path):
    before = _files(stray_log)
    with pytest.raises(DatabaseError) as refused:
        backups.backup_now(stray_log, tmp_path / "copy.sqlite3")
    _names_the_log(refused.value)
    assert _files(stray_log) == before
    assert not list(tmp_path.glob("copy.sqlite3*"))


@pytest.mark.parametrize("check_later", [False, True], ids=["checked-at-opening", "checked-after-the-window-shows"])
def test_opening_it_for_work_is_refused_before_anything_is_written(stray_log, tmp_path, check_later):
    before = _files(stray_log)
    with pytest.raises(DatabaseError) as refused:
        Database.open(stray_log, create=False, backup_folder=tmp_path / "backups", check_later=check_later)
    _names_the_log(refused.value)
    assert _files(stray_log) == before


def test_with_the_log_moved_away_the_file_is_healthy_again(stray_log, tmp_path):
    with pytest.raises(DatabaseError):
        check_file(stray_log)
    stray_log.with_name("bscp.sqlite3-wal").rename(tmp_path / "moved-away.sqlite3-wal")
    assert "healthy" in check_file(stray_log)


def test_the_file_s_own_log_is_still_read_and_left_for_the_program_to_fold_in(tmp_path, empty_file):
    path = tmp_path / "own.sqlite3"
    shutil.copyfile(empty_file, path)
    db = Database.open(path, create=False)
    try:
        ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
        stopped = tmp_path / "stopped"
        stopped.mkdir()
        for side in ("", "-wal"):  # as a program stopped after saving leaves them
            shutil.copyfile(path.with_name(path.name + side), stopped / f"own.sqlite3{side}")
    finally:
        db.close()
    copy = stopped / "own.sqlite3"
    before = _files(copy)
    assert "healthy" in check_file(copy)
    con = connect_read_only(copy)
    try:
        assert con.execute("SELECT name FROM organisation").fetchall() == [("Brent Council",)]
    finally:
        con.close()
    assert _files(copy) == before  # read through the log, which is left for the program to fold in


def test_a_restore_over_it_keeps_the_file_aside_with_the_log_as_they_were(stray_log, tmp_path, empty_file):
    backup = tmp_path / "backup.sqlite3"
    shutil.copyfile(empty_file, backup)
    before = _files(stray_log)
    kept = backups.restore_backup(backup, stray_log, folder=tmp_path / "backups")
    assert kept is not None and kept.name.endswith(".damaged")
    assert _files(kept) == {kept.name: before["bscp.sqlite3"], kept.name + "-wal": before["bscp.sqlite3-wal"]}
    assert "healthy" in check_file(stray_log)  # the backup in its place, no log applied to it
