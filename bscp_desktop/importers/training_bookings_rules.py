"""What a bookings import row makes of the booking it matches (`importers.training`): the
values it gives, with what the booking keeps where the row is blank, the register marked in the
program kept over a status the file still shows from before the session, and a waiver kept only
with the charge it was given for, by the window's rule (`bookings.waiver_kept`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING

from bscp_desktop.domain.delegates import delegate_key
from bscp_desktop.domain.training import Outcome, gave_up_a_place
from bscp_desktop.importers.tabular import listed
from bscp_desktop.services.training.bookings import waiver_kept

if TYPE_CHECKING:
    from bscp_desktop.db.models.training import TrainingBooking
    from bscp_desktop.importers.training import _Decision
    from bscp_desktop.importers.training_booking_rows import BookingRow

REGISTER = (Outcome.ATTENDED, Outcome.NO_SHOW)  # what the register marks, after the session


def register_kept(held: Outcome | None, given: Outcome | None) -> bool:
    """Whether a row's outcome gives way to the register marked in the program: the booking is
    left as the register says, and the report says so. A learning management system knows
    nothing of the register, so Booked or Waitlisted on a session already marked is its status
    from before the session; and Cancelled for a delegate marked attended is not taken either,
    as they came (perhaps after cancelling): the team changes the booking if the register is
    wrong. Cancelled for a no-show is taken, as the booking window takes it: a cancellation
    made before the session, charged as one (late or not) instead of the no-show. A booking
    called off with its session by the partnership stays called off, whatever the row says."""
    if held is Outcome.CALLED_OFF and given is not None:  # the partnership called the session off: the
        return True  # learning management system knows nothing of that either, and the booking stays so
    if held not in REGISTER or given is None:
        return False
    return given in (Outcome.BOOKED, Outcome.WAITLISTED) or (given is Outcome.CANCELLED and held is Outcome.ATTENDED)


def register_notes(decisions: Iterable[_Decision]) -> list[str]:
    """The report's notes on the rows saying Waitlisted or Cancelled whose bookings were left
    as the register marks them (those saying Booked, `training_notes.booking_notes`)."""
    notes = []
    decisions = list(decisions)
    for given, after in ((Outcome.WAITLISTED, ""),
                         (Outcome.CANCELLED, " (they came; if they did not, change the booking in the Training tab)")):
        kept = [d for d in decisions if d.kept_over is given]
        if not kept:
            continue
        many = len(kept) != 1
        marks = " or ".join(o.label.lower() for o in REGISTER if any(d.booking.outcome == o.value for d in kept))
        notes.append(f"{len(kept):,} row{'s' if many else ''} ({listed([str(d.row.number) for d in kept], 12)}) "
                     f"say{'' if many else 's'} {given.label} for {'delegates' if many else 'a delegate'} the register "
                     f"in the program already marks {marks}: the register is kept{after}.")
    return notes


def _gave_up(booking: TrainingBooking | None, outcome: Outcome) -> bool:
    """Whether the row's booking holds a place or gave one up (False: it left the waiting list)."""
    if booking is not None and outcome is Outcome.CALLED_OFF:  # as it was when the session was called off
        return booking.gave_up_place
    if booking is None or outcome is not Outcome.CANCELLED:
        return True
    return gave_up_a_place(Outcome(booking.outcome), booking.gave_up_place)


def booking_values(row: BookingRow, booking: TrainingBooking | None, outcome: Outcome,
                   late: Callable[[date, date], bool], organisation_id: Callable[[str], int | None]) -> dict:
    """The booking's values from its row: `late(cancelled_on, session day)` says whether a
    cancellation is late, `organisation_id(name)` which organisation a name matches. A waiver
    on record is cleared when the booking's charge becomes another, as in the window."""
    if booking is None:  # a new booking: the row's values as they are
        email, job_title, organisation = row.email, row.job_title, row.organisation
    else:  # a blank cell keeps what is held
        email, job_title = row.email or booking.email, row.job_title or booking.job_title
        organisation = row.organisation or booking.organisation_name
    cancelled_on = row.cancelled_on if outcome is Outcome.CANCELLED else None
    if outcome in (Outcome.CANCELLED, Outcome.CALLED_OFF) and cancelled_on is None and booking is not None:
        cancelled_on = booking.cancelled_on  # as held (called off: the day the partnership called it off)
    booked_on = row.booked_on or (booking.booked_on if booking is not None else  # as the window: never after cancelled
                                  min(date.today(), row.start.date(), cancelled_on or date.max))
    values = {
        "delegate_name": row.name,
        "email": email,
        "job_title": job_title,
        "organisation_name": organisation,
        "booked_on": booked_on,
        "outcome": outcome.value,
        "cancelled_on": cancelled_on,
        "gave_up_place": _gave_up(booking, outcome),
    }
    if booking is not None and booking.outcome == Outcome.CANCELLED.value and outcome is Outcome.CANCELLED and (
            booking.cancelled_on, booking.gave_up_place) == (cancelled_on, values["gave_up_place"]):
        values["late_cancellation"] = booking.late_cancellation  # as marked under the notice of its day, as the window
    else:
        values["late_cancellation"] = (bool(cancelled_on) and outcome is Outcome.CANCELLED and values["gave_up_place"]
                                       and late(cancelled_on, row.start.date()))
    if booking is not None:
        values.update(waiver_kept(booking, outcome, values["late_cancellation"]))
    if booking is not None and organisation == booking.organisation_name and booking.organisation_id is not None:
        values["organisation_id"] = booking.organisation_id  # as linked before (perhaps by hand)
    else:
        values["organisation_id"] = organisation_id(organisation)
    # the row's own key, worked out as it was read, unless its address is the one kept
    values["delegate_key"] = row.delegate_key if email == row.email else delegate_key(row.name, email)
    return values
