"""A meeting's quorum as it stood: once its minutes are approved, the statutory partner each
organisation stood for and the organisation a deputy came from are read from the change
history as they were on the meeting's day, so changing an organisation's kind or moving a
person to another organisation later does not change the approved minutes' verdict. Minutes
not yet approved read today's records: the register is still being made."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.models import Organisation
from bscp_desktop.db.models.meetings import Meeting
from bscp_desktop.domain.meetings import MinutesStatus, partner_kind
from bscp_desktop.services.history import values_on

T = TypeVar("T")  # a register's row (services.attendance.AttendanceDTO)
R = TypeVar("R")  # a record with an owner (services.common.OwnedBy): a decision, an action


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


@dataclass(frozen=True)
class NamesThen:
    """People's and organisations' names as an approved meeting's minutes give them: {id: the
    name on the meeting's day} for those renamed since (`names_as_it_stood`). Empty for minutes
    not approved, whose names are today's."""

    people: Mapping[int, str] = field(default_factory=dict)
    organisations: Mapping[int, str] = field(default_factory=dict)

    def person(self, person_id: int | None, now: str) -> str:
        """The person's name as the minutes give it; `now`, their name today, where it has not changed."""
        return self.people.get(person_id, now) if person_id else now

    def organisation(self, organisation_id: int | None, now: str) -> str:
        """The organisation's name as the minutes give it; `now` where it has not changed."""
        return self.organisations.get(organisation_id, now) if organisation_id else now

    def owned(self, record: R) -> R:
        """A decision or an action (`services.common.OwnedBy`) with its owner named as the minutes give them."""
        return replace(record, owner_person_name=self.person(record.owner_person_id, record.owner_person_name),
                       owner_organisation_name=self.organisation(record.owner_organisation_id,
                                                                 record.owner_organisation_name))


def names_as_it_stood(session: Session, meeting: Meeting, register: Sequence[T], people: Iterable[int | None] = (),
                      organisations: Iterable[int | None] = ()) -> tuple[list[T], NamesThen]:
    """A meeting's register (AttendanceDTO rows) as its approved minutes record it: each member's,
    deputy's and organisation's (a deputy's own among them) name as it was on the meeting's day (`stood_on`), read from the
    change history, so renaming an organisation (a CCG becoming an ICB) or a person later does
    not change minutes already approved; with the names then of the register's people and
    organisations and of the others the minutes name (`people`, `organisations`: the chair, the
    minute-taker, the owners of decisions and actions), read in the same two queries. Minutes not
    approved: the register as it is, and no names changed (`NamesThen()`)."""
    day = stood_on(meeting)
    if day is None:
        return list(register), NamesThen()
    person_ids = {i for r in register for i in (r.person_id, r.deputy_person_id) if i} | {i for i in people if i}
    organisation_ids = {i for r in register for i in (r.organisation_id, r.deputy_organisation_id) if i} | {
        i for i in organisations if i}

    def names(table: str, ids: set[int]) -> dict[int, str]:
        return {record_id: name for (record_id, _field), name in values_on(session, table, ids, ("name",), day).items()
                if name}

    then = NamesThen(names("person", person_ids), names("organisation", organisation_ids))
    return [replace(r, name=then.person(r.person_id, r.name),
                    deputy_name=then.person(r.deputy_person_id, r.deputy_name),
                    organisation_name=then.organisation(r.organisation_id, r.organisation_name),
                    deputy_organisation_name=then.organisation(r.deputy_organisation_id, r.deputy_organisation_name))
            for r in register], then
