"""Backups with SQLite's online backup API, kept in rotation.

Rotation keeps the 10 newest copies plus the newest copy of each of the last 12 months.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

KEEP_LATEST = 10
KEEP_MONTHS = 12
SUFFIX = ".sqlite3"


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Open a file read-only; the URI is percent-encoded, so any file name works."""
    return sqlite3.connect(Path(path).absolute().as_uri() + "?mode=ro", uri=True)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    size_bytes: int


def copy_database(source: Path, target: Path) -> None:
    """Consistent copy of `source` (even while it is in use) into a new file `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".partial")
    tmp.unlink(missing_ok=True)
    src = connect_read_only(source)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    tmp.replace(target)


def backup_name(source: Path, when: datetime, reason: str) -> str:
    return f"{source.stem}-{when:%Y%m%d-%H%M%S-%f}-{reason}{SUFFIX}"


def _taken_at(path: Path) -> datetime | None:
    parts = path.name[: -len(SUFFIX)].rsplit("-", 4)
    if len(parts) != 5:
        return None
    try:
        return datetime.strptime(f"{parts[1]}{parts[2]}{parts[3]}", "%Y%m%d%H%M%S%f")
    except ValueError:
        return None


def list_backups(folder: Path, source: Path) -> list[BackupInfo]:
    """Backups of `source` in `folder`, newest first."""
    if not folder.is_dir():
        return []
    found = []
    for p in folder.glob(f"{source.stem}-*{SUFFIX}"):
        at = _taken_at(p)
        if at is not None and p.name[: -len(SUFFIX)].rsplit("-", 4)[0] == source.stem:
            found.append(BackupInfo(p, at, p.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def backups_to_remove(backups: list[BackupInfo], now: datetime) -> list[BackupInfo]:
    """Given backups newest first: those outside the 10 newest and the monthly ones."""
    keep: set[Path] = {b.path for b in backups[:KEEP_LATEST]}
    seen_months: set[tuple[int, int]] = set()
    oldest_month = (now.year * 12 + now.month - 1) - (KEEP_MONTHS - 1)
    for b in backups:
        month = (b.taken_at.year, b.taken_at.month)
        if b.taken_at.year * 12 + b.taken_at.month - 1 < oldest_month:
            continue
        if month not in seen_months:
            seen_months.add(month)
            keep.add(b.path)
    return [b for b in backups if b.path not in keep]


def backup_database(source: Path, folder: Path, reason: str = "manual", now: datetime | None = None) -> Path:
    now = now or datetime.now()
    target = folder / backup_name(source, now, reason)
    copy_database(source, target)
    for old in backups_to_remove(list_backups(folder, source), now):
        old.path.unlink(missing_ok=True)
    return target


def restore_into(backup: Path, target: Path) -> None:
    """Copy a backup's pages into `target` with the backup API, in one step."""
    src = connect_read_only(backup)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
