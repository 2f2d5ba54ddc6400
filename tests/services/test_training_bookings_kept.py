"""A booking's own facts kept straight: a booking is dated on or before the day it is recorded,
a waiver is of the charge it was given for (the register as the booking dialog), and a
delegate moved off the waiting list and cancelled at once gave up no place."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest

from bscp_desktop.domain.training import ChargeRates, Outcome
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import settings as st


def _session(db, day: date, capacity: int = 5):
    title = "Neglect basics"
    course = next((c for c in cs.list_courses(db) if c.title == title), None) or cs.create_course(
        db, cs.CourseFields(title=title, topic="Neglect"))
    return cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime.combine(day, time(9, 30)),
                                                  capacity=capacity))


def test_a_booking_is_not_dated_after_today(db):
    today = date.today()
    session = _session(db, today + timedelta(days=400))
    with pytest.raises(ValidationError) as refused:
        bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name="Ann Lee",
                                               booked_on=today + timedelta(days=365)))
    assert set(refused.value.errors) == {"booked_on"} and "future" in refused.value.errors["booked_on"]
    assert bk.list_bookings(db) == []


def test_the_register_clears_a_waiver_when_the_charge_it_was_given_for_goes(db):
    today = date.today()
    session = _session(db, today - timedelta(days=2))
    booking = bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name="Nia Noshow",
                                                     booked_on=today - timedelta(days=20))).booking
    bk.mark_register(db, session.id, {booking.id: Outcome.NO_SHOW})
    bk.waive_charge(db, booking.id, "Hospital emergency on the day")
    bk.mark_register(db, session.id, {booking.id: Outcome.NO_SHOW})  # marked again as it was: still waived
    assert bk.get_booking(db, booking.id).charge_waived
    bk.mark_register(db, session.id, {booking.id: Outcome.ATTENDED})
    bk.mark_register(db, session.id, {booking.id: Outcome.NO_SHOW})
    again = bk.get_booking(db, booking.id)
    assert (again.outcome, again.charge_waived, again.waiver_reason) == (Outcome.NO_SHOW, False, "")


def test_a_delegate_moved_off_the_waiting_list_and_cancelled_at_once_gave_up_no_place(db):
    today = date.today()
    full, other = _session(db, today + timedelta(days=3), capacity=1), _session(db, today + timedelta(days=4), capacity=1)
    st.save_charge_rates(db, [ChargeRates(y, Decimal("50.00"), Decimal("25.00")) for y in (today.year - 1, today.year)])
    for session in (full, other):
        bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name="Holds Place",
                                               booked_on=today - timedelta(days=30)))
    waiting = bk.create_booking(db, bk.BookingFields(session_id=full.id, delegate_name="Wait One",
                                                     booked_on=today - timedelta(days=20))).booking
    assert waiting.outcome is Outcome.WAITLISTED
    moved = bk.update_booking(db, waiting.id, bk.BookingFields(
        session_id=other.id, delegate_name="Wait One", booked_on=today - timedelta(days=20),
        outcome=Outcome.CANCELLED, cancelled_on=today)).booking
    assert (moved.outcome, moved.late_cancellation, moved.gave_up_place) == (Outcome.CANCELLED, False, False)
