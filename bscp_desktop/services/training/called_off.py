"""Sessions the partnership called off: the facilitator is ill, the venue is lost.

Calling a session off is the partnership's doing, not the delegates': every live booking still
booked or on the waiting list is marked "called off by the partnership" (`Outcome.CALLED_OFF`),
dated the day it was called off, never late and never charged, in one transaction. A delegate
who was waiting held no place, and the booking says so as any cancellation from the waiting list
does (`gave_up_place` False): reinstating the session puts each booking back as it was, booked or
on the waiting list, in the turn it had. The reason is kept in the session's notes, on a line of
its own: "Called off by the partnership on 07/12/2026: the facilitator is ill".

A session is called off while it has a live booking called off. It is refused a new booking,
a booking moved onto it, one restored onto it, a place offered and a register marked
(`booking_checks`); its bookings are changed only by reinstating it. The figures leave it out
(its sessions, places and called-off bookings) and say how many sessions were called off
(`figures`); the charges never charge a booking of a called-off session, whatever its outcome: a
delegate's own late cancellation made before it was called off keeps its lateness (the figures
count it) but is not charged while the session stays called off, and is charged again if it is
reinstated (`called_off_sessions`, read by `bookings.bookings_in`; `domain.training.charge_kind`).

A session is not called off once it has run (a booking marked attended or no-show), when it is
archived, or when no one is booked or waiting on it (archive it instead if it will not run). It
is reinstated only before it starts, and only while its places take every delegate who was booked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.engines import decide_alone
from bscp_desktop.db.models.training import TrainingBooking, TrainingCourse, TrainingEvaluation, TrainingSession
from bscp_desktop.domain.dates import format_date, format_date_long
from bscp_desktop.domain.text import counted
from bscp_desktop.domain.training import Outcome, session_label
from bscp_desktop.domain.validation import ValidationError, clean_text
from bscp_desktop.services.common import get_or_raise
from bscp_desktop.services.training.sessions import SessionDTO, places_held_in

#: The words that start the line of a session's notes saying it was called off, and why.
CALLED_OFF_WORDS = "Called off by the partnership on "
REASON_LONGEST = 1000  # characters of the reason
SESSION_NOTES_LONGEST = 10000  # as a session's notes are checked when saved (`sessions`)


@dataclass(frozen=True)
class CalledOff:
    """A session called off: the day, the reason as its notes keep it, and the bookings called off."""

    session_id: int
    on: date
    reason: str
    bookings: int

    @property
    def text(self) -> str:
        return f"Called off on {format_date(self.on)}"

    @property
    def sentence(self) -> str:
        because = f": {self.reason}" if self.reason else ""
        return f"Called off by the partnership on {format_date(self.on)}{because}."


@dataclass(frozen=True)
class SessionRow(SessionDTO):
    """A session as the Sessions list shows it: with whether it was called off."""

    called_off: CalledOff | None = None


@dataclass(frozen=True)
class Reinstated:
    """A session back on: how many delegates are booked again, and how many wait again."""

    session_name: str
    booked: int
    waiting: int

    @property
    def sentence(self) -> str:
        waiting = f", and {self.waiting} on the waiting list" if self.waiting else ""
        return f"{self.session_name} is back on: {counted(self.booked, 'delegate')} booked again{waiting}."


def note_line(on: date, reason: str) -> str:
    """The line of the session's notes that says it was called off, and why."""
    return f"{CALLED_OFF_WORDS}{format_date(on)}: {reason}"


def _reason_in(notes: str) -> str:
    """The reason on the last called-off line of a session's notes ('' when the line is gone)."""
    lines = [line for line in notes.split("\n") if line.startswith(CALLED_OFF_WORDS)]
    return lines[-1].partition(": ")[2] if lines else ""


def _without_note(notes: str) -> str:
    """A session's notes without its called-off lines."""
    return "\n".join(line for line in notes.split("\n") if not line.startswith(CALLED_OFF_WORDS))


def called_off_sessions() -> Select:
    """The ids of the sessions called off, as a query to join or filter on: a session is called off
    while it has a live booking called off (`called_off_in`)."""
    return (select(TrainingBooking.session_id)
            .where(TrainingBooking.outcome == Outcome.CALLED_OFF.value, TrainingBooking.archived_at.is_(None))
            .group_by(TrainingBooking.session_id))


def called_off_in(session: Session, session_ids: Sequence[int] | None = None) -> dict[int, CalledOff]:
    """The sessions called off (those of `session_ids`, or all), by id."""
    q = (select(TrainingBooking.session_id, func.max(TrainingBooking.cancelled_on), func.count(), TrainingSession.notes)
         .join(TrainingSession, TrainingSession.id == TrainingBooking.session_id)
         .where(TrainingBooking.outcome == Outcome.CALLED_OFF.value, TrainingBooking.archived_at.is_(None))
         .group_by(TrainingBooking.session_id, TrainingSession.notes))
    if session_ids is not None:
        q = q.where(TrainingBooking.session_id.in_(list(session_ids)))
    return {sid: CalledOff(sid, on, _reason_in(notes or ""), n) for sid, on, n, notes in session.execute(q)}


def called_off_on(session: Session, session_id: int) -> date | None:
    """The day the session was called off, or None while it is not."""
    found = called_off_in(session, [session_id]).get(session_id)
    return found.on if found is not None else None


def with_called_off(db: Database, sessions: Sequence[SessionDTO]) -> list[SessionRow]:
    """The sessions, each saying whether it was called off (for the Sessions list)."""
    with db.unit_of_work() as session:
        found = called_off_in(session, [s.id for s in sessions]) if sessions else {}
    return [SessionRow(**{f.name: getattr(s, f.name) for f in fields(s)}, called_off=found.get(s.id)) for s in sessions]


def _name(session: Session, row: TrainingSession) -> str:
    return session_label(session.get(TrainingCourse, row.course_id).title, row.starts_at)


def _locked_session(session: Session, session_id: int) -> TrainingSession:
    """The session, its places decided by this transaction alone (as a booking saved decides them)."""
    row = get_or_raise(session, TrainingSession, session_id, "session")
    decide_alone(session, f"training session {session_id} places")
    session.refresh(row)  # as the save before it, if it waited, left it
    return row


def _live_bookings(session: Session, session_id: int) -> list[TrainingBooking]:
    return list(session.scalars(select(TrainingBooking).where(
        TrainingBooking.session_id == session_id, TrainingBooking.archived_at.is_(None)).order_by(TrainingBooking.id)))


def call_off_session(db: Database, session_id: int, reason: str, today: date | None = None) -> CalledOff:
    """Record that the partnership called the session off, and why: its bookings still booked or
    waiting are called off, none of them charged, all in one transaction; refused (nothing saved)
    with a reason naming the field."""
    today = today or date.today()
    text = " ".join(clean_text(reason).split())  # one line of the session's notes
    if not text:
        raise ValidationError({"reason": "Give the reason the session was called off (for example, the facilitator "
                                         "is ill): it is kept in the session's notes"})
    if len(text) > REASON_LONGEST:
        raise ValidationError({"reason": f"The reason is too long ({len(text):,} characters; at most {REASON_LONGEST:,})"})
    with db.unit_of_work() as session:
        row = _locked_session(session, session_id)
        name = _name(session, row)
        if row.archived_at is not None:
            raise ValidationError({"session_id": f"The session {name} is archived: restore it first (Sessions, Show "
                                                 "archived) to call it off"})
        bookings = _live_bookings(session, session_id)
        if (was := called_off_on(session, session_id)) is not None:
            raise ValidationError({"session_id": f"The session {name} was already called off by the partnership on "
                                                 f"{format_date(was)}"})
        attended = sum(1 for b in bookings if b.outcome == Outcome.ATTENDED.value)
        no_shows = sum(1 for b in bookings if b.outcome == Outcome.NO_SHOW.value)
        if attended or no_shows:
            marked = " and ".join(t for n, t in ((attended, f"{attended} attended"),
                                                 (no_shows, counted(no_shows, "no-show"))) if n)
            raise ValidationError({"session_id": f"The session {name} ran: its register has {marked}, so it cannot "
                                                 "be called off. Correct the register first if it is wrong"})
        evaluated = session.scalar(select(func.count()).select_from(TrainingEvaluation).where(
            TrainingEvaluation.session_id == session_id, TrainingEvaluation.archived_at.is_(None)))
        if evaluated:  # an evaluation comes from a delegate who attended: the session ran
            raise ValidationError({"session_id": f"The session {name} ran: {counted(evaluated, 'evaluation')} of it "
                                                 f"{'is' if evaluated == 1 else 'are'} on record, so it cannot be called "
                                                 "off. Archive the evaluations first if they were recorded against it "
                                                 "by mistake"})
        waiting = [b for b in bookings if b.outcome in (Outcome.BOOKED.value, Outcome.WAITLISTED.value)]
        if not waiting:
            raise ValidationError({"session_id": f"No delegate is booked or waiting on the session {name}, so there "
                                                 "is no booking to call off: archive the session if it will not run"})
        notes = "\n".join(t for t in (row.notes, note_line(today, text)) if t)
        if len(notes) > SESSION_NOTES_LONGEST:
            raise ValidationError({"reason": f"The session's notes are too long to keep the reason too (at most "
                                             f"{SESSION_NOTES_LONGEST:,} characters): shorten the reason or the notes"})
        for b in waiting:
            b.gave_up_place = b.outcome == Outcome.BOOKED.value  # a delegate waiting held no place
            b.outcome = Outcome.CALLED_OFF.value
            b.cancelled_on = today
            b.late_cancellation = False
        row.notes = notes
        session.flush()
        return CalledOff(session_id, today, text, len(waiting))


def reinstate_session(db: Database, session_id: int, now: datetime | None = None) -> Reinstated:
    """Undo calling the session off, before it starts: each booking called off is booked again,
    or back on the waiting list in its turn, and the reason leaves the session's notes (the change
    history keeps it). Refused when the session has started, is archived, or has fewer places
    than the delegates who were booked."""
    now = now or datetime.now()
    with db.unit_of_work() as session:
        row = _locked_session(session, session_id)
        name = _name(session, row)
        called = [b for b in _live_bookings(session, session_id) if b.outcome == Outcome.CALLED_OFF.value]
        if not called:
            raise ValidationError({"session_id": f"The session {name} is not called off: there is nothing to reinstate"})
        if row.archived_at is not None:
            raise ValidationError({"session_id": f"The session {name} is archived: restore it first (Sessions, Show "
                                                 "archived) to reinstate it"})
        if row.starts_at <= now:
            raise ValidationError({"session_id": f"The session started on {format_date_long(row.starts_at.date())} at "
                                                 f"{row.starts_at:%H:%M}: a session called off is reinstated only "
                                                 "before it starts"})
        booked = [b for b in called if b.gave_up_place]
        wanted = places_held_in(session, session_id) + len(booked)
        if wanted > row.capacity:
            raise ValidationError({"capacity": f"The session has {counted(row.capacity, 'place')}, but {wanted} "
                                               f"delegates were booked on it: raise its places to {wanted} first "
                                               "(Edit), then reinstate it"})
        for b in called:
            b.outcome = (Outcome.BOOKED if b.gave_up_place else Outcome.WAITLISTED).value
            b.cancelled_on = None
            b.late_cancellation = False
            b.gave_up_place = True
        row.notes = _without_note(row.notes)
        session.flush()
        return Reinstated(name, len(booked), len(called) - len(booked))
