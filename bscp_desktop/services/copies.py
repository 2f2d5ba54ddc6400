"""Moving a whole database between a file and a team database on a server (`copy`), and the
backup of a team database as a file (`backup` of a server).

Either side is a database file or a `postgresql://` address. A source file is only read: it is
copied into a private temporary folder and that copy is opened (upgraded there if it is of an
earlier version), so the file itself, a backup in the backup folder or any other, is never
upgraded, backed up or otherwise written to; a working file stays locked meanwhile, so no window
changes it while it is read. A server is opened as every command opens it (its schema upgraded).
The target must hold no records. A file target is checked before either side is opened, an
existing one as a new one is (never the backup folder, the source itself or a database's
working file: `db.targets.check_target`), and whether an existing one holds records is read
without changing it (no backup of it, no upgrade, its journal kept as it is): a refused target is
left exactly as it was. A new file target is made under a temporary name, marked
unfinished until the copy is complete, and only then given its name: a copy stopped part-way
never leaves a file that opens. The copying itself is db/transfer.py.

A team database is copied or backed up whole, so only by a login that reads every record and
every change history entry (`roles.unreadable`, `roles.sees_all_history`): its owner, who looks
after it (a superuser, or a login in both the officer and the case reviews groups, reads all of
it too).
Anyone else is refused in words naming the owner before anything is written, rather than
stopped part-way by the first table the server keeps from them.

A team database holds at most `validation.CHANGED_BY_MAX` characters for who made a change; a file does
not enforce it, so a file may hold longer names (given in the window before it kept to the same
limit). Such a file is refused before the team database is written to: each history entry's hash
covers its name, so shortening the names would break the history's chain.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, make_url, select, text
from sqlalchemy.exc import SQLAlchemyError

from bscp_desktop import paths
from bscp_desktop.db import backup as backup_files
from bscp_desktop.db import engines, roles
from bscp_desktop.db.database import Database, DatabaseError, DatabaseInUse, building, in_use, inspect_file, plain_error
from bscp_desktop.db.lock import COMMAND, FileLock, LockHeld
from bscp_desktop.db.models.history import ChangeRecord
from bscp_desktop.db.targets import TargetRefused, check_target, check_working_database, fitting
from bscp_desktop.db.transfer import NEW_DATABASE_ROWS, CopyRefused, CopyReport, copy_records, tables
from bscp_desktop.domain.text import first_line
from bscp_desktop.domain.validation import CHANGED_BY_MAX
from bscp_desktop.paths import given_path
from bscp_desktop.services.backups import database_output_problem

__all__ = ["CopyReport", "backup_refusal", "backup_server", "copy_database", "server_backup_name"]

#: How many history entries with too long a name are numbered in the refusal.
_NUMBERED = 5


def _name(target: Path | str) -> str:
    if engines.is_server_address(target):
        return f"the team database {engines.display_address(str(target))}"
    return str(given_path(target).absolute())


def _same(source: Path | str, target: Path | str) -> bool:
    if engines.is_server_address(source) != engines.is_server_address(target):
        return False
    if engines.is_server_address(source):
        try:
            a, b = make_url(engines.server_url(str(source))), make_url(engines.server_url(str(target)))
        except engines.AddressProblem:
            return False
        return (a.host, a.port, a.database, a.query.get("host")) == (b.host, b.port, b.database, b.query.get("host"))
    a, b = given_path(source).absolute(), given_path(target).absolute()
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return os.path.normcase(a) == os.path.normcase(b)


def _open(target: Path | str, create: bool) -> Database:
    return Database.open_target(target, create=create, backup_folder=paths.backup_dir())


@contextmanager
def _reading(source: Path | str) -> Iterator[Database]:
    """The source to copy from, never written to: a team database as every command opens it; a
    file through a copy of it in a private temporary folder, opened (and upgraded) there."""
    if engines.is_server_address(source):
        with _open(source, create=False) as db:
            yield db
        return
    path = given_path(source).absolute()
    inspect_file(path, must_exist=True)  # damaged, not a database, of a newer version: said of this file
    lock = _held_while_read(path)
    try:
        with tempfile.TemporaryDirectory(prefix="bscp-copy-") as folder:
            copy = Path(folder) / fitting(path.name, len("-journal"))
            try:
                backup_files.copy_database(path, copy)
            except backup_files.FolderNotWritable as exc:
                raise DatabaseError(f"The copy was not made, and nothing was written: the temporary folder "
                                    f"{Path(folder).parent} {exc.reason}, so {path.name} could not be read "
                                    "through a copy there.") from exc
            except sqlite3.Error as exc:
                raise DatabaseError(f"{path} cannot be read ({plain_error(exc)}); nothing was written.") from exc
            with Database.open(copy, create=False, lock=False) as db:
                yield db
    finally:
        if lock is not None:
            lock.release()


def _held_while_read(path: Path) -> FileLock | None:
    """A working file's lock, held while it is read: a file a window has open is refused, as the
    window would go on changing it. None for a backup (in the backup folder: nobody works in it)
    and for a file whose lock cannot be made (a read-only place, where no window works in it)."""
    try:
        check_working_database(path, paths.backup_dir())
    except ValueError:  # in the backup folder
        return None
    lock = FileLock.for_database(path)
    try:
        lock.acquire()
    except LockHeld as exc:
        if lock.holder() == COMMAND:  # a command still running (an import, say): wait for it
            raise DatabaseInUse(in_use(path, COMMAND)) from exc
        raise DatabaseInUse(f"{path.name} is open in a BSCP Desktop window; close it there first, so that the "
                            "copy holds everything saved in it.") from exc
    except OSError:
        return None
    return lock


def _names_too_long(source: Database, source_name: str) -> str | None:
    """Why `source` cannot be copied into a team database: its change history names who made a
    change with more characters than the server holds. None when every name fits."""
    with source.engine.connect() as conn:
        rows = conn.execute(select(ChangeRecord.id, ChangeRecord.changed_by)
                            .where(func.length(ChangeRecord.changed_by) > CHANGED_BY_MAX)
                            .order_by(ChangeRecord.id)).all()
    if not rows:
        return None
    numbers = ", ".join(str(r.id) for r in rows[:_NUMBERED]) + (f" and {len(rows) - _NUMBERED:,} more"
                                                                  if len(rows) > _NUMBERED else "")
    names = list(dict.fromkeys(r.changed_by for r in rows))
    named = "; ".join(f'"{first_line(n, 40)}" ({len(n)} characters)' for n in names[:2])
    return (f"{source_name} cannot be copied into a team database: its change history names who made the change "
            f"with more than the {CHANGED_BY_MAX} characters a team database holds, in entries {numbers} "
            f"({named}), and those entries cannot be shortened without breaking the history's chain. The copy "
            "was not made and nothing was written; the file itself is unchanged and can still be used, or "
            "copied to another file.")


def _copy_into(source: Database, target: Path | str, source_name: str) -> CopyReport:
    target_name = _name(target)
    if engines.is_server_address(target) and (refused := _names_too_long(source, source_name)):
        raise DatabaseError(refused)
    try:
        if engines.is_server_address(target):
            with _open(target, create=True) as into:
                return copy_records(source, into, source_name, target_name)
        path = given_path(target).absolute()
        if path.is_file() and path.stat().st_size > 0:  # an existing file: it must hold no records
            with _open(path, create=False) as into:
                return copy_records(source, into, source_name, target_name)
        with building(path) as into:
            return copy_records(source, into, source_name, target_name)
    except CopyRefused as exc:
        raise DatabaseError(str(exc)) from exc


def _records_in_file(path: Path) -> dict[str, int]:
    """{table: rows} of the program's tables holding rows a new database does not start with, in
    the database file `path`, read through a read-only connection: nothing of it is changed."""
    inspect_file(path, must_exist=True)  # damaged, of another program, of a newer version: said of it
    names = {t.name for t in tables()} - NEW_DATABASE_ROWS
    try:
        con = backup_files.connect_read_only(path)
        try:
            present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            held = {n: con.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in sorted(names & present)}
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise DatabaseError(f"{path} cannot be read ({plain_error(exc)}); nothing was written.") from exc
    return {n: count for n, count in held.items() if count}


def _check_file_target(source: Path | str, target: Path | str) -> None:
    """Refuse, before either side is opened, a file `target` a copy may not go into: where no new
    database may be made (`check_target`: the backup folder, the source itself or its working
    files, another database's working file, a shortcut, a folder), a name not a database file's,
    a file that is not a database, or a database already holding records."""
    path = given_path(target).absolute()
    database = None if engines.is_server_address(source) else given_path(source).absolute()
    check_target(path, database, backup_folder=paths.backup_dir(), new_database=True, database_there=True)
    if problem := database_output_problem(path):
        raise TargetRefused(problem)
    if not (path.is_file() and path.stat().st_size > 0):
        return
    if held := _records_in_file(path):
        named = ", ".join(f"{n:,} in {t}" for t, n in sorted(held.items(), key=lambda i: -i[1])[:3])
        raise DatabaseError(f"{_name(path)} already holds records ({named}); copy into a new file or an empty team "
                            "database, so nothing already there is mixed with the copy. Nothing was written.")


def copy_database(source: Path | str, target: Path | str) -> CopyReport:
    """Copy every record and the whole change history from `source` to `target` (each a file or
    a `postgresql://` address). Raises DatabaseError (TargetRefused for a file target refused by
    its place or name) with one sentence; then the target is as it was (a new file is not left
    behind, an existing one is unchanged)."""
    source_name = _name(source)
    if _same(source, target):
        raise DatabaseError(f"{source_name} is both the source and the target; name another target.")
    if not engines.is_server_address(source) and not given_path(source).exists():
        raise DatabaseError(f"There is no database file at {source_name}.")
    if not engines.is_server_address(target):
        _check_file_target(source, target)
    return _copy(source, target, source_name)


#: What a whole copy of a team database is called, and what is done to it: (noun, verb, past).
_BACKUP = ("a backup", "back up", "backed up")
_COPY = ("a copy", "copy", "copied")


def _whole_copy_refusal(db: Database, where: str, words: tuple[str, str, str]) -> str:
    """'' when the login connected to `db` may read all of it (always, on a file); otherwise one
    sentence saying why it may not make a whole copy of `where`, and who does: the owner."""
    if db.path is not None or db.engine.dialect.name != "postgresql":
        return ""
    with db.engine.connect() as conn:
        closed = roles.unreadable(conn, [t.name for t in tables()])
        if not closed and roles.sees_all_history(conn):
            return ""
        role = conn.execute(text("SELECT session_user")).scalar_one()
        owner = roles.owner(conn)
    noun, verb, past = words
    kept = "case reviews and case audits, nor their entries in the history" if closed <= roles.CASE_TABLES \
        else "all of them"
    return (f"Your login ({role}) may not {verb} {where}: {noun} holds every record and every change history "
            f"entry, and your login may not read {kept}. A team database is {past} by whoever looks after it, "
            f"logged in as its owner ({owner}), as the guide to team databases says (docs/TEAM_DATABASE.md).")


def backup_refusal(db: Database) -> str:
    """'' when the login connected to `db` may back it up (always, on a file); otherwise one
    sentence saying who backs a team database up: whoever looks after it, as its owner. A login
    some records or history entries are kept from (an officer outside the case reviews group,
    the Independent Scrutineer) would write a backup with parts missing, so it is refused."""
    return _whole_copy_refusal(db, "this team database", _BACKUP)


def _copy(source: Path | str, target: Path | str, source_name: str,
          words: tuple[str, str, str] = _COPY) -> CopyReport:
    try:
        with _reading(source) as db:
            if refused := _whole_copy_refusal(db, source_name, words):  # before anything is written
                raise DatabaseError(f"{refused} Nothing was written.")
            return _copy_into(db, target, source_name)
    except SQLAlchemyError as exc:  # for example a role that may not read some tables
        raise DatabaseError(f"The copy was not made, and nothing was written ({plain_error(exc)}).") from exc


def server_backup_name(address: str, when: datetime | None = None) -> str:
    """`bscp-team-20240401-093000.sqlite3` for the team database `bscp`."""
    when = when or datetime.now()
    database = make_url(engines.server_url(address)).database or "team"
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in database)
    return f"{safe}-team-{when:%Y%m%d-%H%M%S}.sqlite3"


def backup_server(address: str, out: Path | None = None) -> tuple[Path, CopyReport]:
    """Back a team database up as a database file: to `out` (which must not hold a database
    already), or a new file in the backups folder. Returns the file and the copy's counts.

    `out` is refused, before the team database is reached, where no new database may be made
    (`db.targets.check_target`): as another database's working file or with a name only such a
    file has (opening that database would remove it), on a shortcut or a folder, in a folder that
    is not there; and where a file's backup is (`services.backups.database_output_problem`): a
    name not ending as a database file's does, or over a file that is not a database. The
    backups folder, the program's own, is made when the backup goes into it; the window offers it
    for `out`; the command line refuses `-o` there, as for a file's backup. A login that may not
    read the whole team database is refused (`backup_refusal`) before the file is made."""
    folder = given_path(paths.backup_dir()).absolute()
    out = given_path(out if out is not None else folder / server_backup_name(address)).absolute()
    if os.path.normcase(out.parent) == os.path.normcase(folder):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"The backup folder {folder} cannot be made ({(exc.strerror or str(exc)).lower()}), so "
                                "the backup was not written; choose another folder for it.") from exc
    if out.exists() and (not out.is_file() or out.stat().st_size > 0):
        raise DatabaseError(f"{out} already exists; choose a new file name for the backup.")
    check_target(out, new_database=True)
    if problem := database_output_problem(out):
        raise TargetRefused(problem)
    return out, _copy(address, out, _name(address), _BACKUP)
