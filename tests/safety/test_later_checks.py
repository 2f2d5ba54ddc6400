"""The window's file opened with its integrity check and start-up backup left until its first
tab shows (db/later_checks.py): a damaged file is still found and nothing is ever written to it,
its copy never joins the backups, and a sound file's backup is still made before any write."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from bscp_desktop.db import backup as backup_files
from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.services import memberships as ms
from tests.safety.helpers import damaged_records, organisation_names


@pytest.mark.slow
def test_a_damaged_file_opens_unchecked_then_is_found_and_refuses_every_write(tmp_path):
    path = damaged_records(tmp_path / "bscp.sqlite3")
    folder = tmp_path / "backups"
    with pytest.raises(DatabaseError, match="damaged"):  # as ever, when checked at opening
        Database.open(path, backup_folder=folder).close()
    before = path.read_bytes()
    db = Database.open(path, backup_folder=folder, check_later=True)
    try:
        assert db.later is not None and not db.later.done
        problem = db.later.wait(60)
        assert "damaged" in problem and str(path) in problem and "restore a backup" in problem
        with pytest.raises(DatabaseError, match="damaged"):
            ms.create_organisation(db, ms.OrganisationFields("Written to a damaged file", "other"))
    finally:
        db.close()
    assert path.read_bytes() == before  # nothing written
    assert backup_files.list_backups(folder, path) == []  # its copy never joined the rotation
    assert not list(folder.glob("*.pending")) if folder.exists() else True


def test_a_write_before_the_checks_waits_for_them_and_the_backup_is_taken_first(tmp_path):
    path = tmp_path / "bscp.sqlite3"
    folder = tmp_path / "backups"
    with Database.open(path, backup_folder=folder) as db:
        ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    db = Database.open(path, backup_folder=folder, check_later=True)
    try:
        assert db.later.backup_due and not db.later.done
        assert backup_files.list_backups(folder, path) == []  # not yet: the window has not shown
        saved = threading.Event()

        def save() -> None:
            ms.create_organisation(db, ms.OrganisationFields("Written after the backup", "other"))
            saved.set()

        writer = threading.Thread(target=save)
        writer.start()
        writer.join(60)
        assert saved.is_set() and db.later.done and db.later.wait() == ""
        found = backup_files.list_backups(folder, path)
        assert len(found) == 1 and found[0].path == db.later.backup
        assert organisation_names(found[0].path) == ["Brent Council"]  # taken before the write
        assert "Written after the backup" in organisation_names(path)
    finally:
        db.close()


def test_the_checks_start_when_the_window_says_go_and_a_sound_file_is_backed_up(tmp_path):
    path = tmp_path / "bscp.sqlite3"
    folder = tmp_path / "backups"
    Database.open(path).close()
    db = Database.open(path, backup_folder=folder, check_later=True)
    try:
        db.later.go()
        assert db.later.wait(60) == ""
        assert [b.path for b in backup_files.list_backups(folder, path)] == [db.later.backup]
    finally:
        db.close()


@pytest.mark.slow
def test_a_file_opening_must_write_to_is_checked_at_opening(tmp_path):
    """Protection of the history missing: putting it back writes, so every page is read first."""
    path = damaged_records(tmp_path / "bscp.sqlite3")
    con = sqlite3.connect(path)
    names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]
    assert names
    con.execute(f'DROP TRIGGER "{names[0]}"')
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="damaged"):
        Database.open(path, backup_folder=tmp_path / "backups", check_later=True).close()


def test_closing_before_the_checks_start_leaves_nothing_behind(tmp_path):
    path = tmp_path / "bscp.sqlite3"
    folder = tmp_path / "backups"
    Database.open(path).close()
    db = Database.open(path, backup_folder=folder, check_later=True)
    db.later.cancel()
    assert db.later.wait(60) == ""
    db.close()
    assert backup_files.list_backups(folder, path) == []
    assert not folder.exists() or not list(folder.iterdir())


def _signature(path) -> str | None:
    con = sqlite3.connect(path)
    try:
        row = con.execute("SELECT value FROM search_meta WHERE key = 'signature'").fetchone()
        return row[0] if row else None
    finally:
        con.close()


def test_a_search_index_of_other_declarations_is_rebuilt_by_the_checks_after_the_backup(tmp_path):
    """Knowing the declarations needs every area's models, which the window loads once its first
    tab is filled: the file opens unchecked, and the index is rebuilt after its backup, before
    any other write."""
    from bscp_desktop.db import search

    path = tmp_path / "bscp.sqlite3"
    folder = tmp_path / "backups"
    with Database.open(path) as db:
        ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    if _signature(path) is None:
        pytest.skip("this SQLite has no full-text search")
    con = sqlite3.connect(path)
    con.execute("UPDATE search_meta SET value = 'an earlier version' WHERE key = 'signature'")
    con.commit()
    con.close()
    db = Database.open(path, backup_folder=folder, check_later=True)
    try:
        assert db.later is not None and _signature(path) == "an earlier version"  # nothing written at opening
        db.later.go()
        assert db.later.wait(60) == ""
        assert _signature(path) == search.signature()
        [copy] = backup_files.list_backups(folder, path)
        assert _signature(copy.path) == "an earlier version"  # backed up before the index was written
        ms.create_organisation(db, ms.OrganisationFields("Written after the rebuild", "other"))
    finally:
        db.close()
    assert "Written after the rebuild" in organisation_names(path)
