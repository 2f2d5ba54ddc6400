"""Moving a whole database between a file and a team database on a server (`copy`), and the
backup of a team database as a file (`backup` of a server).

Either side is a database file or a `postgresql://` address. The source is opened as every
command opens it (a file is locked, backed up and upgraded first; a server's schema upgraded);
the target must hold no records. A file target is made under a temporary name, marked
unfinished until the copy is complete, and only then given its name: a copy stopped part-way
never leaves a file that opens. The copying itself is db/transfer.py.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from sqlalchemy import make_url
from sqlalchemy.exc import SQLAlchemyError

from bscp_desktop import paths
from bscp_desktop.db import engines
from bscp_desktop.db.database import Database, DatabaseError, building, plain_error
from bscp_desktop.db.transfer import CopyRefused, CopyReport, copy_records

__all__ = ["CopyReport", "backup_server", "copy_database", "server_backup_name"]


def _name(target: Path | str) -> str:
    if engines.is_server_address(target):
        return f"the team database {engines.display_address(str(target))}"
    return str(Path(target).expanduser().absolute())


def _same(source: Path | str, target: Path | str) -> bool:
    if engines.is_server_address(source) != engines.is_server_address(target):
        return False
    if engines.is_server_address(source):
        try:
            a, b = make_url(engines.server_url(str(source))), make_url(engines.server_url(str(target)))
        except engines.AddressProblem:
            return False
        return (a.host, a.port, a.database, a.query.get("host")) == (b.host, b.port, b.database, b.query.get("host"))
    a, b = Path(source).expanduser().absolute(), Path(target).expanduser().absolute()
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return os.path.normcase(a) == os.path.normcase(b)


def _open(target: Path | str, create: bool) -> Database:
    return Database.open_target(target, create=create, backup_folder=paths.backup_dir())


def _copy_into(source: Database, target: Path | str, source_name: str) -> CopyReport:
    target_name = _name(target)
    try:
        if engines.is_server_address(target):
            with _open(target, create=True) as into:
                return copy_records(source, into, source_name, target_name)
        path = Path(target).expanduser().absolute()
        if path.is_file() and path.stat().st_size > 0:  # an existing file: it must hold no records
            with _open(path, create=False) as into:
                return copy_records(source, into, source_name, target_name)
        with building(path) as into:
            return copy_records(source, into, source_name, target_name)
    except CopyRefused as exc:
        raise DatabaseError(str(exc)) from exc


def copy_database(source: Path | str, target: Path | str) -> CopyReport:
    """Copy every record and the whole change history from `source` to `target` (each a file or
    a `postgresql://` address). Raises DatabaseError with one sentence; then the target is as
    it was (a new file is not left behind)."""
    source_name = _name(source)
    if _same(source, target):
        raise DatabaseError(f"{source_name} is both the source and the target; name another target.")
    if not engines.is_server_address(source) and not Path(source).expanduser().exists():
        raise DatabaseError(f"There is no database file at {source_name}.")
    try:
        with _open(source, create=False) as db:
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
    already), or a new file in the backups folder. Returns the file and the copy's counts."""
    if out is None:
        folder = paths.backup_dir()
        folder.mkdir(parents=True, exist_ok=True)
        out = folder / server_backup_name(address)
    out = Path(out).expanduser().absolute()
    if out.exists() and (not out.is_file() or out.stat().st_size > 0):
        raise DatabaseError(f"{out} already exists; choose a new file name for the backup.")
    return out, copy_database(address, out)
