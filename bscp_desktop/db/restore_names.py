"""Where a restore makes its working copy of a database, and the copies a restore stopped
part-way leaves behind.

The copy is a full copy of the records, checked and upgraded before it takes the database's
place, so it is made on the same disk as the database: a file that does not open, or one not
there yet, is then replaced by renaming the copy, in one step. It goes beside the database,
named after it (`.bscp.sqlite3.restore-k3j9x2ab.tmp`). Where the database's path is so long
that the copy's would be longer than SQLite opens (`targets.MAX_DATABASE_PATH`), it goes, under
the same name, in the nearest folder above whose path leaves room for it, on the same disk and
one this user may write to; where there is none, the restore says the path is too long.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

from bscp_desktop.db.lock import FileLock, LockHeld
from bscp_desktop.db.targets import MAX_DATABASE_PATH, TEMPORARY_ROOM, fitting

RESTORE = ".restore-"
#: A restore's working copy untouched this long, and not locked by the restore making it, was
#: left by a program that stopped part-way.
_RESTORE_IDLE_SECONDS = 120
#: The longest a copy's name grows past its prefix: `tempfile`'s random part, the suffix, and the
#: name `backup.copy_database` writes it under first (SQLite's journals are allowed for in
#: `MAX_DATABASE_PATH`).
_AFTER_PREFIX = len("k3j9x2ab" + ".tmp" + ".partial")

_RESTORE_COPY = re.compile(r"(?P<copy>[a-z0-9_]+\.tmp)(?:-wal|-shm|-journal|\.lock|\.partial|\.partial-journal)?")


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def restore_prefix(target: Path) -> str:
    """The start of the name of a restore's working copy of the database `target`, short
    enough for the random part, its own temporary copy and SQLite's journals to fit."""
    return "." + fitting(Path(target).name, TEMPORARY_ROOM) + RESTORE


def _room_in(folder: Path, prefix: str) -> bool:
    """Whether a copy named `prefix`… in `folder` has a path SQLite opens, as it is made too."""
    return len(os.fsencode(str(folder))) + 1 + len(os.fsencode(prefix)) + _AFTER_PREFIX <= MAX_DATABASE_PATH


def _device(folder: Path) -> int | None:
    try:
        return folder.stat().st_dev
    except OSError:
        return None


def _places(target: Path) -> list[Path]:
    """The folders a working copy of `target` may be made in, nearest first, up to the first
    this user may write to: its own folder if the copy's path fits there, else the folders
    above it on the same disk whose paths leave room for the copy's."""
    target = Path(target).absolute()
    prefix, disk = restore_prefix(target), _device(target.parent)
    places = []
    for folder in (target.parent, *target.parent.parents):
        if _device(folder) != disk or disk is None:  # another disk: renaming would not be one step
            break
        if _room_in(folder, prefix):
            places.append(folder)
            if os.access(folder, os.W_OK):
                break
    return places


def copy_folder(target: Path) -> Path | None:
    """The folder a restore's working copy of `target` is made in; None where none leaves room
    for its path on the same disk (`path_too_long` says so)."""
    places = _places(target)
    return places[-1] if places and os.access(places[-1], os.W_OK) else None


def path_too_long(target: Path, subject: str) -> str:
    """The sentence refusing a restore into `target`, whose path leaves no room for the working
    copy: it is the path, not the backup (`subject`), that is at fault."""
    length = len(os.fsencode(str(Path(target).absolute())))
    return (f"{subject} could not be checked before it is restored, as the path of {Path(target).name[:40]} is too "
            f"long ({length} bytes with its folders) for a working copy beside it, and no folder above it on the "
            "same disk can take one; nothing was restored. Move the database to a folder with a shorter path and "
            "restore it there.")


def new_restore_copy(target: Path, folder: Path) -> tuple[Path, FileLock]:
    """An empty working copy of `target` in `folder` (`copy_folder`; readable by this account
    only), and the lock its restore holds on it until the copy is swapped in or discarded: while
    the lock is held, `remove_stale_restores` leaves the copy alone."""
    fd, name = tempfile.mkstemp(prefix=restore_prefix(target), suffix=".tmp", dir=folder)
    os.close(fd)
    copy = Path(name)
    lock = FileLock(copy.with_name(copy.name + ".lock"))
    try:
        lock.acquire()
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    return copy, lock


def remove_stale_restores(target: Path) -> None:
    """Remove the working copies (full copies of the records) left where a restore into
    `target` makes them (`copy_folder`) by restores that were stopped part-way: untouched for a
    few minutes and no longer locked by a running restore. Anything that cannot be removed is
    left for next time."""
    prefix = restore_prefix(target)
    for folder in _places(target):
        copies: dict[str, list[Path]] = {}
        with contextlib.suppress(OSError):
            for p in folder.glob(glob_escape(prefix) + "*"):
                if match := _RESTORE_COPY.fullmatch(p.name[len(prefix):]):
                    copies.setdefault(match["copy"], []).append(p)
        cutoff = time.time() - _RESTORE_IDLE_SECONDS
        for name, files in copies.items():
            try:
                if any(p.stat().st_mtime >= cutoff for p in files):
                    continue
                lock = FileLock(folder / (prefix + name + ".lock"))
                lock.acquire()
            except (OSError, LockHeld):  # in use, or not ours to remove
                continue
            try:
                for p in files:
                    if p != lock.path:
                        with contextlib.suppress(OSError):
                            p.unlink()
            finally:
                lock.release()
