"""A register row follows its person's seat on the group that day: its role and the organisation
the seat represents, expected. Adding someone who held a seat lists them by it
(`attendance.add_attendee`), and filling the register (`attendance.prefill_attendance`) gives a
row already there its seat's role and organisation when either differs, as after the seat was
recorded or corrected on the Memberships tab (`corrections`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy.orm import Session

from bscp_desktop.db.models import Membership, Person
from bscp_desktop.db.models.meetings import Attendance, Meeting
from bscp_desktop.domain.meetings import AttendanceStatus
from bscp_desktop.domain.memberships import Role
from bscp_desktop.services.memberships import MembershipDTO
from bscp_desktop.services.memberships.memberships import seats_held_on

#: How a lay member's seat, or one saved "(not representing an organisation)", is named.
NO_ORGANISATION = "not representing an organisation"

_ROLE_ORDER = {role: n for n, role in enumerate(Role)}


def seat_organisation(role: Role, seat_organisation_id: int | None) -> int | None:
    """The organisation a register row of a seat stands for: the one the seat represents. A
    seat saved "(not representing an organisation)", and a lay member's, stands for none,
    whatever the person's own organisation (the membership dialog offers the person's own
    organisation for a new seat, so a blank one was chosen)."""
    return seat_organisation_id if role.has_organisation else None


def organisations_sat_for(session: Session, person: Person, meeting: Meeting, *, in_own_right: bool = False) -> list[int]:
    """The organisations `person`'s seats on the meeting's group that day represent
    (`seat_organisation`: a lay member's seat, or one saved "(not representing an organisation)",
    represents none), each once, in the order of roles. `in_own_right`: only the seats by which
    someone in the room counts for an organisation themselves, not the secretariat's or an
    adviser's (they never count toward quorum) nor a deputy's (it stands in for its member only
    when the register records the deputy for them)."""
    seats = seats_held_on(session, person, meeting.group_id, meeting.starts_at.date())
    roles = ((Role(m.role), m) for m in seats)
    return list(dict.fromkeys(
        organisation for role, m in roles
        if (organisation := seat_organisation(role, m.organisation_id)) is not None
        and not (in_own_right and (not role.counts_for_attendance or role is Role.DEPUTY))))


def seat_of(session: Session, person: Person, meeting: Meeting) -> Membership | None:
    """The seat `person` held on the meeting's group that day which the register lists them by
    (as filling it would, `listed_by`): their first in the order of roles, never a deputy's (a
    deputy is recorded as deputising for a member); None when they held none."""
    seats = seats_held_on(session, person, meeting.group_id, meeting.starts_at.date())
    return next((m for m in seats if Role(m.role) is not Role.DEPUTY), None)


def listed_by(members: Iterable[MembershipDTO]) -> dict[int, MembershipDTO]:
    """{person id: the seat the register lists them by} among a group's seats held on a day
    (deputies' left out): the first in the order of roles, then of start dates, as `seat_of`
    (and `memberships.seats_held_on`) choose, so filling the register and adding someone by hand
    agree on someone who holds two seats."""
    chosen: dict[int, MembershipDTO] = {}
    for m in sorted(members, key=lambda m: (_ROLE_ORDER[m.role], m.start_date, m.id)):
        if m.role is not Role.DEPUTY:
            chosen.setdefault(m.person_id, m)
    return chosen


def follow_seat(row: Attendance, role: Role, organisation_id: int | None) -> None:
    """Make a register row that of a seat: its role and organisation, expected; one who came as
    a guest is present. Any other mark (present, apologies, absent, a deputy) is kept."""
    row.role, row.expected, row.organisation_id = role.value, True, organisation_id
    if row.status == AttendanceStatus.GUEST.value:
        row.status = AttendanceStatus.PRESENT.value


def corrections(rows: Sequence[Attendance], seats: dict[int, MembershipDTO]) -> tuple[list, list]:
    """The rows of people holding a seat (`listed_by`) that do not follow it, as (row, seat):
    those whose role (or being expected) differs, and those whose role is the seat's but whose
    organisation is not the one the seat represents (`seat_organisation`)."""
    by_role, by_organisation = [], []
    for r in rows:
        if (m := seats.get(r.person_id)) is None:
            continue
        if (r.role, r.expected) != (m.role.value, True):
            by_role.append((r, m))
        elif r.organisation_id != seat_organisation(m.role, m.organisation_id):
            by_organisation.append((r, m))
    return by_role, by_organisation


def represented(seat: MembershipDTO) -> str:
    """The organisation a seat's register row stands for, by name, as the register is told."""
    return seat.organisation_name if seat_organisation(seat.role, seat.organisation_id) is not None \
        and seat.organisation_name else NO_ORGANISATION
