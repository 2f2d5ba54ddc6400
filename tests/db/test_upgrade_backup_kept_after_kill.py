"""The copy of a file taken before an upgrade is never lost once the upgrade may have been
written: a program stopped (killed, the battery flat, Ctrl+C) after the upgrade committed leaves
that copy among the backups, listed and restorable, never as a half-made copy removed an hour
later. A copy whose upgrade was never written still adds no backup."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from bscp_desktop.db import database, migrate
from bscp_desktop.db.backup import PENDING, list_backups, start_backup
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Setting
from bscp_desktop.services import backups

pytestmark = pytest.mark.slow  # files taken back a schema version, upgraded, some in a process killed

HEAD = migrate.head_revision()


@pytest.fixture(scope="module")
def earlier_file(tmp_path_factory, empty_file) -> Path:
    """A database saved by the version before this one (its schema one revision back)."""
    from alembic import command

    path = tmp_path_factory.mktemp("earlier") / "earlier.sqlite3"
    shutil.copyfile(empty_file, path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "-1")
    engine.dispose()
    return path


@pytest.fixture(scope="module")
def earlier(earlier_file) -> str:
    return _version(earlier_file)


def _version(path: Path) -> str:
    import sqlite3

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def _pending(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{PENDING}")) if folder.is_dir() else []


CHILD = r"""
import os, signal, sys
from pathlib import Path
from bscp_desktop.db import backup, database

if sys.argv[3] == "named":  # the upgrade written and its copy named a backup, before the file is checked whole
    database._require_whole = lambda path: os.kill(os.getpid(), signal.SIGKILL)
else:  # the upgrade written, its copy not yet named a backup
    backup.PendingBackup.place = lambda self: os.kill(os.getpid(), signal.SIGKILL)
database.Database.open(sys.argv[1], create=False, backup_folder=Path(sys.argv[2])).close()
"""


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX only")
@pytest.mark.parametrize("stopped", ["named", "not yet named"])
def test_killed_after_the_upgrade_committed_the_copy_from_before_is_listed_and_restores(
        tmp_path, earlier_file, earlier, stopped):
    path = shutil.copyfile(earlier_file, tmp_path / "bscp.sqlite3")
    folder = tmp_path / "backups"
    killed = subprocess.run([sys.executable, "-c", CHILD, str(path), str(folder), stopped],
                            capture_output=True, text=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert _version(path) == HEAD  # the upgrade was written before the kill

    listed = list_backups(folder, path)  # as `restore --list` and File > Restore list them, at once
    assert len(listed) == 1 and listed[0].reason == "startup", listed
    assert _version(listed[0].path) == earlier  # the file as it was before the upgrade
    assert _pending(folder) == []

    with Database.open(path, create=False, backup_folder=folder) as db:  # the next start: a day's work
        with db.unit_of_work() as session:
            session.add(Setting(key="after.the.upgrade", value='"yes"'))
    later = list_backups(folder, path)
    assert listed[0].path in [b.path for b in later]  # never removed as a copy left half-made

    backups.restore_backup(listed[0].path, path, folder)
    with Database.open(path, create=False) as db, db.unit_of_work() as session:
        assert session.scalar(select(Setting).where(Setting.key == "after.the.upgrade")) is None
    assert _version(path) == HEAD


def test_stopped_as_the_upgrade_committed_the_copy_from_before_is_kept(tmp_path, earlier_file, earlier, monkeypatch):
    """Ctrl+C (or any failure) landing once the upgrade's transaction committed: the file is at
    the new version, so the copy from before it is a backup, listed at once."""
    path = shutil.copyfile(earlier_file, tmp_path / "bscp.sqlite3")
    folder = tmp_path / "backups"
    upgrade = database.upgrade_url

    def then_stopped(url, name=None):
        upgrade(url, name)
        raise KeyboardInterrupt

    monkeypatch.setattr(database, "upgrade_url", then_stopped)
    with pytest.raises(KeyboardInterrupt):
        Database.open(path, create=False, backup_folder=folder)
    assert _version(path) == HEAD
    listed = list_backups(folder, path)
    assert len(listed) == 1 and _version(listed[0].path) == earlier
    assert _pending(folder) == []


def test_a_copy_left_from_before_a_written_upgrade_becomes_a_backup_and_one_never_written_does_not(
        tmp_path, earlier_file, earlier):
    """Copies left outside the backups by a program stopped part-way (`.pending`, as earlier
    versions left them when killed after the upgrade, even an hour and more ago)."""
    folder = tmp_path / "backups"
    # Stopped before its upgrade was written: the file is still as the copy has it.
    unwritten = shutil.copyfile(earlier_file, tmp_path / "unwritten.sqlite3")
    start_backup(unwritten, folder)
    assert list_backups(folder, unwritten) == []  # a start that did not finish adds no backup
    with Database.open(unwritten, create=False, backup_folder=folder):  # the next start upgrades it, with its own copy
        pass
    assert len(list_backups(folder, unwritten)) == 1

    # Stopped after its upgrade was written (by an earlier version), over an hour ago.
    written = shutil.copyfile(earlier_file, tmp_path / "written.sqlite3")
    left = start_backup(written, folder).path
    hours_ago = time.time() - 2 * 3600
    os.utime(left, (hours_ago, hours_ago))
    Database.open(written, create=False).close()  # upgraded; the copy never joined the backups
    assert _version(written) == HEAD
    with Database.open(written, create=False, backup_folder=folder):  # the next start: the copy is kept, not removed
        pass
    kept = [b for b in list_backups(folder, written) if _version(b.path) == earlier]
    assert len(kept) == 1 and kept[0].path.name == left.name.removesuffix(PENDING)
    assert [p for p in _pending(folder) if p.name.startswith("written")] == []
