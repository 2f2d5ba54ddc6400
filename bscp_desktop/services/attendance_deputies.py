"""Who may be recorded as a member's deputy on a meeting's register (re-exported by
`attendance.py`): someone whose only place at the meeting never counts cannot
(`deputy_problem`), nor can someone from another organisation than the one the member's seat
represents (`deputy_organisation_problem`)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.models import Person
from bscp_desktop.db.models.meetings import Attendance, Meeting
from bscp_desktop.domain.meetings import AttendanceStatus
from bscp_desktop.domain.memberships import GUEST_ROLE, Role, role_counts
from bscp_desktop.services.attendance_as_it_stood import organisations_as_on, people_organisations_on, stood_on
from bscp_desktop.services.attendance_seats import organisations_sat_for
from bscp_desktop.services.memberships.memberships import seats_held_on


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
    (`deputy_organisations`), not within it nor it within theirs: then theirs. A council chair
    recorded as deputising for the police does not make the police represented. For approved
    minutes a deputy's own organisation and the organisations' parents are read as they were on
    the meeting's day (`stood_on`): who was in the room is a fact of that day."""
    day = stood_on(meeting)
    wanted = {r.deputy_person_id for r in rows if r.organisation_id is not None
              and r.status == AttendanceStatus.DEPUTY.value and r.deputy_person_id is not None}
    present = {r.person_id for r in rows if r.status == AttendanceStatus.PRESENT.value and r.person_id is not None}
    people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(wanted | present)))} \
        if wanted | present else {}
    own = people_organisations_on(session, [people[i] for i in wanted if i in people], day)
    found: list[int] = []
    parents: dict[int, int | None] | None = None
    for r in rows:
        if r.status == AttendanceStatus.PRESENT.value and r.person_id in people:
            found.extend(organisations_sat_for(session, people[r.person_id], meeting, in_own_right=True))
        if r.organisation_id is None:
            continue
        if r.status == AttendanceStatus.DEPUTY.value and r.deputy_person_id is not None:
            deputy = people.get(r.deputy_person_id)
            theirs = deputy_organisations(session, deputy, meeting, own) if deputy is not None else []
            if parents is None and theirs:
                parents = {oid: parent for oid, (_kind, parent) in organisations_as_on(session, day).items()}
            if theirs and not any(_one_within_other(o, r.organisation_id, parents) for o in theirs):
                found.extend(theirs)
                continue
        found.append(r.organisation_id)
    return found


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
