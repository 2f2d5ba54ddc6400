"""Taking a meeting offline, the marks it leaves, and releasing one.

`take_offline(db, meeting_id, path)` copies a meeting of a team database into a new database
file at `path` (at this program's schema, with the copied records' change history) and marks
the meeting on the team database as taken offline by the officer, when, and into which file:
the mark commits only if the file was made, and the file is put at `path` only once the mark
has committed (a copy whose mark never reached the team database could never come back); if it
cannot be put there, the mark is ended again, so no meeting stays locked with no copy anywhere.
While the mark stands the meeting is read-only for everyone else (`db/offline_guard.py`).
`release_meeting` lets another officer end a mark whose copy cannot come back (a lost laptop),
with a reason the change history keeps.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import URL, insert, make_url, select
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session

from bscp_desktop import paths
from bscp_desktop.db import engines, search
from bscp_desktop.db.backup import connect_read_only
from bscp_desktop.db.base import utcnow
from bscp_desktop.db.database import Database, DatabaseError, building, inspect_file, move_into_place, plain_error, staged_beside
from bscp_desktop.db.history import chain_hashes, record_label, write_history_entries
from bscp_desktop.db.models import ChangeRecord, Group, Setting
from bscp_desktop.db.models.meetings import Meeting, MinutesAmendment
from bscp_desktop.db.models.offline import OfflineCopy
from bscp_desktop.db.offline_guard import active_marks, local_time, officer
from bscp_desktop.db.targets import TargetRefused, check_target
from bscp_desktop.domain.validation import NotFoundError, ValidationError, clean_text
from bscp_desktop.paths import given_path
from bscp_desktop.services.backups import database_output_problem
from bscp_desktop.services.offline import copying

BROUGHT_BACK = "brought back"
RELEASED = "released"


@dataclass(frozen=True)
class OfflineMarkDTO:
    """A meeting taken offline: on a team database its mark, in an offline copy its origin."""

    id: int
    meeting_id: int
    meeting: str  # "Executive Group 14/03/2024: Executive meeting"
    taken_by: str
    taken_at: datetime
    file: str
    server: str  # in an offline copy: the team database it came from ('' on the team database)
    ended_at: datetime | None
    ended_how: str
    ended_by: str
    reason: str

    @property
    def active(self) -> bool:
        return self.ended_at is None

    @property
    def sentence(self) -> str:
        """One sentence saying where the meeting is."""
        taken = f"{self.meeting} was taken offline by {self.taken_by} on {local_time(self.taken_at)}"
        if self.active:
            return f"{taken}, into {self.file}." if self.file else f"{taken}."
        ended = f"{self.ended_how} by {self.ended_by} on {local_time(self.ended_at)}"
        return f"{taken}; {ended}" + (f" ({self.reason})." if self.reason else ".")


def _meeting_label(session: Session, meeting_id: int) -> str:
    row = session.execute(
        select(Group.name, Meeting.starts_at, Meeting.title)
        .join(Group, Meeting.group_id == Group.id).where(Meeting.id == meeting_id)
    ).one_or_none()
    if row is None:
        return f"Meeting {meeting_id}"
    return f"{row.name} {row.starts_at:%d/%m/%Y}: {row.title}"


def mark_dto(session: Session, mark: OfflineCopy) -> OfflineMarkDTO:
    return OfflineMarkDTO(
        mark.id, mark.meeting_id, _meeting_label(session, mark.meeting_id), mark.taken_by, mark.taken_at,
        mark.file, mark.server, mark.ended_at, mark.ended_how, mark.ended_by, mark.reason,
    )


def origin_in(session: Session) -> OfflineCopy | None:
    """In an offline copy, the row saying where it came from; None in any other database."""
    return session.scalars(select(OfflineCopy).where(OfflineCopy.server != "").limit(1)).first()


def refuse_amending_another_meeting(session: Session) -> None:
    """In an offline copy, refuse an amendment being made to the approved minutes of a meeting
    other than the one taken offline (a new due date for an open action of an earlier meeting):
    bringing the copy back writes only that meeting's minutes, so the amendment could never go
    back with it. Nothing else of the copy holds one back."""
    made = [a for a in session.new if isinstance(a, MinutesAmendment)]
    if not made or session.get_bind().dialect.name != "sqlite":  # an offline copy is a file
        return
    with session.no_autoflush:
        origin = origin_in(session)
        other = next((a.meeting_id for a in made if origin is not None and a.meeting_id != origin.meeting_id), None)
        if other is None:
            return
        raise ValidationError({"reason": (
            f"This would amend the approved minutes of {_meeting_label(session, other)}, but this offline copy is "
            f"of {_meeting_label(session, origin.meeting_id)}, and bringing it back takes only that meeting's "
            "minutes: make this change on the team database"
        )})


def offline_origin(db: Database) -> OfflineMarkDTO | None:
    """If `db` is an offline copy of a meeting, where it came from and whether it went back."""
    with db.unit_of_work() as session:
        origin = origin_in(session)
        return mark_dto(session, origin) if origin is not None else None


def copy_origin(path: Path | str) -> str | None:
    """The address of the team database the file at `path` was taken offline from, as
    `offline_origin` finds it; None for a file that is not an offline copy of a meeting. The file
    is read as it is, at whatever schema, and nothing in it or beside it is changed (no upgrade, no
    change of its journal, no lock, no backup), as `check` reads one; a file that is not a
    database this program can read is refused (DatabaseError) in one sentence."""
    path = given_path(path).absolute()
    inspect_file(path, must_exist=True, integrity=False)  # missing, not a database, a newer version's
    try:
        with contextlib.closing(connect_read_only(path)) as con:
            if not con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meeting_offline'").fetchone():
                return None
            row = con.execute("SELECT server FROM meeting_offline WHERE server != '' LIMIT 1").fetchone()
    except sqlite3.Error as exc:
        raise DatabaseError(f"{path} cannot be read ({plain_error(exc)}).") from exc
    return row[0] if row else None


def is_team_database(db: Database) -> bool:
    return db.path is None


def meeting_mark(db: Database, meeting_id: int) -> OfflineMarkDTO | None:
    """The team database's mark still in force on a meeting, if it is offline."""
    with db.unit_of_work() as session:
        marks = active_marks(session, [meeting_id])
        return mark_dto(session, marks[0]) if marks else None


def held_by_another(db: Database, mark: OfflineMarkDTO) -> bool:
    """True when the mark is in force and not this officer's: the meeting is read-only here."""
    with db.unit_of_work() as session:
        return mark.active and mark.taken_by != officer(session)


def list_marks(db: Database, active_only: bool = True) -> list[OfflineMarkDTO]:
    """The team database's marks, newest first (those still in force only, by default)."""
    with db.unit_of_work() as session:
        query = select(OfflineCopy).where(OfflineCopy.server == "").order_by(OfflineCopy.id.desc())
        if active_only:
            query = query.where(OfflineCopy.ended_at.is_(None))
        return [mark_dto(session, m) for m in session.scalars(query)]


def _refuse_unless_team_database(db: Database, what: str) -> None:
    if not is_team_database(db):
        raise ValidationError({"database": (
            f"{what} works on a team database: {db.label} is a database file on this computer"
        )})


def take_offline(db: Database, meeting_id: int, path: Path | str) -> OfflineMarkDTO:
    """Copy a meeting of a team database into a new file at `path` and mark it taken offline
    by this officer; all or nothing. Returns the mark."""
    _refuse_unless_team_database(db, "Taking a meeting offline")
    try:  # where a new database may go: never another's working file, nor the backup folder
        path = check_target(path, backup_folder=paths.backup_dir(), new_database=True)
    except TargetRefused as exc:
        raise ValidationError({"file": str(exc)}) from exc
    if problem := database_output_problem(path):  # a database file's name, as the command line checks
        raise ValidationError({"file": problem})
    # built under a passing name, and put at `path` only once the team database has the mark: a
    # copy whose mark never committed (the connection lost as it did) is never left looking whole
    with staged_beside(path, ".taking") as staged:
        with db.unit_of_work() as session:
            meeting = session.get(Meeting, meeting_id, with_for_update=True)
            if meeting is None:
                raise NotFoundError(f"There is no meeting with id {meeting_id}.")
            if meeting.archived_at is not None:
                raise ValidationError({"meeting": "This meeting is archived: restore it before taking it offline"})
            for held in active_marks(session, [meeting_id]):
                raise ValidationError({"meeting": (
                    f"This meeting is already offline: {mark_dto(session, held).sentence} "
                    "Bring that copy back, or release the meeting, first"
                )})
            mark = OfflineCopy(meeting_id=meeting_id, taken_by=officer(session), taken_at=utcnow(), file=str(path))
            session.add(mark)
            session.flush()
            _write_copy(session, mark, staged, _address(db.url))
            dto = mark_dto(session, mark)
        try:
            move_into_place(staged, path)
        except Exception as exc:  # no copy at `path`: a mark left standing would lock the meeting for nothing
            raise DatabaseError(_not_put_in_place(db, dto, path, exc)) from exc
    return dto


def _not_put_in_place(db: Database, dto: OfflineMarkDTO, path: Path, exc: BaseException) -> str:
    """End the mark of a copy that was made but could not be given its name at `path` (a file
    of that name put there meanwhile, another program such as antivirus software holding it),
    in a transaction of its own; what the officer is told."""
    if isinstance(exc, (FileExistsError, DatabaseError)):
        why = f"a file named {path.name} was put there meanwhile"
    elif isinstance(exc, PermissionError):
        why = "another program, such as antivirus or a sync tool, was using the file or the folder"
    else:
        why = getattr(exc, "strerror", None) or plain_error(exc)
    told = f"The offline copy could not be saved as {path} ({why})"
    try:
        with db.unit_of_work() as session:
            mark = session.get(OfflineCopy, dto.id, with_for_update=True)
            if mark is not None and mark.ended_at is None:
                mark.ended_at = utcnow()
                mark.ended_how = RELEASED
                mark.ended_by = officer(session)
                mark.reason = f"the offline copy could not be saved as {path.name} ({why})"
    except Exception as failed:  # the team database out of reach now: the officer releases it
        return (f"{told}, and the team database could not be reached to free the meeting again "
                f"({plain_error(failed)}): it is still marked as taken offline, with no copy. Release the meeting "
                "(giving this as the reason), then take it offline again.")
    return f"{told}, so the meeting was not taken offline and can be changed as before. Try again, or choose another file name."


def _address(url: str) -> str:
    """The team database's address as the officer would type it: no password, no driver."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return engines.display_address(url)
    if parsed.get_backend_name() not in engines.SERVER_SCHEMES:
        return engines.display_address(url)
    return URL.create("postgresql", parsed.username, None, parsed.host, parsed.port, parsed.database,
                      parsed.query).render_as_string(hide_password=False)


def same_server(one: str, other: str) -> bool:
    """True when two addresses name the same database of the same server for the same login
    (whatever their password, driver or TLS settings)."""
    def key(address: str):
        try:
            u = make_url(address.strip())
        except ArgumentError:
            return None
        return (u.username, u.host or u.query.get("host"), int(u.port or u.query.get("port") or 5432), u.database)

    return key(one) is not None and key(one) == key(other)


def _write_copy(session: Session, mark: OfflineCopy, path: Path, server: str) -> None:
    conn = session.connection()
    rows = copying.meeting_records(conn, mark.meeting_id)
    history = _history_of(conn, rows)
    settings = [dict(r) for r in conn.execute(select(Setting.__table__)).mappings()]
    origin = {
        c.name: getattr(mark, c.name) for c in OfflineCopy.__table__.columns
    } | {"server": server, "base": copying.base_of(rows)}
    with building(path) as local, local.engine.begin() as lc:
        lc.exec_driver_sql("PRAGMA defer_foreign_keys=ON")  # links within one table, any order
        lc.execute(Setting.__table__.delete())
        if settings:
            lc.execute(insert(Setting.__table__), settings)
        for t in copying.copied_tables():
            if rows[t.name]:
                lc.execute(insert(t), list(rows[t.name].values()))
        lc.execute(insert(OfflineCopy.__table__), [origin])
        if history:
            chain_hashes(None, history)
            lc.execute(insert(ChangeRecord.__table__), history)
        search.rebuild(lc)


def _history_of(conn, rows: copying.Rows) -> list[dict]:
    """The change history of the copied records, oldest first, without its own numbering."""
    t = ChangeRecord.__table__
    entries: list[dict] = []
    for name, found in rows.items():
        for part in copying.chunks(found):
            entries.extend(dict(r) for r in conn.execute(
                select(t).where(t.c.table_name == name, t.c.record_id.in_(part))
            ).mappings())
    entries.sort(key=lambda e: e["id"])
    for entry in entries:
        del entry["id"], entry["hash"]
    return entries


def end_brought_back(session: Session, mark: OfflineCopy, path: Path) -> None:
    """End the mark as its copy, at `path`, is brought back by this officer. A mark released
    meanwhile keeps who released it, when and why (its sentence says one officer's doing with
    that officer's time and reason); the change history records the bring-back beside it, an
    entry of its own naming the officer, the time and the copy's file (`brought_back_after_release`
    reads it)."""
    by = officer(session)
    if mark.ended_at is None:
        mark.ended_at = utcnow()
        mark.ended_how = BROUGHT_BACK
        mark.ended_by = by
        return
    session.flush()  # the changes brought back are recorded before the entry saying so
    write_history_entries(session.connection(), [{
        "changed_at": utcnow(), "changed_by": by, "table_name": OfflineCopy.__tablename__, "record_id": mark.id,
        "action": BROUGHT_BACK, "field": "file", "old_value": None, "new_value": str(path),
        "record_label": record_label(mark),
    }])


def brought_back_after_release(session: Session, mark: OfflineCopy) -> tuple[str, datetime] | None:
    """Who brought back the copy of a mark released before it came back, and when (the
    history's entry, `end_brought_back`); None when it has not come back."""
    if mark.ended_at is None or mark.ended_how == BROUGHT_BACK:
        return None
    found = session.execute(select(ChangeRecord.changed_by, ChangeRecord.changed_at).where(
        ChangeRecord.table_name == OfflineCopy.__tablename__, ChangeRecord.record_id == mark.id,
        ChangeRecord.action == BROUGHT_BACK).order_by(ChangeRecord.id).limit(1)).first()
    return None if found is None else (found.changed_by, found.changed_at)


def release_meeting(db: Database, meeting_id: int, reason: str) -> OfflineMarkDTO:
    """End the mark on a meeting taken offline whose copy cannot come back (a lost laptop):
    the meeting can be changed here again. The reason is required and kept in the history."""
    _refuse_unless_team_database(db, "Releasing a meeting")
    text = clean_text(reason)
    if not text:
        raise ValidationError({"reason": (
            "Give the reason for releasing the meeting (for example: the laptop holding the copy was lost)"
        )})
    with db.unit_of_work() as session:
        marks = active_marks(session, [meeting_id])
        if not marks:
            raise ValidationError({"meeting": "This meeting is not offline, so there is nothing to release"})
        mark = marks[0]
        mark.ended_at = utcnow()
        mark.ended_how = RELEASED
        mark.ended_by = officer(session)
        mark.reason = text[:2000]
        session.flush()
        return mark_dto(session, mark)
