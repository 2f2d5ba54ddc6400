"""Opening a database safely, and the unit of work every service uses.

`Database.open(path)` refuses, with one plain sentence, any file it must not touch: one open
in another window, one that is not an SQLite file, is damaged, is read-only, sits in a missing
folder, or carries a newer schema than this program. Only then does it back the file up and
upgrade it to the current schema.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import URL, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bscp_desktop.db import changes, history, migrate, search
from bscp_desktop.db.backup import backup_database, connect_read_only
from bscp_desktop.db.lock import FileLock, LockHeld

SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseError(Exception):
    """A database that cannot be opened; the message is one sentence for the user."""


class DatabaseInUse(DatabaseError):
    pass


class HistoryTampered(DatabaseError):
    """The change history's hash chain is broken: the message names the first broken entry."""


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def sqlite_url(path: Path) -> str:
    """An SQLAlchemy URL for a file, safe for names with spaces, '#', '?' or '%'."""
    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


def _sqlite_read_only(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def make_engine(url: str, foreign_keys: bool = True, read_only: bool = False) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        if foreign_keys:
            event.listen(engine, "connect", _sqlite_pragmas)
            if read_only:
                event.listen(engine, "connect", _sqlite_read_only)
        else:
            event.listen(
                engine,
                "connect",
                lambda c, r: (c.execute("PRAGMA journal_mode=WAL"), c.execute("PRAGMA busy_timeout=10000")),
            )
        return engine
    return create_engine(url, pool_pre_ping=True)


def inspect_file(path: Path, must_exist: bool = False) -> bool:
    """Check a database file before anything opens it. Returns True if it holds data.

    Raises DatabaseError with one sentence if the program must not use it.
    """
    if not path.parent.is_dir():
        raise DatabaseError(f"The folder {path.parent} does not exist, so {path.name} cannot be opened there.")
    if not path.exists():
        if must_exist:
            raise DatabaseError(f"There is no database file at {path}.")
        if not os.access(path.parent, os.W_OK):
            raise DatabaseError(f"The folder {path.parent} is read-only, so a database cannot be created there.")
        return False
    if not path.is_file():
        raise DatabaseError(f"{path} is a folder, not a database file.")
    size = path.stat().st_size
    if size == 0:
        if must_exist:
            raise DatabaseError(f"{path} is empty: it holds no database.")
        _require_writable(path)
        return False
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise DatabaseError(f"{path} cannot be read ({exc.strerror}).") from exc
    if not header.startswith(SQLITE_HEADER):
        raise DatabaseError(f"{path} is not a BSCP Desktop database: it is not an SQLite file.")
    if len(header) < 100 or size < 512:
        raise DatabaseError(f"{path} is damaged: the file is cut short.")
    _check_contents(path)
    return True


def _require_writable(path: Path) -> None:
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise DatabaseError(
            f"{path} is read-only: copy it to a folder you can write to, or ask IT to allow changes."
        )


def _check_contents(path: Path) -> None:
    try:
        con = connect_read_only(path)
    except sqlite3.Error as exc:
        raise DatabaseError(f"{path} cannot be opened ({exc}).") from exc
    try:
        result = con.execute("PRAGMA quick_check").fetchall()
        if result != [("ok",)]:
            raise DatabaseError(f"{path} is damaged ({result[0][0]}); restore a backup from the File menu.")
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        version = None
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            version = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} is damaged or is not a database ({exc}).") from exc
    finally:
        con.close()
    if tables and "alembic_version" not in tables:
        raise DatabaseError(f"{path} is an SQLite file of another program, not a BSCP Desktop database.")
    if version is not None and version not in migrate.known_revisions():
        raise DatabaseError(
            f"{path} was saved by a newer version of BSCP Desktop (schema {version}); "
            "install the newer version to open it."
        )


class Database:
    """An open database: engine, session factory and (for files) the instance lock."""

    def __init__(
        self, url: str, path: Path | None = None, lock: FileLock | None = None, read_only: bool = False
    ):
        self.url = url
        self.path = path
        self._lock = lock
        self.read_only = read_only
        self.engine = make_engine(url, read_only=read_only)
        self._sessions = sessionmaker(bind=self.engine, expire_on_commit=False, autoflush=True)
        history.install(self._sessions)
        search.install(self._sessions)
        changes.install(self._sessions)
        # told, after each commit, which kinds of record it changed (see db/changes.py)
        self.changes = changes.ChangeFeed()

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        create: bool = True,
        backup_folder: Path | None = None,
        lock: bool = True,
    ) -> Database:
        """Open (or create) a database file, lock it, back it up and upgrade it."""
        path = Path(path).expanduser().absolute()
        has_data = inspect_file(path, must_exist=not create)
        if has_data:
            _require_writable(path)
        file_lock = None
        if lock:
            file_lock = FileLock(path.with_name(path.name + ".lock"))
            try:
                file_lock.acquire()
            except LockHeld as exc:
                raise DatabaseInUse(
                    f"{path.name} is already open in another BSCP Desktop window; "
                    "switch to that window, or close it first."
                ) from exc
            except OSError as exc:
                raise DatabaseError(f"{path} cannot be locked for use ({exc.strerror}).") from exc
        try:
            if has_data and backup_folder is not None:
                backup_database(path, backup_folder, reason="startup")
            url = sqlite_url(path)
            upgrade_url(url)
            return cls(url, path, file_lock)
        except Exception:
            if file_lock:
                file_lock.release()
            raise

    @classmethod
    def open_reader(cls, path: Path | str) -> Database:
        """Read a database that a window has open, for an output written in another process.

        Takes no lock, makes no backup and changes nothing: every connection is query-only.
        The file must already be at this program's schema.
        """
        path = Path(path).expanduser().absolute()
        inspect_file(path, must_exist=True)
        url = sqlite_url(path)
        reader = cls(url, path, None, read_only=True)
        with reader.engine.connect() as conn:
            version = migrate.current_revision(conn)
        if version != migrate.head_revision():
            reader.close()
            raise DatabaseError(f"{path.name} is not at this program's schema; open it in the window first.")
        return reader

    @classmethod
    def open_url(cls, url: str) -> Database:
        """Open a non-file database (for example PostgreSQL) by SQLAlchemy URL."""
        upgrade_url(url)
        return cls(url)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One user action: commit at the end, roll back on any error. After the commit,
        `changes` subscribers hear which kinds of record it changed."""
        with self._sessions() as session:
            with session.begin():
                yield session
            changed = changes.take(session)
        self.changes.publish(changed)

    def close(self) -> None:
        self.engine.dispose()
        if self._lock:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def upgrade_url(url: str) -> None:
    engine = make_engine(url, foreign_keys=False)
    try:
        with engine.begin() as conn:
            migrate.upgrade(conn)
            search.ensure_current(conn)  # the full-text index follows the searchable fields
    finally:
        engine.dispose()


def check_file(path: Path | str) -> str:
    """Integrity and schema check without changing anything; returns a one-line report."""
    path = Path(path).expanduser().absolute()
    inspect_file(path, must_exist=True)
    con = connect_read_only(path)
    broken = None
    chained = None
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        history_columns = {r[1] for r in con.execute("PRAGMA table_info(change_record)")}
        if integrity == "ok" and "hash" in history_columns:
            broken, chained = history.verify_chain(con)
    finally:
        con.close()
    version = row[0] if row else "none"
    head = migrate.head_revision()
    if integrity != "ok":
        raise DatabaseError(f"{path} is damaged ({integrity}).")
    if fk:
        raise DatabaseError(f"{path} has {len(fk)} broken links between records.")
    if broken is not None:
        raise HistoryTampered(broken.sentence())
    state = "up to date" if version == head else f"will be upgraded to {head} when opened"
    if chained is None:
        chain = "the change history is chained when the file is next opened"
    else:
        chain = f"change history intact ({chained:,} entries checked)"
    return f"{path}: healthy; schema {version} ({state}); {chain}."
