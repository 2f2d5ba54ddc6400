"""Back up and restore database files."""

from __future__ import annotations

from pathlib import Path

from bscp_desktop import paths
from bscp_desktop.db import backup as backup_files
from bscp_desktop.db.backup import BackupInfo
from bscp_desktop.db.database import Database, DatabaseError, DatabaseInUse, inspect_file
from bscp_desktop.db.lock import FileLock, LockHeld

__all__ = ["BackupInfo", "backup_now", "list_backups", "restore_backup"]


def backup_now(db_path: Path, out: Path | None = None, folder: Path | None = None) -> Path:
    """A consistent copy of the database file: to `out`, or into the rotating backup folder."""
    db_path = Path(db_path).absolute()
    inspect_file(db_path, must_exist=True)
    if out is not None:
        out = Path(out).absolute()
        if out == db_path:
            raise DatabaseError("The backup cannot be written over the database itself.")
        if not out.parent.is_dir():
            raise DatabaseError(f"The folder {out.parent} does not exist.")
        backup_files.copy_database(db_path, out)
        return out
    return backup_files.backup_database(db_path, folder or paths.backup_dir(), reason="manual")


def list_backups(db_path: Path, folder: Path | None = None) -> list[BackupInfo]:
    return backup_files.list_backups(folder or paths.backup_dir(), Path(db_path))


def restore_backup(backup: Path, db_path: Path, folder: Path | None = None) -> Path | None:
    """Replace the database's contents with a backup's; the current file is backed up first.

    Returns the safety copy of the current file (None when there was no file). The database
    must not be open in a window: the caller closes it first.
    """
    backup = Path(backup).absolute()
    db_path = Path(db_path).absolute()
    inspect_file(backup, must_exist=True)
    if backup == db_path:
        raise DatabaseError("Choose a backup file, not the database itself.")
    has_data = inspect_file(db_path)
    lock = FileLock(db_path.with_name(db_path.name + ".lock"))
    try:
        lock.acquire()
    except LockHeld as exc:
        raise DatabaseInUse(
            f"{db_path.name} is open in a BSCP Desktop window; close it there before restoring."
        ) from exc
    try:
        safety = None
        if has_data:
            safety = backup_files.backup_database(db_path, folder or paths.backup_dir(), reason="before_restore")
        backup_files.restore_into(backup, db_path)
    finally:
        lock.release()
    # Prove the result opens (and bring an older backup up to the current schema).
    Database.open(db_path, create=False).close()
    return safety
