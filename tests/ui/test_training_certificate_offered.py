"""File > Export > Certificate of attendance, in the Training tab, is given only the booking
of a delegate who attended, on record, on a session on record: for any other it says why."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from bscp_desktop.domain.training import Outcome
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.ui.common import outputs
from bscp_desktop.ui.common.outputs import find_action
from bscp_desktop.ui.training.tab import TrainingTab
from tests.ui.helpers import shown_tab


@pytest.mark.slow
def test_the_certificate_is_not_offered_for_an_archived_booking(qtbot, db, monkeypatch):
    course = cs.create_course(db, cs.CourseFields("Neglect basics"))
    last_week = datetime.combine(date.today() - timedelta(days=7), time(10, 0))  # in the period the page shows
    session = cs.create_session(db, cs.SessionFields(course.id, last_week, 5))
    came, archived = (bk.create_booking(db, bk.BookingFields(session.id, name, booked_on=last_week.date())).booking
                      for name in ("Ann Lee", "Entered By Mistake"))
    bk.mark_register(db, session.id, {came.id: Outcome.ATTENDED, archived.id: Outcome.ATTENDED})
    bk.archive_booking(db, archived.id)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    asked_for_a_file: list[str] = []
    monkeypatch.setattr(outputs, "choose_save_path", lambda _parent, title, *_a: asked_for_a_file.append(title))
    tab = shown_tab(qtbot, TrainingTab(db, None))
    page = tab.bookings
    tab.sections.setCurrentWidget(page)
    page.show_archived.setChecked(True)
    qtbot.waitUntil(lambda: not page.loading() and page.model.rowCount() == 2, timeout=10000)
    certificate = find_action(tab.export_actions(), "certificate")

    page.select_id(archived.id)
    certificate.trigger()  # says why, and asks for no file
    assert asked_for_a_file == []
    assert told == [f"Entered By Mistake's booking on {came.session_name} is archived: a certificate is only for a "
                    "booking on record (restore it first: Bookings, Show archived)"]
    page.select_id(came.id)
    assert tab._certificate_options() == {"booking": came.id}
    cs.archive_session(db, session.id)
    assert tab._certificate_options() is None and told[-1].startswith(f"The session {came.session_name} is archived")
