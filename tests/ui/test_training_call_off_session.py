"""The Sessions page calls a session off: "Call off session…" asks the reason, the list then says
the session was called off (the reason as its tooltip), the Charges page charges no one for it,
and "Reinstate session" puts its bookings back."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from bscp_desktop.domain.dates import financial_year_of
from bscp_desktop.domain.training import Outcome
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import settings as st
from bscp_desktop.ui.training.called_off import CallOffDialog
from bscp_desktop.ui.training.tab import TrainingTab
from tests.ui.helpers import shown_tab, table_texts, when_modal

TODAY = date.today()
SOON = datetime.combine(TODAY + timedelta(days=2), time(9, 30))  # a delegate cancelling today would be charged


@pytest.fixture
def tab(qtbot, db):
    return shown_tab(qtbot, TrainingTab(db, None))


def _wait_loaded(qtbot, page):
    qtbot.waitUntil(lambda: not page.loading(), timeout=10000)


def _session_with_two_agencies(db):
    st.set_charge_rate(db, financial_year_of(SOON.date()), Decimal("50"), Decimal("25"))
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=SOON, capacity=10))
    for name, agency in (("Ann Able", "Agency One"), ("Bob Baker", "Agency Two")):
        bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name=name, organisation_name=agency,
                                               booked_on=TODAY - timedelta(days=20)))
    return session


def _answer(reason: str):
    def handle(dialog: CallOffDialog):
        dialog.reason.setPlainText(reason)
        dialog._on_save()

    return handle


def test_calling_off_a_session_from_the_sessions_page(tab, qtbot, db, monkeypatch):
    session = _session_with_two_agencies(db)
    page = tab.sessions
    page.reload()
    _wait_loaded(qtbot, page)
    page.select_id(session.id)
    assert page.call_off_action.isEnabled() and not page.reinstate_action.isEnabled()
    assert page.reinstate_action.toolTip() == "The session is not called off."

    when_modal(_answer("The facilitator is ill"), "Call off")
    page.call_off_action.trigger()
    assert {b.outcome for b in bk.list_bookings(db, session_id=session.id)} == {Outcome.CALLED_OFF}

    page.reload()
    _wait_loaded(qtbot, page)
    column = [c.header for c in page.model.columns].index("Register")
    assert table_texts(page, column) == [f"Called off on {TODAY:%d/%m/%Y}"]
    assert page.proxy.index(0, column).data(Qt.ItemDataRole.ToolTipRole) == (
        f"Called off by the partnership on {TODAY:%d/%m/%Y}: The facilitator is ill.")
    places = [c.header for c in page.model.columns].index("Places left")
    assert table_texts(page, places) == [""]  # a session that will not run offers no place
    assert page.proxy.index(0, places).data(Qt.ItemDataRole.ToolTipRole) == "Called off: no places are offered."
    page.select_id(session.id)
    assert not page.call_off_action.isEnabled()
    assert page.call_off_action.toolTip() == f"Called off on {TODAY:%d/%m/%Y}: reinstate it instead."
    assert page.reinstate_action.isEnabled()

    charges = tab.charges
    tab.sections.setCurrentWidget(charges)
    charges.reload()
    _wait_loaded(qtbot, charges)
    assert list(charges.lines) == []  # neither agency is charged for a session the partnership called off
    assert charges.empty.isVisibleTo(charges)

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda _parent, _title, text: said.append(text)))
    tab.sections.setCurrentWidget(page)
    page.select_id(session.id)
    page.reinstate_action.trigger()
    assert said == [f"Neglect basics, {SOON:%-d %b %Y} 09:30 is back on: 2 delegates booked again."]
    assert {b.outcome for b in bk.list_bookings(db, session_id=session.id)} == {Outcome.BOOKED}


def test_a_blank_reason_is_not_saved(qtbot, db):
    session = _session_with_two_agencies(db)
    dialog = CallOffDialog(db, cs.get_session(db, session.id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog._on_save()
    assert dialog.result() != CallOffDialog.DialogCode.Accepted
    assert "reason the session was called off is required" in dialog.status.text()
    assert {b.outcome for b in bk.list_bookings(db, session_id=session.id)} == {Outcome.BOOKED}


def test_the_bookings_page_shows_the_bookings_of_sessions_called_off(tab, qtbot, db):
    session = _session_with_two_agencies(db)
    other = cs.create_session(db, cs.SessionFields(course_id=session.course_id, starts_at=SOON + timedelta(days=1),
                                                   capacity=10))
    bk.create_booking(db, bk.BookingFields(session_id=other.id, delegate_name="Cara Cole",
                                           organisation_name="Agency One", booked_on=TODAY))
    from bscp_desktop.services.training import called_off as co

    co.call_off_session(db, session.id, "The facilitator is ill")
    page = tab.bookings
    tab.sections.setCurrentWidget(page)
    page.reload()
    _wait_loaded(qtbot, page)
    page.outcome_filter.setCurrentText("Called off by the partnership")
    _wait_loaded(qtbot, page)
    assert page.outcome_filter.currentText() == "Called off by the partnership"
    assert sorted(table_texts(page, 2)) == ["Ann Able", "Bob Baker"]  # not Cara Cole, still booked elsewhere
