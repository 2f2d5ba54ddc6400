"""Training records kept in step with one another: a cancelled booking booked again only when
the delegate holds no other live booking on the session, attendance restored only on a session
whose day has come, a session moved only where its evaluations can follow it, and a session
ending on the day it starts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.training import Outcome
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

TODAY = date.today()


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10, 0))


def _session(db, when: datetime, capacity: int = 10):
    course = cs.create_course(db, cs.CourseFields("Neglect basics", learning_outcomes=("Spot neglect",)))
    return cs.create_session(db, cs.SessionFields(course.id, when, capacity))


def _moved(db, session_id: int, when: datetime):
    return cs.update_session(db, session_id, replace(cs.get_session(db, session_id).to_fields(), starts_at=when))


def test_a_cancelled_booking_is_not_booked_again_while_the_delegate_holds_another(db):
    session = _session(db, _at(TODAY + timedelta(days=30)))
    first = bk.create_booking(db, bk.BookingFields(session.id, "Jane Smith", booked_on=TODAY)).booking
    bk.cancel_booking(db, first.id, TODAY)
    again = bk.create_booking(db, bk.BookingFields(session.id, "Jane Smith", email="jane@brent.gov.uk",
                                                   booked_on=TODAY)).booking
    cancelled = bk.get_booking(db, first.id)
    with pytest.raises(ValidationError) as refused:  # as a new booking of her would be
        bk.update_booking(db, first.id, replace(cancelled.to_fields(), outcome=Outcome.BOOKED, cancelled_on=None))
    assert refused.value.errors == {"delegate_name": (
        f"Jane Smith is already booked on this session: Jane Smith <jane@brent.gov.uk>, booked on "
        f"{format_date(TODAY)}, outcome Booked. Edit that booking instead")}
    assert bk.get_booking(db, first.id).outcome is Outcome.CANCELLED
    # the cancellation itself is still edited, and once the other booking is cancelled she is booked again
    assert bk.update_booking(db, first.id, replace(cancelled.to_fields(), notes="Rang in")).booking.notes == "Rang in"
    bk.cancel_booking(db, again.id, TODAY)
    booked = bk.update_booking(db, first.id, replace(bk.get_booking(db, first.id).to_fields(), outcome=Outcome.BOOKED,
                                                      cancelled_on=None)).booking
    assert booked.outcome is Outcome.BOOKED


def test_attendance_is_not_restored_onto_a_session_moved_to_a_day_to_come(db):
    ran = _at(TODAY - timedelta(days=10))
    session = _session(db, ran)
    booking = bk.create_booking(db, bk.BookingFields(session.id, "Ann Lee", booked_on=TODAY - timedelta(days=20))).booking
    bk.mark_register(db, session.id, {booking.id: Outcome.ATTENDED})
    bk.archive_booking(db, booking.id)
    to_come = _at(TODAY + timedelta(days=30))
    _moved(db, session.id, to_come)  # allowed: no live booking records attendance
    with pytest.raises(ValidationError) as refused:
        bk.restore_booking(db, booking.id)
    assert refused.value.errors == {"outcome": f"The booking cannot be restored. The session is on "
                                               f"{format_date(to_come.date())}: attendance can be marked from that day"}
    assert bk.get_booking(db, booking.id).archived and cs.get_session(db, session.id).attended == 0
    _moved(db, session.id, ran)  # back to the day it ran: restored as it was
    assert bk.restore_booking(db, booking.id).booking.outcome is Outcome.ATTENDED


def test_a_session_moves_only_where_its_evaluations_can_follow_it(db):
    ran = _at(TODAY - timedelta(days=60))
    session = _session(db, ran)
    ev.create_evaluation(db, ev.EvaluationFields(session.id, "Ann Lee", scores=(ev.ScoreFields(1, 2, 4),),
                                                 manager_follow_up="Using it",
                                                 manager_follow_up_on=TODAY - timedelta(days=20)))
    anonymous = ev.create_evaluation(db, ev.EvaluationFields(
        session.id, scores=(ev.ScoreFields(1, 3, 4),), delegate_follow_up="Better",
        delegate_follow_up_on=TODAY - timedelta(days=30)))
    with pytest.raises(ValidationError) as refused:
        _moved(db, session.id, _at(TODAY + timedelta(days=60)))
    assert refused.value.errors == {"starts_at": "The session has 2 evaluations on record: a session that has run "
                                                 "cannot move to a day still to come"}
    later = TODAY - timedelta(days=25)
    with pytest.raises(ValidationError) as refused:  # after the first follow-up (the anonymous delegate's)
        _moved(db, session.id, _at(later))
    assert refused.value.errors == {"starts_at": (
        f"An anonymous delegate replied to the follow-up on {TODAY - timedelta(days=30):%d/%m/%Y}, before "
        f"{later:%d/%m/%Y}: the session cannot move to a day after its evaluations' follow-ups")}
    ev.archive_evaluation(db, anonymous.id)  # an archived evaluation comes back only as it could be saved
    with pytest.raises(ValidationError, match="Ann Lee's line manager replied to the follow-up on"):
        _moved(db, session.id, _at(TODAY - timedelta(days=10)))
    assert _moved(db, session.id, _at(later)).day == later  # on or before every live follow-up
    assert _moved(db, session.id, _at(later).replace(hour=14)).starts_at.hour == 14  # its time on the same day
    (kept,) = ev.list_evaluations(db, session_id=session.id)
    assert ev.update_evaluation(db, kept.id, replace(kept.to_fields(), comments="Typo fixed")).comments == "Typo fixed"


def test_a_session_ends_on_the_day_it_starts_even_across_midnight(db):
    course = cs.create_course(db, cs.CourseFields("Night shift briefing"))
    with pytest.raises(ValidationError) as refused:
        cs.create_session(db, cs.SessionFields(course.id, datetime(2024, 2, 29, 22, 0), 10,
                                               ends_at=datetime(2024, 3, 1, 2, 0)))
    assert refused.value.errors == {"ends_at": "A session ends on the day it starts; add another session for another day"}
    assert cs.create_session(db, cs.SessionFields(course.id, datetime(2024, 2, 29, 18, 0), 10,
                                                  ends_at=datetime(2024, 2, 29, 23, 59))).ends_at.hour == 23
