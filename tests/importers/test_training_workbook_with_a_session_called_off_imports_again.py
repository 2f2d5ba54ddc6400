"""The training workbook of a programme with a session called off imports again: its Bookings
sheet gives those bookings the outcome "Called off by the partnership", which is read as the
booking as held (it stays called off), not refused as an outcome no row may give. A row saying
called off for a booking that is not (its session reinstated since, or a new delegate) is
refused, saying that a whole session is called off on the Sessions page; a row that cannot
be read says only that, never that its outcome is empty."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from bscp_desktop.domain.training import Outcome
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.jobs.training import training_workbook
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import called_off as co
from bscp_desktop.services.training import courses as cs
from tests.importers.test_training_import import write_csv

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

TODAY = date.today()
SOON = datetime.combine(TODAY + timedelta(days=10), time(9, 30))
REFUSED = ("Outcome 'Called off by the partnership' is recorded for a whole session, on the Sessions page (Call off "
           "session…), not for one booking: give the booking's own outcome.")


@pytest.fixture
def programme(db, tmp_path):
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    off, on = (cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=SOON + timedelta(days=d),
                                                      capacity=3)) for d in (0, 1))
    for session, name in ((off, "Ann Able"), (off, "Bob Baker"), (on, "Cara Cole")):
        bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name=name,
                                               email=f"{name.split()[0].lower()}@example.org",
                                               booked_on=TODAY - timedelta(days=20)))
    co.call_off_session(db, off.id, "The facilitator is ill")
    return off, on, training_workbook(db).save(tmp_path / "Training.xlsx")


def test_the_workbook_imports_again_leaving_the_bookings_called_off(db, programme):
    off, _on, workbook = programme
    report = run_import(db, "bookings", workbook)
    assert report.bad_rows == [] and (report.added, report.updated, report.unchanged) == (0, 0, 3)
    assert {b.outcome for b in bk.list_bookings(db, session_id=off.id)} == {Outcome.CALLED_OFF}


def test_called_off_for_a_booking_that_is_not_is_refused(db, programme, tmp_path):
    off, on, workbook = programme
    co.reinstate_session(db, off.id)
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "bookings", workbook)
    assert refused.value.report.bad_rows == [f"Row {n}: {REFUSED}" for n in (2, 3)]
    row = ["Neglect basics", f"{on.starts_at:%d/%m/%Y %H:%M}", "", "Dan Dunn", "dan@example.org", "", "",
           f"{TODAY:%d/%m/%Y}", "Called off by the partnership", ""]
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "bookings", write_csv(tmp_path / "lms.csv", [row]))
    assert refused.value.report.bad_rows == [f"Row 2: {REFUSED}"]
    assert {b.outcome for b in bk.list_bookings(db)} == {Outcome.BOOKED}


def test_an_outcome_not_read_with_its_cancellation_date_is_not_said_to_be_empty(db, programme, tmp_path):
    _off, on, _workbook = programme
    row = ["Neglect basics", f"{on.starts_at:%d/%m/%Y %H:%M}", "", "Dan Dunn", "dan@example.org", "", "",
           f"{TODAY - timedelta(days=9):%d/%m/%Y}", "Cancelled by learner", f"{TODAY:%d/%m/%Y}"]
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "bookings", write_csv(tmp_path / "lms.csv", [row]))
    assert refused.value.report.bad_rows == [
        "Row 2: Outcome 'Cancelled by learner' is not one of: Booked, Waitlisted, Attended, No-show, Cancelled."]
