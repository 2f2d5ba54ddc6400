"""Who is before a waitlisted booking on its session's waiting list (`ahead_of`), in the list's
one order, and the note a place given out of turn leaves on the booking."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from bscp_desktop.domain.dates import format_date_long
from bscp_desktop.domain.training import Outcome
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

TO_COME = datetime.combine(date.today() + timedelta(days=30), time(10, 0))


def _book(db, session_id: int, name: str, booked_on: date, notes: str = "") -> bk.BookingDTO:
    return bk.create_booking(db, bk.BookingFields(session_id, name, booked_on=booked_on, notes=notes)).booking


def _queue(db) -> dict[str, bk.BookingDTO]:
    """Ann Ash holds the one place; Bob Birch (3 May), Cat Cole (2 May), Dee Dale (4 May) and Eve
    Early (2 May, entered after Cat Cole) wait; the places are then raised to 2."""
    course = cs.create_course(db, cs.CourseFields(title="Turn on the list"))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=TO_COME, capacity=1))
    booked = {"Ann Ash": _book(db, session.id, "Ann Ash", date(2026, 5, 1))}
    for name, day in (("Bob Birch", 3), ("Cat Cole", 2), ("Dee Dale", 4), ("Eve Early", 2)):
        booked[name] = _book(db, session.id, name, date(2026, 5, day), notes="Asked for the morning." if day == 4 else "")
    cs.update_session(db, session.id, cs.SessionFields(course.id, TO_COME, 2))
    return booked


def test_who_is_before_each_waitlisted_booking_is_named_in_the_lists_order(db):
    booked = _queue(db)
    assert bk.ahead_of(db, booked["Cat Cole"].id) == ()  # first in turn
    assert bk.ahead_of(db, booked["Eve Early"].id) == ("Cat Cole",)  # the same day, entered after her
    assert bk.ahead_of(db, booked["Bob Birch"].id) == ("Cat Cole", "Eve Early")
    assert bk.ahead_of(db, booked["Dee Dale"].id) == ("Cat Cole", "Eve Early", "Bob Birch")
    assert bk.ahead_of(db, booked["Ann Ash"].id) == ()  # holds a place: not waiting
    # the same order as the list the window shows
    assert [b.delegate_name for b in bk.waiting_list(db, booked["Ann Ash"].session_id)] == [
        "Cat Cole", "Eve Early", "Bob Birch", "Dee Dale"]


def test_a_place_given_out_of_turn_is_noted_on_the_booking_and_one_given_in_turn_is_not(db):
    booked = _queue(db)
    given = bk.offer_place(db, booked["Dee Dale"].id)
    assert given.outcome is Outcome.BOOKED
    assert given.notes == (f"Asked for the morning.\nGiven the place out of turn on {format_date_long(date.today())}: "
                           "Cat Cole, Eve Early and Bob Birch were before them on the waiting list.")
    assert bk.ahead_of(db, booked["Bob Birch"].id) == ("Cat Cole", "Eve Early")  # the others keep their turn
    cs.update_session(db, given.session_id, cs.SessionFields(given.course_id, TO_COME, 3))
    first = bk.offer_place(db, booked["Cat Cole"].id)
    assert (first.outcome, first.notes) == (Outcome.BOOKED, "")
    assert bk.ahead_of(db, booked["Bob Birch"].id) == ("Eve Early",)


def test_notes_too_full_for_the_line_are_left_as_they_are_and_the_place_is_given(db):
    """The line would take the notes over their longest: they are kept whole, so the booking can
    still be saved and cancelled later; the change history still records who took the place."""
    booked = _queue(db)
    full = "x" * (bk.NOTES_LONGEST - 20)
    fay = _book(db, booked["Ann Ash"].session_id, "Fay Full", date(2026, 5, 5), notes=full)
    given = bk.offer_place(db, fay.id)
    assert (given.outcome, given.notes) == (Outcome.BOOKED, full)
    assert bk.cancel_booking(db, given.id, date.today()).booking.outcome is Outcome.CANCELLED
