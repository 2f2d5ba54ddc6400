"""What opening a file for the window may leave until its first tab shows: reading every page
and index of the file for damage (`backup.integrity_rows`, as `check` and a restore read it) and its
start-up backup.

Both read the whole file: seconds on ten years of records. When opening the file needs no write
(it is at this version's schema, its search index and the change history's protection are
current), `Database.open(check_later=True)` opens it without them and starts them in a thread of
their own, which waits for the window to say its first tab is filled (`go()`), or a few seconds
at most. SQLite does that reading outside Python's lock, so it takes nothing from the window.

Until they have passed, nothing is written to the file: a write waits for them, and on a damaged
file it is refused with the sentence saying so (the window also says it as soon as it is known).
The backup is copied before any write, and joins the backups' rotation only once the file was
found sound, so a damaged copy never pushes a good backup out. A file that needs a write at
opening (an upgrade, protection put back, the index rebuilt) is checked and backed up first, as
before. What takes milliseconds is not left for later: a file another program holds for a write
(`write_lock.refuse_if_held`), and one lacking a table or column of the records loaded
(`refuse_misshapen`), are refused while the window still shows the file it had.

Once the window shows the file, its change history is read as `check` reads it (`HistoryCheck`),
in a worker of its own after those checks: an entry changed outside the program, a record removed
behind its back, or the history's protection put back at opening, is said to the officer as a
warning. Saves go on as usual, as `check` calls such a file altered, not damaged.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from sqlalchemy import event

from bscp_desktop.db import file_shape, history, migrate, search
from bscp_desktop.db.backup import FULL, FolderNotWritable, PendingBackup, connect_read_only, database_marks, integrity_rows, integrity_words, list_backups, not_written, start_backup
from bscp_desktop.db.models import load_all
from bscp_desktop.db.soundness import held
from bscp_desktop.db.targets import file_in_the_way

log = logging.getLogger(__name__)

#: The longest the checks wait for the window's first tab before they start anyway.
START_AT_LATEST_S = 5.0
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


def must_write_at_opening(path: Path, version: str | None) -> bool:
    """Whether opening this file writes to it: an upgrade, or missing protection of the change
    history (read without changing it). Whether its search index follows this version's
    declarations needs every model loaded: the checks find out, after the backup (`index_stale`)."""
    if version != migrate.head_revision():
        return True
    con = connect_read_only(path)
    try:
        return bool(history.missing_protection(con))
    except sqlite3.DatabaseError:
        return True  # cannot tell: the checks run before anything else
    finally:
        con.close()


def changed_since_backup(source: Path, folder: Path) -> bool:
    """Whether `source` changed after its newest backup was made: it (or its write-ahead log) was
    written since, or it is not the file that backup was taken of, though its time says so (a file
    copied over it keeping its older time, as Explorer, `cp -p` and unzipping do): its size differs,
    or its database or the newest entry of its history (`database_marks`: a few rows, not the file)."""
    newest = list_backups(folder, source, include_legacy=False)
    if not newest:
        return True
    try:
        made = newest[0].path.stat().st_mtime
        now = Path(source).stat()
        changed = now.st_mtime
        wal = Path(f"{source}-wal")
        if wal.exists() and wal.stat().st_size > 0:  # changes not yet folded into the file
            changed = max(changed, wal.stat().st_mtime)
    except OSError:
        return True
    if changed >= made - 2 or now.st_size != newest[0].size_bytes:  # two seconds' grace for coarse file times
        return True
    marks = database_marks(source)
    return marks is None or marks != database_marks(newest[0].path)


def index_stale(path: Path) -> bool:
    """Whether the file's search index was built from other declarations than this version's
    (read without changing it; loads every model)."""
    con = connect_read_only(path)
    try:
        return search.index_stale_on(con)
    finally:
        con.close()


def rebuild_index(path: Path) -> None:
    """Build the search index again from this version's declarations, in one transaction."""
    from bscp_desktop.db.database import migration_engine, sqlite_url

    engine = migration_engine(sqlite_url(path))
    try:
        with engine.begin() as conn:
            search.ensure_current(conn)
    finally:
        engine.dispose()


def open_unchecked(cls, path: Path, version: str | None, lock, backup_folder: Path | None):
    """The file opened as `cls(url, path, lock)` with its checks left for later (`db.later`);
    None if opening must write to it, once every page has been read (a damaged file raises).
    Either way, a file another program holds for a write is refused first (`write_lock.refuse_if_held`),
    while the window still shows the file it had."""
    from bscp_desktop.db.database import inspect_file, sqlite_url
    from bscp_desktop.db.write_lock import refuse_if_held

    refuse_if_held(path)
    if must_write_at_opening(path, version):
        inspect_file(path)  # every page read before anything is written
        return None
    db = cls(sqlite_url(path), path, lock, every_model=False)
    db.later = LaterChecks(path, backup_folder)
    db.history_check = HistoryCheck(path)
    db.later.start(db.engine)
    return db


def refuse_misshapen(db) -> None:
    """For a file opened with its checks left for later (`open_unchecked`): DatabaseError, the file
    closed first, with the sentence `damage` would say, where it lacks a table or column of the
    records whose code is loaded so far or holds a trigger the program did not make
    (`file_shape.shape_problem`: some milliseconds, against seconds reading every page). Opening a
    file for the window asks this before showing it: File > Open loads every record's code first,
    the start its first tab's; the rest are read with the file's pages (`damage`)."""
    from bscp_desktop.db.database import DatabaseError, FileHeld, plain_error

    if getattr(db, "later", None) is None:  # checked whole as it opened, or a team database
        return
    try:
        problem = file_shape.shape_problem(db.path, every_model=False)
        refusal = DatabaseError(problem) if problem else None
    except sqlite3.DatabaseError as exc:
        refusal = FileHeld() if held(exc) else DatabaseError(f"{db.path} is damaged or is not a database ({plain_error(exc)}).")
    if refusal is not None:
        db.later.cancel()  # not started: nothing was written to it
        db.close()  # and its lock let go
        raise refusal


def damage(path: Path) -> str:
    """'' for a file whose every page and index reads back sound (as `check` and a restore read
    it, so its start-up backup is one a restore accepts) and that holds every table and column of
    this version (`file_shape`); else the sentence saying it is damaged. A file another program
    holds just now (a backup or sync tool) is not judged: '' (it is checked the next time it opens),
    never called damaged, which would refuse every save."""
    try:
        con = connect_read_only(path)
        try:
            result = integrity_rows(con)
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        if held(exc):
            log.warning("%s could not be checked after it opened: another program held it (%s)", path, exc)
            return ""
        result = [(str(exc),)]
    if result == [("ok",)]:
        return file_shape.shape_problem(path)
    return f"{path} is damaged ({integrity_words(result)}); restore a backup from the File menu."


def backup_not_written(exc: FolderNotWritable) -> str:
    """The sentence for a start-up backup its folder could not take: the records are safe."""
    safe = "Your records are safe and can be saved as usual"
    if (in_the_way := file_in_the_way(Path(exc.folder))) is not None:  # not a folder's permission: a file
        return (f"The backup at start could not be written to {exc.folder}: {in_the_way} is a file, where a "
                f"folder should be. {safe}; move or rename that file (or use File > Back up now once the "
                "folder can be made).")
    advice = "free some space on its disk" if exc.reason == FULL else "ask IT to allow changes to it"
    return (f"The backup at start could not be written to {exc.folder}: the folder {exc.reason}. {safe}; "
            f"{advice} (or use File > Back up now once it can take a copy).")


class LaterChecks:
    """The integrity check and start-up backup of one open file, and the gate that holds its
    writes until they have passed (see the module's description)."""

    def __init__(self, path: Path, backup_folder: Path | None):
        self.path = path
        self.backup_folder = backup_folder
        self.backup_due = backup_folder is not None and changed_since_backup(path, backup_folder)
        self.problem = ""  # the sentence, for a damaged file
        #: the sentence, for a start-up backup its folder could not take (full, read-only): the
        #: file is sound and may be saved to
        self.backup_problem = ""
        self.backup: Path | None = None
        self._go = threading.Event()
        self._cancelled = False
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="integrity check", daemon=True)

    def start(self, engine) -> None:
        event.listen(engine, "before_cursor_execute", self._hold_writes)
        self._thread.start()

    def go(self) -> None:
        """The window's first tab is filled: the checks may start now."""
        self._go.set()

    def cancel(self) -> None:
        """The file is being closed: checks not started yet are not needed (nothing was written)."""
        self._cancelled = True
        self._go.set()

    def wait(self, timeout: float | None = None) -> str:
        """Wait until the checks have run; '' if the file is sound, else the sentence."""
        self._go.set()
        self._done.wait(timeout)
        return self.problem

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def _run(self) -> None:
        self._go.wait(START_AT_LATEST_S)
        pending: PendingBackup | None = None
        try:
            if self._cancelled:
                return
            load_all()  # the other areas' models: the window's first tab has its records
            if self.backup_due:
                try:
                    pending = start_backup(self.path, self.backup_folder, reason="startup")
                except FolderNotWritable as exc:  # the backup folder's fault: the file itself is checked below
                    log.warning("The start-up backup of %s could not be written: %s", self.path, exc)
                    self.backup_problem = backup_not_written(exc)
                except sqlite3.DatabaseError:  # a copy that cannot be read through: checked below
                    pending = None
            self.problem = damage(self.path)
            if pending is not None:
                if self.problem:
                    pending.discard()
                else:
                    self.backup = pending.keep()
            if not self.problem:
                self.problem = self._index_follows()
        except Exception as exc:  # the backup could not be written: the file itself is checked
            log.exception("The start-up backup of %s failed", self.path)
            if pending is not None:
                pending.discard()
            self.problem = self.problem or damage(self.path)
            if not self.problem and isinstance(exc, OSError) and self.backup_folder is not None:
                self.backup_problem = backup_not_written(not_written(exc, self.backup_folder))  # the file is sound
            elif not self.problem:
                self.problem = f"The start-up backup of {self.path.name} could not be made ({exc}); nothing was changed."
        finally:
            if self.problem:
                log.warning("%s", self.problem)
            self._done.set()

    def _index_follows(self) -> str:
        """'' once the search index follows this version's declarations, rebuilt if need be (a
        write: after the backup, before any other); else the sentence saying it could not be."""
        try:
            if index_stale(self.path):
                rebuild_index(self.path)
                log.info("%s: the search index was rebuilt for this version's searchable fields", self.path)
            return ""
        except Exception as exc:
            from bscp_desktop.db.database import plain_error

            log.exception("Rebuilding the search index of %s failed", self.path)
            return (f"The search index of {self.path.name} could not be rebuilt for this version "
                    f"({plain_error(exc)}); nothing was changed.")

    def _hold_writes(self, _conn, _cursor, statement, *_args) -> None:
        if self._done.is_set() and not self.problem:
            return
        if not statement.lstrip()[:8].upper().startswith(_WRITES):
            return
        self.wait()
        if self.problem:
            from bscp_desktop.db.database import DatabaseError

            raise DatabaseError(self.problem)


#: How many SQLite steps the history's reading takes between two looks at whether it is still wanted.
_STEPS_BETWEEN_LOOKS = 50_000


class HistoryCheck:
    """What `check` reports of a file's change history, read once the window shows the file
    (`run`, in a worker): an entry changed outside the program or one removed before it (the
    chain broken: `history.verify_chain`), a record removed behind the program's back
    (`history.missing_records`), and the protection opening put back (`put_back`, the trigger
    names `history.ensure_protection_url` gave). `check` calls such a file altered, not damaged:
    it is a warning, and the file is saved to as usual; it says what a restore makes of the
    backups made from now on (`services.backups`: one altered only where the file is restores
    into it, one lacking records removed behind the program's back does not restore). Reading
    the chain takes seconds on ten years of records (about 9 s for 1.5 million entries), so it
    is never read on the window's thread, and stops as soon as it is no longer wanted
    (`cancel`, or `run`'s `stop`)."""

    def __init__(self, path: Path, put_back: Iterable[str] = ()):
        self.path = Path(path)
        self.put_back = list(put_back)
        self.altered = False  # once run: the history was changed outside the program
        self._stopped = threading.Event()
        self._ran = False

    def cancel(self) -> None:
        """The file is being closed: a reading under way stops, one not started does not start."""
        self._stopped.set()

    def run(self, stop: Callable[[], bool] = lambda: False) -> str:
        """'' when there is nothing to tell the officer; else what was found, in plain words, that
        the records can still be used, and what to do. Said once: a second run is ''."""
        stopped = lambda: self._stopped.is_set() or stop()  # noqa: E731
        if self._ran or stopped():
            return ""
        self._ran = True
        try:
            broken, missing = self._read(stopped)
        except Exception:  # stopped, or held or unreadable just now: damage is the later checks' to say
            if not stopped():
                log.warning("The change history of %s could not be read after it opened", self.path, exc_info=True)
            return self._words(None, "", read=False)
        return self._words(broken, missing)

    def _read(self, stopped: Callable[[], bool]) -> tuple[history.BrokenEntry | None, str]:
        con = connect_read_only(self.path)
        try:
            con.set_progress_handler(lambda: 1 if stopped() else 0, _STEPS_BETWEEN_LOOKS)
            con.execute("BEGIN")  # one view of the file, whatever the window saves meanwhile
            broken = None
            if "hash" in {r[1] for r in con.execute("PRAGMA table_info(change_record)")}:
                broken, _checked = history.verify_chain(con)
            return broken, history.missing_records(con)
        finally:
            con.close()

    def _words(self, broken: history.BrokenEntry | None, missing: str, read: bool = True) -> str:
        name = self.path.name
        protection = (f"The change history's protection was missing ({', '.join(self.put_back)}) and has been "
                      "put back." if self.put_back else "")
        self.altered = broken is not None or bool(missing)
        if not self.altered:
            if not protection:
                return ""
            looked = "; it was read through and nothing in it was changed" if read else ""
            return (f"{protection} Another program had removed it from {name}, so the history could have been "
                    f"edited without a trace{looked}. Your records can be used and saved as usual; if you do not "
                    "know who removed it, tell IT or your team.")
        found = [broken.sentence()] if broken is not None else []
        if missing:
            found.append(f"{missing[:1].upper()}{missing[1:]}")
        return " ".join([
            f"{name} was changed outside BSCP Desktop, so its change history no longer shows everything that "
            "happened to its records.", *found, *([protection] if protection else []),
            "Your records are open and can still be used and saved as usual, but "
            + ("a backup made from now on keeps the loss of those records too, so it cannot be restored."
               if missing else "a backup made from now on keeps the altered history too, so it can be restored "
               f"only into {name} while its history is altered the same way."),  # as a restore checks it
            "To have the file as it was, restore a backup made before that change (File > Restore from a "
            "backup); if you do not know who changed it, ask IT or your team before going on.",
        ])
