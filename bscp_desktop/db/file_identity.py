"""Whether a database file's name still leads to the file the program opened.

A file-syncing program (OneDrive, Dropbox) may rename an open database (a "conflicted copy"),
delete it, or put another laptop's copy in its place. SQLite goes on writing to the file it
opened, while its write-ahead log keeps the old name: saves after a rename or a deletion are
lost, and a replaced file has the log of the one before applied to it when it is next opened,
which leaves it damaged.

So the file's identity (its device and file number, which Windows gives too) is noted when it is
opened, and before each statement that writes, its name is looked up again (one `os.stat`, a
few microseconds): if it now leads to another file or to none, the write is refused with one
sentence and nothing is saved. When such a file is closed, its write-ahead log is emptied into
the file the program had open (SQLite itself leaves it be), so no log is left beside the old
name for a file put there to take up; with no file of that name left, the emptied log goes too.
A team database on a server has no file: none of this applies to it.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine

from bscp_desktop.db.later_checks import _WRITES

log = logging.getLogger(__name__)


def identity(path: Path) -> tuple[int, int] | None:
    """The device and file number `path` leads to now; None when nothing is there."""
    try:
        found = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return found.st_dev, found.st_ino


class FileIdentity:
    """The file a database was opened as, and the checks that it still is (`watch`)."""

    def __init__(self, path: Path):
        self.path = path
        self.opened = identity(path)

    def moved(self) -> bool:
        """Whether the name now leads to another file, or to none. A folder that cannot be read
        at this moment (a network drive away) says nothing: SQLite's own error follows."""
        try:
            now = identity(self.path)
        except OSError:
            return False
        if self.opened is None:  # not made yet when it was opened (see `_connected`)
            return False
        if now is None:
            return True
        if not self.opened[1] or not now[1]:  # a drive that gives no file numbers: only its presence is known
            return False
        return now != self.opened

    def refusal(self) -> str:
        return (f"{self.path} was moved, deleted or replaced by another program (such as a file-syncing app) "
                "since it was opened, so nothing was saved: open it again from the File menu.")

    def refuse_if_moved(self) -> None:
        if self.moved():
            from bscp_desktop.db.database import DatabaseError

            log.warning("%s: a write refused, the file was moved, deleted or replaced since it was opened", self.path)
            raise DatabaseError(self.refusal())

    def _before_connect(self, *_args) -> None:
        """A new connection opens whatever file has the name now (SQLite makes an empty one where
        there is none): once the name leads elsewhere, none is opened."""
        self.refuse_if_moved()

    def _connected(self, *_args) -> None:
        if self.opened is None:  # a file SQLite made at its first connection: that one is the file
            self.opened = identity(self.path)

    def _before_write(self, _conn, _cursor, statement, *_args) -> None:
        if statement.lstrip()[:8].upper().startswith(_WRITES):
            self.refuse_if_moved()

    def _closing(self, dbapi_connection, _record) -> None:
        """A connection closing (the file being closed): if the file has moved, its log goes into
        the file this connection has open and is emptied."""
        if not self.moved():
            return
        with contextlib.suppress(Exception):  # closing goes on whatever happens
            dbapi_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def tidy_after_close(self) -> None:
        """With no file of the opened name left, its emptied log and shared-memory file go too."""
        if identity(self.path) is not None:
            return
        wal, shm = (self.path.with_name(self.path.name + side) for side in ("-wal", "-shm"))
        with contextlib.suppress(OSError):
            if wal.stat().st_size == 0:  # a log still holding pages (not emptied) is left as it is
                wal.unlink()
        if not wal.exists():
            with contextlib.suppress(OSError):
                shm.unlink()


def watch(engine: Engine, path: Path | None) -> FileIdentity | None:
    """Refuse writes through `engine` once the file `path` was opened as has moved (None, and
    nothing watched, for a team database)."""
    if path is None or engine.dialect.name != "sqlite":
        return None
    watched = FileIdentity(Path(path))
    event.listen(engine, "do_connect", watched._before_connect)
    event.listen(engine, "connect", watched._connected)
    event.listen(engine, "before_cursor_execute", watched._before_write)
    event.listen(engine, "close", watched._closing)
    return watched
