"""Bookings imports and the dates of a booking: a cancellation on record imported again keeps
the lateness it was marked under the notice of its day (an earlier year's charge is not dropped
after the notice changes), and a row whose dates, with those the booking keeps, the booking
window would refuse is a bad row in the window's words."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from bscp_desktop.domain.training import ChargeRates, Outcome
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import charges as ch
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import settings as st
from tests.importers.test_training_import_matching import write_csv as bookings_csv

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

HEADER = ["Course", "Session start", "Capacity", "Delegate", "Email", "Booked on", "Outcome", "Cancelled on"]
COURSE = "Domestic abuse basics"
START = "11/03/2024 09:30"  # 2023/24, a Monday


def write_csv(path: Path, rows) -> Path:
    return bookings_csv(path, rows, header=HEADER)


def _gina(db) -> bk.BookingDTO:
    return next(b for b in bk.list_bookings(db) if b.delegate_name == "Gina Gone")


@pytest.mark.slow
def test_a_cancellation_imported_again_after_the_notice_changed_keeps_what_it_was_charged(db, tmp_path):
    st.save_charge_rates(db, [ChargeRates(2023, Decimal("75.00"), Decimal("40.00"))])
    row = [COURSE, START, "4", "Gina Gone", "gina@x.org", "01/02/2024", "Cancelled", "06/03/2024"]
    run_import(db, "bookings", write_csv(tmp_path / "first.csv", [row]))
    assert _gina(db).late_cancellation  # 3 working days before, under 3 days' notice
    st.save_settings(db, st.TrainingSettings(late_cancellation_days=1), today=date(2024, 12, 5))
    again = run_import(db, "bookings", write_csv(tmp_path / "again.csv", [row]))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
    assert _gina(db).outcome_text == "Cancelled late on 06/03/2024"
    assert ch.charges_report(db, date(2023, 4, 1), date(2024, 3, 31)).total_due == Decimal("40.00")
    # its date corrected in the file: worked out under the notice saved now
    corrected = run_import(db, "bookings", write_csv(tmp_path / "corrected.csv", [[*row[:-1], "07/03/2024"]]))
    assert corrected.updated == 1 and _gina(db).outcome_text == "Cancelled on 07/03/2024"


def test_a_row_booked_in_the_future_is_a_bad_row(db, tmp_path):
    soon = date.today() + timedelta(days=30)
    booked = date.today() + timedelta(days=3)
    rows = [[COURSE, f"{soon:%d/%m/%Y} 10:00", "10", "Uma Early", "uma@x.org", f"{booked:%d/%m/%Y}", "Booked", ""]]
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "bookings", write_csv(tmp_path / "future.csv", rows))
    assert refused.value.report.bad_rows == [f"Row 2: Booked on ({booked:%d/%m/%Y}) cannot be in the future."]
    assert bk.list_bookings(db) == []


def test_a_row_booked_after_the_cancellation_on_record_is_a_bad_row(db, tmp_path):
    course = cs.create_course(db, cs.CourseFields(title=COURSE))
    session = cs.create_session(db, cs.SessionFields(course.id, datetime(2024, 3, 11, 9, 30), 4))
    bob = bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name="Bob Brown", email="bob@x.org",
                                                 booked_on=date(2024, 2, 1))).booking
    bk.cancel_booking(db, bob.id, date(2024, 3, 7))
    rows = [[COURSE, START, "", "Bob Brown", "bob@x.org", "10/03/2024", "", ""]]  # no outcome: cancelled is kept
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "bookings", write_csv(tmp_path / "bob.csv", rows))
    assert refused.value.report.bad_rows == [
        "Row 2: Cancelled on (07/03/2024) cannot be before booked on (10/03/2024)."]
    kept = bk.get_booking(db, bob.id)
    assert (kept.outcome, kept.booked_on, kept.cancelled_on) == (Outcome.CANCELLED, date(2024, 2, 1), date(2024, 3, 7))
    # followed up before the row's Booked on: refused as the window refuses it
    bk.record_follow_up(db, bob.id, "Clash with court", date(2024, 3, 8))
    rows = [[COURSE, START, "", "Bob Brown", "bob@x.org", "09/03/2024", "Booked", ""]]
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "bookings", write_csv(tmp_path / "bob2.csv", rows))
    assert refused.value.report.bad_rows == [
        "Row 2: Followed up on (08/03/2024) cannot be before booked on (09/03/2024)."]


def test_a_cancelled_row_without_its_booked_on_date_is_booked_no_later_than_it_was_cancelled(db, tmp_path):
    rows = [[COURSE, START, "4", "Cy Late", "", "", "Cancelled", "01/03/2024"]]
    run_import(db, "bookings", write_csv(tmp_path / "cy.csv", rows))
    (cy,) = bk.list_bookings(db)
    assert (cy.booked_on, cy.cancelled_on) == (date(2024, 3, 1), date(2024, 3, 1))
    assert bk.record_follow_up(db, cy.id, "Training elsewhere", date(2024, 3, 4)).followed_up_on == date(2024, 3, 4)
