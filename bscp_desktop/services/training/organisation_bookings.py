"""An organisation's training bookings still to come, in words for the officer archiving it.

Its delegates' bookings keep the organisation (and still count for it in the figures and the
charges), so archiving it is not refused: the officer is told, to cancel those that will not
be kept. There is no paid or unpaid state of a charge to speak of (a charge is due or waived)."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bscp_desktop.db.models.training import TrainingBooking, TrainingSession
from bscp_desktop.domain.text import counted
from bscp_desktop.domain.training import Outcome

#: the outcomes of a booking still holding (or waiting for) a place
STILL_COMING = (Outcome.BOOKED, Outcome.WAITLISTED)


def bookings_to_come_in(session: Session, org_id: int, on: date) -> dict[Outcome, int]:
    """How many live bookings of the organisation's delegates, booked or on the waiting list, are
    on live sessions starting on `on` or later, by outcome (cancelled and called-off ones are not)."""
    rows = session.execute(
        select(TrainingBooking.outcome, func.count())
        .join(TrainingSession, TrainingSession.id == TrainingBooking.session_id)
        .where(TrainingBooking.organisation_id == org_id, TrainingBooking.archived_at.is_(None),
               TrainingSession.archived_at.is_(None), TrainingSession.starts_at >= datetime.combine(on, time.min),
               TrainingBooking.outcome.in_([o.value for o in STILL_COMING]))
        .group_by(TrainingBooking.outcome))
    return {Outcome(outcome): n for outcome, n in rows}


def bookings_to_come_note(session: Session, org_id: int, on: date) -> str:
    """The sentence on the organisation's training bookings still to come ('' for none)."""
    held = bookings_to_come_in(session, org_id, on)
    count = sum(held.values())
    if not count:
        return ""
    waiting = held.get(Outcome.WAITLISTED, 0)
    if count == 1:
        where = " (on the waiting list)" if waiting else ""
        return ("Its delegates hold 1 training booking on a session still to come" + where + ": it keeps the "
                "organisation and still counts for it in the training figures (cancel it on the Training tab's "
                "Bookings page if the delegate will not attend).")
    where = f", {waiting} of them on the waiting list" if waiting else ""
    return (f"Its delegates hold {counted(count, 'training booking')} on sessions still to come{where}: they keep "
            "the organisation and still count for it in the training figures (cancel them on the Training tab's "
            "Bookings page if the delegates will not attend).")
