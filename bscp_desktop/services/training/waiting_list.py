"""A session's waiting list: its one order, the offer of a place that comes free, and what a
booking saved says of its turn on the list.

The waiting list is in the order `domain.training.first_on_waitlist` offers places in: earliest
booked (Booked on), then earliest entered. The list the window shows (`bookings.waiting_list`),
the offer of a free place (`bookings.offer_for`), what the officer is told when a booking goes
on the list (`BookingResult.message`), who a place given out of turn passes over (`ahead_of`)
and the notes of a bookings import all follow it, so a booking backdated before the delegates
already waiting takes its turn ahead of them, and is told so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.models.training import TrainingBooking
from bscp_desktop.domain.dates import format_date_long
from bscp_desktop.domain.training import Outcome, WaitingDelegate
from bscp_desktop.services.common import get_or_raise, read

if TYPE_CHECKING:
    from bscp_desktop.db.database import Database
    from bscp_desktop.services.training.bookings import BookingDTO

NAMED = 5  # the delegates a message names; then how many more


def turn_key(waiting: WaitingDelegate) -> tuple[date, int]:
    """A delegate's place in the queue: earliest booked, then earliest entered (`first_on_waitlist`)."""
    return waiting.booked_on, waiting.booking_id


def in_turn(waiting: Iterable[WaitingDelegate]) -> list[WaitingDelegate]:
    """The delegates waiting, first to be offered a place first."""
    return sorted(waiting, key=turn_key)


def waiting_in(session: Session, session_id: int) -> list[WaitingDelegate]:
    """The live bookings waiting for a place on the session, in their turn."""
    return in_turn(
        WaitingDelegate(b_id, booked_on, name)
        for b_id, booked_on, name in session.execute(
            select(TrainingBooking.id, TrainingBooking.booked_on, TrainingBooking.delegate_name).where(
                TrainingBooking.session_id == session_id, TrainingBooking.outcome == Outcome.WAITLISTED.value,
                TrainingBooking.archived_at.is_(None),
            )
        )
    )


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, ... 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"


def named(names: Iterable[str], limit: int = NAMED) -> str:
    """'A', 'A and B', 'A, B and C'; past `limit` names, 'A, B, C, D, E and 3 more'."""
    names = list(names)
    if len(names) > limit:
        return f"{', '.join(names[:limit])} and {len(names) - limit:,} more"
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


@dataclass(frozen=True)
class WaitingTurn:
    """A delegate's turn on a session's waiting list: who is before them and who after, in the
    list's order (`in_turn`)."""

    booked_on: date
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()

    @classmethod
    def of(cls, waiting: Iterable[WaitingDelegate], booking_id: int) -> WaitingTurn | None:
        """The turn of the booking among the delegates waiting (None if it is not waiting)."""
        queue = in_turn(waiting)
        for i, w in enumerate(queue):
            if w.booking_id == booking_id:
                return cls(w.booked_on, tuple(o.name for o in queue[:i]), tuple(o.name for o in queue[i + 1:]))
        return None

    @property
    def first(self) -> bool:
        return not self.before

    @property
    def words(self) -> str:
        """'2nd, behind Ann Ash, ahead of Bob Birch and Cat Cole, by the date it was booked (1 Apr 2026)'."""
        where = ([f"behind {named(self.before)}"] if self.before else []) + (
            [f"ahead of {named(self.after)}"] if self.after else [])
        return ", ".join([ordinal(len(self.before) + 1), *where,
                          f"by the date it was booked ({format_date_long(self.booked_on)})"])


def turn_in(session: Session, session_id: int, booking_id: int) -> WaitingTurn | None:
    return WaitingTurn.of(waiting_in(session, session_id), booking_id)


def ahead_of(db: Database, booking_id: int) -> tuple[str, ...]:
    """The delegates before the booking on its session's waiting list, first in turn first: those
    a place given to it passes over (none when it is first, or not on the waiting list)."""

    def before(session: Session) -> tuple[str, ...]:
        booking = get_or_raise(session, TrainingBooking, booking_id, "booking")
        turn = turn_in(session, booking.session_id, booking.id)
        return turn.before if turn is not None else ()

    return read(db, before)


@dataclass(frozen=True)
class WaitlistOffer:
    """A place came free: the first delegate waiting can be offered it."""

    session_id: int
    session_name: str
    booking_id: int
    delegate_name: str
    booked_on: date

    @property
    def sentence(self) -> str:
        return (
            f"A place is free on {self.session_name}. The first delegate on the waiting list is "
            f"{self.delegate_name} (booked {format_date_long(self.booked_on)}). Offer them the place?"
        )


def _are(n: int) -> str:
    return f"{n:,} delegate{'s are' if n != 1 else ' is'}"


@dataclass(frozen=True)
class BookingResult:
    booking: BookingDTO
    offer: WaitlistOffer | None = None
    waitlisted_because_full: bool = False
    turn: WaitingTurn | None = None  # its turn on the waiting list, when put on it as the session is full or others wait
    restored: bool = False  # a booking restored from the archive (`restore_booking`)
    archived_organisation: str = ""  # the organisation found from the name given, archived in Memberships

    @property
    def waiting_ahead(self) -> int:
        """How many delegates are before it on the waiting list (it is offered a place after them)."""
        return len(self.turn.before) if self.turn is not None else 0

    @property
    def _queued(self) -> bool:
        """Put on the waiting list though a place is free: delegates were already waiting for it."""
        return self.turn is not None and not self.waitlisted_because_full

    @property
    def message(self) -> str:
        """What the window says once the booking is saved ('' when nothing needs saying)."""
        return " ".join(text for text in (self._place_message, self._organisation_message) if text)

    @property
    def _organisation_message(self) -> str:
        if not self.archived_organisation:
            return ""
        return f"{self.archived_organisation} is archived in Memberships: the booking counts for it."

    @property
    def _alone(self) -> bool:
        """No one else waits: its turn goes without saying."""
        return self.turn is None or not (self.turn.before or self.turn.after)

    @property
    def _place_message(self) -> str:
        if self.restored:
            return self._restored_message
        name, on, turn = self.booking.delegate_name, self.booking.session_name, self.turn
        if self.waitlisted_because_full:
            if self._alone:
                return f"{on} is full: {name} is on the waiting list{self._offered(' and will be offered the first place that comes free.')}"
            return f"{on} is full: {name} is on the waiting list, {turn.words}{self._offered(self._when_full)}"
        if self._queued:
            if not turn.after:  # behind every delegate waiting
                return (f"{_are(len(turn.before))} already waiting for a place on {on}: {name} joins the waiting list "
                        f"behind them{self._offered('. The free place is offered to the first delegate waiting.')}")
            return (f"{_are(len(turn.before) + len(turn.after))} already waiting for a place on {on}: {name} joins the "
                    f"waiting list {turn.words}{self._offered(f'. The free place is offered to {self._offered_to}.')}")
        return ""

    @property
    def _when_full(self) -> str:
        if self.turn.first:
            return ". They will be offered the first place that comes free."
        return ". A place that comes free is offered first to the delegates before them."

    @property
    def _offered_to(self) -> str:
        """Who the free place is offered to (`offer_for`: the first on the list)."""
        return f"{self.booking.delegate_name}, first on the waiting list" if self.turn.first else "the first delegate waiting"

    def _offered(self, words: str) -> str:
        """`words` saying a place will be offered, while the session is to come (`offer_for`)."""
        return words if self.booking.starts_at > datetime.now() else ". The session has started: no place is offered."

    @property
    def _restored_message(self) -> str:
        name, on, turn = self.booking.delegate_name, self.booking.session_name, self.turn
        if self.waitlisted_because_full:
            if self._alone:
                return (f"{name} is back on the waiting list: the session is full ({on})"
                        f"{self._offered('. They will be offered the first place that comes free.')}")
            return f"{name} is back on the waiting list, {turn.words}: the session is full ({on}){self._offered(self._when_full)}"
        if self._queued:
            if not turn.after:
                return (f"{name} is back on the waiting list: {_are(len(turn.before))} already waiting "
                        f"for the free place on {on}{self._offered(', and it is offered to the first of them.')}")
            return (f"{name} is back on the waiting list, {turn.words}: {_are(len(turn.before) + len(turn.after))} "
                    f"also waiting for the free place on {on}{self._offered(f', and it is offered to {self._offered_to}.')}")
        return ""
