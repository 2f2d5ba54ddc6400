"""Comparing an offline copy with the team database, field by field, for bringing it back.

For every copied record and field there are three values: as it was taken (kept in the copy),
as the copy has it now, and as the team database has it now. A field changed only offline is
to be written; one changed only on the team database is kept; one changed on both to
different values is a `Conflict`. A field the copy's program did not have when it was taken
(added by a later version) is no change of the copy's where the copy holds what the team
database held then (what its first change since replaced, from its history: `taken_values`):
the team database's value stays. Otherwise, when the two sides differ, it is a conflict: nothing
says which changed.

The minutes' status and approval (status, circulation date, approval date, method, approver,
the meeting approving them, the quorum then) are one statement, compared as one: keeping one
side's status keeps that side's whole approval, never draft minutes with an approval date. So
are an action's status, completion date and evidence of impact (only a done action has a
completion date, and a done one has evidence), and a register entry's status and deputy (only
a deputy attended entry names one): `UNITS`.

A register entry made offline for someone the team database's register of the meeting also
holds, made there meanwhile (the register filled in both places), is that entry: it is compared
field by field, not added (`Work.same`). Its fields were as filling the register leaves them on
the side that recorded nothing for that person; where both recorded something and differ, it is
a conflict.

Minutes approved on the team database after the copy was taken are locked there: the changes
made offline to that meeting's details, agenda, minutes, register, decisions (not their
evidence of impact, gathered afterwards) or amendments, and the records added offline to it
(with the actions raised at it), are listed as conflicts marked `locked`, and only the team
database's values are kept, unless the offline copy's own approval is the one chosen. Whether
they were approved after the copy was taken or before is read from the team database's history
(`approved_meanwhile`), never from the copy's values as taken, which another program can change;
changes to minutes approved before are checked by `checks.approved_minutes_problems`.

Nor is a field the copy changed written over a change made on the team database after the copy
was taken, whatever the copy's values as taken say it held: of each field the copy would write
that the team database changed since, what it held when the copy was taken is read from its
history (`taken_values`, one query), and where that is not what the copy says it took, the field
is a conflict (one changed there and back again is written as usual).

A record removed (archived) on the team database after the copy was taken, which the copy
changed, is one conflict (`Conflict.removed`), never written into the removed record unseen:
the offline copy's value restores it with the copy's changes, the team database's leaves it
removed and those changes behind (`checks.restored_problems` refuses a restoring the team
database would refuse). An amendment made offline to another meeting's approved minutes is
left behind with the change it records (`behind`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from types import SimpleNamespace
from typing import TYPE_CHECKING

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from bscp_desktop.db.history import as_text
from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.db.offline_guard import local_time
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.meetings import AttendanceStatus, MinutesStatus, nothing_recorded
from bscp_desktop.domain.text import first_line
from bscp_desktop.services.history_names import value_text
from bscp_desktop.services.offline import behind, copying
from bscp_desktop.services.offline.marks import OfflineMarkDTO
from bscp_desktop.services.offline.naming import Names, approval_words, code_words, field_words

if TYPE_CHECKING:
    from bscp_desktop.services.offline.approved_offline import ApprovalLeft

Key = tuple[str, int, str]  # (table, record id in the copy, column): `Work.server_id` gives the team database's

#: The fields saying where a meeting's minutes stand, compared and kept as one.
APPROVAL = (
    "minutes_status", "minutes_circulated_on", "minutes_approved_on", "minutes_approval_method",
    "minutes_approved_by", "approved_at_meeting_id", "approved_quorum_rule", "approved_quorum",
)
#: Other fields that say one thing together, compared and kept as one, with how they are named.
UNITS = {
    "action": (("status", "completed_on", "evidence"), "Status, completion date and evidence of impact"),
    "attendance": (("status", "deputy_person_id", "deputy_name"), "Attendance and deputy"),
}
#: A meeting's fields its approved minutes do not lock (as in the window).
_FREE_MEETING_FIELDS = frozenset(("notes", "key_focus", *APPROVAL))
#: The records of a meeting its approved minutes lock, and those added to it only by amendment.
_LOCKED_TABLES = ("agenda_item", "attendance", "decision", "minutes_amendment")
#: Their fields the approved minutes do not lock (as in the window): a decision's evidence of
#: impact is gathered after the meeting.
_FREE_FIELDS = frozenset({("decision", "evidence")})
_ADDED_TO = (*_LOCKED_TABLES, "action")
#: The column of the key naming the records added offline to minutes approved meanwhile.
ADDED = "records added offline"
_UNKNOWN = object()  # a field the copy's program did not have when it was taken
#: A record removed on the team database meanwhile that the copy changed, as its conflict says.
REMOVED = "Removed on the team database after the copy was taken"
REMOVED_WORDS = ("Removed. Keep the team database's to leave it removed (what the offline copy changed in it is not "
                 "brought back), or the offline copy's to restore it with those changes.")


@dataclass(frozen=True)
class Conflict:
    """A field changed both on the team database and offline, to different values (or changed
    offline in minutes approved on the team database meanwhile: `locked`)."""

    key: Key
    record: str  # "Agenda item 2: Child death overview", "Register: Ann Lee"
    field: str  # "Minutes", "Deputy"
    server_value: str
    offline_value: str
    server_by: str  # who changed it on the team database, and when (from its history)
    server_at: datetime | None
    server_words: str = ""  # the value as people read it, where the stored one does not say it
    offline_words: str = ""
    locked: str = ""  # dd/mm/yyyy: the minutes were approved on the team database then, after the copy
    removed: bool = False  # the record was removed on the team database meanwhile (the copy's: restore it)

    @property
    def server_text(self) -> str:
        """The team database's value as people read it (31/05/2024, not 2024-05-31; a code by
        its word; a person by their name)."""
        return self.server_words or value_text(self.server_value, self.key[0], self.key[2])

    @property
    def offline_text(self) -> str:
        """The offline copy's value as people read it."""
        return self.offline_words or value_text(self.offline_value, self.key[0], self.key[2])

    @property
    def server_said(self) -> str:
        text = "On the team database"
        if self.locked:
            text += f", in the minutes approved there on {self.locked} (kept as approved)"
        if not self.server_by:
            return text
        when = f" on {local_time(self.server_at)}" if self.server_at else ""
        return f"{text} (changed by {self.server_by}{when})"


@dataclass
class Work:
    updates: dict[Key, object] = field(default_factory=dict)  # offline values to write
    new: dict[str, list[dict]] = field(default_factory=dict)  # records made offline, by table
    kept: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    offline_values: dict[Key, object] = field(default_factory=dict)  # the approval's: {Key: value}
    held: dict[Key, object] = field(default_factory=dict)  # changed only offline, in minutes approved meanwhile
    held_new: dict[str, list[dict]] = field(default_factory=dict)  # added offline to them
    approved: str = ""  # dd/mm/yyyy: the minutes were approved on the team database after the copy was taken
    approved_before: str = ""  # dd/mm/yyyy: ... or before it was taken (changed only by amendment: `checks`)
    approval: Key | None = None  # the minutes' approval, when it is a conflict
    offline_approved: bool = False  # ... and the copy's minutes are approved too
    units: set[Key] = field(default_factory=set)  # conflicts over fields kept as one (`offline_values` a dict)
    same: dict[str, dict[int, int]] = field(default_factory=dict)  # made in both places: table -> copy's id -> theirs
    same_named: list[str] = field(default_factory=list)  # ... as named to the officer
    own: dict[str, set[int]] = field(default_factory=dict)  # the meeting's records on the team database now
    behind: dict[str, set[int]] = field(default_factory=dict)  # another meeting's, changed by an amendment left behind
    behind_named: list[str] = field(default_factory=list)  # ... those amendments, as named to the officer (`behind`)
    approval_left: ApprovalLeft | None = None  # the copy's approval, not brought back (`approved_offline`)

    def server_id(self, table: str, record_id: int) -> int:
        """The team database's id of a copied record (keys hold the copy's)."""
        return self.same.get(table, {}).get(record_id, record_id)

    @property
    def held_count(self) -> int:
        return len(self.held) + sum(map(len, self.held_new.values()))


def _last_change(session: Session, key: Key, since: datetime) -> tuple[str, datetime | None]:
    name, record_id, column = key
    row = session.execute(
        select(ChangeRecord.changed_by, ChangeRecord.changed_at).where(
            ChangeRecord.table_name == name, ChangeRecord.record_id == record_id,
            ChangeRecord.field == column, ChangeRecord.changed_at >= since,
        ).order_by(ChangeRecord.id.desc()).limit(1)
    ).first()
    return (row.changed_by, row.changed_at) if row else ("", None)


class _Comparing:
    def __init__(self, session: Session, origin: OfflineMarkDTO, rows: copying.Rows) -> None:
        self.session, self.origin, self.rows = session, origin, rows
        self.names = Names(session.connection(), rows)
        self.work = Work()
        self.there: dict[tuple[str, int], dict] = {}  # the team database's row of each compared record
        # of each field of a taken record the team database changed after the copy was taken and
        # the copy would write: what it held when the copy was taken (`taken_values`)
        self.taken_there: dict[Key, str | None] = {}

    def changed_meanwhile(self, key: Key, before: str | None) -> bool:
        """Whether the team database changed the field after the copy was taken from a value
        other than the copy says it took (its values as taken changed by another program): a
        change written over it would be unseen. A field changed there and back again is not."""
        return self.taken_there.get(key, before) != before

    def conflict(self, key: Key, row: dict, server: str | None, offline: str | None, server_words: str,
                 offline_words: str, label: str = "") -> None:
        table, record_id, column = key
        by, at = _last_change(self.session, (table, self.work.server_id(table, record_id), column), self.origin.taken_at)
        self.work.conflicts.append(Conflict(
            key, self.names.label(table, row), label or field_words(table, column), server or "", offline or "",
            by, at, server_words, offline_words,
        ))

    def field(self, key: Key, before, now: dict, there: dict) -> None:
        table, _record_id, column = key
        offline, current = as_text(now[column]), as_text(there[column])
        unknown = before is _UNKNOWN
        if unknown:  # the copy's program did not have it: what the team database held then, if it changed it since
            before = self.taken_there.get(key, _UNKNOWN)
        if current == offline:
            return
        if offline == before:  # not changed in the copy: the team database's change is kept
            self.work.kept += 1
            return
        if not unknown and current == before and not self.changed_meanwhile(key, before):
            self.work.updates[key] = now[column]
            return
        self.work.offline_values[key] = now[column]
        self.conflict(key, now, current, offline, self.names.value(table, column, current),
                      self.names.value(table, column, offline))

    def unit(self, key: Key, columns: tuple[str, ...], was: dict, now: dict, there: dict, label: str,
             words) -> bool:
        """Fields kept as one: changed offline when any field known when the copy was taken
        changed; then written whole (a field the copy's program did not have, such as the quorum
        when approved, too). Nothing known of them as taken (a record made in both places):
        a conflict when the two sides differ. True when it is a conflict."""
        table, record_id, _column = key
        present = [c for c in columns if c in now and c in there]
        known = [c for c in present if c in was]
        before = tuple(was[c] for c in known)
        offline = {c: as_text(now[c]) for c in present}
        current = {c: as_text(there[c]) for c in present}
        if offline == current:
            return False
        if known and tuple(offline[c] for c in known) == before:
            if tuple(current[c] for c in known) != before:
                self.work.kept += 1
            return False
        if (known and tuple(current[c] for c in known) == before
                and not any(self.changed_meanwhile((table, record_id, c), was[c]) for c in known)):
            for c in present:
                if offline[c] != current[c]:
                    self.work.updates[(table, record_id, c)] = now[c]
            return False
        self.work.offline_values[key] = {(table, record_id, c): now[c] for c in present}
        self.work.units.add(key)
        differ = [c for c in present if offline[c] != current[c]]
        if len(differ) == 1 and table != "meeting":  # named as that field alone (a deputy, the evidence)
            c = differ[0]
            self.conflict(key, now, current[c], offline[c], self.names.value(table, c, current[c]),
                          self.names.value(table, c, offline[c]), field_words(table, c))
        else:
            self.conflict(key, now, current.get(columns[0]), offline.get(columns[0]), words(self.names, there),
                          words(self.names, now), label)
        return True

    def approval(self, key: Key, was: dict, now: dict, there: dict) -> None:
        """The minutes' status and approval, as one (`unit`)."""
        if self.unit(key, APPROVAL, was, now, there, "Minutes status and approval", approval_words):
            self.work.approval = key
            self.work.offline_approved = now.get("minutes_status") == MinutesStatus.APPROVED.value

    def record(self, table: str, record_id: int, was: dict, now: dict, there: dict) -> None:
        """Compare one record's fields, those kept as one together."""
        own = copying.skipped(table)
        unit = APPROVAL if table == "meeting" else UNITS.get(table, ((), ""))[0]
        self.there[(table, record_id)] = there
        for column in now:
            if column not in own and column not in unit and column in there:
                self.field((table, record_id, column), was.get(column, _UNKNOWN), now, there)
        if table == "meeting":
            self.approval((table, record_id, APPROVAL[0]), was, now, there)
        elif unit:
            self.unit((table, record_id, unit[0]), unit, was, now, there, UNITS[table][1], _UNIT_WORDS[table])

    def same_register(self, new: list[dict], taken: dict, lock: bool) -> list[dict]:
        """The register entries made offline that the team database's register of the meeting
        has too (made there meanwhile: the register filled in both places) are compared with
        those; returns the rest, to be added."""
        meeting_id = self.origin.meeting_id
        people_made_offline = {r["id"] for r in self.work.new.get("person", [])}
        wanted: dict[int, dict] = {}
        for row in new:
            if (row["id"] not in taken and row.get("meeting_id") == meeting_id and row.get("archived_at") is None
                    and row.get("person_id") is not None and row["person_id"] not in people_made_offline):
                wanted.setdefault(row["person_id"], row)
        if not wanted:
            return new
        t = copying.table("attendance")
        query = select(t).where(t.c.meeting_id == meeting_id, t.c.archived_at.is_(None),
                                t.c.person_id.in_(sorted(wanted))).order_by(t.c.id)
        if lock:
            query = query.with_for_update()
        matched: set[int] = set()
        for there in map(dict, self.session.connection().execute(query).mappings()):
            if there["id"] in taken:  # an entry the copy has its own version of
                continue
            now = wanted.pop(there["person_id"], None)
            if now is None:
                continue
            self.work.same.setdefault("attendance", {})[now["id"]] = there["id"]
            self.work.same_named.append(self.names.label("attendance", now))
            matched.add(now["id"])
            # the side that recorded nothing for the person left the entry as filling the register does
            side = now if nothing_recorded(SimpleNamespace(**now)) else there
            was = {c: as_text(v) for c, v in side.items()} if nothing_recorded(SimpleNamespace(**side)) else {}
            self.record("attendance", now["id"], was, now, there)
        return [r for r in new if r["id"] not in matched]


def _action_words(names: Names, row: dict) -> str:
    """An action's status as one statement: 'Done on 10/04/2024; evidence: Reported in April'."""
    text = code_words("action", "status", as_text(row.get("status")) or "")
    if row.get("completed_on"):
        text += f" on {format_date(row['completed_on'])}"
    if (row.get("evidence") or "").strip():
        text += f"; evidence: {first_line(row['evidence'], 80)}"
    return text


def _attendance_words(names: Names, row: dict) -> str:
    """A register entry's status: 'Apologies', 'Deputy attended: Ann Lee'."""
    if row.get("status") == AttendanceStatus.DEPUTY.value:
        deputy = names.name("person", row.get("deputy_person_id")) or row.get("deputy_name") or ""
        return f"Deputy attended: {deputy}" if deputy else "Deputy attended"
    return code_words("attendance", "status", as_text(row.get("status")) or "")


_UNIT_WORDS = {"action": _action_words, "attendance": _attendance_words}


def compare(session: Session, origin: OfflineMarkDTO, base: dict, rows: copying.Rows, lock: bool = False) -> Work:
    """What the copy changed, against the team database's rows now; with `lock` (bringing it
    back) those rows are held until the changes are written, so a save made meanwhile waits and
    then meets the record as brought back (a conflict, never an overwrite unseen)."""
    comparing = _Comparing(session, origin, rows)
    work = comparing.work
    conn = session.connection()
    # only the meeting's own records are compared, whatever else the copy says it took: a change
    # the copy made to another is refused (`checks.placement_problems`)
    work.own = copying.own_records(conn, origin.meeting_id)
    server_meeting = None
    read = []
    for t in copying.copied_tables():
        claimed = base.get(t.name, {})
        local = rows[t.name]
        new = [row for i, row in local.items() if i not in claimed]
        others = [i for i in local if i in claimed and i not in work.own[t.name]]
        gone = set(others) - copying.read_rows(conn, t.name, others).keys()
        taken = {i: was for i, was in claimed.items() if i in work.own[t.name] or i in gone}
        server = copying.read_rows(conn, t.name, [i for i in local if i in taken], lock=lock)
        read.append((t, local, new, taken, server))
    # read once every compared row is held, so a change committed meanwhile is in it too
    comparing.taken_there = taken_values(session, origin, _would_write(read))
    for t, local, new, taken, server in read:
        for record_id, was in taken.items():
            now, there = local.get(record_id), server.get(record_id)
            if now is None:
                continue  # nothing is deleted by the program; a copy missing a record changes nothing
            if there is None:
                new.append(now)  # gone from the team database meanwhile: add it again, lose nothing
                continue
            if t.name == "meeting" and record_id == origin.meeting_id:
                server_meeting = there
            comparing.record(t.name, record_id, was, now, there)
        if t.name == "attendance" and new:
            new = comparing.same_register(new, taken, lock)
        if new:
            work.new[t.name] = new
    behind.leave_behind(origin.meeting_id, base, rows, work, comparing.names)
    _removed_meanwhile(comparing, read)
    # the team database says when its minutes were approved, never the copy's values as taken
    if server_meeting is not None and server_meeting["minutes_status"] == MinutesStatus.APPROVED.value:
        approved = format_date(server_meeting["minutes_approved_on"])
        if approved_meanwhile(session, origin):
            _hold_locked(comparing, base, approved)
        else:
            work.approved_before = approved
    return work


def _removed_meanwhile(comparing: _Comparing, read: list) -> None:
    """A record removed (archived) on the team database after the copy was taken, which the copy
    changed, is one conflict (`Conflict.removed`), never written into the removed record unseen:
    keeping the offline copy's restores it with what the copy changed in it; keeping the team
    database's leaves it removed, and those changes are not brought back. A meeting archived
    there is refused whole (`checks.meeting_problems`)."""
    work, names = comparing.work, comparing.names
    for t, local, _new, taken, server in read:
        if t.name == "meeting" or "archived_at" not in t.c:
            continue
        for record_id, was in taken.items():
            now, there = local.get(record_id), server.get(record_id)
            if (now is None or there is None or there["archived_at"] is None or now["archived_at"] is not None
                    or was.get("archived_at") is not None):
                continue
            mine = [k for k in work.updates if k[:2] == (t.name, record_id)]
            both = [c for c in work.conflicts if c.key[:2] == (t.name, record_id)]
            if not mine and not both:
                continue
            key = (t.name, record_id, "archived_at")
            values: dict[Key, object] = {k: work.updates.pop(k) for k in mine}
            for c in both:
                value = work.offline_values.pop(c.key)
                values.update(value if c.key in work.units else {c.key: value})
                work.units.discard(c.key)
            work.conflicts[:] = [c for c in work.conflicts if c not in both]
            work.offline_values[key] = {**values, key: None}
            work.units.add(key)
            if all(c.key != key for c in both):
                work.kept -= 1  # its removal, counted as a change kept there, is this conflict
            changes = _changes_words(names, t.name, now, [c for (_t, _i, c), v in values.items()
                                                           if as_text(v) != as_text(there[c])])
            if len(changes) == 1:
                offline = f"Your {changes[0][0].lower()} for it: {changes[0][1]}"
            else:
                offline = "Your changes to it: " + "; ".join(f"{what}: {words}" for what, words in changes)
            comparing.conflict(key, now, as_text(there["archived_at"]), None, REMOVED_WORDS, offline, REMOVED)
            work.conflicts[-1] = dataclasses.replace(work.conflicts[-1], removed=True)


def _changes_words(names: Names, table: str, row: dict, columns: list[str]) -> list[tuple[str, str]]:
    """(field, value) as the officer reads them, for the `columns` the copy changed in `row`:
    the fields kept as one (`UNITS`) as one."""
    unit, label = UNITS.get(table, ((), ""))
    found = [(label, _UNIT_WORDS[table](names, row))] if any(c in unit for c in columns) else []
    return found + [(field_words(table, c), names.value(table, c, as_text(row[c])) or "(empty)")
                    for c in columns if c not in unit]


def _would_write(read: list) -> dict[str, set[int]]:
    """The taken records with a field the copy changed from its value as taken that the team
    database holds now (by the copy's values as taken): those bringing back would write; and
    those with a field the copy's program did not have when it was taken that the two sides
    hold differently (what the team database held then says whether the copy changed it)."""
    found: dict[str, set[int]] = {}
    for t, local, _new, taken, server in read:
        own = copying.skipped(t.name)
        for record_id, was in taken.items():
            now, there = local.get(record_id), server.get(record_id)
            if now is not None and there is not None and (any(
                    c in now and c in there and as_text(now[c]) != v and as_text(there[c]) == v
                    for c, v in was.items()) or any(
                    c not in was and c not in own and c in there and as_text(now[c]) != as_text(there[c])
                    for c in now)):
                found.setdefault(t.name, set()).add(record_id)
    return found


def _since(session: Session, origin: OfflineMarkDTO):
    """The team database's history entries made after the copy was taken: after the entry of
    the mark taking it offline (or, where that entry cannot be read, at or after the time it
    was taken)."""
    taken = session.scalar(select(func.min(ChangeRecord.id)).where(
        ChangeRecord.table_name == "meeting_offline", ChangeRecord.record_id == origin.id))
    return ChangeRecord.id > taken if taken is not None else ChangeRecord.changed_at >= origin.taken_at


def taken_values(session: Session, origin: OfflineMarkDTO, records: dict[str, set[int]]) -> dict[Key, str | None]:
    """Of each field of `records` (table -> ids) the team database changed after the copy was
    taken, what it held then (the value its first change since replaced), read from its history
    in one query."""
    if not records:
        return {}
    found: dict[Key, str | None] = {}
    wanted = or_(*(and_(ChangeRecord.table_name == name, ChangeRecord.record_id.in_(sorted(ids)))
                   for name, ids in sorted(records.items())))
    for row in session.execute(
        select(ChangeRecord.table_name, ChangeRecord.record_id, ChangeRecord.field, ChangeRecord.old_value)
        .where(_since(session, origin), wanted).order_by(ChangeRecord.id)
    ):
        found.setdefault((row.table_name, row.record_id, row.field), row.old_value)
    return found


def approved_meanwhile(session: Session, origin: OfflineMarkDTO) -> bool:
    """Whether the minutes status of the meeting changed on the team database after the copy was
    taken, by its change history: after the entry of the mark taking it offline (or, where that
    entry cannot be read, at or after the time it was taken). Approved minutes stay approved, so
    minutes approved there now were approved meanwhile when it did, and before the copy was
    taken when it did not."""
    return session.scalar(select(ChangeRecord.id).where(
        ChangeRecord.table_name == "meeting", ChangeRecord.record_id == origin.meeting_id,
        ChangeRecord.field == "minutes_status", _since(session, origin),
    ).limit(1)) is not None


def _in_minutes(origin: OfflineMarkDTO, table: str, record_id: int, column: str, row: dict) -> bool:
    if table == "meeting":
        return record_id == origin.meeting_id and column not in _FREE_MEETING_FIELDS
    return (table in _LOCKED_TABLES and (table, column) not in _FREE_FIELDS
            and row.get("meeting_id") == origin.meeting_id)


def _hold_locked(comparing: _Comparing, base: dict, approved: str) -> None:
    """The minutes were approved on the team database after the copy was taken: what the copy
    changed in them, or added to them, is listed (`locked`) instead of written."""
    work, names, origin, rows = comparing.work, comparing.names, comparing.origin, comparing.rows
    work.approved = approved
    for key in list(work.updates):
        table, record_id, column = key
        now = rows[table][record_id]
        if not _in_minutes(origin, table, record_id, column, now):
            continue
        work.held[key] = value = work.updates.pop(key)
        before = as_text(comparing.there[(table, record_id)][column])  # unchanged on the team database
        offline = as_text(value)
        comparing.conflict(key, now, before, offline, names.value(table, column, before),
                           names.value(table, column, offline))
    locked = [
        dataclasses.replace(c, locked=approved) if (
            _in_minutes(origin, c.key[0], c.key[1], c.key[2], rows[c.key[0]][c.key[1]])
            or (c.key == work.approval and not work.offline_approved)) else c
        for c in work.conflicts
    ]
    work.conflicts[:] = locked
    held_ids: dict[str, set[int]] = {}
    for table in _ADDED_TO:
        for row in work.new.get(table, []):
            if row.get("meeting_id") == origin.meeting_id:
                held_ids.setdefault(table, set()).add(row["id"])
    growing = bool(held_ids)
    while growing:  # and what is added offline to those (a progress update of such an action)
        growing = False
        for t in copying.copied_tables():
            for row in work.new.get(t.name, []):
                if row["id"] in held_ids.get(t.name, ()):
                    continue
                if any(row.get(col) in held_ids.get(ref, ()) for col, ref in copying.links(t)):
                    held_ids.setdefault(t.name, set()).add(row["id"])
                    growing = True
    if not held_ids:
        return
    listed = []
    for table, ids in held_ids.items():
        work.held_new[table] = [r for r in work.new[table] if r["id"] in ids]
        work.new[table] = [r for r in work.new[table] if r["id"] not in ids]
        listed += [names.label(table, r) for r in work.held_new[table]]
    meeting = rows["meeting"][origin.meeting_id]
    text = "\n".join(listed)
    work.conflicts.append(Conflict(
        ("meeting", origin.meeting_id, ADDED), names.label("meeting", meeting), "Records added offline", "", text,
        "", None, "(none)", text, approved,
    ))
