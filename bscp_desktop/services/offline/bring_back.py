"""Bringing a meeting back from its offline copy to the team database, in one transaction.

For every copied record and field there are three values: as it was taken (kept in the copy),
as the copy has it now, and as the team database has it now. A field changed only offline is
written; one changed only on the team database is kept as it is there; one changed on both to
different values is a conflict, shown side by side (`plan_bring_back`), and written only as the
officer chooses, field by field (`bring_back(..., keep={key: "server" | "offline"})`). Records
made offline (a new agenda item, decision, register entry, action or person) are added, with
their links to each other. Everything is written in one unit of work, so the change history
names the officer for each change, and the mark is ended in the same transaction: a program
stopped part-way leaves the team database with nothing of it.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db import stored_values
from bscp_desktop.db.backup import connect_read_only
from bscp_desktop.db.base import Base, utcnow
from bscp_desktop.db.database import Database, DatabaseError, DatabaseInUse
from bscp_desktop.db.history import as_text
from bscp_desktop.db.models import ChangeRecord, load_all
from bscp_desktop.db.models.offline import OfflineCopy
from bscp_desktop.db.offline_guard import local_time, officer
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services.history_names import value_text
from bscp_desktop.services.meetings.common import live_items, renumber
from bscp_desktop.services.offline import copying
from bscp_desktop.services.offline.marks import BROUGHT_BACK, OfflineMarkDTO, _refuse_unless_team_database, mark_dto, origin_in

SERVER = "server"
OFFLINE = "offline"
Key = tuple[str, int, str]  # (table, record id, column)


@dataclass(frozen=True)
class Conflict:
    """A field changed both on the team database and offline, to different values."""

    key: Key
    record: str  # "Agenda item 2: Child death overview"
    field: str  # "Minutes"
    server_value: str
    offline_value: str
    server_by: str  # who changed it on the team database, and when (from its history)
    server_at: datetime | None

    @property
    def server_text(self) -> str:
        """The team database's value as people read it (31/05/2024, not 2024-05-31; a code by
        its word)."""
        return value_text(self.server_value, self.key[0], self.key[2])

    @property
    def offline_text(self) -> str:
        """The offline copy's value as people read it."""
        return value_text(self.offline_value, self.key[0], self.key[2])

    @property
    def server_said(self) -> str:
        if not self.server_by:
            return "On the team database"
        when = f" on {local_time(self.server_at)}" if self.server_at else ""
        return f"On the team database (changed by {self.server_by}{when})"


@dataclass(frozen=True)
class BringBackPlan:
    origin: OfflineMarkDTO
    changed: int  # fields changed offline that will be written
    added: int  # records made offline that will be added
    kept: int  # fields changed on the team database meanwhile, kept as they are
    conflicts: tuple[Conflict, ...]

    @property
    def summary(self) -> str:
        parts = [
            f"{self.changed} change{'s' if self.changed != 1 else ''} made offline",
            f"{self.added} new record{'s' if self.added != 1 else ''}",
        ]
        text = f"{self.origin.meeting}: {' and '.join(parts)} to bring back"
        if self.kept:
            text += f"; {self.kept} change{'s' if self.kept != 1 else ''} made on the team database meanwhile kept"
        if self.conflicts:
            n = len(self.conflicts)
            text += f"; {n} field{'s' if n != 1 else ''} changed in both places: choose which to keep"
        return text + "."


@dataclass
class _Work:
    updates: dict[Key, object] = field(default_factory=dict)  # offline values to write
    new: dict[str, list[dict]] = field(default_factory=dict)  # records made offline, by table
    kept: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    offline_values: dict[Key, object] = field(default_factory=dict)


@dataclass(frozen=True)
class BringBackResult:
    meeting_id: int
    written: int
    added: int
    kept: int
    kept_offline: int
    kept_server: int

    @property
    def sentence(self) -> str:
        text = (f"Brought back {self.written} change{'s' if self.written != 1 else ''} and "
                f"{self.added} new record{'s' if self.added != 1 else ''}")
        if self.kept:
            text += f"; {self.kept} change{'s' if self.kept != 1 else ''} made on the team database meanwhile kept"
        if self.kept_offline or self.kept_server:
            text += (f"; of the fields changed in both places, {self.kept_offline} took the offline value "
                     f"and {self.kept_server} kept the team database's")
        return text + "."


def _refuse_unreadable(path: Path) -> None:
    """A copy changed by another program (a value no record of this version can hold, such as
    'bogus' as a meeting's status) is not brought back: it would stop every officer's lists and
    outputs on the team database."""
    try:
        con = connect_read_only(path)
    except sqlite3.Error:
        return  # opening it says what is wrong
    try:
        problem = stored_values.values_problem(con)
    except sqlite3.Error:
        return
    finally:
        con.close()
    if problem:
        raise ValidationError({"file": (
            f"{path.name} holds values this version cannot read ({problem}): it was changed by another program, "
            "so it is not brought back; release the meeting on the team database and minute it there"
        )})


def _read_copy(path: Path, writing: bool = False) -> tuple[OfflineMarkDTO, dict, copying.Rows]:
    """The copy's origin, the values as taken, and every copied table's rows now. Only to
    compare may it be read while a window has it open: bringing it back then would leave that
    window taking words that reach nowhere (the copy cannot be marked brought back)."""
    _refuse_unreadable(path)
    try:  # a copy made by an earlier version is upgraded first, as opening it would
        local = Database.open(path, create=False)
    except DatabaseInUse as exc:  # open in a window
        if writing:
            raise ValidationError({"file": (
                f"{Path(path).name} is open in a window: close it there first, so nothing typed in it after "
                "bringing it back is lost"
            )}) from exc
        local = Database.open_reader(path)
    try:
        with local.unit_of_work() as session:
            origin = origin_in(session)
            if origin is None:
                raise ValidationError({"file": f"{Path(path).name} is not an offline copy of a meeting"})
            dto = mark_dto(session, origin)
            try:
                base = copying.read_base(origin.base)
            except (ValueError, TypeError, AttributeError) as exc:
                raise ValidationError({"file": (
                    f"{Path(path).name} is damaged: what its records held when they were taken cannot be read"
                )}) from exc
            conn = session.connection()
            rows = {t.name: copying.read_rows(conn, t.name) for t in copying.copied_tables()}
    finally:
        local.close()
    return dto, base, rows


def _server_mark(session: Session, origin: OfflineMarkDTO) -> OfflineCopy:
    mark = session.get(OfflineCopy, origin.id, with_for_update=True)
    if (mark is None or mark.server or mark.meeting_id != origin.meeting_id
            or mark.taken_at != origin.taken_at or mark.taken_by != origin.taken_by):
        raise ValidationError({"file": (
            f"This offline copy is not recorded on this team database: it came from {origin.server}, "
            "or taking it offline did not finish"
        )})
    if mark.ended_how == BROUGHT_BACK:
        raise ValidationError({"file": (
            f"This offline copy was already brought back, by {mark.ended_by} on {local_time(mark.ended_at)}"
        )})
    return mark


def _last_change(session: Session, key: Key, since: datetime) -> tuple[str, datetime | None]:
    name, record_id, column = key
    row = session.execute(
        select(ChangeRecord.changed_by, ChangeRecord.changed_at).where(
            ChangeRecord.table_name == name, ChangeRecord.record_id == record_id,
            ChangeRecord.field == column, ChangeRecord.changed_at >= since,
        ).order_by(ChangeRecord.id.desc()).limit(1)
    ).first()
    return (row.changed_by, row.changed_at) if row else ("", None)


def _compare(session: Session, origin: OfflineMarkDTO, base: dict, rows: copying.Rows, lock: bool = False) -> _Work:
    """What the copy changed, against the team database's rows now; with `lock` (bringing it
    back) those rows are held until the changes are written, so a save made meanwhile waits and
    then meets the record as brought back (a conflict, never an overwrite unseen)."""
    work = _Work()
    conn = session.connection()
    for t in copying.copied_tables():
        own = copying.skipped(t.name)
        taken = base.get(t.name, {})
        local = rows[t.name]
        new = [row for i, row in local.items() if i not in taken]
        server = copying.read_rows(conn, t.name, [i for i in local if i in taken], lock=lock)
        for record_id, was in taken.items():
            now, there = local.get(record_id), server.get(record_id)
            if now is None:
                continue  # nothing is deleted by the program; a copy missing a record changes nothing
            if there is None:
                new.append(now)  # gone from the team database meanwhile: add it again, lose nothing
                continue
            for column, before in was.items():
                if column in own or column not in now:
                    continue
                offline, current = as_text(now[column]), as_text(there[column])
                if offline == before:
                    if current != before:
                        work.kept += 1
                    continue
                key = (t.name, record_id, column)
                if current in (before, offline):
                    if current != offline:
                        work.updates[key] = now[column]
                    continue
                work.offline_values[key] = now[column]
                by, at = _last_change(session, key, origin.taken_at)
                work.conflicts.append(Conflict(
                    key, copying.label_of(t.name, now), copying.field_label(column),
                    current or "", offline or "", by, at,
                ))
        if new:
            work.new[t.name] = new
    return work


def plan_bring_back(db: Database, path: Path | str) -> BringBackPlan:
    """What bringing back the copy at `path` would do, and the fields changed in both places."""
    _refuse_unless_team_database(db, "Bringing a meeting back")
    origin, base, rows = _read_copy(Path(path))
    with db.unit_of_work() as session:
        _server_mark(session, origin)
        work = _compare(session, origin, base, rows)
    return BringBackPlan(origin, len(work.updates), sum(map(len, work.new.values())), work.kept,
                         tuple(work.conflicts))


def _models() -> dict[str, type]:
    load_all()
    return {m.local_table.name: m.class_ for m in Base.registry.mappers}


def _add_new(session: Session, new: dict[str, list[dict]]) -> dict[str, dict[int, int]]:
    """Add the records made offline, each after those it links to; returns their new ids."""
    models = _models()
    ids: dict[str, dict[int, int]] = {}
    for t in copying.copied_tables():
        pending = sorted(new.get(t.name, []), key=lambda r: r["id"])
        links = copying.links(t)
        while pending:  # links within one table (an organisation's parent): the linked one first
            ready = [r for r in pending if not any(
                ref == t.name and r[col] in {p["id"] for p in pending} and r[col] != r["id"]
                for col, ref in links)]
            for row in ready or pending[:1]:
                values = {k: v for k, v in row.items() if k not in copying.skipped(t.name)}
                for column, referred in links:
                    values[column] = ids.get(referred, {}).get(values[column], values[column])
                obj = models[t.name](**values)
                session.add(obj)
                session.flush()
                ids.setdefault(t.name, {})[row["id"]] = obj.id
            done = {id(r) for r in (ready or pending[:1])}
            pending = [r for r in pending if id(r) not in done]
    return ids


def bring_back(
    db: Database, path: Path | str, keep: Mapping[Key, str] | None = None, prefer: str | None = None,
) -> BringBackResult:
    """Write the offline copy at `path` back to the team database in one transaction, and end
    the meeting's mark. Each conflict needs a choice in `keep` (or `prefer` for all of them):
    otherwise nothing is written and a ValidationError lists them."""
    _refuse_unless_team_database(db, "Bringing a meeting back")
    path = Path(path).expanduser().absolute()
    origin, base, rows = _read_copy(path, writing=True)
    keep = dict(keep or {})
    with db.unit_of_work() as session:
        mark = _server_mark(session, origin)
        work = _compare(session, origin, base, rows, lock=True)
        undecided = [c for c in work.conflicts if (keep.get(c.key) or prefer) not in (SERVER, OFFLINE)]
        if undecided:
            listed = "; ".join(f"{c.record}, {c.field}" for c in undecided[:5])
            more = f" and {len(undecided) - 5} more" if len(undecided) > 5 else ""
            raise ValidationError({"conflicts": (
                f"{len(undecided)} field{'s were' if len(undecided) != 1 else ' was'} changed both on the team "
                f"database and offline ({listed}{more}): choose which value to keep for each"
            )})
        chosen = {c.key: work.offline_values[c.key] for c in work.conflicts
                  if (keep.get(c.key) or prefer) == OFFLINE}
        ids = _add_new(session, work.new)
        models = _models()
        for (name, record_id, column), value in {**work.updates, **chosen}.items():
            for col, referred in copying.links(copying.table(name)):
                if col == column:
                    value = ids.get(referred, {}).get(value, value)
            setattr(session.get(models[name], record_id), column, value)
        mark.ended_at = utcnow()
        mark.ended_how = BROUGHT_BACK
        mark.ended_by = officer(session)
        session.flush()
        # items added or moved in both places merge as one agenda, numbered from 1 without a gap
        renumber(live_items(session, origin.meeting_id))
        session.flush()
        result = BringBackResult(
            origin.meeting_id, len(work.updates) + len(chosen), sum(len(v) for v in ids.values()), work.kept,
            len(chosen), len(work.conflicts) - len(chosen),
        )
    _mark_copy_brought_back(path)
    return result


def _mark_copy_brought_back(path: Path) -> None:
    """Note in the copy that it went back, so it is not changed further; a copy open in a
    window is left as it is (the team database refuses to take it twice)."""
    with contextlib.suppress(DatabaseError, OSError):
        with Database.open(path, create=False) as local, local.unit_of_work() as session:
            origin = origin_in(session)
            if origin is not None and origin.ended_at is None:
                origin.ended_at = utcnow()
                origin.ended_how = BROUGHT_BACK
                origin.ended_by = officer(session)
