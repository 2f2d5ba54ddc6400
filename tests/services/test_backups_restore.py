"""Restoring a backup: never into the backup folder, whatever the backup's page size, into a new
file readable by this account only, and without leaving copies of the records behind."""

from __future__ import annotations

import os
import sqlite3
import stat
import time

import pytest

from bscp_desktop import paths
from bscp_desktop.db import backup as backup_files
from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.db.file_check import check_file
from bscp_desktop.db.lock import FileLock
from bscp_desktop.db.targets import MAX_DATABASE_NAME
from bscp_desktop.services import backups
from bscp_desktop.services import memberships as ms
from tests.safety.helpers import one_organisation_file


def _names(db) -> list[str]:
    return [o.name for o in ms.list_organisations(db)]


def _page_size(path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA page_size").fetchone()[0]
    finally:
        con.close()


def test_a_backup_in_the_backup_folder_is_never_restored_into(tmp_path, empty_file):
    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    kept = backups.backup_now(live)
    assert kept.parent == paths.backup_dir()
    before = kept.read_bytes()
    in_folder = sorted(paths.backup_dir().iterdir())
    for target in (kept, paths.backup_dir() / "new.sqlite3"):  # a backup, or a new file beside them
        with pytest.raises(DatabaseError, match="is in the backup folder .* so it is not opened to work in"):
            backups.restore_backup(live, target)
        assert sorted(paths.backup_dir().iterdir()) == in_folder
    assert kept.read_bytes() == before


def test_the_backup_folder_given_is_the_one_refused(tmp_path, empty_file):
    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    folder = tmp_path / "backups"
    kept = backups.backup_now(live, folder=folder)
    with pytest.raises(DatabaseError, match="is in the backup folder"):
        backups.prepare_restore(live, kept, folder)
    assert sorted(p.name for p in folder.iterdir()) == [kept.name]


def test_a_backup_with_another_page_size_is_restored(tmp_path, empty_file):
    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    backup = tmp_path / "large-pages.sqlite3"
    backups.backup_now(live, backup)
    con = sqlite3.connect(backup)
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("PRAGMA page_size=8192")
    con.execute("VACUUM")
    con.close()
    assert _page_size(backup) == 8192 and _page_size(live) != 8192
    with Database.open(live) as db:
        ms.create_organisation(db, ms.OrganisationFields("Added later", "other"))
    size = _page_size(live)
    folder = tmp_path / "backups"
    safety = backups.restore_backup(backup, live, folder)
    with Database.open(live) as db:
        assert _names(db) == ["Brent Council"]
    with Database.open(safety) as db:
        assert set(_names(db)) == {"Brent Council", "Added later"}
    assert _page_size(live) == size
    assert "healthy" in check_file(live)
    assert not list(tmp_path.glob(".live.sqlite3.restore-*"))


@pytest.mark.skipif(os.name == "nt", reason="Windows keeps a file's readers in its folder's permissions")
def test_a_database_restored_to_a_new_name_is_readable_by_this_account_only(tmp_path, empty_file):
    backup = one_organisation_file(tmp_path / "backup.sqlite3", empty_file)
    target = tmp_path / "new.sqlite3"
    old_mask = os.umask(0o022)  # as a default account makes files: readable by everyone
    try:
        assert backups.restore_backup(backup, target, tmp_path / "backups") is None
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(target.stat().st_mode) & 0o077 == 0
    with Database.open(target) as db:
        assert _names(db) == ["Brent Council"]
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("backup")) == ["new.sqlite3"]


def _left_copy(folder, db_name: str, key: str, age_seconds: float) -> list:
    """What a restore stopped part-way leaves beside the database: its copy, half-made or whole."""
    base = folder / f".{db_name}{backup_files.RESTORE}{key}.tmp"
    files = [base, base.with_name(base.name + ".partial"), base.with_name(base.name + ".partial-journal"),
             base.with_name(base.name + ".lock")]
    when = time.time() - age_seconds
    for p in files:
        p.write_bytes(b"a copy of the records")
        os.utime(p, (when, when))
    return files


def test_a_restore_removes_copies_left_by_one_stopped_part_way(tmp_path, empty_file):
    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    backup = backups.backup_now(live, folder=tmp_path / "backups")
    stale = _left_copy(tmp_path, "live.sqlite3", "stale123", age_seconds=3600)
    recent = _left_copy(tmp_path, "live.sqlite3", "recent12", age_seconds=5)  # a restore starting now
    running = _left_copy(tmp_path, "live.sqlite3", "running1", age_seconds=3600)  # a long check under way
    held = FileLock(running[-1])
    held.acquire()
    old = time.time() - 3600
    for p in running:
        os.utime(p, (old, old))
    try:
        backups.restore_backup(backup, live, tmp_path / "backups")
    finally:
        held.release()
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in recent + running[:-1])
    other = _left_copy(tmp_path, "other.sqlite3", "stale456", age_seconds=3600)  # another database's
    backups.prepare_restore(backup, live).discard()
    assert all(p.exists() for p in other)


def test_opening_a_changed_database_removes_copies_left_by_a_restore(tmp_path, empty_file):
    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    stale = _left_copy(tmp_path, "live.sqlite3", "stale123", age_seconds=3600)
    Database.open(live, backup_folder=tmp_path / "backups").close()  # changed since its last backup
    assert not any(p.exists() for p in stale)


def test_a_restore_holds_its_copy_until_it_is_swapped_in(tmp_path, empty_file):
    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    backup = backups.backup_now(live, folder=tmp_path / "backups")
    prepared = backups.prepare_restore(backup, live)
    old = time.time() - 3600
    os.utime(prepared.copy, (old, old))
    backup_files.remove_stale_restores(live)  # as another program opening the file would
    assert prepared.copy.exists()
    prepared.swap_in(tmp_path / "backups")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backups", "live.sqlite3"]


def test_a_database_with_the_longest_name_can_be_restored_into(tmp_path, empty_file):
    backup = one_organisation_file(tmp_path / "b.sqlite3", empty_file)
    target = tmp_path / ("n" * (MAX_DATABASE_NAME - len(".sqlite3")) + ".sqlite3")
    backups.restore_backup(backup, target, tmp_path / "backups")
    with Database.open(target) as db:
        assert _names(db) == ["Brent Council"]


def test_opening_an_unchanged_database_removes_copies_left_by_a_restore_too(tmp_path, empty_file):
    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    Database.open(live, backup_folder=tmp_path / "backups").close()  # backed up: the next opening takes no copy
    stale = _left_copy(tmp_path, "live.sqlite3", "stale456", age_seconds=3600)
    Database.open(live, backup_folder=tmp_path / "backups").close()
    assert not any(p.exists() for p in stale)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "symlink"), reason="this system has no symbolic links")
def test_a_damaged_database_named_by_a_symbolic_link_is_replaced_where_it_is(tmp_path, empty_file):
    good = one_organisation_file(tmp_path / "good.sqlite3", empty_file)
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "bscp.sqlite3"
    real.write_bytes(good.read_bytes()[:20_000])  # cut short: SQLite cannot write into it
    link = tmp_path / "shortcut.sqlite3"
    try:
        link.symlink_to(real)
    except OSError:
        pytest.skip("this account may not make symbolic links")
    backups.restore_backup(good, link, tmp_path / "backups")
    assert link.is_symlink() and link.resolve() == real.resolve()  # the link still leads to the file
    with Database.open(real, backup_folder=tmp_path / "backups") as db:
        assert _names(db) == ["Brent Council"]
    assert sorted(p.name for p in shared.iterdir()) == ["bscp.sqlite3"]


def test_a_backup_is_not_backed_up_again_into_the_backup_folder(tmp_path, empty_file):
    """`backup --db <a backup>` would start a rotation of backups of a backup; with -o it is copied."""
    from bscp_desktop.db.targets import TargetRefused

    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    kept = backups.backup_now(live)
    in_folder = sorted(paths.backup_dir().iterdir())
    with pytest.raises(TargetRefused, match=r"is itself a backup, .* give the file to write \(-o FILE\)"):
        backups.backup_now(kept)
    assert sorted(paths.backup_dir().iterdir()) == in_folder
    copied = backups.backup_now(kept, out=tmp_path / "elsewhere.sqlite3")
    with Database.open(copied) as copy, Database.open(live) as original:
        assert _names(copy) == _names(original)


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal", ".lock"])
def test_a_database_named_as_a_working_file_is_refused_before_anything_is_touched(tmp_path, empty_file, suffix):
    """Restored into, such a file was replaced and its old contents set aside as damaged, and
    only then was the restore refused, as opening the file refuses it."""
    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    backup = backups.backup_now(live, tmp_path / "backup.sqlite3")
    named = tmp_path / f"old.sqlite3{suffix}"
    named.write_bytes(live.read_bytes())
    before = named.read_bytes()
    folder = tmp_path / "backups"
    for attempt in (backups.prepare_restore, backups.restore_backup):
        with pytest.raises(DatabaseError, match=f"ends in '{suffix}'"):
            attempt(backup, named, folder)
        assert named.read_bytes() == before
        assert not folder.exists() and sorted(p.name for p in tmp_path.iterdir()) == [
            "backup.sqlite3", "live.sqlite3", named.name]


def test_shortcuts_leading_round_in_a_circle_are_refused_in_a_sentence(tmp_path, empty_file):
    """Two symbolic links leading to each other: Python's resolve() raises RuntimeError there,
    not OSError; restoring from or into them, or opening them, is refused in one sentence."""
    from bscp_desktop.db.backup import database_key
    from bscp_desktop.db.targets import check_working_database

    live = one_organisation_file(tmp_path / "live.sqlite3", empty_file)
    kept = backups.backup_now(live)
    loop_a, loop_b = tmp_path / "loopa", tmp_path / "loopb"
    try:
        loop_a.symlink_to(loop_b)
        loop_b.symlink_to(loop_a)
    except OSError:
        pytest.skip("this account may not make symbolic links")
    with pytest.raises(DatabaseError, match="no backup file"):
        backups.prepare_restore(loop_a, live, tmp_path / "backups")
    with pytest.raises(Exception) as refused:
        backups.prepare_restore(kept, loop_a, tmp_path / "backups")
    assert not isinstance(refused.value, RuntimeError) and "loopa" in str(refused.value)
    check_working_database(loop_a, tmp_path / "backups")  # not a working file: opening says the rest
    assert len(database_key(loop_a)) == 8
