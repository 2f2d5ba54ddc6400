"""The Charges page tells two delegates of one name at one organisation apart by their email
(or their booking's id), and lists no booking of a session the partnership called off, though a
delegate cancelled it late before it was called off."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.dates import financial_year_of
from bscp_desktop.domain.training import Outcome
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import called_off as co
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import settings as st
from bscp_desktop.ui.training.charges import ChargesPage

TODAY = date.today()


def charged_and_called_off(db) -> dict[str, int]:
    """Two Sam Smiths of Acme Nursery who did not come (on two days), one with no email; a session soon, called
    off after Late Lee cancelled it late."""
    ran = datetime.combine(TODAY - timedelta(days=3), time(9, 30))
    soon = datetime.combine(TODAY + timedelta(days=2), time(9, 30))
    for day in (ran, soon):
        st.set_charge_rate(db, financial_year_of(day.date()), Decimal("40"), Decimal("25"))
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    past = [cs.create_session(db, cs.SessionFields(course.id, ran - timedelta(days=n), 10)) for n in (0, 1)]
    called = cs.create_session(db, cs.SessionFields(course.id, soon, 10))
    booked_on = TODAY - timedelta(days=30)
    ids = {}
    for session, email in zip(past, ("sam.smith@acme.example.org", ""), strict=True):
        ids[email] = bk.create_booking(db, bk.BookingFields(session.id, "Sam Smith", email, organisation_name="Acme Nursery",
                                                            booked_on=booked_on, outcome=Outcome.NO_SHOW)).booking.id
    late = bk.create_booking(db, bk.BookingFields(called.id, "Late Lee", organisation_name="Acme Nursery",
                                                  booked_on=booked_on)).booking
    bk.cancel_booking(db, late.id, TODAY)
    bk.create_booking(db, bk.BookingFields(called.id, "Still Booked", organisation_name="Acme Nursery", booked_on=booked_on))
    co.call_off_session(db, called.id, "The venue was lost", today=TODAY)
    return ids


@pytest.mark.slow
def test_namesakes_are_told_apart_and_a_called_off_session_is_not_charged(qtbot, db):
    ids = charged_and_called_off(db)
    page = ChargesPage(db)
    qtbot.addWidget(page)
    page.show()  # the page reads its records once shown
    qtbot.waitUntil(lambda: not page.loading() and page.report is not None, timeout=5000)
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    email = headers.index("Email")
    assert headers[email - 1] == "Delegate"
    rows = [(page.model.data(page.model.index(r, email - 1)), page.model.data(page.model.index(r, email)))
            for r in range(page.model.rowCount())]
    assert sorted(rows) == [("Sam Smith", f"No email (booking {ids['']})"), ("Sam Smith", "sam.smith@acme.example.org")]
    assert "2 chargeable bookings, £80.00 due." in page.summary.text()  # Late Lee is not charged
