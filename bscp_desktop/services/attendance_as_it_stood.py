"""A meeting's quorum as it stood: once its minutes are approved, the statutory partner each
organisation stood for and the organisation a deputy came from are read from the change
history as they were on the meeting's day, so changing an organisation's kind or moving a
person to another organisation later does not change the approved minutes' verdict. Minutes
not yet approved read today's records: the register is still being made."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.models import Organisation
from bscp_desktop.db.models.meetings import Meeting
from bscp_desktop.domain.meetings import MinutesStatus, partner_kind
from bscp_desktop.services.history import values_on

T = TypeVar("T")  # a register's row (services.attendance.AttendanceDTO)


def stood_on(meeting: Meeting) -> date | None:
    """The day whose records an approved meeting's quorum is read from: the meeting's own day,
    not the approval day. Who was in the room, which organisation each of them came from and
    which safeguarding partner that organisation stood for are facts of the day the meeting
    sat; minutes approved weeks later record that day. None for minutes not approved: today's
    records."""
    if meeting.minutes_status != MinutesStatus.APPROVED.value:
        return None
    return meeting.starts_at.date()


def _as_id(value: str | None) -> int | None:
    return int(value) if value not in (None, "") else None


def organisations_as_on(session: Session, day: date | None) -> dict[int, tuple[str | None, int | None]]:
    """{organisation id: (kind, parent id)} today, or at the end of `day` (two queries)."""
    rows = {oid: (kind, parent) for oid, kind, parent in session.execute(
        select(Organisation.id, Organisation.kind, Organisation.parent_id))}
    if day is None:
        return rows
    then = values_on(session, "organisation", rows, ("kind", "parent_id"), day)
    return {oid: (then.get((oid, "kind"), kind),
                  _as_id(then[(oid, "parent_id")]) if (oid, "parent_id") in then else parent)
            for oid, (kind, parent) in rows.items()}


def partner_kinds(session: Session, day: date | None = None) -> dict[int, object]:
    """{organisation id: the statutory partner it stands for (its kind, else a parent's)},
    today or, for approved minutes, on `day` (`stood_on`)."""
    rows = organisations_as_on(session, day)
    result = {}
    for oid, (kind, parent) in rows.items():
        ancestors, seen = [], {oid}
        while parent is not None and parent not in seen and parent in rows:
            seen.add(parent)
            ancestors.append(rows[parent][0])
            parent = rows[parent][1]
        result[oid] = partner_kind(kind, ancestors)
    return result


def people_organisations_on(session: Session, people: Iterable, day: date | None) -> dict[int, int | None]:
    """{person id: the organisation they were from} for `people` (Person records): today's,
    or at the end of `day` (one query for all of them)."""
    people = list(people)
    now = {p.id: p.organisation_id for p in people}
    if day is None:
        return now
    then = values_on(session, "person", now, ("organisation_id",), day)
    return {pid: _as_id(then[(pid, "organisation_id")]) if (pid, "organisation_id") in then else org
            for pid, org in now.items()}


def names_as_it_stood(session: Session, meeting: Meeting, register: Sequence[T]) -> list[T]:
    """A meeting's register (AttendanceDTO rows) as its approved minutes record it: each member's,
    deputy's and organisation's name as it was on the meeting's day (`stood_on`), read from the
    change history, so renaming an organisation (a CCG becoming an ICB) or a person later does
    not change minutes already approved. Minutes not approved: the register as it is."""
    day = stood_on(meeting)
    if day is None or not register:
        return list(register)
    people = values_on(session, "person", {i for r in register for i in (r.person_id, r.deputy_person_id) if i},
                       ("name",), day)
    organisations = values_on(session, "organisation", {r.organisation_id for r in register if r.organisation_id},
                              ("name",), day)

    def then(names: dict, record_id: int | None, now: str) -> str:
        return names.get((record_id, "name")) or now if record_id else now

    return [replace(r, name=then(people, r.person_id, r.name),
                    deputy_name=then(people, r.deputy_person_id, r.deputy_name),
                    organisation_name=then(organisations, r.organisation_id, r.organisation_name))
            for r in register]
