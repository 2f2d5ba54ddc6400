"""Bookings: capacity and the waiting list, cancellations (late or not), registers, the
follow-up of no-shows, and charges waived with a reason.

A new booking is waitlisted when the session is full, or when delegates are already waiting
(the free place is offered first to the delegate whose turn it is); so is a booking restored. It
takes its turn on the list by the date it was booked, then as entered (`waiting_list`: a
booking backdated before those waiting goes ahead of them, and the result says where). When a
booking that held a place is cancelled (or the delegate a free place was offered to leaves the
waiting list without it), the command returns a `WaitlistOffer` naming the first delegate
waiting; the team confirms it with `offer_place` (which may give it to another delegate
waiting, out of turn: the booking's notes then say so). No place is offered or given on an
archived session, on a session of an archived course, or once the session has started (a place on a session that has
run is no one's to take), and no booking is restored on an archived session or course.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.engines import decide_alone
from bscp_desktop.db.models import Organisation
from bscp_desktop.db.models.training import TrainingBooking, TrainingCourse, TrainingEvaluation, TrainingSession
from bscp_desktop.domain.dates import format_date, format_date_long
from bscp_desktop.domain.text import alphabetical, counted
from bscp_desktop.domain.training import ChargeKind, Outcome, WaitingDelegate, charge_kind, gave_up_a_place, outcome_for_new_booking, session_label
from bscp_desktop.domain.validation import Checker, ValidationError
from bscp_desktop.services.common import ArchivedAt, Versioned, assign, equal_where_given, get_or_raise, on_days, only_ids, read_back, read_one, set_archived_in
from bscp_desktop.services.training.booking_checks import (  # noqa: F401 - the fields and their checks, re-exported
    NOTES_LONGEST,
    BookingFields,
    check_booking_fields,
    checked_booking,
    checked_register,
    closed_problem,
    moved_session_problem,
    same_delegate_problem,
)
from bscp_desktop.services.training.called_off import called_off_on, called_off_sessions
from bscp_desktop.services.training.evaluations import evaluations_in, keep_evaluated
from bscp_desktop.services.training.sessions import places_held_in, sessions_in
from bscp_desktop.services.training.settings import NOT_GIVEN, NOT_MATCHED, late, sector_label
from bscp_desktop.services.training.waiting_list import BookingResult, WaitingTurn, WaitlistOffer, ahead_of, named, turn_in, turn_key, waiting_in  # noqa: F401 - the results, re-exported


@dataclass(frozen=True)
class BookingDTO(ArchivedAt, Versioned):
    id: int
    session_id: int
    course_id: int
    course_title: str
    topic: str
    starts_at: datetime
    delegate_name: str
    email: str
    job_title: str
    organisation_name: str  # as given
    organisation_id: int | None
    organisation: str  # the matched organisation's name, or what was given
    sector: str
    person_id: int | None
    booked_on: date
    outcome: Outcome
    cancelled_on: date | None
    late_cancellation: bool
    non_attendance_reason: str
    followed_up_on: date | None
    charge_waived: bool
    waiver_reason: str
    notes: str
    gave_up_place: bool = True  # False: a cancellation of a delegate who was on the waiting list
    session_called_off: bool = False  # its session was called off by the partnership: never charged

    @property
    def name(self) -> str:
        return f"{self.delegate_name}'s booking on {self.session_name}"

    @property
    def session_name(self) -> str:
        return session_label(self.course_title, self.starts_at)

    @property
    def outcome_text(self) -> str:
        if self.outcome is Outcome.CANCELLED:
            when = f" on {format_date(self.cancelled_on)}" if self.cancelled_on else ""
            uncharged = " (not charged: the session was called off)" if self.late_cancellation and self.session_called_off else ""
            return f"Cancelled{' late' if self.late_cancellation else ''}{when}{uncharged}"
        return self.outcome.label

    @property
    def charge(self) -> ChargeKind | None:
        return charge_kind(self.outcome, self.late_cancellation, self.session_called_off)

    def to_fields(self) -> BookingFields:
        return BookingFields(
            self.session_id, self.delegate_name, self.email, self.job_title, self.organisation_name,
            self.organisation_id, self.person_id, self.booked_on, self.outcome, self.cancelled_on,
            self.non_attendance_reason, self.followed_up_on, self.notes,
        )


# ---------------------------------------------------------------- queries


_BOOKING_COLUMNS = (
    "id", "session_id", "delegate_name", "email", "job_title", "organisation_name", "organisation_id", "person_id",
    "booked_on", "outcome", "cancelled_on", "late_cancellation", "non_attendance_reason", "followed_up_on",
    "charge_waived", "waiver_reason", "notes", "gave_up_place", "archived_at", "version",
)


def bookings_in(
    session: Session,
    ids: Sequence[int] | None = None,
    *,
    session_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
    include_archived: bool = False,
    organisation_id: int | None = None,
    chargeable: bool = False,
) -> list[BookingDTO]:
    """Bookings as DTOs, read as plain columns (thousands of rows in a few tens of ms), each
    saying whether its session was called off; `chargeable` reads only no-shows and late
    cancellations of sessions not called off (see `domain.training.charge_kind`)."""
    table = TrainingBooking.__table__
    called_off = called_off_sessions().subquery()
    q = (
        select(
            *(table.c[name] for name in _BOOKING_COLUMNS), TrainingSession.course_id, TrainingSession.starts_at,
            TrainingCourse.title, TrainingCourse.topic, Organisation.name, Organisation.kind, called_off.c.session_id,
        )
        .join(TrainingSession, TrainingSession.id == TrainingBooking.session_id)
        .join(TrainingCourse, TrainingCourse.id == TrainingSession.course_id)
        .outerjoin(Organisation, Organisation.id == TrainingBooking.organisation_id)
        .outerjoin(called_off, called_off.c.session_id == TrainingBooking.session_id)
        .order_by(TrainingSession.starts_at, TrainingBooking.booked_on, TrainingBooking.id)
    )
    q = only_ids(q, TrainingBooking, ids)
    q = equal_where_given(q, (TrainingBooking.session_id, session_id))
    q = q.where(*on_days(TrainingSession.starts_at, start, end))
    q = equal_where_given(q, (TrainingBooking.organisation_id, organisation_id))
    if chargeable:
        q = q.where(or_(TrainingBooking.outcome == Outcome.NO_SHOW.value,
                        and_(TrainingBooking.outcome == Outcome.CANCELLED.value, TrainingBooking.late_cancellation)),
                    called_off.c.session_id.is_(None))
    if not include_archived and ids is None:
        q = q.where(TrainingBooking.archived_at.is_(None), TrainingSession.archived_at.is_(None))
    outcomes = {o.value: o for o in Outcome}
    sectors: dict[str | None, str] = {}
    result = []
    # read in batches: a decade of bookings read in a worker never holds the window up for long
    for row in session.execute(q.execution_options(yield_per=1000)):
        (b_id, sid, name, email, job, given, org_id, person_id, booked_on, outcome, cancelled_on, is_late, reason,
         followed, waived, waiver, notes, gave_up, archived_at, version, course_id, starts_at, title, topic,
         org_name, org_kind, called_off_id) = row
        if org_name:
            if org_kind not in sectors:
                sectors[org_kind] = sector_label(org_kind)
            organisation, sector = org_name, sectors[org_kind]
        else:
            organisation = given or NOT_GIVEN
            sector = NOT_MATCHED if given else NOT_GIVEN
        result.append(BookingDTO(
            b_id, sid, course_id, title, topic, starts_at, name, email, job, given, org_id, organisation, sector,
            person_id, booked_on, outcomes[outcome], cancelled_on, is_late, reason, followed, waived, waiver, notes,
            bool(gave_up), called_off_id is not None, version=version, archived_at=archived_at,
        ))
    return result


def list_bookings(
    db: Database,
    *,
    session_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
    include_archived: bool = False,
) -> list[BookingDTO]:
    with db.unit_of_work() as session:
        return bookings_in(session, session_id=session_id, start=start, end=end, include_archived=include_archived)


def get_booking(db: Database, booking_id: int) -> BookingDTO:
    return read_one(db, TrainingBooking, booking_id, "booking", bookings_in)


def waiting_list(db: Database, session_id: int) -> list[BookingDTO]:
    """The delegates waiting for a place on a session, first to be offered first (`waiting_list.in_turn`)."""
    with db.unit_of_work() as session:
        rows = [b for b in bookings_in(session, session_id=session_id) if b.outcome is Outcome.WAITLISTED]
    return sorted(rows, key=lambda b: turn_key(WaitingDelegate(b.id, b.booked_on, b.delegate_name)))


# ---------------------------------------------------------------- places


def _waiting_on(session: Session, session_id: int, booking_id: int | None) -> int:
    """How many live bookings, other than `booking_id`, wait for a place on the session."""
    return session.scalar(select(func.count()).where(
        TrainingBooking.session_id == session_id, TrainingBooking.outcome == Outcome.WAITLISTED.value,
        TrainingBooking.archived_at.is_(None), TrainingBooking.id != (booking_id or 0))) or 0


def _deciding_places(session: Session, *session_ids: int | None) -> None:
    """Decide the places of these sessions alone until the transaction ends: two officers
    booking the last place at once would each find it free (`engines.decide_alone`); in the
    order of their ids, so two saves moving bookings between two sessions never wait on each other."""
    for session_id in sorted({i for i in session_ids if i is not None}):
        decide_alone(session, f"training session {session_id} places")


def _place_outcome(session: Session, row: TrainingSession, wanted: Outcome | None, current: Outcome | None,
                   booking_id: int | None) -> tuple[Outcome, bool, int]:
    """`place_outcome` for a booking saved in the window, counting what is on record."""
    return place_outcome(wanted, current, row.capacity, lambda: places_held_in(session, row.id),
                         lambda: _waiting_on(session, row.id, booking_id))


def place_outcome(wanted: Outcome | None, current: Outcome | None, capacity: int, held: Callable[[], int],
                  waiting: Callable[[], int]) -> tuple[Outcome, bool, int]:
    """The outcome to store, whether it was waitlisted because the session is full, and how
    many delegates it was waitlisted behind though a place is free; `held()` counts the places
    held on the session and `waiting()` the other delegates waiting for one (asked only when
    needed). The window and the bookings import both decide by it.

    A booking asking for a place (booked) when none is left goes on the waiting list; one
    that already holds a place keeps it. A new booking (or one cancelled and booked again, or
    moved to the session) joins the waiting list while delegates are already on it, taking its
    turn there by the date it was booked (`waiting_list.in_turn`): the free place is offered to
    whoever is first. A delegate already waiting may be given a free place (as `offer_place`
    does). Attended and no-show are facts and are stored.
    """
    if wanted in (Outcome.ATTENDED, Outcome.NO_SHOW, Outcome.CANCELLED, Outcome.WAITLISTED):
        return wanted, False, 0
    if current is not None and current.holds_place:
        return Outcome.BOOKED, False, 0
    outcome = outcome_for_new_booking(capacity, held())
    if outcome is Outcome.WAITLISTED:
        return outcome, True, 0
    ahead = 0 if current is Outcome.WAITLISTED else waiting()
    return (Outcome.WAITLISTED if ahead else Outcome.BOOKED), False, ahead


def offer_for(session: Session, session_id: int, passing_over: int | None = None) -> WaitlistOffer | None:
    """The offer to make if a place is free on the session and someone is waiting: to the first
    on the waiting list, other than `passing_over` (the delegate who has just given up the place)."""
    row = session.get(TrainingSession, session_id)
    if row is None or _started(row) or _closed(session, row) or places_held_in(session, session_id) >= row.capacity:
        return None
    first = next((w for w in waiting_in(session, session_id) if w.booking_id != passing_over), None)
    if first is None:
        return None
    course = session.get(TrainingCourse, row.course_id)
    return WaitlistOffer(session_id, session_label(course.title, row.starts_at), first.booking_id, first.name,
                         first.booked_on)


def _next_in_line(session: Session, booking: TrainingBooking) -> bool:
    """Whether the booking waits on its session and is the delegate its free place is offered to now."""
    if booking.outcome != Outcome.WAITLISTED.value:
        return False
    offer = offer_for(session, booking.session_id)
    return offer is not None and offer.booking_id == booking.id


def _started(row: TrainingSession) -> str:
    """Why no place is given on the session once it has started ('' while it is still to come)."""
    if row.starts_at > datetime.now():
        return ""
    return (f"The session started on {format_date_long(row.starts_at.date())} at {row.starts_at:%H:%M}: a place that "
            "comes free is given only before its session starts")


def _closed(session: Session, row: TrainingSession) -> dict[str, str]:
    """Why no place is given on the session (it or its course archived), by field; {} if none."""
    c = Checker()
    closed_problem(c, session, row)
    return c.errors


def cancellation_notice(db: Database, booking_id: int, cancelled_on: date) -> str:
    """What cancelling the booking on that day would be, for the window to say before it is
    saved: late (and so chargeable), in time, or leaving the waiting list; nothing for a day after
    the session, which is no cancellation."""
    from bscp_desktop.services.training.settings import settings_in

    with db.unit_of_work() as session:
        booking = get_or_raise(session, TrainingBooking, booking_id, "booking")
        row = session.get(TrainingSession, booking.session_id)
        if cancelled_on > row.starts_at.date():
            return ""  # no cancellation: the date is refused beside it ('record it as a no-show')
        if booking.outcome == Outcome.WAITLISTED.value:
            return "On the waiting list: cancelling takes them off it, with no charge (they held no place)."
        if booking.outcome == Outcome.CANCELLED.value and not booking.gave_up_place:
            return "Left the waiting list: no charge, whatever the date (they held no place)."
        days = settings_in(session).late_cancellation_days
        if late(session, cancelled_on, row.starts_at.date()):
            return (f"A late cancellation: within {days} working day{'s' if days != 1 else ''} of the session, so it "
                    "is charged at the late-cancellation rate, if one is set.")
        return f"In time: more than {days} working day{'s' if days != 1 else ''} before the session, no charge."


def waitlist_offer(db: Database, session_id: int) -> WaitlistOffer | None:
    """The offer to make on a session with a place free and someone waiting: its places were
    raised, or a place that came free was not given at the time."""
    with db.unit_of_work() as session:
        return offer_for(session, session_id)


def course_archive_note(db: Database, course_id: int, shown: int = 5) -> str:
    """What archiving a course leaves behind, in words for the officer before they confirm
    ('' when none of its sessions is still to come): its live sessions still to come stay, with
    the places held on them, and no new booking can be made on them while it is archived."""
    now = datetime.now()
    with db.unit_of_work() as session:
        to_come = [s for s in sessions_in(session, include_archived=False, start=now.date(), course_id=course_id)
                   if s.starts_at > now]
    if not to_come:
        return ""

    listed = "; ".join(
        f"{format_date_long(s.day)} ({s.held} of {counted(s.capacity, 'place')} held"
        f"{f', {s.waitlisted} on the waiting list' if s.waitlisted else ''})" for s in to_come[:shown])
    if len(to_come) > shown:
        listed += f"; and {len(to_come) - shown} more"
    if len(to_come) == 1:
        return (f"It has 1 session still to come: {listed}. The session stays on the Sessions list with its bookings, "
                "but no new booking can be made on it while the course is archived: archive it first if it will not run.")
    return (f"It has {counted(len(to_come), 'session')} still to come, with {counted(sum(s.held for s in to_come), 'place')} "
            f"held: {listed}. The sessions stay on the Sessions list with their bookings, but no new booking can be made "
            "on them while the course is archived: archive them first if they will not run.")


# ---------------------------------------------------------------- commands


def _apply(session: Session, booking: TrainingBooking, values: dict, outcome: Outcome, row: TrainingSession) -> None:
    was = Outcome(booking.outcome) if booking.id is not None else None  # None: a new booking, not yet saved
    moved = was is not None and booking.session_id != row.id
    if moved and was is Outcome.CANCELLED:  # its session corrected: it held a place there or not, as before
        gave_up = outcome is not Outcome.CANCELLED or booking.gave_up_place
    else:
        # moved and cancelled at once: a place given up only if one was held (not from the waiting list)
        gave_up = outcome is not Outcome.CANCELLED or (moved and was is not Outcome.WAITLISTED) or gave_up_a_place(
            was, booking.gave_up_place is not False)  # None: a new booking, not yet saved
    if was is Outcome.CANCELLED and outcome is Outcome.CANCELLED and _same_cancellation(session, booking, values, gave_up, row):
        is_late = booking.late_cancellation  # as marked under the notice of its day: an earlier year's charge is kept
    else:
        is_late = outcome is Outcome.CANCELLED and gave_up and late(session, values["cancelled_on"], row.starts_at.date())
    assign(booking, {**values, "outcome": outcome.value, "late_cancellation": is_late, "gave_up_place": gave_up,
                     **waiver_kept(booking, outcome, is_late)})


def _same_cancellation(session: Session, booking: TrainingBooking, values: dict, gave_up: bool,
                       row: TrainingSession) -> bool:
    """Whether a cancellation saved again (a follow-up, a note) is the one on record: the same
    date, place given up and session day. Its lateness then stays as marked: a new notice marks
    again only this financial year's cancellations, and earlier years keep what they were charged."""
    day = session.get(TrainingSession, booking.session_id).starts_at.date()
    return (booking.cancelled_on, booking.gave_up_place, day) == (values["cancelled_on"], gave_up, row.starts_at.date())


def waiver_kept(booking: TrainingBooking, outcome: Outcome, is_late: bool) -> dict:
    """A waiver is of the charge it was given for: the values that clear it when the booking's
    charge becomes another (a no-show marked attended, then a no-show again, is charged). The
    window and the bookings import (`importers.training_bookings_rules`) both keep to it."""
    before = charge_kind(Outcome(booking.outcome), booking.late_cancellation) if booking.outcome else None
    if booking.charge_waived and charge_kind(outcome, is_late) != before:
        return {"charge_waived": False, "waiver_reason": ""}
    return {}


def create_booking(db: Database, fields: BookingFields) -> BookingResult:
    with db.unit_of_work() as session:
        _deciding_places(session, fields.session_id)
        values, wanted, row = checked_booking(session, fields, None)
        outcome, full, ahead = _place_outcome(session, row, wanted, None, None)
        booking = TrainingBooking(outcome=outcome.value, late_cancellation=False, **values)
        _apply(session, booking, values, outcome, row)
        session.add(booking)
        session.flush()
        offer = offer_for(session, row.id) if ahead else None  # to the first in turn: it may be this delegate
        return BookingResult(bookings_in(session, [booking.id])[0], offer, full, _turn(session, row.id, booking.id, full, ahead),
                             archived_organisation=_archived_organisation(session, fields, booking, None))


def update_booking(db: Database, booking_id: int, fields: BookingFields) -> BookingResult:
    """Save a booking. Cancelling one that held a place (or moving it to another session)
    returns the offer for the first delegate waiting; so does the delegate a free place was
    offered to leaving the waiting list without it (moved, cancelled or booked), for the next."""
    with db.unit_of_work() as session:
        booking = get_or_raise(session, TrainingBooking, booking_id, "booking")
        _deciding_places(session, booking.session_id, fields.session_id)
        session.refresh(booking)  # as the save before it, if it waited, left it
        old_session, old_outcome, old_organisation = booking.session_id, Outcome(booking.outcome), booking.organisation_id
        next_in_line = _next_in_line(session, booking)
        values, wanted, row = checked_booking(session, fields, booking_id)
        moving = row.id != old_session
        outcome, full, ahead = _place_outcome(session, row, wanted, None if moving else old_outcome, booking_id)
        keep_evaluated(session, booking, outcome, row.id)
        _apply(session, booking, values, outcome, row)
        session.flush()
        if old_outcome.holds_place:
            freed = moving or not outcome.holds_place
        else:  # the free place it was next in line for, left to the next
            freed = next_in_line and (moving or outcome is not Outcome.WAITLISTED)
        # the place it gave up or left (never back to the delegate, put on the waiting list); else
        # the free place it was put on the waiting list for, to the first in turn (it may be them)
        offer = (offer_for(session, old_session, passing_over=booking_id) if freed else None) or (
            offer_for(session, row.id) if ahead else None)
        return BookingResult(bookings_in(session, [booking_id])[0], offer, full, _turn(session, row.id, booking_id, full, ahead),
                             archived_organisation=_archived_organisation(session, fields, booking, old_organisation))


def _turn(session: Session, session_id: int, booking_id: int, full: bool, ahead: int) -> WaitingTurn | None:
    """Its turn on the waiting list, when it was put on it as the session is full or others wait."""
    return turn_in(session, session_id, booking_id) if full or ahead else None


def _archived_organisation(session: Session, fields: BookingFields, booking: TrainingBooking, before: int | None) -> str:
    """The name of the organisation the booking now counts for, when it was found from the name
    given (or the person chosen), not chosen in the window, and is archived in Memberships."""
    if fields.organisation_id is not None or booking.organisation_id in (None, before):
        return ""
    organisation = session.get(Organisation, booking.organisation_id)
    return organisation.name if organisation.archived_at is not None else ""


def cancel_booking(db: Database, booking_id: int, cancelled_on: date) -> BookingResult:
    """Cancel a booking on a date (late or not by the notice setting); offers the free place."""
    current = get_booking(db, booking_id)
    return update_booking(db, booking_id, replace(current.to_fields(), outcome=Outcome.CANCELLED,
                                                  cancelled_on=cancelled_on))


def offer_place(db: Database, booking_id: int) -> BookingDTO:
    """Give a waitlisted delegate the place that came free (the team has confirmed it). Given
    out of turn (others were before them on the waiting list, `ahead_of`), the booking's notes
    say so, naming those passed over."""
    with db.unit_of_work() as session:
        booking = get_or_raise(session, TrainingBooking, booking_id, "booking")
        _deciding_places(session, booking.session_id)
        session.refresh(booking)  # as the save before it, if it waited, left it
        if booking.outcome != Outcome.WAITLISTED.value:
            raise ValidationError({"outcome": f"{booking.delegate_name} is not on the waiting list"})
        row = session.get(TrainingSession, booking.session_id)
        if closed := _closed(session, row):
            raise ValidationError({field: f"The place cannot be given. {problem}" for field, problem in closed.items()})
        if started := _started(row):
            raise ValidationError({"session_id": f"The place cannot be given. {started}"})
        held = places_held_in(session, row.id)
        if held >= row.capacity:
            raise ValidationError({"outcome": f"The session is full ({held} of {row.capacity} places): "
                                              "no place is free to offer"})
        if (turn := turn_in(session, row.id, booking.id)) is not None and turn.before:
            noted = "\n".join(text for text in (booking.notes, _out_of_turn(turn)) if text)
            booking.notes = noted if len(noted) <= NOTES_LONGEST else booking.notes  # full notes stay as they are
        booking.outcome = Outcome.BOOKED.value
        return read_back(session, booking, bookings_in)


def _out_of_turn(turn: WaitingTurn) -> str:
    """The note of a place given out of turn: when, and who was passed over."""
    were = "was" if len(turn.before) == 1 else "were"
    return (f"Given the place out of turn on {format_date_long(date.today())}: {named(turn.before)} {were} "
            "before them on the waiting list.")


def mark_register(db: Database, session_id: int, outcomes: Mapping[int, Outcome | str],
                  versions: Mapping[int, int] | None = None) -> list[BookingDTO]:
    """Record who attended a session, for the bookings given, in one transaction; with
    `versions` (each booking's version as the officer read it), refused with RecordChanged
    if someone else has saved one of them since (`checked_register`)."""
    with db.unit_of_work() as session:
        row = get_or_raise(session, TrainingSession, session_id, "session")
        for booking, outcome in checked_register(session, row, outcomes, versions):
            keep_evaluated(session, booking, outcome, row.id)
            assign(booking, {"outcome": outcome.value, **waiver_kept(booking, outcome, False)})
        session.flush()
        return bookings_in(session, session_id=session_id)


def record_follow_up(db: Database, booking_id: int, reason: str, followed_up_on: date | None) -> BookingDTO:
    """Why a delegate did not attend, as found when the team followed them up."""
    current = get_booking(db, booking_id)
    return update_booking(db, booking_id, replace(current.to_fields(), non_attendance_reason=reason,
                                                  followed_up_on=followed_up_on)).booking


def waive_charge(db: Database, booking_id: int, reason: str) -> BookingDTO:
    """Waive a booking's no-show or late-cancellation charge; the reason is kept."""
    c = Checker()
    text = c.required("waiver_reason", reason, "The reason for waiving the charge", 2000)
    c.raise_if_any()
    with db.unit_of_work() as session:
        booking = get_or_raise(session, TrainingBooking, booking_id, "booking")
        if charge_kind(Outcome(booking.outcome), booking.late_cancellation) is None:
            raise ValidationError({"waiver_reason": "Only a no-show or a late cancellation has a charge to waive"})
        if (day := called_off_on(session, booking.session_id)) is not None:
            raise ValidationError({"waiver_reason": f"The session was called off by the partnership on {format_date(day)}: "
                                                    "no booking of it is charged, so there is no charge to waive"})
        booking.charge_waived = True
        booking.waiver_reason = text
        return read_back(session, booking, bookings_in)


def reinstate_charge(db: Database, booking_id: int) -> BookingDTO:
    """Charge again (the earlier reason stays in the change history)."""
    with db.unit_of_work() as session:
        booking = get_or_raise(session, TrainingBooking, booking_id, "booking")
        booking.charge_waived = False
        booking.waiver_reason = ""
        return read_back(session, booking, bookings_in)


def _keep_evaluated_booking(session: Session, booking: TrainingBooking) -> None:
    """Refuse to archive a booking while its delegate's evaluation of the session is live, as
    marking it not attended is refused (`keep_evaluated`): the evaluation would count for an
    attendance no longer on record. The officer archives the evaluation first."""
    found = session.scalar(select(TrainingEvaluation.id).where(
        TrainingEvaluation.booking_id == booking.id, TrainingEvaluation.archived_at.is_(None)))
    if found is not None:
        name = evaluations_in(session, [found])[0].name
        raise ValidationError({"booking": f"The booking cannot be archived while {name} is on record (an evaluation "
                                          "comes from a delegate who attended): archive the evaluation first "
                                          "(Training tab, Evaluations page)"})


def archive_booking(db: Database, booking_id: int) -> WaitlistOffer | None:
    """Archive a booking entered by mistake; if it held a place, or was the delegate a free place
    was offered to, the first (then) waiting is offered it. Refused while the delegate's
    evaluation of the session is live."""
    with db.unit_of_work() as session:  # the offer is read in the same transaction as the archiving
        next_in_line = _next_in_line(session, get_or_raise(session, TrainingBooking, booking_id, "booking"))
        booking = set_archived_in(session, TrainingBooking, booking_id, "booking", True,
                                  archive_check=_keep_evaluated_booking)
        session.flush()
        freed = Outcome(booking.outcome).holds_place or next_in_line
        return offer_for(session, booking.session_id) if freed else None


def restore_booking(db: Database, booking_id: int) -> BookingResult:
    """Restore an archived booking, as booking the delegate again would: refused on an archived
    session or a session of an archived course, if the delegate was booked again meanwhile
    (under any spelling), if it was made or cancelled after its session (moved to an earlier
    day while the booking was archived), or if it records attendance on a session moved to a day
    still to come; put on the waiting list if its place has gone, or if delegates wait for the
    one free (the result says so, and offers that place to the first)."""
    with db.unit_of_work() as session:
        booking = get_or_raise(session, TrainingBooking, booking_id, "booking")
        _deciding_places(session, booking.session_id)
        session.refresh(booking)  # as the save before it, if it waited, left it
        if booking.archived_at is None:  # nothing to restore
            return BookingResult(bookings_in(session, [booking_id])[0])
        outcome = Outcome(booking.outcome)
        row = session.get(TrainingSession, booking.session_id)
        c = Checker()
        closed_problem(c, session, row)
        moved_session_problem(c, booking, row)
        if outcome is not Outcome.CANCELLED:
            same_delegate_problem(c, session, booking.session_id, booking_id, {
                "delegate_name": booking.delegate_name, "email": booking.email, "person_id": booking.person_id})
        if c.errors:  # under the field the problem is with, as when booking
            raise ValidationError({field: f"The booking cannot be restored. {problem}" for field, problem in c.errors.items()})
        stored, full, ahead = _place_outcome(session, row, None if outcome is Outcome.BOOKED else outcome, None,
                                             booking_id)
        booking.outcome = stored.value
        booking.archived_at = None
        session.flush()
        offer = offer_for(session, row.id) if ahead else None
        return BookingResult(bookings_in(session, [booking_id])[0], offer, full, _turn(session, row.id, booking_id, full, ahead),
                             restored=True)


def organisations_booked(db: Database) -> list[str]:
    """Organisation names on bookings (matched name, else as given), for filters."""
    with db.unit_of_work() as session:
        matched = session.scalars(
            select(Organisation.name).join(TrainingBooking, TrainingBooking.organisation_id == Organisation.id).distinct()
        ).all()
        given = session.scalars(
            select(TrainingBooking.organisation_name)
            .where(TrainingBooking.organisation_id.is_(None), TrainingBooking.organisation_name != "")
            .distinct()
        ).all()
        count = session.scalar(select(func.count()).select_from(TrainingBooking).where(TrainingBooking.organisation_name == ""))
    names = sorted({*matched, *given}, key=alphabetical)
    return names + ([NOT_GIVEN] if count else [])
