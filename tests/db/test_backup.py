import os
import sqlite3
import stat
from datetime import datetime, timedelta

import pytest

from bscp_desktop.db.backup import BackupInfo, backups_to_remove, keep_damaged_copy, list_backups
from bscp_desktop.db.database import Database, DatabaseInUse
from bscp_desktop.services import backups
from bscp_desktop.services import memberships as ms


def test_rotation_keeps_ten_latest_and_one_a_month_for_a_year(tmp_path):
    now = datetime(2026, 11, 26, 12, 0)
    infos = [BackupInfo(tmp_path / f"b{i}", now - timedelta(days=i * 3), 1) for i in range(200)]
    remove = {b.path for b in backups_to_remove(infos, now)}
    kept = [b for b in infos if b.path not in remove]
    assert infos[:10] == kept[:10]
    months = {(b.taken_at.year, b.taken_at.month) for b in kept}
    assert len(months) == 12
    assert min(b.taken_at for b in kept) >= datetime(2025, 12, 1)
    assert len(kept) == 10 + 12 - len({(b.taken_at.year, b.taken_at.month) for b in infos[:10]})


def test_each_kind_of_backup_keeps_its_own_ten_and_months(tmp_path):
    now = datetime(2026, 11, 26, 12, 0)
    by_hand = BackupInfo(tmp_path / "by-hand", now - timedelta(days=2), 1, "manual")
    before_restore = BackupInfo(tmp_path / "before-restore", now - timedelta(days=1), 1, "before_restore")
    starts = [BackupInfo(tmp_path / f"start{i}", now - timedelta(hours=i), 1, "startup") for i in range(30)]
    infos = sorted([by_hand, before_restore, *starts], key=lambda b: b.taken_at, reverse=True)
    remove = {b.path for b in backups_to_remove(infos, now)}
    assert by_hand.path not in remove and before_restore.path not in remove
    assert len([b for b in starts if b.path not in remove]) == 10  # ten newest; this month's is among them


def test_startup_backs_up_then_upgrades(tmp_path):
    path = tmp_path / "live.sqlite3"
    folder = tmp_path / "backups"
    Database.open(path, backup_folder=folder).close()
    assert list_backups(folder, path) == []  # nothing to back up on first creation
    Database.open(path, backup_folder=folder).close()
    assert len(list_backups(folder, path)) == 1


def test_backup_and_restore_round_trip(tmp_path):
    path = tmp_path / "live.sqlite3"
    folder = tmp_path / "backups"
    with Database.open(path) as db:
        ms.create_organisation(db, ms.OrganisationFields("Kept", "other"))
    copy = backups.backup_now(path, folder=folder)
    with Database.open(path) as db:
        ms.create_organisation(db, ms.OrganisationFields("Added later", "other"))
    safety = backups.restore_backup(copy, path, folder=folder)
    assert safety is not None and safety.exists()
    with Database.open(path) as db:
        assert [o.name for o in ms.list_organisations(db)] == ["Kept"]
    with Database.open(safety) as db:
        assert {o.name for o in ms.list_organisations(db)} == {"Kept", "Added later"}


def test_restore_refuses_while_the_database_is_open(tmp_path):
    path = tmp_path / "live.sqlite3"
    folder = tmp_path / "backups"
    Database.open(path).close()
    copy = backups.backup_now(path, folder=folder)
    with Database.open(path), pytest.raises(DatabaseInUse):
        backups.restore_backup(copy, path, folder=folder)


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    path = tmp_path / "live.sqlite3"
    Database.open(path).close()
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("hello")
    before = path.read_bytes()
    with pytest.raises(Exception, match="not a BSCP Desktop database"):
        backups.restore_backup(junk, path, folder=tmp_path / "b")
    assert path.read_bytes() == before


@pytest.mark.skipif(os.name == "nt", reason="Windows keeps a file's readers in its folder's permissions")
def test_backups_are_readable_by_this_account_only(tmp_path):
    path = tmp_path / "live.sqlite3"
    folder = tmp_path / "backups"
    Database.open(path).close()
    old_mask = os.umask(0o022)  # as a default account makes files: readable by everyone
    try:
        made = [backups.backup_now(path, folder=folder), backups.backup_now(path, tmp_path / "mine.sqlite3"),
                keep_damaged_copy(path, folder)]
    finally:
        os.umask(old_mask)
    for copy in made:
        assert stat.S_IMODE(copy.stat().st_mode) & 0o077 == 0, copy


def test_restore_into_a_read_only_database_is_refused_before_any_copy_is_made(tmp_path, monkeypatch):
    path = tmp_path / "live.sqlite3"
    folder = tmp_path / "backups"
    Database.open(path).close()
    copy = backups.backup_now(path, folder=folder)
    kept = sorted(folder.iterdir())
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) == str(path) and mode == os.W_OK else real_access(p, mode))
    with pytest.raises(Exception, match="live.sqlite3 is read-only"):
        backups.restore_backup(copy, path, folder=folder)
    assert sorted(folder.iterdir()) == kept  # no copy of the current file was made
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backups", "live.sqlite3"]


def test_a_copy_with_another_page_size_is_rebuilt_before_it_is_written_into_a_database(tmp_path):
    from bscp_desktop.db import backup as backup_files

    target = tmp_path / "live.sqlite3"
    Database.open(target).close()  # kept with a write-ahead log, as every database opened is
    copy = tmp_path / "copy.sqlite3"
    con = sqlite3.connect(copy)
    con.execute("PRAGMA page_size=8192")
    con.execute("CREATE TABLE kept (name TEXT)")
    con.execute("INSERT INTO kept VALUES ('Brent Council')")
    con.commit()
    con.execute("PRAGMA journal_mode=WAL")
    con.close()
    backup_files.match_page_size(copy, target)
    backup_files.restore_into(copy, target)
    con = sqlite3.connect(target)
    try:
        assert con.execute("SELECT name FROM kept").fetchall() == [("Brent Council",)]
        assert con.execute("PRAGMA page_size").fetchone()[0] == 4096
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need rights Windows seldom gives")
def test_backups_made_through_a_shortcut_are_named_and_listed_after_the_real_file(tmp_path, db_file):
    real = db_file.rename(tmp_path / "real.sqlite3")
    shortcut = tmp_path / "shortcut.sqlite3"
    shortcut.symlink_to(real.name)
    folder = tmp_path / "backups"
    made = backups.backup_now(shortcut, folder=folder)
    assert made.name.startswith("real-")
    assert [b.path for b in backups.list_backups(real, folder)] == [made]  # File > Restore under its own name
    assert [b.path for b in backups.list_backups(shortcut, folder)] == [made]
    os.utime(real, (made.stat().st_mtime + 10, made.stat().st_mtime + 10))  # changed since
    Database.open(shortcut, backup_folder=folder).close()  # the start-up backup too
    assert {b.reason for b in list_backups(folder, real)} == {"manual", "startup"}
