"""The bookings import keeps the rules of the booking and session windows: a cancelled booking
a row books again is refused while the delegate holds another live booking on the session, and
a capacity changed is never fewer than the places held (attended and no-show included)."""

from __future__ import annotations

import csv
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.training import Outcome
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

COLUMNS = ["Course", "Session start", "Capacity", "Delegate", "Email", "Job title", "Organisation",
           "Booked on", "Outcome", "Cancelled on"]
COURSE = "Neglect basics"
TODAY = date.today()


def write_csv(path: Path, rows) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([COLUMNS, *rows])
    return path


def _session(db, when: datetime, capacity: int):
    course = cs.create_course(db, cs.CourseFields(COURSE))
    return cs.create_session(db, cs.SessionFields(course.id, when, capacity))


def test_a_row_booking_again_a_delegate_booked_under_another_spelling_is_a_bad_row(db, tmp_path):
    when = datetime.combine(TODAY + timedelta(days=30), time(10, 0))
    session = _session(db, when, 10)
    first = bk.create_booking(db, bk.BookingFields(session.id, "Jane Smith", booked_on=TODAY)).booking
    bk.cancel_booking(db, first.id, TODAY)
    bk.create_booking(db, bk.BookingFields(session.id, "Jane Smith", email="jane@brent.gov.uk", booked_on=TODAY))
    start = f"{when:%d/%m/%Y %H:%M}"
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "bookings", write_csv(tmp_path / "a.csv", [[COURSE, start, "", "Jane Smith", "", "", "", "",
                                                                   "Booked", ""]]))
    assert refused.value.report.bad_rows == [
        f"Row 2: Jane Smith is already booked on this session: Jane Smith <jane@brent.gov.uk>, booked on "
        f"{format_date(TODAY)}, outcome Booked. Edit that booking instead."]
    assert [b.outcome for b in bk.list_bookings(db, session_id=session.id)] == [Outcome.CANCELLED, Outcome.BOOKED]
    # the same file cancelling her other booking (renamed there) books her again on the first
    report = run_import(db, "bookings", write_csv(tmp_path / "b.csv", [
        [COURSE, start, "", "Jane Smith", "", "", "", "", "Booked", ""],
        [COURSE, start, "", "Jane Smith-Jones", "jane@brent.gov.uk", "", "", "", "Cancelled", TODAY.strftime("%d/%m/%Y")],
    ]))
    assert report.updated == 2
    assert [(b.delegate_name, b.outcome) for b in bk.list_bookings(db, session_id=session.id)] == [
        ("Jane Smith", Outcome.BOOKED), ("Jane Smith-Jones", Outcome.CANCELLED)]


def test_a_capacity_below_the_places_attended_is_refused_as_the_session_window_refuses_it(db, tmp_path):
    when = datetime(2024, 6, 10, 10, 0)
    session = _session(db, when, 5)
    ids = [bk.create_booking(db, bk.BookingFields(session.id, f"Delegate {i}", booked_on=date(2024, 6, 1))).booking.id
           for i in range(5)]
    bk.mark_register(db, session.id, {i: Outcome.ATTENDED for i in ids})
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "bookings", write_csv(tmp_path / "c.csv", [
            [COURSE, "10/06/2024 10:00", "2", "Delegate 0", "", "", "", "01/06/2024", "Attended", ""]]))
    assert refused.value.report.bad_rows == [
        f"Row 2: Capacity 2 is too few for {COURSE}, 10/06/2024 10:00: 5 delegates hold places (booked, attended or "
        "did not come), so the capacity cannot be less than 5."]
    assert cs.get_session(db, session.id).capacity == 5
    # the same file with the capacity the session has changes nothing
    report = run_import(db, "bookings", write_csv(tmp_path / "d.csv", [
        [COURSE, "10/06/2024 10:00", "5", "Delegate 0", "", "", "", "01/06/2024", "Attended", ""]]))
    assert (report.added, report.updated, report.bad_rows) == (0, 0, [])
