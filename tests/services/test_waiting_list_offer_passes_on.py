"""A place that came free is offered to the first delegate waiting. When that delegate leaves
the waiting list before taking it (moved to another session, cancelled, archived, or given a
place another way), the save says the place is free and offers it to the next delegate
waiting, as a cancellation of a place does."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from bscp_desktop.domain.training import Outcome
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs

pytestmark = pytest.mark.both_engines

NEXT_YEAR = datetime.now().year + 1


def _book(db, session_id: int, name: str, day: int) -> bk.BookingDTO:
    return bk.create_booking(db, bk.BookingFields(session_id=session_id, delegate_name=name, organisation_name="Brent",
                                                  booked_on=date.today() - timedelta(days=30 - day))).booking


def _place_free_for_the_first_waiting(db):
    """The first session (two places) had Ann and Ben booked, Wendy then Will waiting; the
    second (one place) is full with Xena. Ann moves to the second session, so her place on the
    first is offered to Wendy."""
    course = cs.create_course(db, cs.CourseFields(title="Exploitation", topic="Exploitation"))
    first = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(NEXT_YEAR, 1, 12, 9, 30),
                                                   capacity=2))
    second = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(NEXT_YEAR, 1, 19, 9, 30),
                                                    capacity=1))
    ann, _ben = _book(db, first.id, "Ann Ash", 1), _book(db, first.id, "Ben Birch", 2)
    wendy, will = _book(db, first.id, "Wendy Wood", 3), _book(db, first.id, "Will Webb", 4)
    _book(db, second.id, "Xena Exe", 1)
    assert (wendy.outcome, will.outcome) == (Outcome.WAITLISTED, Outcome.WAITLISTED)
    moved = bk.update_booking(db, ann.id, replace(bk.get_booking(db, ann.id).to_fields(), session_id=second.id))
    assert moved.offer is not None and moved.offer.booking_id == wendy.id
    return first, second, wendy, will


def test_moving_the_delegate_offered_the_place_offers_it_to_the_next_waiting(db):
    first, second, wendy, will = _place_free_for_the_first_waiting(db)
    result = bk.update_booking(db, wendy.id, replace(bk.get_booking(db, wendy.id).to_fields(), session_id=second.id))
    assert result.booking.outcome is Outcome.WAITLISTED and result.booking.session_id == second.id
    assert result.offer is not None
    assert (result.offer.session_id, result.offer.booking_id, result.offer.delegate_name) == (first.id, will.id, "Will Webb")
    assert result.offer == bk.waitlist_offer(db, first.id)


def test_cancelling_the_delegate_offered_the_place_offers_it_to_the_next_waiting(db):
    first, _second, wendy, will = _place_free_for_the_first_waiting(db)
    result = bk.cancel_booking(db, wendy.id, date.today())
    assert result.booking.outcome is Outcome.CANCELLED and not result.booking.gave_up_place
    assert result.offer is not None and (result.offer.session_id, result.offer.booking_id) == (first.id, will.id)


def test_archiving_the_delegate_offered_the_place_offers_it_to_the_next_waiting(db):
    first, _second, wendy, will = _place_free_for_the_first_waiting(db)
    offer = bk.archive_booking(db, wendy.id)
    assert offer is not None and (offer.session_id, offer.booking_id) == (first.id, will.id)


def test_the_next_waiting_is_offered_a_place_still_free_once_the_first_is_booked(db):
    first, _second, wendy, will = _place_free_for_the_first_waiting(db)
    cs.update_session(db, first.id, replace(cs.get_session(db, first.id).to_fields(), capacity=3))  # two places free
    result = bk.update_booking(db, wendy.id, replace(bk.get_booking(db, wendy.id).to_fields(), outcome=Outcome.BOOKED))
    assert result.booking.outcome is Outcome.BOOKED
    assert result.offer is not None and (result.offer.session_id, result.offer.booking_id) == (first.id, will.id)


def test_no_offer_once_the_last_free_place_is_taken_by_the_first_waiting(db):
    _first, _second, wendy, _will = _place_free_for_the_first_waiting(db)
    result = bk.update_booking(db, wendy.id, replace(bk.get_booking(db, wendy.id).to_fields(), outcome=Outcome.BOOKED))
    assert result.booking.outcome is Outcome.BOOKED and result.offer is None


def test_no_offer_when_a_delegate_behind_the_first_waiting_leaves(db):
    """The place is still Wendy's to be offered: Will leaving changes nothing to say."""
    _first, _second, _wendy, will = _place_free_for_the_first_waiting(db)
    assert bk.cancel_booking(db, will.id, date.today()).offer is None
    assert bk.archive_booking(db, bk.create_booking(db, bk.BookingFields(
        session_id=_first.id, delegate_name="Zoe Zed", booked_on=date.today())).booking.id) is None


def test_no_offer_when_a_waiting_delegate_leaves_a_full_session(db):
    course = cs.create_course(db, cs.CourseFields(title="Neglect", topic="Neglect"))
    full = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(NEXT_YEAR, 2, 2, 9, 30),
                                                  capacity=1))
    _book(db, full.id, "Ann Ash", 1)
    wendy, _will = _book(db, full.id, "Wendy Wood", 2), _book(db, full.id, "Will Webb", 3)
    assert bk.cancel_booking(db, wendy.id, date.today()).offer is None


def test_notes_saved_on_the_delegate_offered_the_place_offer_nothing_new(db):
    """Still waiting on the same session: the place is still theirs to be offered."""
    _first, _second, wendy, _will = _place_free_for_the_first_waiting(db)
    result = bk.update_booking(db, wendy.id, replace(bk.get_booking(db, wendy.id).to_fields(), notes="Rang on Monday"))
    assert result.booking.outcome is Outcome.WAITLISTED and result.offer is None


def test_moving_a_booked_delegate_behind_those_waiting_offers_the_free_place_there(db):
    """Nothing to offer on the session left (no one waits there): the free place on the session
    they join, kept for the delegates already waiting, is offered to the first of them."""
    course = cs.create_course(db, cs.CourseFields(title="Neglect", topic="Neglect"))
    left = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(NEXT_YEAR, 3, 2, 9, 30),
                                                  capacity=2))
    joined = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(NEXT_YEAR, 3, 9, 9, 30),
                                                    capacity=1))
    ann = _book(db, left.id, "Ann Ash", 5)
    _book(db, joined.id, "Xena Exe", 1)
    yusuf = _book(db, joined.id, "Yusuf Yale", 2)
    cs.update_session(db, joined.id, replace(cs.get_session(db, joined.id).to_fields(), capacity=2))  # a place free
    result = bk.update_booking(db, ann.id, replace(bk.get_booking(db, ann.id).to_fields(), session_id=joined.id))
    assert result.booking.outcome is Outcome.WAITLISTED and "offered to the first delegate waiting" in result.message
    assert result.offer is not None and (result.offer.session_id, result.offer.booking_id) == (joined.id, yusuf.id)
