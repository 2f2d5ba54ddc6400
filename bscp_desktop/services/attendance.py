"""Attendance registers and quorum; attendance monitoring by organisation, group and seat is
`attendance_monitoring.py`, and who may be recorded as a member's deputy `attendance_deputies.py`
(their names are re-exported here).

A register is pre-filled from the group's members on the meeting date (deputies are not
expected in their own right: they are recorded as deputising for a member); a group archived on
or before that day had none then (`group_current_on`), so its register is left as it is. Guests
are added by hand and are never expected. The register is part of the minutes: once the minutes are
approved it changes only by amendment with a reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from bscp_desktop.db import engines
from bscp_desktop.db.base import utcnow
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Group, Organisation, Person
from bscp_desktop.db.models.meetings import Attendance, Meeting
from bscp_desktop.db.versions import check as check_version
from bscp_desktop.domain.meetings import AttendanceStatus, MinutesStatus, QuorumRule, nothing_recorded, quorum_verdict
from bscp_desktop.domain.memberships import GUEST_ROLE, Role, group_current_on, name_key, role_counts
from bscp_desktop.domain.text import alphabetical
from bscp_desktop.domain.validation import Checker, RecordChanged, ValidationError, clean_text, local_time, one_line
from bscp_desktop.services.attendance_agreements import who_is_there, with_agreements
from bscp_desktop.services.attendance_as_it_stood import NamesThen, names_as_it_stood, partner_kinds, stood_on
from bscp_desktop.services.attendance_deputies import deputies_not_counting, deputy_place_problem, deputy_problem, organisations_in_room, with_deputies_from  # noqa: F401
from bscp_desktop.services.attendance_filled import RegisterFilled
from bscp_desktop.services.attendance_monitoring import (  # noqa: F401  (re-exported)
    MonitoringReport,
    RateRow,
    SeatRow,
    attendance_monitoring,
    get_threshold,
    get_uncounted_kinds,
    latest_period_with_data,
    set_threshold,
    set_uncounted_kinds,
)
from bscp_desktop.services.attendance_seats import corrections, follow_seat, listed_by, represented, seat_of, seat_organisation
from bscp_desktop.services.common import ArchivedAt, CommandFields, Versioned, chosen, equal_where_given, get_or_raise, read, unarchived
from bscp_desktop.services.meetings.amendment_text import changes_text
from bscp_desktop.services.meetings.common import guard_approved, refuse_if_archived, refuse_if_called_off
from bscp_desktop.services.meetings.dtos import CHUNK
from bscp_desktop.services.memberships import members_on
from bscp_desktop.services.memberships.memberships import held_seat_on

#: Why a register refuses an archived person as a deputy, or as an attendee with no seat that day
#: (the offline bring-back refuses them in the same words).
ARCHIVED_DEPUTY = "{name} is archived, so cannot deputise at a meeting; restore them on the Memberships tab first"
ARCHIVED_ATTENDEE = ("{name} is archived and held no seat on the group on {day:%d/%m/%Y}, so cannot be added to this "
                     "register; restore them on the Memberships tab first")


# ---------------------------------------------------------------- DTOs


@dataclass(frozen=True)
class AttendanceDTO(ArchivedAt, Versioned):
    id: int
    meeting_id: int
    person_id: int | None
    name: str
    organisation_id: int | None
    organisation_name: str
    role: str
    expected: bool
    status: AttendanceStatus
    deputy_person_id: int | None
    deputy_name: str
    notes: str
    needs_agreement: bool = False  # a member's row of a group whose members sign a confidentiality agreement (`attendance_agreements`)
    has_current_agreement: bool = True  # the one in the room for it (a deputy who attended, else the member) had one that day
    # a deputy known to be from another organisation than the seat represents: theirs (`with_deputies_from`)
    deputy_organisation_id: int | None = None
    deputy_organisation_name: str = ""

    @property
    def missing_agreement(self) -> bool:
        return self.needs_agreement and not self.has_current_agreement

    @property
    def role_label(self) -> str:
        if not self.expected:
            return "Guest"
        try:
            return Role(self.role).label
        except ValueError:
            return self.role.replace("_", " ").capitalize()

    @property
    def deputy_label(self) -> str:
        """The deputy as the register, the minutes and the workbooks name them: with their own
        organisation when it is another than the seat's, 'Jo Bloggs (Brent Council)'."""
        if self.deputy_name and self.deputy_organisation_name:
            return f"{self.deputy_name} ({self.deputy_organisation_name})"
        return self.deputy_name

    @property
    def status_text(self) -> str:
        if self.status is AttendanceStatus.DEPUTY and self.deputy_name:
            return f"Deputy attended: {self.deputy_label}"
        return self.status.label

    @property
    def attending(self) -> bool:
        """In the room: the member, their deputy, or a guest who came."""
        return self.status.in_the_room

    @property
    def counts(self) -> bool:
        """Counts as attendance and toward quorum (not the secretariat, an adviser or a guest)."""
        return role_counts(self.role, self.expected)


@dataclass(frozen=True)
class AttendeeFields(CommandFields):
    """A row added by hand: a person on record, or a name typed in (guests)."""

    person_id: int | None = None
    name: str = ""
    organisation_id: int | None = None
    expected: bool = False
    status: AttendanceStatus | str = AttendanceStatus.GUEST
    notes: str = ""


@dataclass(frozen=True)
class QuorumState:
    quorum: int | None
    attending: int
    met: bool | None
    sentence: str
    rule: QuorumRule = QuorumRule.HEAD_COUNT


# ---------------------------------------------------------------- registers


def _register_query():
    person = aliased(Person)
    deputy = aliased(Person)
    return (
        select(Attendance, person.name, deputy.name, Organisation.name)
        .outerjoin(person, Attendance.person_id == person.id)
        .outerjoin(deputy, Attendance.deputy_person_id == deputy.id)
        .outerjoin(Organisation, Attendance.organisation_id == Organisation.id)
    )


def _dto(row) -> AttendanceDTO:
    a, person_name, deputy_person_name, org_name = row
    return AttendanceDTO(
        a.id, a.meeting_id, a.person_id, person_name or a.name, a.organisation_id, org_name or "", a.role,
        a.expected, AttendanceStatus(a.status), a.deputy_person_id, deputy_person_name or a.deputy_name,
        a.notes, version=a.version, archived_at=a.archived_at,
    )


_ROLE_ORDER = {role.value: n for n, role in enumerate(Role)}


def _sort_key(d: AttendanceDTO):
    return (not d.expected, _ROLE_ORDER.get(d.role, 99), alphabetical(d.name), d.id)


def register_in(session: Session, meeting_id: int | None = None, include_archived: bool = False) -> list[AttendanceDTO]:
    """A meeting's register (or every register) inside the caller's unit of work."""
    q = _register_query()
    q = equal_where_given(q, (Attendance.meeting_id, meeting_id))
    q = unarchived(q, Attendance, include_archived)
    rows = with_agreements(session, [_dto(r) for r in session.execute(q.execution_options(yield_per=CHUNK))])
    rows = with_deputies_from(session, rows)
    return sorted(rows, key=lambda d: (d.meeting_id, *_sort_key(d)))


def list_attendance(db: Database, meeting_id: int | None = None, include_archived: bool = False) -> list[AttendanceDTO]:
    """A meeting's register (or every register, for the workbook): members by role, then guests."""
    return read(db, register_in, meeting_id, include_archived)


def register_as_minuted(db: Database, meeting_id: int, people: Iterable[int | None] = (),
                        organisations: Iterable[int | None] = ()) -> tuple[list[AttendanceDTO], NamesThen]:
    """A meeting's register as its minutes record it, and the names they give the `people` and
    `organisations` they name besides (the chair, the minute-taker, the owners of decisions and
    actions): once approved, each name as it was on the meeting's day
    (`attendance_as_it_stood.names_as_it_stood`); before, as it is now."""
    with db.unit_of_work() as session:
        meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
        return names_as_it_stood(session, meeting, register_in(session, meeting_id), people, organisations)


def prefill_attendance(db: Database, meeting_id: int, reason: str | None = None) -> RegisterFilled:
    """Add the group's members on the meeting date who are not on the register yet, marked
    absent until the minute-taker marks them, and take off those expected who are not members
    on that date (the meeting moved, or their seat ended, since the register was filled) where
    nothing was recorded for them. Someone already on the register who held a seat that day
    gets its role and the organisation it represents (`attendance_seats`: the secretariat added
    by hand as a member, a member added as a guest, a seat's organisation corrected since), their
    attendance kept. Returns how many were added, who was taken off, who was given their seat's
    role or organisation, and deputies recorded who no longer count.

    Nothing recorded: the row is as filling the register left it, absent (the register's
    default, which marking someone absent again does not change), never saved since (its
    version), with no deputy and no note. A row an officer marked, or a member added by hand
    as present, stays. Refused for an archived meeting when it would change the register.

    A group archived on or before the meeting date had no seats in force that day
    (`group_current_on`, as the Memberships tab "as on" it): its register is left as it is, no one
    taken off, and the officer told to restore the group to fill it."""
    with db.unit_of_work() as session:
        meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
        group_id, day = meeting.group_id, meeting.starts_at.date()
        group = session.get(Group, group_id)
        gone = None if group_current_on(group.archived_at, day) else (group.name, local_time(group.archived_at).date())
    seated = members_on(db, group_id, day) if gone is None else []
    members = [m for m in seated if m.role is not Role.DEPUTY]
    with db.unit_of_work() as session:
        _register_alone(session, meeting_id)
        meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
        rows = list(session.scalars(select(Attendance).where(
            Attendance.meeting_id == meeting_id, Attendance.archived_at.is_(None), Attendance.person_id.is_not(None),
        )))
        on_the_group = {m.person_id for m in seated}
        not_members = [] if gone else [r for r in rows if r.expected and r.person_id not in on_the_group
                                       and nothing_recorded(r)]
        have = {r.person_id for r in rows if r not in not_members}
        seats = listed_by(members)  # someone with two seats is listed by the first in the order of roles
        corrected, reorganised = corrections([r for r in rows if r not in not_members], seats)
        added = 0
        for m in (seats[m.person_id] for m in members):
            if m.person_id in have:
                continue
            have.add(m.person_id)
            organisation_id = seat_organisation(m.role, m.organisation_id)
            session.add(
                Attendance(
                    meeting_id=meeting_id, person_id=m.person_id, name="", role=m.role.value, expected=True,
                    organisation_id=organisation_id, status=AttendanceStatus.ABSENT.value,
                )
            )
            added += 1
        if added or not_members or corrected or reorganised:
            refuse_if_archived(meeting, "attendance", _CHANGE)
            refuse_if_called_off(meeting, "attendance", "fill its register")
            changes = [f"{added} member{'s' if added != 1 else ''} added to the register"] if added else []
            if not_members:
                changes.append(f"{len(not_members)} taken off it (not members on {day:%d/%m/%Y})")
            if corrected:
                changes.append(f"{len(corrected)} given the role of their seat on {day:%d/%m/%Y}")
            if reorganised:
                changes.append(f"{len(reorganised)} given the organisation of their seat on {day:%d/%m/%Y}")
            guard_approved(session, meeting, reason, field="attendance",
                           old="; ".join(filter(None, (  # who was taken off, and the role or organisation each had
                               changes_text(session, "attendance", {r.id: r.role for r in not_members}, "role"),
                               changes_text(session, "attendance", {r.id: r.role for r, _m in corrected}, "role"),
                               changes_text(session, "attendance", {r.id: r.organisation_id for r, _m in reorganised},
                                            "organisation_id")))),
                           new="; ".join(changes))
        for r in not_members:
            r.archived_at = utcnow()
        for r, m in corrected + reorganised:
            follow_seat(r, m.role, seat_organisation(m.role, m.organisation_id))
        named = not_members + [r for r, _m in corrected + reorganised]
        names = dict(session.execute(select(Person.id, Person.name).where(
            Person.id.in_([r.person_id for r in named]))).all()) if named else {}
        taken_off = sorted(not_members, key=lambda r: (_ROLE_ORDER.get(r.role, 99), alphabetical(names[r.person_id]), r.id))
        fixed = sorted((r for r, _m in corrected), key=lambda r: (_ROLE_ORDER.get(r.role, 99),
                                                                  alphabetical(names[r.person_id]), r.id))
        return RegisterFilled(day, added, tuple(names[r.person_id] for r in taken_off),
                              tuple(f"{names[r.person_id]} ({Role(r.role).label})" for r in fixed),
                              tuple(f"{m} no longer counts: {why}" for m, why in deputies_not_counting(session, meeting)),
                              no_members=not members, group_archived=gone,
                              reorganised=tuple(f"{names[r.person_id]} ({represented(m)})" for r, m in sorted(
                                  reorganised, key=lambda rm: (alphabetical(names[rm[0].person_id]), rm[0].id))))


_CHANGE = "change its register"  # what an archived meeting's register is refused


def _register_alone(session: Session, meeting_id: int) -> None:
    """Decide who is on the meeting's register one program at a time: two officers filling it
    at the same moment would each add every member."""
    engines.decide_alone(session, f"meeting {meeting_id} register")


def check_attendance_status(status, expected: bool, deputy_person_id: int | None, deputy_name: str, c: Checker):
    try:
        value = AttendanceStatus(status)
    except ValueError:
        c.add("status", "Choose present, apologies, absent, deputy attended or guest")
        return None
    if value is AttendanceStatus.GUEST and expected:
        c.add("status", "Members are present, send apologies, are absent or send a deputy; 'guest' is for visitors")
    if value is AttendanceStatus.DEPUTY:
        if not expected:
            c.add("status", "Only a member can send a deputy")
        elif deputy_person_id is None and not clean_text(deputy_name):
            c.add("deputy", "Say who deputised")
    return value


def set_attendance(
    db: Database,
    attendance_ids: Sequence[int],
    status: AttendanceStatus | str,
    *,
    deputy_person_id: int | None = None,
    deputy_name: str = "",
    reason: str | None = None,
    versions: Mapping[int, int] | None = None,
) -> list[AttendanceDTO]:
    """Mark one or more rows of a register (all in one transaction); with `versions` (each row's
    version as the officer read it), refused if someone else saved one since (`_as_read`)."""
    ids = list(dict.fromkeys(attendance_ids))
    if not ids:
        raise ValidationError({"attendance": "Choose at least one person on the register"})
    with db.unit_of_work() as session:
        rows = list(session.scalars(select(Attendance).where(Attendance.id.in_(ids))))
        if len(rows) != len(ids):
            raise ValidationError({"attendance": "Someone on that list is no longer on the register; reload it"})
        if len({r.meeting_id for r in rows}) != 1:
            raise ValidationError({"attendance": "Mark one meeting's register at a time"})
        meeting = session.get(Meeting, rows[0].meeting_id)
        _as_read(session, meeting, rows, versions or {})
        c = Checker()
        if deputy_person_id is not None:  # an archived deputy only where already recorded, or who sat on the group that day
            deputy = session.get(Person, deputy_person_id)
            kept = deputy_person_id if all(r.deputy_person_id == deputy_person_id for r in rows) or (
                deputy is not None and held_seat_on(session, deputy, meeting.group_id, meeting.starts_at.date())) else None
            chosen(c, session, Person, "deputy", deputy_person_id, "", "deputy from the list of people",
                   archived=ARCHIVED_DEPUTY, kept=kept)
        values = [check_attendance_status(status, r.expected, deputy_person_id, deputy_name, c) for r in rows]
        own = [r for r in rows if deputy_person_id is not None and r.person_id == deputy_person_id]
        if values and values[0] is AttendanceStatus.DEPUTY and own:
            c.add("deputy", "A member cannot be their own deputy: mark them present instead")
        elif values and values[0] is AttendanceStatus.DEPUTY and deputy_person_id is not None and "deputy" not in c.errors:
            if problem := deputy_problem(session, meeting, deputy_person_id, rows):
                c.add("deputy", problem)
        if values and values[0] is AttendanceStatus.DEPUTY and deputy_person_id is None:
            # a name on one line, as printed in the minutes, and never cut short without a word
            c.optional_line("deputy_name", deputy_name, "The deputy's name", 200)
        c.raise_if_any()
        value = values[0]
        names = one_line(deputy_name)
        changed = []
        for r in rows:
            new_deputy = deputy_person_id if value is AttendanceStatus.DEPUTY else None
            new_name = names if value is AttendanceStatus.DEPUTY and deputy_person_id is None else ""
            if (r.status, r.deputy_person_id, r.deputy_name) != (value.value, new_deputy, new_name):
                changed.append((r, new_deputy, new_name))
        if changed:
            refuse_if_archived(meeting, "attendance", _CHANGE)
            refuse_if_called_off(meeting, "attendance", _CHANGE)
            guard_approved(
                session, meeting, reason, field="attendance",
                old=changes_text(session, "attendance", {r.id: r.status for r, _, _ in changed}, "status"),
                new=changes_text(session, "attendance", {r.id: value.value for r, _, _ in changed}, "status"),
            )
        for r, new_deputy, new_name in changed:
            r.status = value.value
            r.deputy_person_id = new_deputy
            r.deputy_name = new_name
        session.flush()
        return _read_back(session, ids)


def _read_back(session: Session, ids: Sequence[int]) -> list[AttendanceDTO]:  # as saved, agreements judged as the register's
    return with_agreements(session, [_dto(row) for row in session.execute(_register_query().where(Attendance.id.in_(ids)))])


def _as_read(session: Session, meeting: Meeting, rows: Sequence[Attendance], versions: Mapping[int, int]) -> None:
    """Refuse a change to rows read before they were taken off the register (by a colleague, or as
    the seat stopped covering the day), naming them and why, or saved by someone else since the
    `versions` read (RecordChanged naming the row's person)."""
    day, said = meeting.starts_at.date(), []
    for r in rows:
        person = session.get(Person, r.person_id) if r.person_id is not None else None
        if r.archived_at is None:
            try:  # another officer's marks are never put back unseen
                check_version(session, r, versions.get(r.id))
            except RecordChanged as refusal:
                refusal.what, refusal.label = "register entry", person.name if person else r.name
                refusal.args = (refusal.sentence(),)
                raise
        elif person is not None and r.expected and not held_seat_on(session, person, meeting.group_id, day):
            said.append(f"{person.name} held no seat on the group on {day:%d/%m/%Y}, so is no longer on the register of this meeting as a member")
        else:
            said.append(f"{person.name if person else r.name} has been taken off the register of this meeting")
    if said:
        raise ValidationError({"attendance": f"{'; '.join(said)}. Nothing was changed: reload the register (someone who came without a seat can be added as a guest)"})


def set_attendance_notes(db: Database, attendance_id: int, notes: str, *, version: int | None = None,
                         reason: str | None = None) -> AttendanceDTO:
    """Write the note of one row of a register (arrived late, left early), printed beside the
    name in the minutes; with `version` (as the officer read it), as `set_attendance`."""
    c = Checker()
    text = c.optional_line("notes", notes, "Notes", 500)  # one line, printed beside the name in the minutes
    c.raise_if_any()
    with db.unit_of_work() as session:
        meeting = session.get(Meeting, (row := get_or_raise(session, Attendance, attendance_id, "register entry")).meeting_id)
        _as_read(session, meeting, [row], {row.id: version} if version is not None else {})
        if row.notes != text:
            refuse_if_archived(meeting, "attendance", _CHANGE)
            refuse_if_called_off(meeting, "attendance", _CHANGE)
            guard_approved(session, meeting, reason, field="attendance", old=changes_text(session, "attendance", {row.id: row.notes}, "notes"),
                           new=changes_text(session, "attendance", {row.id: text}, "notes"))
            row.notes = text
            session.flush()
        return _read_back(session, [row.id])[0]


def add_attendee(db: Database, meeting_id: int, fields: AttendeeFields, reason: str | None = None) -> AttendanceDTO:
    """Add someone to the register by hand: a guest, or a member the membership list missed.
    Someone who held a seat on the group that day is listed by it, whatever `expected` and
    `organisation_id` say: its role and organisation, expected (present, if added as a guest)."""
    c = Checker()
    # a guest's name and a note on one line, as printed in the minutes: "Jo Bloggs" and the job
    # title pasted under it from an email signature are one line there
    name = c.optional_line("name", fields.name, "Name", 200)
    notes = c.optional_line("notes", fields.notes, "Notes", 500)
    with db.unit_of_work() as session:
        _register_alone(session, meeting_id)
        meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
        refuse_if_archived(meeting, "attendance", _CHANGE)
        refuse_if_called_off(meeting, "attendance", _CHANGE)
        if fields.person_id is None and not name:
            c.add("name", "Choose a person from the list or type the guest's name")
        person = session.get(Person, fields.person_id) if fields.person_id is not None else None
        if fields.person_id is not None and person is None:
            c.add("name", "Choose the person from the list")
        if fields.organisation_id is not None and session.get(Organisation, fields.organisation_id) is None:
            c.add("organisation_id", "Choose the organisation from the list")
        day = meeting.starts_at.date()
        if person is not None and person.archived_at is not None and not held_seat_on(session, person, meeting.group_id, day):
            c.add("name", ARCHIVED_ATTENDEE.format(name=person.name, day=day))
        if person is not None:
            clash = session.scalar(
                select(Attendance.id).where(
                    Attendance.meeting_id == meeting_id, Attendance.person_id == person.id,
                    Attendance.archived_at.is_(None),
                )
            )
            if clash:
                c.add("name", f"{person.name} is already on the register")
        elif name and (there := _named_on_register(session, meeting_id, name)):
            # the same guest added twice (in two windows, or Save pressed again): listed twice in the minutes
            c.add("name", f"{there} is already on the register")
        seat = seat_of(session, person, meeting) if person is not None else None
        if person is not None and seat is None and (deputised := session.scalar(select(Attendance).where(
                Attendance.meeting_id == meeting_id, Attendance.deputy_person_id == person.id,
                Attendance.status == AttendanceStatus.DEPUTY.value, Attendance.archived_at.is_(None)))):
            # as a guest too, they would be a place that never counts deputising for a member
            member = session.get(Person, deputised.person_id) if deputised.person_id is not None else None
            c.add("name", f"{person.name} is recorded as deputising for {member.name if member else deputised.name} "
                  "at this meeting, so is not added again as a guest")
        asked = fields.status
        if seat is not None and asked == AttendanceStatus.GUEST.value:
            asked = AttendanceStatus.PRESENT  # a member who came
        status = check_attendance_status(asked, fields.expected or seat is not None, None, "x", c)
        c.raise_if_any()
        org_id = fields.organisation_id if fields.organisation_id is not None else (person.organisation_id if person else None)
        row = Attendance(
            meeting_id=meeting_id, person_id=fields.person_id, name="" if person else name,
            organisation_id=org_id, role=Role.MEMBER.value if fields.expected else GUEST_ROLE,
            expected=bool(fields.expected), status=status.value, notes=notes,
        )
        if seat is not None:
            follow_seat(row, Role(seat.role), seat_organisation(Role(seat.role), seat.organisation_id))
        guard_approved(session, meeting, reason, field="attendance", new=f"added {person.name if person else name}")
        session.add(row)
        session.flush()
        return _read_back(session, [row.id])[0]


def _named_on_register(session: Session, meeting_id: int, name: str) -> str | None:
    """The name, as the register has it, of someone on the meeting's register called `name`
    (`name_key`: case, accents and spacing aside), a guest typed in or a person on record; else None."""
    rows = session.execute(select(Attendance.name, Person.name).outerjoin(Person, Person.id == Attendance.person_id).where(
        Attendance.meeting_id == meeting_id, Attendance.archived_at.is_(None)))
    key = name_key(name)
    return next((typed or held for typed, held in rows if key and name_key(typed or held or "") == key), None)


def remove_attendee(db: Database, attendance_id: int, reason: str | None = None) -> None:
    """Take a row off the register (archived: the history keeps it)."""
    remove_attendees(db, [attendance_id], reason)


def remove_attendees(db: Database, attendance_ids: Sequence[int], reason: str | None = None) -> None:
    """Take these rows off the register together, all or none (archived: the history keeps
    them); minutes approved meanwhile ask for the amendment's reason."""
    with db.unit_of_work() as session:
        for attendance_id in attendance_ids:
            row = get_or_raise(session, Attendance, attendance_id, "register entry")
            if row.archived_at is None:
                meeting = session.get(Meeting, row.meeting_id)
                refuse_if_archived(meeting, "attendance", _CHANGE)
                guard_approved(session, meeting, reason, field="attendance", old=changes_text(session, "attendance", {row.id: row.status}, "status"),
                               new="(removed)")
                row.archived_at = utcnow()


# ---------------------------------------------------------------- quorum


def get_quorum(db: Database, group_id: int) -> int | None:
    with db.unit_of_work() as session:
        return get_or_raise(session, Group, group_id, "group").quorum


def get_quorum_rule(db: Database, group_id: int) -> QuorumRule:
    with db.unit_of_work() as session:
        return QuorumRule(get_or_raise(session, Group, group_id, "group").quorum_rule or QuorumRule.HEAD_COUNT)


def set_quorum(db: Database, group_id: int, quorum: int | None, rule: QuorumRule | str | None = None) -> None:
    """How many members (in person or by deputy) a group needs, None or 0 for no number; and
    optionally the rule: a head count, or each of the three safeguarding partners represented."""
    if quorum is not None and not (0 <= quorum <= 500):
        raise ValidationError({"quorum": "The quorum must be a whole number from 0 to 500"})
    try:
        rule = QuorumRule(rule) if rule else None
    except ValueError:
        raise ValidationError({"quorum_rule": "Choose a head count or each safeguarding partner represented"}) from None
    with db.unit_of_work() as session:
        group = get_or_raise(session, Group, group_id, "group")
        value = quorum or None
        if group.quorum != value:
            group.quorum = value
        if rule is not None and group.quorum_rule != rule.value:
            group.quorum_rule = rule.value


def quorum_state_in(session: Session, meeting_id: int) -> QuorumState:
    """Members in the room (in person or by deputy) against the group's rule; the secretariat,
    advisers and guests never count."""
    meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
    group = session.get(Group, meeting.group_id)
    rows = session.execute(
        select(Attendance.role, Attendance.expected, Attendance.organisation_id, Attendance.status,
               Attendance.person_id, Attendance.name, Attendance.deputy_person_id, Attendance.deputy_name).where(
            Attendance.meeting_id == meeting_id, Attendance.archived_at.is_(None),
            Attendance.status.in_([AttendanceStatus.PRESENT.value, AttendanceStatus.DEPUTY.value]),
        )
    ).all()
    counted = [r for r in rows if role_counts(r.role, r.expected)]
    # members in the room are people: one who sits in two seats (present and deputising, or
    # deputising for two members) is counted once, as is a deputy typed by the name of one
    there = [who_is_there(r) for r in counted]
    ids = {who for kind, who in there if kind == "person"}
    named = {name_key(name): pid for pid, name in session.execute(
        select(Person.id, Person.name).where(Person.id.in_(ids)).order_by(Person.id))} if ids else {}
    in_room = {("person", named[who]) if kind == "name" and who in named else (kind, who) for kind, who in there}
    quorum, rule = group.quorum, QuorumRule(group.quorum_rule or QuorumRule.HEAD_COUNT)
    if meeting.minutes_status == MinutesStatus.APPROVED.value and meeting.approved_quorum_rule:
        quorum, rule = meeting.approved_quorum, QuorumRule(meeting.approved_quorum_rule)  # as when approved
    partners = []
    if rule is QuorumRule.STATUTORY_PARTNERS:  # the organisations of the people in the room, each
        kinds = partner_kinds(session, stood_on(meeting))  # for approved minutes, as on the meeting's day
        partners = [kinds.get(o) for o in organisations_in_room(session, meeting, counted)]
    verdict = quorum_verdict(rule, quorum, len(in_room), [p for p in partners if p])
    return QuorumState(quorum, len(in_room), verdict.met, verdict.sentence, rule)


def quorum_needed_sentence(rule: QuorumRule | str | None, quorum: int | None) -> str:
    """What quorum needs, for a meeting that has not taken place yet: said before the day, not
    whether it is met (`quorum_state_in` judges that once the register is marked)."""
    rule = QuorumRule(rule) if rule else QuorumRule.HEAD_COUNT
    if rule is QuorumRule.STATUTORY_PARTNERS:
        return ("Quorum: the local authority, the Integrated Care Board and the police each represented; "
                "marked on the day.")
    if not quorum:
        return "No quorum rule for this group."
    return f"Quorum: {quorum} {'member' if quorum == 1 else 'members'} (in person or by deputy); marked on the day."


def quorum_state(db: Database, meeting_id: int) -> QuorumState:
    with db.unit_of_work() as session:
        return quorum_state_in(session, meeting_id)
