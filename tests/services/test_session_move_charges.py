"""A session moved to another day has its cancellations marked again as late or in time, and
the officer is told which changed and how the charges did, as a new notice says it; a change to
a financial year before this one (whose charges may have been invoiced) is pointed out."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest

from bscp_desktop.domain.training import ChargeRates
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import charges as ch
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import sessions as ts
from bscp_desktop.services.training import settings as st

pytestmark = pytest.mark.both_engines

JUNE = datetime(2025, 6, 18, 9, 30)  # a Wednesday
JULY = datetime(2025, 7, 23, 9, 30)
THIS_YEAR = date(2025, 12, 1)  # in 2025/26, the sessions' financial year
NEXT_YEAR = date(2026, 5, 1)  # 2025/26 is then a year before this one


def _cancelled_late(db):
    """A June session (charges £50 and £25 in 2025/26) that Eli cancelled the Monday before
    (late) and Fox booked and kept."""
    st.save_charge_rates(db, [ChargeRates(2025, Decimal("50.00"), Decimal("25.00"))])
    course = cs.create_course(db, cs.CourseFields("Neglect basics", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course.id, JUNE, 10))
    eli, _fox = (bk.create_booking(db, bk.BookingFields(session.id, n, f"{n.lower()}@brent.gov.uk",
                                                         booked_on=date(2025, 5, 1))).booking for n in ("Eli", "Fox"))
    assert bk.cancel_booking(db, eli.id, date(2025, 6, 16)).booking.late_cancellation
    return session, eli


def _due(db) -> Decimal:
    return ch.charges_report(db, date(2025, 4, 1), date(2026, 3, 31)).total_due


@pytest.mark.slow
def test_moving_a_session_says_which_cancellations_and_charges_changed(db):
    session, eli = _cancelled_late(db)
    fields = cs.get_session(db, session.id).to_fields()
    moved = ts.save_session_saying(db, session.id, replace(fields, starts_at=JULY), today=THIS_YEAR)
    assert moved.session.starts_at == JULY and not bk.get_booking(db, eli.id).late_cancellation
    assert moved.note == ("The session moved from 18/06/2025 to 23/07/2025, so 1 cancellation was marked again under "
                          "the notice: Eli (cancelled on 16/06/2025) is now in time (charges down £25.00).")
    assert _due(db) == Decimal("0.00")
    back = ts.save_session_saying(db, session.id, replace(fields, starts_at=JUNE), today=THIS_YEAR)
    assert back.note.endswith("Eli (cancelled on 16/06/2025) is now late (charges up £25.00).")
    assert _due(db) == Decimal("25.00")
    # the same day at another time, or other details, mark nothing again and say nothing
    later = replace(fields, starts_at=JUNE.replace(hour=13), ends_at=None, notes="Room 2")
    assert ts.save_session_saying(db, session.id, later, today=THIS_YEAR).note == ""


@pytest.mark.slow
def test_a_move_that_changes_an_earlier_years_charges_says_so(db):
    session, eli = _cancelled_late(db)
    fields = cs.get_session(db, session.id).to_fields()
    moved = ts.save_session_saying(db, session.id, replace(fields, starts_at=JULY), today=NEXT_YEAR)
    assert not bk.get_booking(db, eli.id).late_cancellation  # the session's day is a fact, in any year
    assert moved.note.endswith("(charges down £25.00). 2025/26 is a financial year before this one (which began on "
                               "1 Apr 2026): check whether these charges were invoiced already.")


@pytest.mark.slow
def test_a_waived_charge_marked_again_changes_no_charge(db):
    session, eli = _cancelled_late(db)
    bk.waive_charge(db, eli.id, "Sick child, told us by phone")
    fields = cs.get_session(db, session.id).to_fields()
    moved = ts.save_session_saying(db, session.id, replace(fields, starts_at=JULY), today=NEXT_YEAR)
    assert moved.note == ("The session moved from 18/06/2025 to 23/07/2025, so 1 cancellation was marked again under "
                          "the notice: Eli (cancelled on 16/06/2025) is now in time (no change to the charges).")
