"""The session window says, once saved, which cancellations moving the session to another day
marked again as late or in time and how the charges changed; a save that moves nothing says
nothing."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QMessageBox

from bscp_desktop.domain.training import ChargeRates
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import settings as st
from bscp_desktop.ui.training.dialogs import SessionDialog


@pytest.mark.slow
def test_the_session_window_says_which_charges_moving_it_changed(qtbot, db, monkeypatch):
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda _parent, title, text: said.append((title, text))))
    st.save_charge_rates(db, [ChargeRates(2025, Decimal("50.00"), Decimal("25.00"))])
    course = cs.create_course(db, cs.CourseFields("Neglect basics", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course.id, datetime(2025, 6, 18, 9, 30), 10))
    eli = bk.create_booking(db, bk.BookingFields(session.id, "Eli", booked_on=date(2025, 5, 1))).booking
    assert bk.cancel_booking(db, eli.id, date(2025, 6, 16)).booking.late_cancellation

    dialog = SessionDialog(db, cs.get_session(db, session.id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.venue.setText("Brent Civic Centre")
    dialog._on_save()
    assert dialog.result() == SessionDialog.DialogCode.Accepted and said == []  # not moved: nothing to say

    dialog = SessionDialog(db, cs.get_session(db, session.id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.day.set_value(date(2025, 7, 23))
    dialog._on_save()
    assert dialog.result() == SessionDialog.DialogCode.Accepted
    assert [title for title, _text in said] == ["Session moved"]
    assert "Eli (cancelled on 16/06/2025) is now in time (charges down £25.00)" in said[0][1]
    assert not bk.get_booking(db, eli.id).late_cancellation
