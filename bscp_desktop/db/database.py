"""Opening a database safely, and the unit of work every service uses.

`Database.open(path)` refuses, with one plain sentence, any file it must not touch: one open
in another window, one that is not an SQLite file, is damaged, is read-only, sits in a missing
folder, or carries a newer schema than this program. Only then does it back the file up and
upgrade it to the current schema.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sqlalchemy import URL, event, func, insert, make_url, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bscp_desktop.db import changes, engines, file_identity, file_shape, guards, history, later_checks, migrate, models, notify, search, staging, versions
from bscp_desktop.db.backup import CALENDAR_ID_KEY, FolderNotWritable, connect_read_only, integrity_rows, integrity_words, remove_stale_restores, saved_in_log, sqlite_uri, start_backup
from bscp_desktop.db.engines import make_engine
from bscp_desktop.db.lock import COMMAND, WINDOW, FileLock, LockHeld
from bscp_desktop.db.schema_check import FileState, schema_problem
from bscp_desktop.db.soundness import IN_USE, SOUND, held, schema_version
from bscp_desktop.db.staging import finish_file, set_mark, sidecar_paths
from bscp_desktop.db.targets import database_path_problem, folder_problem, leftover_log_problem, name_problem, temporary_prefix, working_file_problem
from bscp_desktop.paths import given_path

SQLITE_HEADER = b"SQLite format 3\x00"
UNFINISHED = int.from_bytes(b"bldg", "big")  # SQLite's application id of a database still being built (see `building`): "bldg"
log = logging.getLogger(__name__)
FOLDER_READ_ONLY = ("The folder {folder}, where {name} is kept, is read-only, so no change to {name} could be saved (the database keeps "
                    "its working files beside it): copy it to a folder you can write to, or ask IT to allow changes in that folder.")


#: The server lock imports take (`Database.one_import_at_a_time`): any number, the same in every copy.
BULK_LOCK_KEY = 0x4253_4350


class DatabaseError(Exception):
    """A database that cannot be opened; the message is one sentence for the user."""


class DatabaseInUse(DatabaseError):
    pass


class FileHeld(DatabaseError):
    """Another program holds the file (SQLite's busy or locked error): it is not damaged; the
    message is the sentence saying so (`soundness.IN_USE`), naming the file `path` where given."""

    def __init__(self, message: str = IN_USE, path: Path | None = None):
        super().__init__(message if path is None else message.replace("the database file", f"the database file {path}", 1))


class HistoryTampered(DatabaseError):
    """The change history's hash chain is broken: the message names the first broken entry."""


def in_use(path: Path, holder: str) -> str:
    """The sentence for a file another BSCP Desktop has locked, as its lock says it is (`FileLock.holder`)."""
    if holder == COMMAND:
        return (f"{path.name} is in use by a BSCP Desktop command still running (an import or a backup, say); "
                "wait for it to finish, then try again.")
    if holder == WINDOW:
        return f"{path.name} is already open in another BSCP Desktop window; switch to that window, or close it first."
    return (f"{path.name} is already open in BSCP Desktop (in a window, or a command still running): close it in "
            "that window, or wait for the command to finish, then try again.")


def sqlite_url(path: Path) -> str:
    """An SQLAlchemy URL for a file, safe for names with spaces, '#', '?' or '%'. A name that is
    not text (bytes of another encoding, as an old USB stick or archive gives on Linux) is given
    as SQLite's `file:` URI, its bytes percent-encoded (`backup.sqlite_uri`), which SQLite opens."""
    try:
        return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)
    except UnicodeEncodeError:
        uri = sqlite_uri(Path(path).absolute())
        return URL.create("sqlite", database=uri, query={"uri": "true"}).render_as_string(hide_password=False)


def sqlite_path(url: str) -> str:
    """The file an SQLite URL names (as `sqlite_url` gives it: a path, or a `file:` URI)."""
    parsed = make_url(url)
    if (parsed.database or "").startswith("file:") and parsed.query.get("uri") == "true":
        return unquote(urlsplit(parsed.database).path, errors="surrogateescape")
    return parsed.database or ""


def damaged(path: Path, problem: str, what: str = "is damaged") -> str:
    """The sentence for a file that does not read back whole (`problem`), with what to do: where saved changes lie in
    a log beside it, read with it, the log is named (one left when an older copy was put back over the file would
    damage it: `backup.connect_read_only` never folds it in), else a backup is to be restored."""
    if not saved_in_log(path):
        return f"{path} {what} ({problem}); restore a backup from the File menu."
    log = path.name + "-wal"
    return (f"{path} does not read back whole together with the log file beside it, {log} ({problem}); that log may be "
            "left over from before an older copy of the file was put back in its place. Nothing was changed: move "
            f"{log} to another folder and try again, or restore a backup from the File menu.")


def inspect_file(path: Path, must_exist: bool = False, integrity: bool | str = True) -> FileState:
    """Check a database file before anything opens it (its pages and indexes too, unless not
    `integrity`, or as that PRAGMA says); nothing is changed.

    Returns its state (`has_data` False for a file still to be created). Raises DatabaseError
    with one sentence if the program must not use it.
    """
    if problem := folder_problem(path.parent):
        raise DatabaseError(f"{problem}, so {path.name} cannot be opened there.")
    # a database's name leaves room for the files SQLite keeps beside it ("…-journal"), an existing
    # file's as a new one's: a longer one was said to be damaged, or failed with the system's error
    too_long = name_problem(path, database=True) or database_path_problem(path)
    if too_long:
        raise DatabaseError(too_long)
    if not path.exists():
        if must_exist:
            raise DatabaseError(f"There is no database file at {path}.")
        too_long = database_path_problem(path, new=True)  # room for the name it is built under
        if too_long:
            raise DatabaseError(too_long)
        if not os.access(path.parent, os.W_OK):
            raise DatabaseError(f"The folder {path.parent} is read-only, so a database cannot be created there.")
        return FileState(False)
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file.")
    if not path.is_file():
        raise DatabaseError(f"{path} is not a regular file, so it cannot be a BSCP Desktop database.")
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise DatabaseError(f"{path} cannot be read ({exc.strerror}).") from exc
    if size == 0 and not saved_in_log(path):
        if must_exist:
            raise DatabaseError(f"{path} is empty: it is not a BSCP Desktop database.")
        require_writable(path)
        return FileState(False)
    if size > 0:
        if not header.startswith(SQLITE_HEADER):
            raise DatabaseError(f"{path} is not a BSCP Desktop database: it is not an SQLite file.")
        if len(header) < 100 or size < 512:
            raise DatabaseError(f"{path} is damaged: the file is cut short.")
    return _check_contents(path, integrity)


def require_writable(path: Path) -> None:
    """Refuse, in one sentence, a database this user may not change, saying which: the file is read-only, or its folder is (SQLite keeps working files beside it)."""
    if not os.access(path, os.W_OK):
        raise DatabaseError(f"{path} is read-only: copy it to a folder you can write to, or ask IT to allow changes to it.")
    if not os.access(path.parent, os.W_OK):
        raise DatabaseError(FOLDER_READ_ONLY.format(folder=path.parent, name=path.name))
    require_writable_working_files(path)


def require_writable_working_files(path: Path) -> None:
    """A write-ahead log or shared-memory file left read-only beside the database (by another
    account, or copied so), or a folder of its name, would let it be read but fail every save:
    named before anything else; so is a database of its own named as one (it would be removed)."""
    if problem := working_file_problem(path):
        raise DatabaseError(problem)
    for working in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if working.is_dir():
            raise DatabaseError(
                f"{working.name}, beside {path.name}, is a folder where the database keeps a working file: "
                "move that folder away or rename it."
            )
        if working.exists() and not os.access(working, os.W_OK):
            raise DatabaseError(
                f"{working.name}, the working file beside {path.name}, is read-only, so no change could "
                "be saved: ask IT to allow changes to it as to the database."
            )


def read_state(path: Path, integrity: str | None = SOUND) -> tuple[str, FileState]:
    """(integrity result, state) read through a read-only connection ("ok" unchecked if None)."""
    try:
        con = connect_read_only(path)
    except sqlite3.Error as exc:
        if held(exc):
            raise FileHeld(path=path) from exc
        raise DatabaseError(f"{path} cannot be opened ({plain_error(exc)}).") from exc
    try:
        result = integrity_rows(con, integrity) if integrity else [("ok",)]
        tables = frozenset(r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'"))
        version = None
        if "alembic_version" in tables:
            rows = con.execute("SELECT version_num FROM alembic_version").fetchall()
            version = rows[0][0] if len(rows) == 1 else None
        unfinished = con.execute("PRAGMA application_id").fetchone()[0] == UNFINISHED
        missing, settled, head = "", False, version == migrate.head_revision()
        if integrity:  # triggers of another program at any version; tables and columns lacking at this one's
            missing = file_shape.problem_on(con, head)
            settled = head and not missing and not history.missing_protection(con) and not search.index_stale_on(con)
    except sqlite3.DatabaseError as exc:
        if held(exc):  # another program holds it (a database browser with unsaved edits): not damage
            raise FileHeld(path=path) from exc
        if "unable to open" in str(exc) and not os.access(path.parent, os.W_OK):
            raise DatabaseError(FOLDER_READ_ONLY.format(folder=path.parent, name=path.name)) from exc
        raise DatabaseError(damaged(path, plain_error(exc), "is damaged or is not a database")) from exc
    finally:
        con.close()
    return integrity_words(result), FileState(True, version, tables, unfinished, missing, settled)


def _check_contents(path: Path, integrity: bool | str = True) -> FileState:
    problem, state = read_state(path, SOUND if integrity is True else integrity or None)
    if problem != "ok":
        raise DatabaseError(damaged(path, problem))
    _check_schema(path, state)
    return state


def _require_whole(path: Path) -> None:
    """Refuse, in one sentence, a file lacking a table or column of this version (db/file_shape)."""
    problem = file_shape.shape_problem(path)
    if problem:
        raise DatabaseError(problem)


def _upgraded_since(path: Path, version: str | None) -> bool:
    """Whether an upgrade that failed may have been written (stopped as it committed): the file
    is no longer at `version`, or cannot be read to tell."""
    try:
        with contextlib.closing(connect_read_only(path)) as con:
            return schema_version(con) != version
    except (sqlite3.Error, OSError):
        return True


def _check_schema(path: Path, state: FileState) -> None:
    """Refuse, in one sentence, a file that is not this program's database at a known schema."""
    problem = schema_problem(state)
    if problem:
        raise DatabaseError(f"{path} {problem}.")


class Database:
    """An open database: engine, session factory and (for files) the instance lock."""

    access = None  # on a server, what the connected role may do (db/server.Access)
    listener: notify.ChangeListener | None = None  # on a server, hearing others' commits
    backup_problem = ""  # said when a start-up backup's folder (full, read-only) took no copy of a file needing no upgrade

    def __init__(self, url: str, path: Path | None = None, lock: FileLock | None = None, read_only: bool = False, every_model: bool = True):
        if every_model:  # the window's start loads the other areas' once its first tab is filled (db/later_checks.py)
            models.load_all()
        self.url = url
        self.path = path
        self._lock = lock
        self.left_open_since = lock.left_open_since if lock else None  # a window ended without closing it (db/lock.py)
        self.read_only = read_only
        self.engine = make_engine(url, read_only=read_only)
        self.opened_file = None if read_only else file_identity.watch(self.engine, path)  # moved since? no write
        self._sessions = sessionmaker(bind=self.engine, expire_on_commit=False, autoflush=True)
        for module in (history, guards, search, changes, versions):
            module.install(self._sessions)
        # told, after each commit, which kinds of record it changed (see db/changes.py)
        self.changes = changes.ChangeFeed()
        self.sender = notify.install(self._sessions, url)  # a server: commits announced to others
        self._bulk = threading.RLock()  # see `one_import_at_a_time`
        self._bulk_here = threading.local()

    @property
    def label(self) -> str:
        """How it is shown, logged and keyed in settings: a path, or an address without password."""
        return str(self.path) if self.path is not None else engines.display_address(self.url)

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        create: bool = True,
        backup_folder: Path | None = None,
        lock: bool = True, check_later: bool = False,
    ) -> Database:
        """Open (or create) a database file, lock it, back it up and upgrade it.

        A new file is built under a temporary name and renamed into place when complete. The start-up backup is named
        as a backup as soon as an upgrade was written (a program stopped after that keeps the copy of the file as it
        was), and joins the rotation only once the file opened, so a file that fails to open never pushes a good
        backup out (`check_later`: db/later_checks.py).
        """
        path = given_path(path).absolute()
        require_writable_working_files(path)
        # saved changes in a log beside it (a program stopped, or another copy's log): read whole before anything writes
        state = inspect_file(path, must_exist=not create, integrity=not check_later or saved_in_log(path))
        if state.has_data:
            require_writable(path)
        file_lock, backup_problem = None, ""
        if lock:
            file_lock = FileLock.for_database(path)  # one lock, whichever name (a shortcut) the file is opened by
            try:
                file_lock.acquire()
            except LockHeld as exc:
                raise DatabaseInUse(in_use(path, file_lock.holder())) from exc
            except OSError as exc:
                raise DatabaseError(f"{path} cannot be locked for use ({exc.strerror}).") from exc
            remove_stale_restores(path)  # full copies of the records left by a restore stopped part-way
        try:
            url = sqlite_url(path)
            if check_later and state.has_data and (db := later_checks.open_unchecked(cls, path, state.version, file_lock, backup_folder)):
                return db
            if not state.has_data:
                _create_file(path)
            else:
                pending, upgrade = None, state.version != migrate.head_revision()
                # Before an upgrade always; otherwise only if it changed since its last backup,
                # so opening an unchanged file again and again never pushes older copies out.
                if backup_folder is not None and (upgrade or later_checks.changed_since_backup(path, backup_folder)):
                    try:
                        pending = start_backup(path, backup_folder, reason="startup")
                    except FolderNotWritable as exc:  # the folder's fault: only an upgrade waits for a copy
                        if upgrade:  # said of this file: why a copy of it is needed, then the folder's fault
                            raise FolderNotWritable(exc.folder, exc.reason, why=(
                                f"{path} was saved by an earlier version of BSCP Desktop and must be backed up before "
                                "it is upgraded to this version, but ")) from exc
                        log.info("The start-up backup of %s could not be written: %s", path, exc)
                        backup_problem = later_checks.backup_not_written(exc)
                try:
                    if not state.settled:  # an upgrade, or the search index brought up to date
                        upgrade_url(url, path.name)
                except BaseException:
                    if pending is not None and not _upgraded_since(path, state.version):
                        pending.discard()  # nothing written: a start that fails adds no backup
                    elif pending is not None:  # stopped as the upgrade committed: the file as it was is kept
                        with contextlib.suppress(OSError):
                            pending.place()
                    raise
                if pending is not None:  # the file as it was: a backup from now on (stopped just before, listing names it: backup._adopt_orphans)
                    pending.place()
                if upgrade:  # found whole at opening, unless upgraded now
                    _require_whole(path)
                if pending is not None:
                    pending.keep()
            repaired = [] if state.settled else history.ensure_protection_url(url)
            if repaired:
                log.warning("%s: the change history's protection was missing and was put back (%s)",
                            path, ", ".join(repaired))
            db = cls(url, path, file_lock)
            db.backup_problem = backup_problem
            db.history_check = later_checks.HistoryCheck(path, repaired)  # read, and said, once the window shows it
            return db
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
        path = given_path(path).absolute()
        # its pages only: it changes nothing, and the window that has it open reads it whole (`later_checks`)
        inspect_file(path, must_exist=True, integrity="quick_check")
        url = sqlite_url(path)
        reader = cls(url, path, None, read_only=True)
        with reader.engine.connect() as conn:
            version = migrate.current_revision(conn)
        if version != migrate.head_revision():
            reader.close()
            raise DatabaseError(f"{path.name} is not at this program's schema; open it in the window first.")
        return reader

    @classmethod
    def open_target(
        cls,
        target: Path | str,
        *,
        create: bool = True,
        backup_folder: Path | None = None,
        lock: bool = True, check_later: bool = False,
    ) -> Database:
        """Open what `--db` names: a file path, or a team database's `postgresql://` address."""
        if engines.is_server_address(target):
            return cls.open_server(str(target))
        return cls.open(target, create=create, backup_folder=backup_folder, lock=lock, check_later=check_later)

    @classmethod
    def open_server(cls, address: str) -> Database:
        """Open a team database on a PostgreSQL server (db/server.open_server)."""
        from bscp_desktop.db.server import open_server

        return open_server(cls, address)

    @property
    def user(self) -> str | None:
        """Who the history records as making changes: on a server the person the server names."""
        return self._sessions.kw.get("info", {}).get("user")

    @user.setter
    def user(self, name: str | None) -> None:  # the rest of the sessions' info is kept
        info = {k: v for k, v in self._sessions.kw.get("info", {}).items() if k != "user"}
        self._sessions.configure(info={**info, "user": name} if name else info)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One user action: commit at the end, roll back on any error. After the commit,
        `changes` subscribers hear which kinds of record it changed."""
        with self._sessions() as session, versions.stale_refused(session), engines.numbers_held():
            with session.begin():
                if getattr(self._bulk_here, "on", False) and self.engine.dialect.name == "postgresql":
                    session.execute(select(func.pg_advisory_xact_lock(BULK_LOCK_KEY)))
                yield session
            changed = changes.take(session)
        self.changes.publish(changed)

    @contextmanager
    def one_import_at_a_time(self) -> Iterator[None]:
        """An import decides what to add from what is on record, so two at once (the same file
        chosen twice before the first had finished, or two officers on the team database)
        would each add every row: here each waits for the one before, and then finds its rows
        on record. On a server the units of work inside also hold a lock the server keeps for
        every program connected, until they commit."""
        with self._bulk:
            was = getattr(self._bulk_here, "on", False)
            self._bulk_here.on = True
            try:
                yield
            finally:
                self._bulk_here.on = was

    listen = notify.listen  # on a server, hear other programs' commits too (None for a file)

    def close(self) -> None:
        notify.stop(self)
        self.engine.dispose()
        if self.opened_file is not None:  # a file moved meanwhile: no log of it left beside its name
            self.opened_file.tidy_after_close()
        if self._lock:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def migration_engine(url: str) -> Engine:
    """An engine whose transactions are real SQLite transactions, schema changes included.

    Python's sqlite3 driver does not begin a transaction before CREATE, ALTER or DROP, so each
    of those would commit on its own. Following SQLAlchemy's recipe for pysqlite, the driver is
    put in autocommit mode and SQLAlchemy's "begin" event emits BEGIN IMMEDIATE itself.
    """
    engine = make_engine(url, foreign_keys=False)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _driver_autocommit(dbapi_connection, _record) -> None:
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin(conn) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def upgrade_url(url: str, name: str | None = None) -> None:
    """Upgrade to the current schema in one transaction: all of it, or none of it."""
    engine = migration_engine(url)
    try:
        with engine.begin() as conn:
            engines.serialise_upgrade(conn)  # two officers opening a server at once: one upgrades
            made_now = migrate.current_revision(conn) is None  # a new database: its schema built now
            migrate.upgrade(conn)
            if made_now:
                conn.execute(insert(models.Setting.__table__).values(key=CALENDAR_ID_KEY, value=f'"{os.urandom(8).hex()}"'))
            search.ensure_current(conn)  # the full-text index follows the searchable fields
    except DatabaseError:
        raise
    except Exception as exc:  # any failure rolled the whole upgrade back
        if held(exc):
            raise FileHeld() from exc
        what = name or "The database"
        raise DatabaseError(
            f"{what} could not be upgraded to this version's schema and was left as it was "
            f"({plain_error(exc)})."
        ) from exc
    finally:
        engine.dispose()


def plain_error(exc: BaseException) -> str:
    """A database error's reason in a few words on one line: never the SQL it concerned, nor the
    driver's 'connection to server at "host", port 5432 failed: FATAL:' before the reason itself."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    if "malformed" in text:
        return "its contents are malformed"
    text = (text.splitlines()[0].strip() if text else exc.__class__.__name__).split(" [SQL:")[0]
    text = re.sub(r"^(?:connection failed: )?(?:connection to server (?:at|on) .*? failed: )?(?:(?:FATAL|ERROR): +)?", "", text).rstrip(" .(")
    return text if len(text) <= 120 else text[:117].rstrip() + "…"


def _create_file(path: Path, mark: int = 0) -> None:
    """Build a new database under a temporary name beside `path`, then rename it into place,
    so a program stopped part-way never leaves a half-made database under the real name."""
    staging.remove_stale_builds(path)
    fd, tmp_name = tempfile.mkstemp(prefix=temporary_prefix(path.name), suffix=".new", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        try:
            upgrade_url(sqlite_url(tmp), path.name)
            if mark:
                set_mark(tmp, mark)
            finish_file(tmp)
        except (DatabaseError, sqlite3.Error, OSError) as exc:  # a new file: nothing of it is kept
            raise DatabaseError(staging.not_made(exc, path)) from exc
        move_into_place(tmp, path)
    except BaseException:
        for p in [tmp, *sidecar_paths(tmp)]:
            with contextlib.suppress(OSError):
                p.unlink()
        raise


def move_into_place_check(path: Path) -> None:
    """`path` must be missing or an empty file for a new database to take its place, with no
    earlier one's changes, nor a database of its own, under a working file's name beside it."""
    if path.is_symlink() or (path.exists() and (not path.is_file() or path.stat().st_size > 0)):
        raise DatabaseError(f"{path} already exists; choose a new file name.")
    if problem := working_file_problem(path) or leftover_log_problem(path):
        raise DatabaseError(problem)


def move_into_place(tmp: Path, path: Path) -> None:
    """Rename a finished database `tmp` to `path`, which must be missing or an empty file."""
    move_into_place_check(path)
    for stale in sidecar_paths(path)[:3]:  # journals left beside an empty file
        stale.unlink(missing_ok=True)
    os.replace(tmp, path)


@contextmanager
def staged_beside(path: Path, suffix: str) -> Iterator[Path]:
    """A passing name beside `path` (a place a new file may go: its folder there, no database
    at `path`) to build a file under before `move_into_place` gives it its name. Whatever is
    still under the passing name when the block ends (not moved: stopped or refused) is removed,
    with its SQLite side files."""
    path = given_path(path).absolute()
    if problem := folder_problem(path.parent):
        raise DatabaseError(f"{problem}, so {path.name} cannot be made there.")
    move_into_place_check(path)
    staging.remove_stale_builds(path)  # copies of records left by builds stopped part-way
    try:
        fd, name = tempfile.mkstemp(prefix=temporary_prefix(path.name), suffix=suffix, dir=path.parent)
    except OSError as exc:  # the folder chosen is named (read-only, full), never the passing name
        raise DatabaseError(staging.not_made(exc, path)) from exc
    os.close(fd)
    tmp, lock = Path(name), None
    try:
        lock = staging.build_lock(tmp)  # held until the block ends: no other build removes it meanwhile
        tmp.unlink()
        yield tmp
    finally:
        for p in [tmp, *sidecar_paths(tmp)[:3]]:
            with contextlib.suppress(OSError):
                p.unlink()
        if lock is not None:
            lock.release()


@contextmanager
def building(path: Path) -> Iterator[Database]:
    """A new, empty database open under a temporary name beside `path`, to fill in the block.

    Until the block ends without error the file is marked unfinished (so even a copy left by a
    program stopped part-way never passes `check` or opens); then the mark is cleared and the
    file renamed to `path`, which must not hold a database. On error it is removed.
    """
    path = given_path(path).absolute()
    with staged_beside(path, ".building") as tmp:
        _create_file(tmp, mark=UNFINISHED)
        db = Database(sqlite_url(tmp), tmp)
        try:
            yield db
        finally:
            db.close()
        set_mark(tmp, 0)
        finish_file(tmp)
        move_into_place(tmp, path)
