"""A file whose records read back whole but one of whose indexes no longer lists them (what a
torn write or another program can leave): every part of the program reads it alike. Opening it,
its start-up backup, a backup by hand and `check` all find it damaged, so no backup is ever
kept of it that a restore then refuses; and a backup of such a file kept by an earlier version
(which read pages, not indexes) is restored with its indexes rebuilt from its records."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from bscp_desktop.db import backup as backup_files
from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.db.file_check import check_file
from bscp_desktop.services import backups
from bscp_desktop.services import memberships as ms
from tests.safety.helpers import organisation_names

INDEX = "ix_organisation_name"


def organisations_file(path: Path, names: list[str]) -> Path:
    with Database.open(path) as db:
        for name in names:
            ms.create_organisation(db, ms.OrganisationFields(name, "other"))
    return path


def damage_an_index(path: Path) -> Path:
    """Rename every organisation behind the back of the index on their names: the pages all read
    back sound (`quick_check`), but the index lists names no record has (`integrity_check`)."""
    con = sqlite3.connect(path)
    try:
        entry = con.execute("SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master WHERE name = ?",
                            (INDEX,)).fetchone()
        con.execute("PRAGMA writable_schema = ON")
        con.execute("DELETE FROM sqlite_master WHERE name = ?", (INDEX,))
        con.commit()
    finally:
        con.close()
    con = sqlite3.connect(path)
    try:
        con.execute("UPDATE organisation SET name = name || ' (renamed)'")
        con.execute("PRAGMA writable_schema = ON")
        con.execute("INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES (?, ?, ?, ?, ?)", entry)
        con.commit()
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA integrity_check").fetchall() != [("ok",)]
    finally:
        con.close()
    return path




@pytest.mark.slow
def test_a_file_with_a_damaged_index_is_damaged_to_check_opening_and_backups_alike(tmp_path):
    path = damage_an_index(organisations_file(tmp_path / "bscp.sqlite3", ["Brent Council", "Ealing Council"]))
    folder = tmp_path / "backups"
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="is damaged"):
        check_file(path)
    with pytest.raises(DatabaseError, match="is damaged"):  # opened by a command, or to be upgraded
        Database.open(path, backup_folder=folder).close()
    with pytest.raises(DatabaseError, match="is damaged"):
        backups.backup_now(path, folder=folder)
    db = Database.open(path, backup_folder=folder, check_later=True)  # the window
    try:
        problem = db.later.wait(60)
    finally:
        db.close()
    assert "is damaged" in problem and "restore a backup" in problem
    assert backup_files.list_backups(folder, path) == []  # no backup kept that a restore would refuse
    assert path.read_bytes() == before


def test_a_backup_whose_only_damage_is_an_index_is_restored_with_the_index_rebuilt(tmp_path):
    path = organisations_file(tmp_path / "bscp.sqlite3", ["Brent Council"])
    folder = tmp_path / "backups"
    folder.mkdir()
    kept = folder / backup_files.backup_name(path, datetime(2024, 4, 1, 9, 30), "startup")
    damage_an_index(organisations_file(tmp_path / "earlier.sqlite3", ["Ealing Council", "Harrow Council"]))
    (tmp_path / "earlier.sqlite3").replace(kept)  # as an earlier version kept it on opening such a file
    as_kept = kept.read_bytes()

    backups.restore_backup(kept, path, folder)

    assert organisation_names(path) == ["Ealing Council (renamed)", "Harrow Council (renamed)"]
    assert "healthy" in check_file(path)
    assert kept.read_bytes() == as_kept  # the backup itself is left as it was
    con = sqlite3.connect(path)
    try:  # the index lists the records again
        found = con.execute(f"SELECT name FROM organisation INDEXED BY {INDEX} WHERE name = ?",
                            ("Harrow Council (renamed)",)).fetchall()
    finally:
        con.close()
    assert found == [("Harrow Council (renamed)",)]


@pytest.mark.slow
def test_a_backup_whose_records_are_damaged_is_still_refused(tmp_path):
    from tests.safety.helpers import damaged_records

    path = organisations_file(tmp_path / "bscp.sqlite3", ["Brent Council"])
    before = path.read_bytes()
    broken = damaged_records(tmp_path / "broken.sqlite3")
    assert not backup_files.rebuild_indexes(broken)  # pages that do not read back: nothing rebuilt
    with pytest.raises(DatabaseError, match="damaged"):
        backups.restore_backup(broken, path, tmp_path / "backups")
    assert path.read_bytes() == before
