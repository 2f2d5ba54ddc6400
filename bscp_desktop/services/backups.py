"""Back up and restore database files, and keep the files worked in apart from the backups.

Restoring checks the backup before anything is replaced: it is copied beside the database
(or, where the database's path leaves no room for the copy's, into a folder above it on the
same disk: `db/restore_names.py`), the copy's integrity is checked, it must be this program's
database at a known schema holding no trigger of another program, a backup of a whole
database (not a meeting's offline copy, unless the database is one), its change history's chain
must be whole and its records too (as `check` reads them), and the copy is upgraded to the current schema. A backup of another
database (another partnership's) is told apart from this one's by the database's own calendar
id, or else its partnership's name (`PreparedRestore.other_database`): the window says so when
it asks, and the command line restores it only when told to. The copy's history
then records the restore itself (the setting `RESTORED_FROM`, written through the unit of
work like any change), so the change log says why the changes made after the backup are gone.
Only then is it swapped in (the current file is backed up first). A backup that fails any
check gets one sentence; the current file stays as it was. A current file another program holds,
one a newer version saved or another program's is refused as `check` refuses it, never replaced;
only one that is damaged (or cut short, half-upgraded, lacking part of itself) is, kept aside first.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bscp_desktop import paths
from bscp_desktop.db import backup as backup_files
from bscp_desktop.db import history, migrate, restore_names
from bscp_desktop.db.backup import BackupInfo
from bscp_desktop.db.database import (
    CALENDAR_ID_KEY,
    Database,
    DatabaseError,
    DatabaseInUse,
    FileHeld,
    FileState,
    HistoryTampered,
    finish_file,
    in_use,
    inspect_file,
    move_into_place,
    plain_error,
    read_state,
    require_writable,
    schema_problem,
    sidecar_paths,
    sqlite_url,
    upgrade_url,
)
from bscp_desktop.db.file_check import records_problem
from bscp_desktop.db.lock import COMMAND, FileLock, LockHeld, lock_path
from bscp_desktop.db.lock import SUFFIX as LOCK_SUFFIX
from bscp_desktop.db.models import Setting
from bscp_desktop.db.schema_check import OWN_TABLES
from bscp_desktop.db.soundness import held
from bscp_desktop.db.targets import TargetRefused, check_target, check_working_database, database_path_problem, is_database, name_problem
from bscp_desktop.db.write_lock import WriteHold
from bscp_desktop.paths import given_path
from bscp_desktop.services.settings import PARTNERSHIP_NAME_KEY

__all__ = ["DATABASE_SUFFIXES", "RESTORED_FROM", "BackupInfo", "PreparedRestore", "backup_now", "database_output_problem",
           "list_backups", "prepare_restore", "restore_backup", "working_file_problem"]

#: The setting a restore writes in the restored file: which backup its records were put back
#: from. The change log shows it as "Setting: Database: restored from", by whoever restored it.
RESTORED_FROM = "database.restored_from"

#: How the name of a database file ends (as File > New database and Open offer them).
DATABASE_SUFFIXES = (".sqlite3", ".sqlite", ".db")


def database_output_problem(out: Path) -> str:
    """'' where a new database file (a backup's copy, a copy of a database) may be written at
    `out`, a place `db.targets.check_target` accepts; else the one sentence why not: its name does
    not end as a database file's does (a workbook's or a document's name), or a file that is not
    a database is there already (it is never replaced by one). An empty file may be."""
    out, trimmed = Path(out), Path(out).name.rstrip(". ")  # Windows leaves a name's last spaces and dots out
    if trimmed != out.name and trimmed.lower().endswith(DATABASE_SUFFIXES):  # "team.sqlite3 "
        return (f"The file name '{out.name}' ends in {'a space' if out.name.endswith(' ') else 'a dot'}, which Windows "
                f"leaves out of a file's name, so no database is written there; name the file to write {trimmed}.")
    if not out.name.lower().endswith(DATABASE_SUFFIXES):
        ending = Path(trimmed).suffix  # another program's ending (.xlsx) is replaced; "TeamBackup 2.0" keeps its ".0"
        stem = (trimmed.removesuffix(ending) if ending[1:].isalpha() else trimmed).rstrip(". ") or "backup"
        named = stem if stem.lower().endswith(DATABASE_SUFFIXES) else f"{stem}.sqlite3"
        return (f"{out.name} does not end in .sqlite3, .sqlite or .db, as the name of a database file does, so "
                f"no database is written there; name the file to write {named}, for example.")
    with contextlib.suppress(OSError):  # a file that cannot be looked at is said by writing it
        if out.is_file() and out.stat().st_size > 0 and not is_database(out):
            return (f"{out} already exists and is not a BSCP Desktop database, so no database is written over "
                    "it; choose another name, or move the file away first.")
    return ""


def working_file_problem(path: Path, create: bool = True, folder: Path | None = None) -> str:
    """'' where `path` may be opened as the database worked in (made there as a new one, with
    `create`); else the one sentence saying why not: a place in the backup folder (`folder`, by
    default this user's), another database's working file, a name such a file has (a database of
    its own named so, which opening it refuses), a folder, a shortcut, a name too long
    (`db.targets.check_working_database`, which opening it checks again)."""
    if problem := name_problem(Path(path), database=True):  # said before the file system is asked of it
        return problem
    try:
        check_working_database(path, folder or paths.backup_dir(), create=create)
    except TargetRefused as refused:
        return str(refused)
    return database_path_problem(given_path(path))  # an existing file too: what opening it says


def _file_only(db_path: Path | None) -> Path:
    """Backups here are of database files; a team database on a server (no file) is backed up
    on the server, so it is refused in one sentence."""
    if db_path is None:
        raise ValueError(
            "This is a team database on a server: it is backed up on the server by the council's "
            "IT team, not by BSCP Desktop."
        )
    return given_path(db_path).absolute()


def backup_now(db_path: Path | None, out: Path | None = None, folder: Path | None = None) -> Path:
    """A consistent copy of the database file: to `out`, or into the rotating backup folder."""
    db_path = _file_only(db_path)
    inspect_file(db_path, must_exist=True)
    if out is not None:
        out = check_target(out, db_path, backup_folder=folder or paths.backup_dir(), replace=True, new_database=True)
        if problem := database_output_problem(out):
            raise TargetRefused(problem)
        backup_files.copy_database(db_path, out)
        return out
    folder = folder or paths.backup_dir()
    try:
        check_working_database(db_path, folder)
    except TargetRefused as exc:  # a backup already: a backup of it would start a rotation of its own
        raise TargetRefused(
            f"{db_path.name} is itself a backup, kept in the backup folder {_resolved(db_path).parent}: it is not backed up "
            "again there. To keep a copy of it elsewhere, give the file to write (-o FILE)."
        ) from exc
    return backup_files.backup_database(db_path, folder, reason="manual")


def list_backups(db_path: Path | None, folder: Path | None = None) -> list[BackupInfo]:
    """This database file's backups, newest first (then any from earlier versions)."""
    return backup_files.list_backups(folder or paths.backup_dir(), _file_only(db_path))


@dataclass
class PreparedRestore:
    """A backup checked and upgraded in a temporary copy beside the database (`restore_names`), ready to swap in."""

    backup: Path
    db_path: Path
    copy: Path
    version: str
    lock: FileLock | None = None  # held on the copy until it is swapped in or discarded
    #: Where the backup is of another database than the one it replaces (`_other_database`): the
    #: backup's partnership and the database's, as they are named to the officer; else None.
    other_database: tuple[str, str] | None = None
    #: Where the backup's change history is altered only where the database's already is
    #: (`_require_whole_history`): the sentence saying so, for the officer; else ''.
    altered: str = ""

    def discard(self) -> None:
        for p in [self.copy, *sidecar_paths(self.copy)[:3]]:
            with contextlib.suppress(OSError):
                p.unlink()
        if self.lock is not None:
            self.lock.release()

    def swap_in(self, folder: Path | None = None) -> Path | None:
        """Replace the database's contents with the checked copy; returns the copy kept of the
        file that was there (None if there was none). The database must not be open."""
        db_path = self.db_path
        lock = FileLock.for_database(db_path)
        try:
            lock.acquire()
        except LockHeld as exc:
            self.discard()
            if lock.holder() == COMMAND:  # a command still running (an import, say): wait for it
                raise DatabaseInUse(in_use(db_path, COMMAND)) from exc
            raise DatabaseInUse(
                f"{db_path.name} is open in a BSCP Desktop window; close it there before restoring."
            ) from exc
        hold = WriteHold(db_path)  # another program's write: refused, never waited for nor overwritten
        try:
            _match_page_size(self)
            safety, sound = _keep_current(db_path, folder or paths.backup_dir(), hold)
            if safety is None:  # no database yet: the checked copy (this account's only) takes the name
                move_into_place(self.copy, db_path)
            elif sound:  # through SQLite's backup API, so the database's own journal keeps the swap whole
                try:
                    backup_files.restore_into(self.copy, db_path)
                except FileHeld:  # saved into meanwhile: nothing restored, so no copy of it is kept either
                    safety.unlink(missing_ok=True)
                    raise
                except (sqlite3.Error, OSError) as exc:  # rolled back whole: the database as it was
                    _said_plainly(exc, db_path.parent)
                    raise
            else:  # a file SQLite cannot write into: the checked copy takes its place, not a link's
                backup_files.replace_damaged(self.copy, _real_file(db_path))
        finally:
            hold.release()
            lock.release()
            self.discard()
        return safety


def _real_file(db_path: Path) -> Path:
    """The file a database's name leads to (through any symbolic link), as its lock finds it
    (`db.lock.lock_path`): a damaged file is replaced there, and the checked copy is made beside
    it (or above it on the same disk, `restore_names`), so the copy takes its place in one step
    and the link still leads to the database."""
    lock = lock_path(db_path)
    return lock.with_name(lock.name[: -len(LOCK_SUFFIX)])


def _match_page_size(prepared: PreparedRestore) -> None:
    """The copy takes the database's page size before anything is changed; a copy that cannot
    be rebuilt so is said in one sentence, the database as it was."""
    db_path = prepared.db_path
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return
    try:
        backup_files.match_page_size(prepared.copy, db_path)
    except (sqlite3.Error, OSError) as exc:
        _said_plainly(exc, db_path.parent)
        raise DatabaseError(
            f"The backup {prepared.backup.name} could not be given the page size of {db_path.name} "
            f"({plain_error(exc)}); nothing was restored."
        ) from exc


def _said_plainly(exc: BaseException, folder: Path) -> None:
    """Raise a write that failed (`exc`, or the SQLite error it wraps) in one sentence where it
    was another program holding the file (FileHeld), or the folder written to full or read-only
    (FolderNotWritable, naming `folder`); else return, for the caller to say it."""
    cause = getattr(exc, "orig", None) or exc
    if held(cause):
        raise FileHeld() from exc
    if isinstance(cause, (sqlite3.Error, OSError)):
        written = backup_files.not_written(cause, folder)
        if written.reason in (backup_files.FULL, backup_files.READ_ONLY):
            raise written from exc


def _refuse_unless_ours(db_path: Path) -> None:
    """Refuse, opening as `check` does, a file no restore replaces: one another program holds
    (FileHeld), one a newer version saved, one this program did not make (`schema_problem`).
    A file SQLite cannot read, or this program's own that is damaged, unfinished, half-upgraded
    or lacking part of itself, may be replaced (it is kept aside first)."""
    try:
        _integrity, state = read_state(db_path, None)
    except FileHeld:
        raise
    except DatabaseError:
        return
    if state.unfinished or (state.version in migrate.known_revisions() and OWN_TABLES <= state.tables):
        return
    head, _, advice = schema_problem(state).partition("; ")
    raise DatabaseError(f"{db_path} {head}{'; no' if ', so ' in head else ', so no'} backup is restored over it: "
                        f"{advice or 'to restore into that name, move the file away first'}.")


def _keep_current(db_path: Path, folder: Path, hold: WriteHold) -> tuple[Path | None, bool]:
    """Keep the file about to be replaced: in the rotation if it opens, else aside as it is
    where it is damaged (`_refuse_unless_ours`: a file held, newer or another program's is not
    replaced). Returns the copy kept (None for no file) and whether the file opened. Its write
    lock is taken first (`hold`: FileHeld while another program writes) and kept for the restore."""
    if not db_path.exists() or (db_path.stat().st_size == 0 and not sidecar_paths(db_path)[0].exists()):
        return None, True
    hold.take()
    try:
        inspect_file(db_path, must_exist=True)
    except FileHeld:
        raise
    except DatabaseError:
        hold.release()  # a damaged file is replaced whole, by name: no connection left open on it
        _refuse_unless_ours(db_path)
        return backup_files.keep_damaged_copy(db_path, folder), False
    return backup_files.backup_database(db_path, folder, reason="before_restore"), True


def _resolved(path: Path) -> Path:
    """`path` through any shortcut; as given where the shortcuts lead round in a circle (which
    the checks after this name)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def prepare_restore(
    backup: Path, db_path: Path | None, folder: Path | None = None, user: str | None = None,
) -> PreparedRestore:
    """Check `backup` in a temporary copy, bring the copy up to the current schema and record
    in its history that it was restored, by `user` (the name the window records changes by;
    by default this computer's user).

    Raises DatabaseError with one sentence if it is not a sound backup of this program's
    database (HistoryTampered if its change history was altered outside the program), or
    `db_path` is no place to work in (a file in the backup folder `folder`, by default this
    user's); nothing else is touched. Copies left beside the database by a restore that was
    stopped part-way are removed first."""
    backup = given_path(backup).absolute()
    db_path = _file_only(db_path)
    if not db_path.parent.is_dir():
        raise DatabaseError(f"The folder {db_path.parent} does not exist, so nothing can be restored there.")
    if backup.exists() and db_path.exists() and os.path.samefile(backup, db_path):
        raise DatabaseError("Choose a backup file, not the database itself.")
    if _resolved(backup) in {_resolved(p) for p in sidecar_paths(db_path)}:
        raise DatabaseError(f"{backup.name} is the database's own working file, not a backup.")
    if db_path.is_dir():
        raise DatabaseError(f"{db_path} is a folder; give the database file to restore into.")
    if db_path.is_file() and db_path.stat().st_size and not is_database(db_path):
        raise DatabaseError(
            f"{db_path} is not a BSCP Desktop database (it is not an SQLite file), so no backup is restored "
            "over it; to restore into that name, move the file away first."
        )
    if problem := working_file_problem(db_path, folder=folder):  # as opening it to work in would say
        raise DatabaseError(problem)
    if db_path.is_file() and db_path.stat().st_size:  # held, newer, another program's: as `check` says
        _refuse_unless_ours(db_path)
    for place in dict.fromkeys((db_path, _real_file(db_path))):  # beside the name given and the real file
        backup_files.remove_stale_restores(place)
    if db_path.exists():  # before a copy is made: a file that cannot be written is refused as it stands
        require_writable(db_path)
    elif not os.access(db_path.parent, os.W_OK):
        raise DatabaseError(f"The folder {db_path.parent} is read-only, so nothing can be restored there.")
    subject = f"The backup {backup.name}"
    if not backup.exists():
        raise DatabaseError(f"There is no backup file at {backup}.")
    if not backup.is_file():
        raise DatabaseError(f"{backup} is not a file, so it cannot be a backup.")
    if backup.stat().st_size == 0:
        raise DatabaseError(f"{subject} is empty: it is not a BSCP Desktop database; nothing was restored.")
    if not is_database(backup):
        raise DatabaseError(
            f"{subject} is not a BSCP Desktop database: it is not an SQLite file; nothing was restored."
        )
    place = restore_names.copy_folder(_real_file(db_path))  # the copy's path one SQLite opens, on the same disk
    if place is None:
        raise DatabaseError(restore_names.path_too_long(db_path, subject))
    copy, lock = restore_names.new_restore_copy(_real_file(db_path), place)
    prepared = PreparedRestore(backup, db_path, copy, "", lock)
    try:
        try:
            backup_files.copy_database(backup, copy)
            integrity, state = _read_copy(copy)
        except (sqlite3.Error, DatabaseError) as exc:
            raise DatabaseError(
                f"{subject} is damaged or is not a database ({_reason(exc)}); nothing was restored."
            ) from exc
        if integrity != "ok":
            raise DatabaseError(f"{subject} is damaged ({integrity}); nothing was restored.")
        problem = schema_problem(state)
        if problem:
            raise DatabaseError(f"{subject} {_no_hint(problem)}; nothing was restored.")
        _require_whole_database(copy, db_path, subject)
        prepared.other_database = _other_database(copy, backup, db_path)
        prepared.altered = _require_whole_history(copy, subject, db_path)
        _require_whole_records(copy, subject, state)
        prepared.version = _upgrade_copy(copy, subject, state)
        history.ensure_protection_url(sqlite_url(copy))  # the history's protection as the program makes it
        _record_restore(copy, backup, subject, user, prepared.altered)
    except BaseException:
        prepared.discard()
        raise
    return prepared


def _read_copy(copy: Path) -> tuple[str, FileState]:
    """The copy's integrity (`backup.SOUND`, as opening and `check` read a file) and state. A copy
    whose only damage is in its indexes (its every record reads back whole: such a backup was kept
    by earlier versions, which checked a file's pages but not its indexes) has them rebuilt from
    its records first, and is read again."""
    try:
        integrity, state = read_state(copy)
    except DatabaseError:  # an index so damaged that reading it stops the check
        if not backup_files.rebuild_indexes(copy):
            raise
        return read_state(copy)
    if integrity != "ok" and backup_files.rebuild_indexes(copy):
        return read_state(copy)
    return integrity, state


_TAMPERED = "The change history has been tampered with: "  # how `history.BrokenEntry` starts its sentence


def _altered_entries(con: sqlite3.Connection) -> Iterator[tuple[history.BrokenEntry, tuple]]:
    """Each entry of the history open on `con` that does not match the chain (as `history.verify_chain`
    finds the first), with its row: read on past each, the chain taken up from its stored hash."""
    verifier = history.ChainVerifier()
    for row in con.execute(history.CHAIN_QUERY):
        if (broken := verifier.feed([row])) is not None:
            yield broken, tuple(row)
            verifier.previous, verifier.previous_id = row[-1], row[0]


def _altered_in(db_path: Path) -> dict[int, tuple]:
    """The entries of the database's own history that do not match its chain, by id, with their
    rows; none for a file whose history cannot be read so."""
    try:
        with contextlib.closing(backup_files.connect_read_only(db_path)) as con:
            return {broken.id: row for broken, row in _altered_entries(con)}
    except (sqlite3.Error, OSError):
        return {}


def _require_whole_history(copy: Path, subject: str, db_path: Path) -> str:
    """The copy's change history read along its chain, as `check` reads a file's: a backup whose
    history was altered outside the program is refused, naming the first altered entry that the
    database `db_path` does not hold altered too, the same. A backup altered only where the
    database already is (made after it was altered) brings back nothing altered that is not there
    now: restored, the sentence saying so returned (else ''); the history still shows it. A history
    not chained yet (a file from before the chain was added) is chained when it is upgraded."""
    with contextlib.closing(backup_files.connect_read_only(copy)) as con:
        if "hash" not in {r[1] for r in con.execute("PRAGMA table_info(change_record)")}:
            return ""
        entries = _altered_entries(con)
        if (first := next(entries, None)) is None:
            return ""
        ours = _altered_in(db_path)
        unexplained = next((b for b, row in itertools.chain([first], entries) if ours.get(b.id) != row), None)
    if unexplained is not None:  # "entry 3077 (…) does not match the chain; it was changed outside …"
        found = unexplained.sentence().removeprefix(_TAMPERED).rstrip(".")
        raise HistoryTampered(
            f"{subject} cannot be restored: its change history was altered outside BSCP Desktop "
            f"({found[:1].lower()}{found[1:]}); nothing was restored, so choose an earlier backup."
        )
    where = first[0].sentence().removeprefix(_TAMPERED).split(" does not match")[0]  # "entry 101 (…, field Organisation)"
    return (f"{subject} can be restored: its change history was altered outside BSCP Desktop only where that of "
            f"{db_path.name} already was, first at {where}, and the change log still shows that alteration.")


def _require_whole_records(copy: Path, subject: str, state: FileState) -> None:
    """The copy's records read as `check` reads a file's (`file_check.records_problem`): a backup
    holding a value this version cannot read, or missing records removed outside the program,
    is refused naming them."""
    with contextlib.closing(backup_files.connect_read_only(copy)) as con:
        problem = records_problem(con, state.version == migrate.head_revision())
    if problem:
        raise DatabaseError(f"{subject}{_no_hint(problem).rstrip('.')}; nothing was restored, so choose an earlier backup.")


def _offline_copy(path: Path) -> bool:
    """Whether the file is a meeting's offline copy: it records where it came from (a row of
    `meeting_offline` naming a server, as `services.offline.marks.origin_in` finds it). Read
    without changing it; False for a file that cannot be read so."""
    try:
        with contextlib.closing(backup_files.connect_read_only(path)) as con:
            if not con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meeting_offline'").fetchone():
                return False
            return con.execute("SELECT 1 FROM meeting_offline WHERE server != '' LIMIT 1").fetchone() is not None
    except sqlite3.Error:
        return False


def _require_whole_database(copy: Path, db_path: Path, subject: str) -> None:
    """An offline copy of one meeting holds only that meeting's records: restored over a whole
    database it would replace every other record, so it is refused, unless the database is itself
    an offline copy (its own backups are offline copies too)."""
    if _offline_copy(copy) and not (db_path.is_file() and _offline_copy(db_path)):
        raise DatabaseError(
            f"{subject} is an offline copy of one meeting, not a backup of a whole database: bring it back "
            "to the team database instead (Meetings > Bring back…); nothing was restored."
        )


def _identity(path: Path, current: bool = False) -> tuple[str | None, str | None]:
    """What tells a database from another: its own calendar id (written once, when it was made,
    and carried by its backups and copies) and its partnership's name, each None where it is not
    set. (None, None) for a file that cannot be read so, and, for the `current` database, for one
    where nothing was ever saved (no history entry): a new database has nothing of its own yet."""
    try:
        if not path.is_file():
            return None, None
        with contextlib.closing(backup_files.connect_read_only(path)) as con:
            if current and con.execute("SELECT 1 FROM change_record LIMIT 1").fetchone() is None:
                return None, None
            held = dict(con.execute("SELECT key, value FROM setting WHERE key IN (?, ?)",
                                    (CALENDAR_ID_KEY, PARTNERSHIP_NAME_KEY)).fetchall())
    except (sqlite3.Error, OSError, DatabaseError):
        return None, None

    def text(key: str) -> str | None:
        try:
            value = json.loads(held.get(key) or "null")
        except ValueError:
            return None
        return (" ".join(value.split()) or None) if isinstance(value, str) else None

    return text(CALENDAR_ID_KEY), text(PARTNERSHIP_NAME_KEY)


def _other_database(copy: Path, backup: Path, db_path: Path) -> tuple[str, str] | None:
    """(the backup's partnership, the database's) where the backup (checked in `copy`) is of
    another database than `db_path`'s: their calendar ids differ, or, where one has none (a file
    made before they were kept), their partnerships' names do. None where they are the same
    database, or nothing tells them apart (no file there yet, nothing saved in it, nothing set)."""
    (backup_id, backup_name), (current_id, current_name) = _identity(copy), _identity(db_path, current=True)
    if backup_id and current_id:
        other = backup_id != current_id
    else:
        other = bool(backup_name and current_name and backup_name.casefold() != current_name.casefold())
    if not other:
        return None
    alike = bool(backup_name and current_name and backup_name.casefold() == current_name.casefold())
    return _partnership(backup_name, backup.name, alike), _partnership(current_name, db_path.name, alike)


def _partnership(name: str | None, file: str, alike: bool) -> str:
    """A partnership as a restore names it: by its name, with its file's where both databases
    bear the same name (`alike`), or by its file's alone where it was never named."""
    if not name:
        return f"the database {file}"
    return f"{name} in {file}" if alike else name


def _taken_at(backup: Path) -> datetime:
    """When a backup was taken: as its name in the rotation says, else when its file was written."""
    parsed = backup_files.parse_backup_name(backup.name)
    return parsed[2] if parsed is not None else datetime.fromtimestamp(backup.stat().st_mtime)


def _record_restore(copy: Path, backup: Path, subject: str, user: str | None, altered: str = "") -> None:
    """Write the restore into the copy's change history, as one change to the setting
    `RESTORED_FROM` saved through the unit of work (so the entry joins the chain like any other,
    by `user`; with the history's alteration it holds, `altered`), and fold it into the file so
    the copy can be swapped in on its own. A folder too full to take it is named."""
    note = (f"the backup of {_taken_at(backup):%d/%m/%Y %H:%M} ({backup.name}); "
            "changes made after it are no longer in the records")
    if altered:
        note += "; its change history was altered outside BSCP Desktop only where the file it replaced already was"
    db = Database(sqlite_url(copy), copy)
    try:
        try:
            if user:
                db.user = user
            with db.unit_of_work() as session:
                row = session.get(Setting, RESTORED_FROM)
                if row is None:
                    session.add(Setting(key=RESTORED_FROM, value=json.dumps(note)))
                else:
                    row.value = json.dumps(note)
        finally:
            db.close()
        finish_file(copy)
    except Exception as exc:
        _said_plainly(exc, copy.parent)
        raise DatabaseError(
            f"{subject} could not be marked as restored in its change history ({plain_error(exc)}); "
            "nothing was restored."
        ) from exc


def _reason(exc: BaseException) -> str:
    if isinstance(exc, DatabaseError):  # "<path> is damaged or ... (reason)."
        text = str(exc).strip().rstrip(".")
        return text[text.rfind("(") + 1:].rstrip(")") if text.endswith(")") else text
    return plain_error(exc)


def _no_hint(problem: str) -> str:
    return problem.split(", so restore the backup")[0].split("; restore a backup")[0]


def _upgrade_copy(copy: Path, subject: str, state: FileState) -> str:
    try:
        upgrade_url(sqlite_url(copy), subject)
        finish_file(copy)
    except DatabaseError as exc:
        _said_plainly(exc.__cause__ or exc, copy.parent)  # a folder too full to take the upgrade: named
        raise DatabaseError(f"{str(exc).rstrip('.')}; nothing was restored.") from exc
    integrity, upgraded = read_state(copy, "quick_check")  # its indexes were read whole before the upgrade
    if integrity != "ok":
        raise DatabaseError(f"{subject} does not open as a sound database once upgraded; nothing was restored.")
    problem = schema_problem(upgraded)  # at this version's schema now: lacking none of its tables
    if problem:
        raise DatabaseError(f"{subject} {_no_hint(problem)}; nothing was restored.")
    return upgraded.version or ""


def restore_backup(backup: Path, db_path: Path, folder: Path | None = None, user: str | None = None) -> Path | None:
    """Replace the database's contents with a checked backup's; the current file is kept first,
    and the restored file's history records the restore (by `user`, see `prepare_restore`).

    Returns the copy kept of the current file (None when there was no file). The database
    must not be open in a window: the caller closes it first.
    """
    prepared = prepare_restore(backup, db_path, folder, user)
    safety = prepared.swap_in(folder)
    Database.open(prepared.db_path, create=False).close()
    return safety
