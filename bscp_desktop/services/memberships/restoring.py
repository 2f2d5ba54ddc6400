"""Archiving a seat and bringing an archived one back: each only where a save would let the
seat stand as it then would (`memberships.archive_membership`, `restore_membership`)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bscp_desktop.db.base import utcnow
from bscp_desktop.db.models import Group, Membership, Organisation, Person
from bscp_desktop.domain.memberships import Role, Term
from bscp_desktop.domain.validation import Checker, ValidationError
from bscp_desktop.services.common import ARCHIVED_ORGANISATION, chosen
from bscp_desktop.services.memberships.memberships import (
    _ARCHIVED_GROUP,
    _ARCHIVED_PERSON,
    _deputy_seat_problem,
    _overlap_problem,
    _registers_left,
    deputising_uncounted,
    seat_as_it_is,
    uncovered_deputies,
)


def restorable_seat(session: Session, seat: Membership) -> None:
    """An archived seat comes back only where a save would let it: for a current person on a
    current group, representing a current organisation or none (as a new seat), not over a live
    seat of the same role for the same person and group, and a deputy's seat only while it still
    stands in for a member's seat."""
    c = Checker()
    person = chosen(c, session, Person, "person_id", seat.person_id, "", "person", archived=_ARCHIVED_PERSON)
    group = chosen(c, session, Group, "group_id", seat.group_id, "", "group", archived=_ARCHIVED_GROUP)
    if seat.organisation_id is not None:
        chosen(c, session, Organisation, "organisation_id", seat.organisation_id, "", "organisation",
               archived=ARCHIVED_ORGANISATION)
    c.raise_if_any()
    term = Term(seat.start_date, seat.end_date)
    if problem := _overlap_problem(session, person, group, Role(seat.role), term, seat.id, seat.deputy_for_id):
        raise ValidationError({"membership": f"{problem}. End or archive that seat, or edit this one's dates, "
                                             "then restore this one"})
    deputised = session.get(Person, seat.deputy_for_id) if seat.deputy_for_id is not None else None
    if deputised is not None and (problem := _deputy_seat_problem(session, deputised, group, term)):
        raise ValidationError({"membership": f"{problem[1]}. Edit this seat's dates or who it stands in for, then "
                                             "restore it"})
    seat.archived_at = None  # as it would stand (set again as it is restored)
    session.flush()
    if problem := deputising_uncounted(session, seat_as_it_is(seat)):
        raise ValidationError({"membership": problem})


def archivable_seat(session: Session, seat: Membership) -> None:
    """A seat is archived only where ending it would be allowed: its deputies still covered, and
    no register recording its member at a meeting it alone seated them for (`_registers_left`)."""
    if problem := uncovered_deputies(session, seat.person_id, seat.group_id, leaving=seat.id):
        raise ValidationError({"membership": problem})
    before = seat_as_it_is(seat)
    seat.archived_at = utcnow()  # as it would stand (set again as it is archived)
    session.flush()
    if problem := _registers_left(session, before) or deputising_uncounted(session, before):
        raise ValidationError({"membership": problem})
