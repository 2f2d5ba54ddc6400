from datetime import datetime, timedelta

import pytest

from bscp_desktop.db.backup import BackupInfo, backups_to_remove, list_backups
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
