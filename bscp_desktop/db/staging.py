"""The passing files a new database is built under beside the name it will take (`copy`, `demo`,
`offline take`, File > New database: `database.staged_beside`, `database.building`), and what a
build stopped part-way leaves of them.

A build works under a hidden name beside its target, `.NAME.XXXXXXXX.building` (`.taking` for a
meeting taken offline, `.new` while the empty database is made, one inside another), and holds a
lock beside it (`….lock`) until it ends. A program stopped part-way (killed, a flat battery)
leaves that copy of the records, with SQLite's side files: the next build for the same name
removes such copies once they have been untouched for a few minutes and no running build holds
their lock, as a restore does for its own working copies (`backup.remove_stale_restores`).
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import time
from pathlib import Path

from bscp_desktop.db.backup import folder_reason, glob_escape
from bscp_desktop.db.lock import FileLock, LockHeld
from bscp_desktop.db.targets import fitting

#: A build's passing copy untouched this long, and not locked by the build making it, was left by
#: a program that stopped part-way.
IDLE_SECONDS = 120
KINDS = ("building", "taking", "new")
_SEGMENT = r"\.[a-z0-9_]{8}\.(?:" + "|".join(KINDS) + ")"
_SIDE = r"(?:-wal|-shm|-journal|\.lock)?"


def sidecar_paths(path: Path) -> list[Path]:
    """The files SQLite and this program keep beside a database: journals and the lock."""
    return [path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal", ".lock")]


def finish_file(path: Path) -> None:
    """Fold the write-ahead log into the file itself, so the file can be moved on its own (it
    stays in WAL mode, as every connection sets it: opening it later changes no byte)."""
    with contextlib.closing(sqlite3.connect(path)) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for side in sidecar_paths(path)[:2]:
        if side.exists() and side.stat().st_size == 0:
            side.unlink()


def set_mark(path: Path, mark: int) -> None:
    """Set SQLite's application id of the file (`database.UNFINISHED` while it is built)."""
    with contextlib.closing(sqlite3.connect(path)) as con:
        con.execute(f"PRAGMA application_id = {int(mark)}")
        con.commit()


def build_lock(staged: Path) -> FileLock:
    """The lock a build holds beside its passing copy `staged` while it runs (taken here)."""
    lock = FileLock(staged.with_name(staged.name + ".lock"))
    lock.acquire()
    return lock


def _left_behind(target: Path) -> dict[str, list[tuple[Path, list[Path]]]]:
    """The passing files beside `target` of builds for its name, by the build that made them
    (its first passing name): each with the passing copies it belongs to, one inside another."""
    name = fitting(target.name, 48)
    pattern = re.compile(r"(?P<dots>\.+)" + re.escape(name) + r"(?P<chain>(?:" + _SEGMENT + r")+)" + _SIDE)
    builds: dict[str, list[tuple[Path, list[Path]]]] = {}
    with contextlib.suppress(OSError):
        for p in target.parent.glob(".*" + glob_escape(name) + "*"):
            match = pattern.fullmatch(p.name)
            segments = re.findall(_SEGMENT, match["chain"]) if match else []
            if not segments or len(segments) != len(match["dots"]):  # a leading dot for each copy inside another
                continue
            bases = [p.with_name("." * depth + name + "".join(segments[:depth])) for depth in range(1, len(segments) + 1)]
            builds.setdefault(segments[0], []).append((p, bases))
    return builds


def remove_stale_builds(target: Path) -> None:
    """Remove what builds for `target`'s name stopped part-way left beside it: untouched for a
    few minutes, and no longer locked by a running build. Anything that cannot be removed is
    left for next time."""
    cutoff = time.time() - IDLE_SECONDS
    for found in _left_behind(Path(target)).values():
        try:
            if any(p.stat().st_mtime >= cutoff for p, _ in found):
                continue
        except OSError:
            continue
        locks = _locks_of({base for _, bases in found for base in bases})
        if locks is None:  # a build still running
            continue
        try:
            _remove(p for p, _ in found if not p.name.endswith(".lock"))
        finally:
            for lock in locks:
                lock.release()  # and its file goes
        _remove(p for p, _ in found)


def _locks_of(bases: set[Path]) -> list[FileLock] | None:
    """The locks of these passing copies, taken; None if a running build holds one."""
    taken: list[FileLock] = []
    try:
        for base in sorted(bases):
            if base.name.endswith((".building", ".taking")):
                taken.append(build_lock(base))
    except (OSError, LockHeld):
        for lock in taken:
            lock.release()
        return None
    return taken


def _remove(files) -> None:
    for p in files:
        with contextlib.suppress(OSError):
            p.unlink()


def asked_for(path: Path) -> Path:
    """The file a build's passing name `path` stands for (itself, for any other name): what the
    user named, never the hidden name it is built under."""
    while match := re.fullmatch(r"\.(?P<name>.+)" + _SEGMENT, path.name):
        path = path.with_name(match["name"])
    return path


def not_made(exc: BaseException, path: Path) -> str:
    """The sentence for a new database built under `path` (its own name, or a passing name for
    it) that could not be made: nothing is left of it."""
    cause, path = exc.__cause__ or exc, asked_for(path)
    if reason := folder_reason(cause, path.parent):
        return f"The folder {path.parent} {reason}, so {path.name} could not be made there."
    from bscp_desktop.db.database import plain_error

    return f"{path.name} could not be made ({plain_error(cause)}); nothing was left in its place."
