"""Who may be recorded as a member's deputy on a meeting's register (re-exported by
`attendance.py`): someone whose only place at the meeting never counts cannot
(`deputy_problem`). Someone from another organisation than the one the member's seat represents
can, but represents their own organisation, not the seat's: in the quorum
(`organisations_in_room`) and wherever the register and the minutes name them
(`with_deputies_from`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.models import Organisation, Person
from bscp_desktop.db.models.meetings import Attendance, Meeting
from bscp_desktop.domain.meetings import AttendanceStatus
from bscp_desktop.domain.memberships import GUEST_ROLE, Role, role_counts
from bscp_desktop.services.attendance_as_it_stood import organisations_as_on, people_organisations_on, stood_on
from bscp_desktop.services.attendance_seats import organisations_sat_for
from bscp_desktop.services.memberships.memberships import seats_held_on

T = TypeVar("T")  # a register's row (services.attendance.AttendanceDTO)


def _as_recorded(row, deputy_id: int) -> bool:
    """The row already records `deputy_id` as the member's deputy: it stays as recorded."""
    return row.deputy_person_id == deputy_id and row.status == AttendanceStatus.DEPUTY.value


def deputy_problem(session: Session, meeting: Meeting, deputy_id: int, rows: Sequence[Attendance]) -> str | None:
    """Why the person `deputy_id` cannot be recorded as deputising for the members of `rows`:
    at this meeting they hold only a place that never counts toward attendance or quorum (a
    secretariat's or an adviser's seat on the group that day, or a guest's row on its
    register), so as a deputy they would make a member's organisation represented; None
    otherwise. Someone with a seat that counts (a member's, a deputy's) deputises; so does
    someone from outside the group, not on the register."""
    if all(_as_recorded(r, deputy_id) for r in rows):
        return None  # as recorded
    return deputy_place_problem(session, meeting, deputy_id)


def deputy_place_problem(session: Session, meeting: Meeting, deputy_id: int) -> str | None:
    """`deputy_problem` however recorded: a register filled again, or its meeting moving."""
    deputy = session.get(Person, deputy_id)
    seats = seats_held_on(session, deputy, meeting.group_id, meeting.starts_at.date())
    if any(role_counts(m.role) for m in seats):
        return None
    if seats:
        where, place = f"sits on the group on {meeting.starts_at:%d/%m/%Y} as", _role_place(seats[0].role)
        to_do = "choose the person who deputised for the member"
    else:
        entry = session.scalars(select(Attendance).where(
            Attendance.meeting_id == meeting.id, Attendance.person_id == deputy_id, Attendance.archived_at.is_(None),
        ).order_by(Attendance.id)).first()
        if entry is None or role_counts(entry.role, entry.expected):
            return None
        where = "is on this meeting's register as"
        place = "a guest" if not entry.expected or entry.role == GUEST_ROLE else _role_place(entry.role)
        to_do = "take them off the register first if they came as the member's deputy"
    return (f"{deputy.name} {where} {place}, which never counts toward attendance or quorum, so cannot be "
            f"recorded as a member's deputy: {to_do}")


def deputies_not_counting(session: Session, meeting: Meeting) -> list[tuple[str, str]]:
    """Members on the register whose deputy holds only a place that never counts at `meeting` (or
    the group and day it would move to): (member's name, `deputy_place_problem`), by name."""
    rows = session.execute(select(Attendance.deputy_person_id, Person.name, Attendance.name).outerjoin(
        Person, Attendance.person_id == Person.id).where(
        Attendance.meeting_id == meeting.id, Attendance.archived_at.is_(None),
        Attendance.status == AttendanceStatus.DEPUTY.value, Attendance.deputy_person_id.is_not(None))).all()
    found = sorted((person or name, problem) for deputy_id, person, name in rows
                   if (problem := deputy_place_problem(session, meeting, deputy_id)))
    return found


def _role_place(role: str) -> str:
    """'the secretariat', 'an adviser': a seat as a sentence names it."""
    try:
        value = Role(role)
    except ValueError:
        return role.replace("_", " ")
    return {Role.SECRETARIAT: "the secretariat", Role.ADVISER: "an adviser"}.get(value, value.label.lower())


def organisations_in_room(session: Session, meeting: Meeting, rows: Sequence) -> list[int]:
    """The organisations represented in the room by the register `rows` counted (each with
    `organisation_id`, `status`, `person_id` and `deputy_person_id`): a member's seat's
    organisation, and for a member present every other organisation they sit for on the group
    that day (`organisations_sat_for`: a chair who also sits for the ICB makes it represented,
    though the register lists them by the chair's seat); for a deputy chosen from the list, the
    seat's too, unless the deputy is known to be from another organisation
    (`deputies_from_elsewhere`): then theirs. A council chair recorded as deputising for the
    police does not make the police represented."""
    present = {r.person_id for r in rows if r.status == AttendanceStatus.PRESENT.value and r.person_id is not None}
    people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(present)))} if present else {}
    found: list[int] = []
    for r, theirs in zip(rows, deputies_from_elsewhere(session, meeting, rows), strict=True):
        if r.status == AttendanceStatus.PRESENT.value and r.person_id in people:
            found.extend(organisations_sat_for(session, people[r.person_id], meeting, in_own_right=True))
        if r.organisation_id is not None:
            found.extend(theirs or [r.organisation_id])
    return found


def deputies_from_elsewhere(session: Session, meeting: Meeting, rows: Sequence) -> list[list[int]]:
    """For each of the register `rows` of `meeting` (each with `organisation_id`, `status` and
    `deputy_person_id`), the organisations its deputy chosen from the list is known to be from
    (`deputy_organisations`) when they are another than the one the member's seat represents,
    not within it nor it within theirs (a council officer deputising for the ICB's member);
    empty for every other row: a deputy of the seat's organisation or a part of it, one of no
    known organisation or typed by name, and a row with no deputy. For approved minutes a
    deputy's own organisation and the organisations' parents are read as they were on the
    meeting's day (`stood_on`): who was in the room is a fact of that day."""
    day = stood_on(meeting)
    wanted = {r.deputy_person_id for r in rows if _deputy_chosen(r)}
    people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(wanted)))} if wanted else {}
    own = people_organisations_on(session, people.values(), day) if people else {}
    parents: dict[int, int | None] | None = None
    found: list[list[int]] = []
    for r in rows:
        deputy = people.get(r.deputy_person_id) if _deputy_chosen(r) else None
        theirs = deputy_organisations(session, deputy, meeting, own) if deputy is not None else []
        if theirs and r.organisation_id is not None:
            if parents is None:
                parents = {oid: parent for oid, (_kind, parent) in organisations_as_on(session, day).items()}
            if any(_one_within_other(o, r.organisation_id, parents) for o in theirs):
                theirs = []
        found.append(theirs)
    return found


def _deputy_chosen(row) -> bool:
    """The row records a deputy chosen from the list of people."""
    return row.status == AttendanceStatus.DEPUTY.value and row.deputy_person_id is not None


def with_deputies_from(session: Session, register: list[T]) -> list[T]:
    """The register rows (AttendanceDTO, of any meetings) with, for each deputy known to be from
    another organisation than the member's seat represents (`deputies_from_elsewhere`), that
    organisation (their first, by the order of their seats' roles) and its name, so the window,
    the minutes and the workbooks name the deputy by their own organisation, not the seat's."""
    by_meeting: dict[int, list[T]] = {}
    for r in register:
        if _deputy_chosen(r):
            by_meeting.setdefault(r.meeting_id, []).append(r)
    chosen: dict[int, int] = {}
    for meeting_id, rows in by_meeting.items():
        meeting = session.get(Meeting, meeting_id)
        chosen.update((r.id, theirs[0]) for r, theirs in zip(rows, deputies_from_elsewhere(session, meeting, rows),
                                                             strict=True) if theirs)
    if not chosen:
        return register
    names = dict(session.execute(select(Organisation.id, Organisation.name).where(
        Organisation.id.in_(set(chosen.values())))).all())
    return [replace(r, deputy_organisation_id=chosen[r.id], deputy_organisation_name=names.get(chosen[r.id], ""))
            if r.id in chosen else r for r in register]


def deputy_organisations(session: Session, person: Person, meeting: Meeting,
                         own: dict[int, int | None] | None = None) -> list[int]:
    """The organisations `person` is from at `meeting`: those their seats on its group that day
    represent (a lay member's seat, or one saved "(not representing an organisation)",
    represents none), else their own: for approved minutes the one they were from on the
    meeting's day, otherwise today's (`own`: `people_organisations_on`, read once for many
    people); empty when not known."""
    if found := organisations_sat_for(session, person, meeting):
        return found
    if own is None:
        own = people_organisations_on(session, [person], stood_on(meeting))
    theirs = own.get(person.id)
    return [theirs] if theirs is not None else []


def _one_within_other(a: int, b: int, parents: dict[int, int | None]) -> bool:
    """The same organisation, or one within the other (a council and its children's services)."""
    return a in _line_of(b, parents) or b in _line_of(a, parents)


def _line_of(organisation_id: int, parents: dict[int, int | None]) -> set[int]:
    """The organisation and those it sits within (its parent, the parent's parent...)."""
    line, at = set(), organisation_id
    while at is not None and at not in line:
        line.add(at)
        at = parents.get(at)
    return line
