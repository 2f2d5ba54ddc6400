"""A member moving to another organisation (or role) and keeping their seat on a group: the seat
is split at the date of the move, in one transaction. The seat held until then ends the day
before; a new seat, for the same person on the same group with its other fields carried over,
starts on the date. Attendance already recorded stays as it is: the registers of meetings up to
the move were held by the old seat, and those from the date by the new one, so no register
loses anyone, and each keeps the organisation it recorded (a register not yet approved takes the
new seat's organisation when it is filled again: `attendance.fill_register`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Membership, Person
from bscp_desktop.domain.memberships import Role
from bscp_desktop.domain.validation import Checker, ValidationError
from bscp_desktop.services.common import CommandFields, assign, get_to_change, refused_under
from bscp_desktop.services.memberships.dtos import MembershipDTO, MembershipFields
from bscp_desktop.services.memberships.memberships import check_membership, deputising_uncounted, membership_dto, memberships_query, seat_as_it_is, seats_left_problem

#: The move form's fields, as the checks of a seat name theirs: a seat's dates are the date of
#: the move, who it stands in for goes with its role, and the rest is the membership itself.
_PLACES = {"start_date": "moved_on", "end_date": "moved_on", "deputy_for_id": "role",
           "person_id": "membership", "group_id": "membership", "notes": "membership"}


@dataclass(frozen=True)
class SeatMoveFields(CommandFields):
    """What moving a seat takes: the first day of the new seat, the organisation it represents
    from then (None: none, as a lay member's) and its role."""

    moved_on: date | None
    organisation_id: int | None
    role: Role | str


def move_problems(start: date, end: date | None, organisation_id: int | None, role: Role,
                  moved_on: date | None, new_organisation_id: int | None, new_role: Role | None) -> dict[str, str]:
    """Why a seat from `start` to `end` (None: no end), representing `organisation_id` as `role`,
    cannot move from `moved_on` to `new_organisation_id` as `new_role`, as {field: sentence};
    empty when it can, as far as the seat itself tells. The form checks with it as it is filled,
    and the service again before it reads anything else."""
    c = Checker()
    if moved_on is None:
        c.add("moved_on", "Date of the move is required")
    elif moved_on <= start:
        c.add("moved_on", f"The date of the move must be after {start:%d/%m/%Y}, when the seat starts: to correct "
                          "the organisation the seat has represented from its start, edit the membership instead")
    elif end is not None and moved_on > end:
        c.add("moved_on", f"The date of the move must be on or before {end:%d/%m/%Y}, when the seat ends")
    if new_role is None:
        c.add("role", "Choose a role from the list")
    elif new_role is Role.DEPUTY and role is not Role.DEPUTY:
        c.add("role", "A deputy's seat names the member it stands in for: end this membership and add a deputy's "
                      "membership instead")
    elif new_role is role and new_organisation_id == organisation_id:
        c.add("organisation_id", "The seat already represents this organisation in this role: choose the "
                                 "organisation they represent from the date of the move, or another role")
    return c.errors


@contextmanager
def _placed(places: Mapping[str, str]) -> Iterator[None]:
    """A refusal of the seats' own checks given under the move form's fields (`places`)."""
    try:
        yield
    except ValidationError as exc:
        moved: dict[str, str] = {}
        for name, message in exc.errors.items():
            place = places.get(name, name)
            moved[place] = f"{moved[place]}. {message}" if place in moved else message
        raise ValidationError(moved) from exc


def _role(value: Role | str) -> Role | None:
    try:
        return Role(value)
    except ValueError:
        return None


def move_membership(db: Database, membership_id: int, fields: SeatMoveFields,
                    version: int | None = None) -> MembershipDTO:
    """Move a seat to another organisation and/or role from `fields.moved_on`, in one
    transaction: the seat ends the day before, and a new seat for the same person on the same
    group (its end date, who it stands in for and its notes carried over) starts on the date.
    Each is checked as saving it alone would be, except that the registers of the seat's days
    are judged with both in place: the person holds a seat on each of those days, so attendance
    already recorded is kept. Refused (naming the field) for an archived seat or person, a date
    not after the seat's start or past its end, an archived organisation, a change of nothing,
    or what ending the seat would leave uncovered (a deputy's seat, a register recording them as
    a member's deputy while the new role never counts). Returns the new seat."""
    with db.unit_of_work() as session:
        seat = get_to_change(session, Membership, membership_id, "membership", version)
        person = session.get(Person, seat.person_id)
        if seat.archived_at is not None:
            raise ValidationError({"membership": "This membership is archived: restore it before moving it"})
        if person is not None and person.archived_at is not None:
            raise ValidationError({"membership": f"{person.name} is archived: restore them on the People page "
                                                 "before moving their seat"})
        role = _role(fields.role)
        if problems := move_problems(seat.start_date, seat.end_date, seat.organisation_id, Role(seat.role),
                                     fields.moved_on, fields.organisation_id, role):
            raise ValidationError(problems)
        before = seat_as_it_is(seat)
        ends = fields.moved_on - timedelta(days=1)
        with _placed(_PLACES):
            assign(seat, check_membership(session, MembershipFields(
                seat.person_id, seat.group_id, seat.role, seat.start_date, ends, seat.organisation_id,
                seat.deputy_for_id, seat.notes), seat.id))
            session.flush()  # ended: the new seat is judged beside it, not over it
            new = Membership(**check_membership(session, MembershipFields(
                seat.person_id, seat.group_id, role, fields.moved_on, before["end_date"], fields.organisation_id,
                seat.deputy_for_id if role is Role.DEPUTY else None, seat.notes), None))
            session.add(new)
            session.flush()
        field = "role" if role is not Role(before["role"]) else "moved_on"
        with refused_under(field):
            if problem := seats_left_problem(session, [before]) or deputising_uncounted(session, seat_as_it_is(new)):
                raise ValidationError({field: problem})
            session.flush()  # a register this takes someone off, read-only offline, is refused here
        return membership_dto(session.execute(memberships_query().where(Membership.id == new.id)).one())
