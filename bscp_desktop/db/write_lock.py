"""SQLite's write lock on a database file, held while a restore keeps the file and replaces it.

A restore first keeps a copy of the file it replaces (the `before_restore` backup), then writes
the backup's pages into it. Another program in the middle of a write (a database browser with
unsaved edits, a sync tool) would otherwise be waited for in silence and its saved changes
overwritten, in neither file. So `WriteHold.take` asks for the write lock first, waiting as
every connection of the program waits (`WRITE_WAIT_S`), and refuses with FileHeld (the sentence
`import` and `check` say) before anything is copied or changed. The lock is then held while the
copy is kept, so nothing can be saved into the file meanwhile.

SQLite writes a backup only into a connection with no transaction open, so the lock is let go
just before the backup's pages are written (`restore_into`), and taken again by the backup's
first step an instant later. A program that saved in that instant is not overwritten: a
first step that finds the file held is stopped at once, and one that finds it changed since
the copy was kept (`PRAGMA data_version`, read from another connection once the first page is
written and the lock is the backup's) is stopped too; either way the backup is rolled back,
the file is as that program left it, and FileHeld is raised. Past its first step the backup
holds the lock until it is written whole; one held up (by readers of a file kept without a
write-ahead log) longer than `WRITE_WAIT_S` is stopped and rolled back in the same way, so
a restore never waits without end.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from pathlib import Path

from bscp_desktop.db.backup import connect_read_only, sqlite_uri
from bscp_desktop.db.database import FileHeld
from bscp_desktop.db.soundness import held

#: How long another program's write is waited for, in seconds: as long as every connection of the
#: program waits for one (`PRAGMA busy_timeout=10000`, `db.engines`), as an import waits before it
#: says the file is in use.
WRITE_WAIT_S = 10.0

#: How long opening a file waits for another program's write before refusing it, in seconds: long
#: enough for a sync tool's or another program's save to end, short enough that an officer opening
#: a file a database browser holds is told at once, not after the full wait a save allows.
OPENING_WAIT_S = 2.0

#: SQLite's results for a backup's step: more pages to copy, the file held elsewhere.
_OK, _BUSY, _LOCKED = 0, 5, 6

_HOLDS: dict[str, WriteHold] = {}  # the holds taken in this process, by the file's absolute path


class _Stopped(Exception):
    """A backup's step found the file held, or changed since it was kept: the backup is rolled back."""


def _key(path: Path) -> str:
    return os.path.abspath(path)


class WriteHold:
    """SQLite's write lock on the file at `path`, once `take`n; `release` lets it go (again and
    again, harmlessly). While it is held, `restore_into(backup, path)` writes through it."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._con: sqlite3.Connection | None = None
        self._watch: sqlite3.Connection | None = None
        self._version = 0
        self._wrote = False  # a backup's pages written through it (`restore`)

    def take(self, wait: float | None = None) -> None:
        """Hold the file's write lock, waiting up to `wait` seconds (`WRITE_WAIT_S` unless told)
        for another program's write to end; past that, FileHeld. A file SQLite cannot open or lock
        for another reason (a damaged one) is left unheld, for the checks after this to name."""
        self.release()
        try:
            con = sqlite3.connect(sqlite_uri(self.path.absolute()) + "?mode=rw", uri=True,
                                  timeout=WRITE_WAIT_S if wait is None else wait, isolation_level=None)
        except sqlite3.Error:
            return
        try:
            con.execute("BEGIN IMMEDIATE")
            watch = connect_read_only(self.path)
            self._version = _data_version(watch)
        except (sqlite3.Error, OSError) as exc:
            with contextlib.suppress(sqlite3.Error):
                con.close()
            if held(exc):
                raise FileHeld(path=self.path) from exc
            return
        self._con, self._watch, self._wrote = con, watch, False
        _HOLDS[_key(self.path)] = self

    @property
    def taken(self) -> bool:
        return self._con is not None

    def release(self) -> None:
        """Let the lock go. The last connection to close folds the write-ahead log into the file:
        after a restore, the holding one; a hold that wrote nothing closes it first, so its reading
        one (read-only where saved changes lay in a log, `connect_read_only`) leaves the file and a
        log as they were (one left by another copy of the file is kept aside with it, unapplied)."""
        if _HOLDS.get(_key(self.path)) is self:
            del _HOLDS[_key(self.path)]
        for con in (self._watch, self._con) if self._wrote else (self._con, self._watch):
            if con is not None:
                with contextlib.suppress(sqlite3.Error):
                    con.close()
        self._con = self._watch = None

    def restore(self, backup: Path) -> None:
        """Write `backup`'s pages into the held file, in one transaction (see the module's note)."""
        con, watch = self._con, self._watch
        assert con is not None and watch is not None
        src = connect_read_only(backup)
        started, deadline = False, 0.0

        def step(status: int, _remaining: int, _total: int) -> None:
            nonlocal started, deadline
            if status in (_BUSY, _LOCKED):  # waited for already, as long as the connection waits
                if not started or time.monotonic() > deadline:
                    raise _Stopped
            elif status == _OK and not started:  # the first page written, not yet saved: the lock is the backup's
                # (a database of this program's has many pages: its backup is never done in one page's step)
                started, deadline = True, time.monotonic() + WRITE_WAIT_S
                if _data_version(watch) != self._version:
                    raise _Stopped

        try:
            _let_go(con)
            self._wrote = True
            src.backup(con, pages=1, progress=step)
        except _Stopped as exc:
            raise FileHeld(path=self.path) from exc
        finally:
            src.close()


def _let_go(con: sqlite3.Connection) -> None:
    """End the transaction holding the lock (nothing was written in it), for the backup to write."""
    con.execute("ROLLBACK")


def _data_version(con: sqlite3.Connection) -> int:
    return int(con.execute("PRAGMA data_version").fetchall()[0][0])


def refuse_if_held(path: Path, wait: float = OPENING_WAIT_S) -> None:
    """FileHeld if another program holds the file's write lock past `wait` seconds (a database
    browser with unsaved edits); else nothing, the lock let go at once (nothing is written, no
    transaction is left open). Opening a file for the window asks this before it leaves the file
    it shows: SQLite lets a file kept with a write-ahead log be read while another program holds
    its write lock, so the file would open in silence and every save then wait `WRITE_WAIT_S`
    before being refused."""
    hold = WriteHold(path)
    try:
        hold.take(wait)
    finally:
        hold.release()


def restore_into(backup: Path, target: Path) -> None:
    """Copy a backup's pages into `target` in one transaction: through the write lock held on it
    (`WriteHold`), or one taken for the copy alone. FileHeld, with `target` as it was, where
    another program holds or changes it (see the module's note)."""
    hold = _HOLDS.get(_key(target))
    if hold is not None and hold.taken:
        hold.restore(backup)
        return
    hold = WriteHold(target)
    try:
        hold.take()
        if not hold.taken:
            raise sqlite3.OperationalError(f"unable to open database file {target}")
        hold.restore(backup)
    finally:
        hold.release()
