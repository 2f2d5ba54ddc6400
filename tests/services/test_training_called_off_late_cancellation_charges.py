"""A session the partnership called off charges no agency, whatever its bookings' outcomes: a
delegate who cancelled late before it was called off is not charged while it stays called off
(the booking, the statement, Finance's training income and the archive note all agree), and is
charged again if the session is reinstated before it starts."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest

from bscp_desktop.domain.dates import financial_year_label, financial_year_of
from bscp_desktop.domain.training import ChargeKind, Outcome
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import finance as fin
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import called_off as co
from bscp_desktop.services.training import charges as ch
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import settings as st

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

TODAY = date.today()
SOON = datetime.combine(TODAY + timedelta(days=2), time(9, 30))  # a cancellation today is late


def _late_canceller_and_another(db):
    """A session soon with a late cancellation (charged £25.00) and a delegate still booked."""
    st.set_charge_rate(db, financial_year_of(SOON.date()), Decimal("50"), Decimal("25"))
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=SOON, capacity=10))
    booked_on = TODAY - timedelta(days=30)
    late = bk.create_booking(db, bk.BookingFields(session.id, "Future Late", organisation_name="Agency One",
                                                  booked_on=booked_on)).booking
    late = bk.cancel_booking(db, late.id, TODAY).booking
    bk.create_booking(db, bk.BookingFields(session.id, "Other Delegate", organisation_name="Agency One",
                                           booked_on=booked_on))
    assert (late.outcome_text, late.charge) == (f"Cancelled late on {TODAY:%d/%m/%Y}", ChargeKind.LATE_CANCELLATION)
    return session, late


def _charged(db):
    return [(ln.delegate_name, ln.kind, ln.due) for ln in ch.charges_report(db, SOON.date(), SOON.date()).lines]


def _training_income(db):
    summary = fin.year_summary(db, financial_year_label(financial_year_of(SOON.date())))
    return [(r.label, r.amount) for r in summary.other_income if r.label.startswith("Training charges")]


def test_a_late_cancellation_before_the_session_was_called_off_is_charged_nowhere(db):
    session, late = _late_canceller_and_another(db)
    assert _charged(db) == [("Future Late", ChargeKind.LATE_CANCELLATION, Decimal("25.00"))]
    assert _training_income(db) == [("Training charges: Agency One", Decimal("25.00"))]

    co.call_off_session(db, session.id, "The venue was lost", today=TODAY)

    booking = bk.get_booking(db, late.id)
    assert (booking.outcome, booking.late_cancellation) == (Outcome.CANCELLED, True)  # as the delegate cancelled
    assert booking.charge is None
    assert booking.outcome_text == f"Cancelled late on {TODAY:%d/%m/%Y} (not charged: the session was called off)"
    assert _charged(db) == []
    with db.unit_of_work() as s:
        assert ch.charge_lines_in(s) == []
    assert _training_income(db) == []
    note = ch.session_archive_note(db, session.id)
    assert "£" not in note and "late cancellation" not in note
    assert note == "It has 1 booking called off by the partnership (never charged): its bookings leave the bookings list."


def test_reinstating_the_session_charges_the_late_cancellation_again(db):
    session, late = _late_canceller_and_another(db)
    co.call_off_session(db, session.id, "The facilitator is ill", today=TODAY)
    assert bk.get_booking(db, late.id).charge is None

    co.reinstate_session(db, session.id)

    booking = bk.get_booking(db, late.id)
    assert (booking.charge, booking.outcome_text) == (ChargeKind.LATE_CANCELLATION, f"Cancelled late on {TODAY:%d/%m/%Y}")
    assert _charged(db) == [("Future Late", ChargeKind.LATE_CANCELLATION, Decimal("25.00"))]
    assert _training_income(db) == [("Training charges: Agency One", Decimal("25.00"))]
    assert "(£25.00)" in ch.session_archive_note(db, session.id)


def test_no_charge_of_a_called_off_session_can_be_waived(db):
    session, late = _late_canceller_and_another(db)
    co.call_off_session(db, session.id, "The venue was lost", today=TODAY)
    with pytest.raises(ValidationError) as raised:
        bk.waive_charge(db, late.id, "Agreed with the agency")
    assert raised.value.errors["waiver_reason"] == (
        f"The session was called off by the partnership on {TODAY:%d/%m/%Y}: no booking of it is charged, so "
        "there is no charge to waive")
    assert bk.get_booking(db, late.id).charge_waived is False
