"""A delegate's name too long to be matched (its key longer than the records keep, once compared
in any case) is refused, naming the field and why, by the booking window, the evaluation window
and the bookings import alike, on a database file and on a team database (where the column's
length is enforced: it failed there as a database error); the longest that fits is saved."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.db.models.training import TrainingBooking, TrainingEvaluation
from bscp_desktop.domain.delegates import KEY_LONGEST
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev
from tests.importers.test_training_import import write_csv

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

COURSE, RAN = "Neglect basics", datetime(2025, 5, 14, 9, 30)
TOO_LONG, LONGEST = "ß" * 200, "ß" * 127  # 400 and 254 characters compared in any case
WHY = "is too long to be matched with the delegate's other records: letters such as 'ß' count as 2"


def _session(db):
    course = cs.create_course(db, cs.CourseFields(title=COURSE, topic="Neglect"))
    return cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=RAN, capacity=10))


def test_the_key_columns_hold_the_longest_key():
    assert TrainingBooking.__table__.c.delegate_key.type.length == KEY_LONGEST
    assert TrainingEvaluation.__table__.c.delegate_key.type.length == KEY_LONGEST


@pytest.mark.slow  # the booking and evaluation windows' commands, an import, then the longest name saved
def test_a_name_too_long_to_be_matched_is_refused_by_the_windows_and_the_import(db, tmp_path):
    session = _session(db)
    with pytest.raises(ValidationError) as refused:
        bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name=TOO_LONG, booked_on=date(2025, 4, 1)))
    assert list(refused.value.errors) == ["delegate_name"] and WHY in refused.value.errors["delegate_name"]
    with pytest.raises(ValidationError) as refused:
        ev.create_evaluation(db, ev.EvaluationFields(session.id, delegate_name=TOO_LONG))
    assert list(refused.value.errors) == ["delegate_name"] and WHY in refused.value.errors["delegate_name"]
    path = write_csv(tmp_path / "long.csv", [[COURSE, "14/05/2025 09:30", "", TOO_LONG, "", "", "", "01/04/2025",
                                             "Booked", ""]])
    with pytest.raises(ImportRejected) as rejected:
        run_import(db, "bookings", path)
    assert rejected.value.report.bad_rows == [
        f"Row 2: Delegate 'ßßßßßßßßßßßßßßßßßßßß…' {WHY} when names are compared, so it counts as 400 characters, and at "
        "most 255 can be matched; shorten it."]
    assert bk.list_bookings(db) == []

    booking = bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name=LONGEST,
                                                     booked_on=date(2025, 4, 1))).booking
    assert bk.get_booking(db, booking.id).delegate_name == LONGEST
    evaluation = ev.create_evaluation(db, ev.EvaluationFields(session.id, delegate_name="ẞ" * 127))
    assert evaluation.booking_id == booking.id  # found again by its key ("ẞ" is compared as "ss" too)
