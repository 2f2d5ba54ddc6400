"""Backups with SQLite's online backup API, kept in rotation per database file.

A backup's name carries the database's stem (for people) and a short key made from the
database's full path, so two files called `bscp.sqlite3` in different folders never share a
rotation: `bscp-1a2b3c4d-20240401-093000-123456-startup.sqlite3` (a long stem cut to fit the
file system's longest name). Rotation keeps the 10 newest
copies of a file plus the newest copy of each of the last 12 months, newest by when each file was
written (in no time zone: the name's local time may come from another zone, or from the hour
repeated when clocks go back), and never the copy it follows. Backups made by earlier
versions (`bscp-20240401-093000-123456-startup.sqlite3`, no key) are listed for any file of the
same name, marked as such, and never rotated away; so are those a file made before it was moved or renamed,
but not those of a copy of it still at its place (`backup_elsewhere`).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePath
from typing import NamedTuple

from bscp_desktop.db.backup_places import remember_place
from bscp_desktop.db.restore_names import RESTORE as RESTORE  # the working copies of a restore, named there
from bscp_desktop.db.restore_names import glob_escape, remove_stale_restores
from bscp_desktop.db.soundness import SOUND as SOUND  # how a file is read for damage, and what it finds, read there
from bscp_desktop.db.soundness import integrity_rows as integrity_rows
from bscp_desktop.db.soundness import integrity_words as integrity_words
from bscp_desktop.db.soundness import rebuild_indexes as rebuild_indexes
from bscp_desktop.db.soundness import schema_version
from bscp_desktop.db.targets import file_in_the_way, fitting
from bscp_desktop.paths import given_path

KEEP_LATEST = 10
KEEP_MONTHS = 12
SUFFIX = ".sqlite3"
PENDING = ".pending"
DAMAGED = ".damaged"
PRIVATE = 0o600  # a copy of the records: readable and writable by this account only
_STALE_SECONDS = 3600
CALENDAR_ID_KEY = "database.calendar_id"  # the setting of the calendar id a database gets when made (`database.upgrade_url`), never on an upgrade
PARTNERSHIP_NAME_KEY = "partnership_name"  # the setting of the partnership's name (`services.settings`)
_ENTRY = "SELECT id, changed_at, hash FROM change_record"  # a history entry, as `database_marks` compares them

_NAME = re.compile(
    r"^(?P<stem>.+?)-(?:(?P<key>[0-9a-f]{8})-)?(?P<when>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z_]+)"
    + re.escape(SUFFIX) + "$"
)


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that only reads `path`; the URI is percent-encoded, so any file name works.

    Where the user may write, it is opened read-write but query-only: then, as the last
    connection to close, it removes the write-ahead log and shared-memory files SQLite makes
    even for reading, instead of leaving them beside the file; but read-only where a write-ahead
    log holding anything lies beside it: read through, the log is never folded into the file on
    closing (one left by another copy of the file would damage it), nor removed. In a folder this user cannot
    write to (where SQLite cannot make those files at all) the file is opened as immutable, unless
    saved changes are still in its write-ahead log (a program stopped before folding them in):
    immutable would leave them out, so it is read through the log (`_read_with_log`), or refused
    (LogUnreadable) where the log cannot be read. A file that is itself read-only is opened
    read-only, and as immutable too when no write-ahead log lies beside it to be read: SQLite
    reading it would otherwise leave behind log files it may not remove, read-only like the file,
    that stop every save once the file is writable again.
    """
    path = Path(path).absolute()
    uri = sqlite_uri(path)
    if not os.access(path.parent, os.W_OK):
        if saved_in_log(path):
            return _read_with_log(path, uri)
        return sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True)  # read only: a missing file is not made
    if not os.access(path, os.W_OK):
        log = path.with_name(path.name + "-wal").exists()
        return sqlite3.connect(uri + ("?mode=ro" if log else "?mode=ro&immutable=1"), uri=True)
    if saved_in_log(path):
        return sqlite3.connect(uri + "?mode=ro", uri=True)
    con = sqlite3.connect(uri + "?mode=rw", uri=True)
    con.execute("PRAGMA query_only = ON")
    return con


class LogUnreadable(OSError):
    """A file in a folder this user cannot write to, whose saved changes are still in its
    write-ahead log where SQLite cannot read them (no shared-memory file it may read lies beside
    it, and none can be made there): read without them, the file would be missing those changes."""

    def __init__(self, path: Path):
        log = path.name + "-wal"
        super().__init__(
            f"{path} has saved changes still in its log file ({log}) that cannot be read while its folder "
            f"cannot be written to: ask IT to allow changes to the folder {path.parent}, or copy {path.name} "
            f"together with {log} to a folder you can write to, and try again (nothing was changed).")


def saved_in_log(path: Path) -> bool:
    """Whether a write-ahead log holding anything lies beside `path` (saved changes not yet in the file)."""
    log = path.with_name(path.name + "-wal")
    try:
        return log.is_file() and log.stat().st_size > 0
    except OSError:
        return False


#: SQLite's codes for a log it could not read: no permission, read-only where it must write, a file
#: not opened (primary codes: PERM, READONLY, CANTOPEN); its shared memory refused (IOERR_SHM…).
_LOG_REFUSED, _SHM_REFUSED = {3, 8, 14}, {10 | n << 8 for n in (18, 19, 20, 21)}


def _read_with_log(path: Path, uri: str) -> sqlite3.Connection:
    """A read-only connection to `path` that reads the saved changes in its write-ahead log, in a
    folder where SQLite can make no file: it needs the shared-memory file left beside the log, to
    read; without it (or where SQLite still cannot read the log) LogUnreadable says so."""
    log, shared = (path.with_name(path.name + side) for side in ("-wal", "-shm"))
    if not (shared.is_file() and os.access(shared, os.R_OK) and os.access(log, os.R_OK)):
        raise LogUnreadable(path)
    con = sqlite3.connect(uri + "?mode=ro", uri=True)
    try:
        con.execute("PRAGMA schema_version").fetchone()  # the first read opens the log
    except sqlite3.Error as exc:
        code = getattr(exc, "sqlite_errorcode", 0)
        if code & 0xFF in _LOG_REFUSED or code in _SHM_REFUSED:
            con.close()
            raise LogUnreadable(path) from exc
    return con


def sqlite_uri(path: PurePath) -> str:
    """The `file:` URI SQLite opens the absolute `path` by, percent-encoded so any name works. A
    file on a Windows network share (\\\\server\\share\\…) is given with an empty authority,
    file:////server/share/…, as SQLite opens it: it refuses a URI naming a server (file://server/…)."""
    uri = path.as_uri()
    if uri.startswith("file://") and not uri.startswith("file:///"):
        uri = "file:////" + uri[len("file://"):]
    return uri


def database_key(source: Path) -> str:
    """Eight hex digits from the database's full, resolved path (case-folded on Windows)."""
    source = given_path(source)
    try:
        resolved = os.path.normcase(str(source.resolve()))
    except (OSError, RuntimeError):  # shortcuts leading round in a circle: by the name given
        resolved = os.path.normcase(str(source.absolute()))
    return hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:8]


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    size_bytes: int
    reason: str = ""
    legacy: bool = False  # made by an earlier version: not tied to one folder's file
    written: float | None = None  # when its file was written, in seconds (no time zone); else `taken_at`
    elsewhere: bool = False  # of this database before it was moved or renamed (`backup_elsewhere`)

    def newness(self) -> tuple[float, datetime]:
        """What orders backups: when written, then the name's time (for files written at once)."""
        return (self.taken_at.timestamp() if self.written is None else self.written), self.taken_at

    def label(self) -> str:
        text = f"{self.taken_at:%d/%m/%Y %H:%M:%S}"
        words = {"startup": "on opening", "manual": "backed up by hand",
                 "before_restore": "before a restore"}
        if self.reason in words:
            text += f", {words[self.reason]}"
        if self.legacy:
            text += " (earlier version: may be of another file with this name)"
        if self.elsewhere:
            text += " (made when this database had another folder or name)"
        return text


def parse_backup_name(name: str) -> tuple[str, str | None, datetime, str] | None:
    """(stem, path key or None for an old-style name, when taken, reason), or None."""
    match = _NAME.match(name)
    if not match:
        return None
    try:
        when = datetime.strptime(match["when"], "%Y%m%d-%H%M%S-%f")
    except ValueError:
        return None
    return match["stem"], match["key"], when, match["reason"]


class FolderNotWritable(OSError):
    """A copy could not be written to its folder (the folder is full, or read-only): the file
    copied is not at fault. `reason` ("is full", "is read-only", …) follows the words "the
    folder"; the message is one sentence, after `why` where given (what the copy was for, ending
    "but ")."""

    def __init__(self, folder: Path, reason: str, why: str = ""):
        self.folder = folder
        self.reason = reason
        advice = {FULL: "free some space on its disk", READ_ONLY: "ask IT to allow changes to it"}.get(
            reason, "move or rename that file, or choose another folder" if " is a file" in reason else "choose another folder")
        super().__init__(f"{why}{'the' if why else 'The'} folder {folder} {reason}, so the copy could not be written "
                         f"there; {advice} and try again (nothing was changed).")


FULL = "is full"
READ_ONLY = "is read-only"
#: SQLite's codes for a copy its folder could not take: the disk full, the folder read-only.
_SQLITE_FULL, _SQLITE_READ_ONLY, _SQLITE_CANT_OPEN = 13, 8, 14


def folder_reason(exc: BaseException, folder: Path) -> str:
    """Why a copy could not be written to `folder`, following "the folder"; '' if the failure
    is not the folder's (a source that cannot be read)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(exc, OSError) and (in_the_way := file_in_the_way(folder)) is not None:
        return f"cannot be made: {in_the_way} is a file, where a folder should be"
    if code == _SQLITE_FULL or "disk is full" in str(exc).lower() or getattr(exc, "errno", None) == errno.ENOSPC:
        return FULL
    if code in (_SQLITE_READ_ONLY, _SQLITE_CANT_OPEN) or isinstance(exc, PermissionError) or not os.access(folder, os.W_OK):
        return READ_ONLY
    if isinstance(exc, OSError):
        return f"cannot be written to ({exc.strerror or exc})"
    return ""


def _partial_files(tmp: Path) -> list[Path]:
    """A copy being made and the journal SQLite keeps beside it."""
    return [tmp, tmp.with_name(tmp.name + "-journal")]


def copy_database(source: Path, target: Path) -> None:
    """Consistent copy of `source` (even while it is in use) into a new file `target`. A folder
    that cannot take it (full, read-only) raises FolderNotWritable, leaving nothing behind."""
    folder = target.parent
    tmp = target.with_name(fitting(target.name, len(".partial-journal")) + ".partial")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE))  # readable by this account only
    except OSError as exc:
        _remove(_partial_files(tmp))
        raise FolderNotWritable(folder, folder_reason(exc, folder)) from exc
    try:
        src = connect_read_only(source)
    except BaseException:  # a source that cannot be read (LogUnreadable): no empty copy left behind
        _remove(_partial_files(tmp))
        raise
    try:
        dst = sqlite3.connect(tmp)
        try:
            try:
                src.backup(dst)
            except sqlite3.Error as exc:
                if reason := folder_reason(exc, folder):
                    raise FolderNotWritable(folder, reason) from exc
                raise
            _written(dst, folder)
        finally:
            dst.close()
        _written(lambda: tmp.replace(target), folder)
    except BaseException:
        _remove(_partial_files(tmp))
        raise
    finally:
        src.close()


def _written(step, folder: Path) -> None:
    """The last writes of a copy (its journal mode, its rename into place): a folder that cannot
    take them (full, read-only) is said as FolderNotWritable."""
    try:
        if isinstance(step, sqlite3.Connection):
            step.execute("PRAGMA journal_mode=DELETE")
        else:
            step()
    except (sqlite3.Error, OSError) as exc:
        if isinstance(exc, OSError) or folder_reason(exc, folder):
            raise not_written(exc, folder) from exc
        raise  # the copy's own contents (a source that did not read back whole)


def not_written(exc: BaseException, folder: Path) -> FolderNotWritable:
    """A write to `folder` that failed, as the sentence saying why."""
    if isinstance(exc, FolderNotWritable):
        return exc
    return FolderNotWritable(folder, folder_reason(exc, folder) or f"cannot be written to ({exc})")


def _remove(files: list[Path]) -> None:
    for p in files:
        with contextlib.suppress(OSError):
            p.unlink()


def _stems(source: Path) -> tuple[str, ...]:
    """The names a file's backups go by: its real file's (through any shortcut, as its key is
    made), first; then the name it was given, if another (a shortcut's, by earlier versions)."""
    source = given_path(source)
    try:
        real = source.resolve().stem
    except (OSError, RuntimeError):
        real = source.stem
    return tuple(dict.fromkeys((real, source.stem)))


#: What a backup's name adds to the database's stem, at most (the reason is one of these, or
#: shorter): "-<key>-<when>-before_restore.sqlite3", then ".pending.partial-journal" while it is made.
_ADDED = len("-1a2b3c4d-20240401-093000-123456-before_restore" + SUFFIX + PENDING + ".partial-journal")


def _fitted(stem: str, reason: str = "") -> str:
    """A database's stem as its backups' names carry it: cut, if need be, so the whole name (and
    those of the copy while it is made) is one the file system takes. Every reason but a longer
    one than usual leaves the same stem, so all of a file's backups share it."""
    return fitting(stem, _ADDED + max(0, len(reason) - len("before_restore")))


def _backup_stems(stems: tuple[str, ...], reason: str = "") -> set[str]:
    """The stems a file's backups are named by: its `_stems`, each also as cut to fit."""
    return {*stems, *(_fitted(stem, reason) for stem in stems)}


def backup_name(source: Path, when: datetime, reason: str) -> str:
    return f"{_fitted(_stems(source)[0], reason)}-{database_key(source)}-{when:%Y%m%d-%H%M%S-%f}-{reason}{SUFFIX}"


def list_backups(folder: Path, source: Path, include_legacy: bool = True) -> list[BackupInfo]:
    """Backups of the database file `source` in `folder`, newest first. With `include_legacy` (a
    list for people, not the rotation), those made while this database had another folder or name
    too (`backup_elsewhere`), after its own; a copy from before an upgrade named as one first (`_adopt_orphans`)."""
    if not folder.is_dir():
        return []
    source = Path(source)
    key, stems = database_key(source), _stems(source)
    found, others = [], []
    for p in folder.glob(f"*{SUFFIX}"):
        parsed = parse_backup_name(p.name)
        if parsed is None or not p.is_file():
            continue
        stem, file_key, when, reason = parsed
        if file_key is not None and file_key != key:
            others.append((p, when, reason))
            continue
        if stem not in _backup_stems(stems, reason) or (file_key is None and not include_legacy):
            continue
        stat = p.stat()
        found.append(BackupInfo(p, when, stat.st_size, reason, legacy=file_key is None, written=stat.st_mtime))
    if _adopt_orphans(folder, source, found):  # a copy from before an upgrade, left outside by a program stopped
        return list_backups(folder, source, include_legacy)
    if include_legacy and others:
        from bscp_desktop.db.backup_elsewhere import kept_elsewhere  # it reads files as this module does

        found += kept_elsewhere(source, others, found)
    # this file's own backups first, newest first; then any of it elsewhere, then from an earlier version
    return sorted(found, key=lambda b: (not b.legacy, not b.elsewhere, *b.newness()), reverse=True)


class Marks(NamedTuple):
    """What tells a database file from another without reading it whole (`database_marks`)."""

    calendar_id: str | None
    partnership: str | None
    offline: bool  # a meeting's offline copy (it names the team database it came from)
    newest: tuple | None  # its history's newest entry: (id, when, hash)


def database_marks(path: Path) -> Marks | None:
    """A database's own calendar id (written once, when it was made, and carried by its backups
    and copies), its partnership's name (as a restore tells another database's backup), whether it
    is an offline copy, and its history's newest entry; None where the file cannot be read so."""
    try:
        with contextlib.closing(connect_read_only(Path(path))) as con:
            held = dict(con.execute("SELECT key, value FROM setting WHERE key IN (?, ?)", (CALENDAR_ID_KEY, PARTNERSHIP_NAME_KEY)))
            newest = con.execute(f"{_ENTRY} ORDER BY id DESC LIMIT 1").fetchone()
            offline = con.execute("SELECT 1 FROM sqlite_master WHERE name = 'meeting_offline'").fetchone() is not None and (
                con.execute("SELECT 1 FROM meeting_offline WHERE server != '' LIMIT 1").fetchone() is not None)
    except (sqlite3.Error, OSError):
        return None

    def text(key: str) -> str | None:
        with contextlib.suppress(ValueError):
            value = json.loads(held.get(key) or "null")
            return (" ".join(value.split()) or None) if isinstance(value, str) else None
        return None

    return Marks(text(CALENDAR_ID_KEY), text(PARTNERSHIP_NAME_KEY), offline, newest)


def same_database(ours: Marks, theirs: Marks) -> bool:
    """Whether two files are known to be of one database: the same calendar id, or, where either
    has none (made before they were kept), the same partnership's name."""
    if ours.calendar_id and theirs.calendar_id:
        return ours.calendar_id == theirs.calendar_id
    return bool(ours.partnership and theirs.partnership and ours.partnership.casefold() == theirs.partnership.casefold())


def backups_to_remove(backups: list[BackupInfo], now: datetime) -> list[BackupInfo]:
    """Given backups newest first: those outside the 10 newest and the monthly ones of their
    kind. Each kind (made on opening, by hand, before a restore) keeps its own, so a copy made
    by hand or before a restore is never pushed out by the copies every start makes."""
    backups = [b for b in backups if not (b.legacy or b.elsewhere)]
    kinds: dict[str, list[BackupInfo]] = {}
    for b in backups:
        kinds.setdefault(b.reason, []).append(b)
    going = {b.path for same_kind in kinds.values() for b in _outside_rotation(same_kind, now)}
    return [b for b in backups if b.path in going]


def _outside_rotation(backups: list[BackupInfo], now: datetime) -> list[BackupInfo]:
    keep: set[Path] = {b.path for b in backups[:KEEP_LATEST]}
    seen_months: set[tuple[int, int]] = set()
    this_month = now.year * 12 + now.month - 1
    for b in backups:
        month = (b.taken_at.year, b.taken_at.month)
        if not 0 <= this_month - (b.taken_at.year * 12 + b.taken_at.month - 1) < KEEP_MONTHS:  # not a month after `now`'s
            continue
        if month not in seen_months:
            seen_months.add(month)
            keep.add(b.path)
    return [b for b in backups if b.path not in keep]


def _rotate(folder: Path, source: Path, now: datetime, made: Path) -> None:
    """Remove the backups outside the rotation; `made`, the copy just made, counts as the newest."""
    found = sorted(list_backups(folder, source, include_legacy=False), key=lambda b: b.path != made)
    for old in backups_to_remove(found, now):
        old.path.unlink(missing_ok=True)


def backup_database(source: Path, folder: Path, reason: str = "manual", now: datetime | None = None) -> Path:
    """Copy `source` into the rotation now (it must be a database that opens)."""
    now = now or datetime.now()
    target = folder / backup_name(source, now, reason)
    list_backups(folder, source, include_legacy=False)  # a copy from before an upgrade named first (`_adopt_orphans`)
    copy_database(source, target)
    remember_place(database_key(source), source)  # where its file is, wherever it goes (`backup_places`)
    _rotate(folder, source, now, target)
    return target


@dataclass
class PendingBackup:
    """A copy taken on opening, outside the backups (`.pending`) until the file opens, or `place`d among them once
    the file may have been written (an upgrade committed: a program stopped then, killed, still lists and restores
    the file as it was). The rotation runs only on `keep()`, once the file opened: a failed start removes no backup."""

    path: Path
    final: Path
    source: Path
    taken_at: datetime

    def place(self) -> Path:
        """Name the copy as the backup it is, unless a listing of the backups did (`_adopt_orphans`)."""
        try:
            if self.path != self.final:
                self.path.replace(self.final)
        except OSError as exc:
            if not self.final.is_file():
                raise not_written(exc, self.final.parent) from exc
        self.path = self.final
        return self.final

    def keep(self) -> Path:
        self.place()
        _rotate(self.final.parent, self.source, self.taken_at, self.final)
        return self.final

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink()


def start_backup(source: Path, folder: Path, reason: str = "startup", now: datetime | None = None) -> PendingBackup:
    """Copy `source` aside, outside the rotation, until `keep()` or `discard()`."""
    now = now or datetime.now()
    final = folder / backup_name(source, now, reason)
    _remove_stale(folder, source)
    remove_stale_restores(source)
    pending = final.with_name(final.name + PENDING)
    copy_database(source, pending)
    remember_place(database_key(source), source)
    return PendingBackup(pending, final, Path(source), now)


def _remove_stale(folder: Path, source: Path) -> None:
    """Copies left half-made by a program stopped part-way (older than an hour), once those from before an upgrade are named backups (`_adopt_orphans`)."""
    if not folder.is_dir():
        return
    list_backups(folder, source, include_legacy=False)
    cutoff = time.time() - _STALE_SECONDS
    for stem in _backup_stems(_stems(source)):
        for p in folder.glob(f"{glob_escape(f'{stem}-{database_key(source)}-')}*{SUFFIX}.*"):
            if p.name.endswith((PENDING, ".partial", ".partial-journal")):
                with contextlib.suppress(OSError):
                    if p.stat().st_mtime < cutoff:
                        p.unlink()


def _adopt_orphans(folder: Path, source: Path, own: list[BackupInfo]) -> bool:
    """Name as backups the copies taken on opening (`.pending`) left by a program stopped after an upgrade was written,
    before the copy joined the backups: whole copies of the file at a version it is no longer at, with no backup of it
    made since (`own`: one made since is the start's that did upgrade it, the copy's never written). True if any was."""
    key, adopted = database_key(source), False
    orphans = {p for stem in _backup_stems(_stems(source)) for p in folder.glob(f"{glob_escape(f'{stem}-{key}-')}*{SUFFIX}{PENDING}")}
    now_at = _version(source) if orphans else None
    for p in sorted(orphans) if now_at else []:
        final = p.with_name(p.name.removesuffix(PENDING))
        taken = parse_backup_name(final.name)
        with contextlib.suppress(OSError):
            if taken is None or final.exists() or any(
                    b.newness() > (p.stat().st_mtime, taken[2]) for b in own if not (b.legacy or b.elsewhere)):
                continue
            if _version(p) not in (None, now_at) and _version(p, whole=True) is not None:
                p.replace(final)
                adopted = True
    return adopted


def _version(path: Path, whole: bool = False) -> str | None:
    """`schema_version` of the file `path`; None where it cannot be read."""
    with contextlib.suppress(sqlite3.Error, OSError), contextlib.closing(connect_read_only(path)) as con:
        return schema_version(con, whole)
    return None


def keep_damaged_copy(source: Path, folder: Path, now: datetime | None = None) -> Path:
    """A byte-for-byte copy of a file that does not open, kept outside the rotation."""
    now = now or datetime.now()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (backup_name(source, now, "replaced") + DAMAGED)
    shutil.copyfile(source, target)
    os.chmod(target, PRIVATE)
    for journal in ("-wal", "-journal"):  # what SQLite had not yet written into it, kept beside it
        with contextlib.suppress(FileNotFoundError):
            shutil.copyfile(source.with_name(source.name + journal), target.with_name(target.name + journal))
            os.chmod(target.with_name(target.name + journal), PRIVATE)
    return target


def replace_damaged(copy: Path, target: Path) -> None:
    """Put the checked `copy` in the place of a `target` that does not open (kept aside first,
    `keep_damaged_copy`): its journals go, so none is applied to the new file, then the copy
    takes its name in one step."""
    for side in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(target.with_name(target.name + side))
    os.replace(copy, target)


def match_page_size(copy: Path, target: Path) -> None:
    """Give the checked `copy` the page size of the database `target` it is restored into:
    SQLite's backup API cannot change the page size of a database kept with a write-ahead log,
    as every database this program opens is, so a backup made with another page size is rebuilt
    (VACUUM) with the target's first. A target that does not open is left to `replace_damaged`."""
    try:
        con = connect_read_only(target)
        try:
            size = int(con.execute("PRAGMA page_size").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return
    con = sqlite3.connect(copy)
    try:
        if con.execute("PRAGMA page_size").fetchone()[0] == size:
            return
        mode = con.execute("PRAGMA journal_mode").fetchone()[0]
        con.execute("PRAGMA journal_mode=DELETE")  # a page size changes only outside WAL mode
        con.execute(f"PRAGMA page_size={size}")
        con.execute("VACUUM")
        con.execute(f"PRAGMA journal_mode={mode}")
    finally:
        con.close()


def restore_into(backup: Path, target: Path) -> None:
    """Copy a backup's pages into `target` with the backup API, in one transaction, through the
    write lock a restore holds on it: never over another program's write (`write_lock`)."""
    from bscp_desktop.db import write_lock  # it reads files as this module does

    write_lock.restore_into(backup, target)
