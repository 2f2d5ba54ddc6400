"""Restoring into a database whose path is nearly as long as SQLite opens (504 bytes): the
restore's working copy, whose name is longer than the database's, is made where its own path
fits (beside the database, else the nearest folder above it on the same disk), so the restore
works; where no folder leaves room, the path is said to be too long, never the backup damaged."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from bscp_desktop.db import backup as backup_files
from bscp_desktop.db import restore_names
from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.db.targets import MAX_DATABASE_PATH
from bscp_desktop.services import backups
from bscp_desktop.services import memberships as ms
from tests.safety.helpers import one_organisation_file


def _long_path(root: Path, total: int, name: str = "bscp.sqlite3") -> Path:
    """A path of `total` bytes under `root` ending in `name` (or a longer name, to make it up)."""
    base = root
    while (need := total - len(os.fsencode(str(base / name)))) > 0:
        if need == 1:
            name = "x" + name
        else:
            base = base / ("d" * min(200, need - 1))
    base.mkdir(parents=True, exist_ok=True)
    path = base / name
    assert len(os.fsencode(str(path))) == total
    return path


def _names(path: Path) -> list[str]:
    with Database.open(path, create=False) as db:
        return [o.name for o in ms.list_organisations(db)]


def _copies_left(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if backup_files.RESTORE in p.name]


@pytest.mark.slow  # a backup, a restore and the file opened after it, for each length
@pytest.mark.parametrize("total", [475, 490, MAX_DATABASE_PATH])
def test_a_database_with_a_long_path_is_restored(tmp_path, empty_file, total):
    live = one_organisation_file(_long_path(tmp_path / "work", total), empty_file)
    folder = tmp_path / "backups"
    kept = backups.backup_now(live, folder=folder)
    with Database.open(live, create=False) as db:
        ms.create_organisation(db, ms.OrganisationFields("Made after the backup", "other"))
    backups.restore_backup(kept, live, folder)
    assert _names(live) == ["Brent Council"]
    assert sorted(p.name for p in live.parent.iterdir()) == [live.name]
    assert _copies_left(tmp_path) == []


@pytest.mark.slow  # a damaged file kept aside, then replaced
def test_a_damaged_database_with_the_longest_path_is_replaced_by_the_copy_made_above_it(tmp_path, empty_file):
    backup = one_organisation_file(tmp_path / "b.sqlite3", empty_file)
    target = _long_path(tmp_path / "work", MAX_DATABASE_PATH, name="b.db")  # no room beside it for a copy's name
    assert restore_names.copy_folder(target) != target.parent
    data = bytearray(empty_file.read_bytes())
    for offset in range(8192, len(data), 4096):  # its later pages overwritten: it does not open
        data[offset + 100:offset + 400] = bytes(range(150)) * 2
    target.write_bytes(bytes(data))
    with pytest.raises(DatabaseError, match="damaged"):
        Database.open(target, create=False).close()
    kept = backups.restore_backup(backup, target, tmp_path / "backups")  # renamed into its place, in one step
    assert kept is not None and kept.read_bytes() == bytes(data)
    assert _names(target) == ["Brent Council"]
    assert _copies_left(tmp_path) == []


def test_a_copy_left_above_a_long_path_by_a_restore_stopped_part_way_is_removed(tmp_path):
    target = _long_path(tmp_path / "work", MAX_DATABASE_PATH)
    target.write_bytes(b"")
    place = restore_names.copy_folder(target)
    assert place is not None and place != target.parent and target.is_relative_to(place)
    assert place.stat().st_dev == target.parent.stat().st_dev  # the same disk: the copy is renamed into place
    base = place / f"{restore_names.restore_prefix(target)}stale123.tmp"
    left = [base, base.with_name(base.name + ".partial"), base.with_name(base.name + ".lock")]
    old = time.time() - 3600
    for p in left:
        p.write_bytes(b"a copy of the records")
        os.utime(p, (old, old))
    backup_files.remove_stale_restores(target)  # as opening the database does
    assert not any(p.exists() for p in left)


def test_where_no_folder_leaves_room_for_the_copy_the_path_is_said_too_long(tmp_path, empty_file, monkeypatch):
    live = _long_path(tmp_path / "work", MAX_DATABASE_PATH)
    shutil.copyfile(empty_file, live)
    backup = shutil.copyfile(empty_file, tmp_path / "backup.sqlite3")
    before = live.read_bytes()
    monkeypatch.setattr(restore_names, "_room_in", lambda folder, prefix: False)
    with pytest.raises(DatabaseError) as refused:
        backups.prepare_restore(backup, live)
    said = str(refused.value)
    assert f"the path of {live.name} is too long ({MAX_DATABASE_PATH} bytes" in said
    assert "Move the database to a folder with a shorter path" in said and "nothing was restored" in said
    assert "damaged" not in said and "not a database" not in said
    assert live.read_bytes() == before and _copies_left(tmp_path) == []
