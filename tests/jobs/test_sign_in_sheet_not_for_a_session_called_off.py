"""A sign-in sheet is not written for a session the partnership called off (it would be taken
to a session that will not run, saying nothing of it): the command line and the window say why,
naming the session, and the window asks for no file; a session that goes ahead still has its
sheet."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from bscp_desktop import jobs
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import called_off as co
from bscp_desktop.services.training import courses as cs
from bscp_desktop.ui.training.tab import TrainingTab
from tests.ui.helpers import shown_tab

TODAY = date.today()
SOON = datetime.combine(TODAY + timedelta(days=9), time(9, 30))
CALLED_OFF = (f"The session Neglect basics, {SOON:%d %b %Y %H:%M} was called off by the partnership on "
              f"{TODAY:%d/%m/%Y}: no sign-in sheet is written for it (if it goes ahead after all, reinstate it "
              "first: Sessions, Reinstate session)")


@pytest.fixture
def sessions(db):
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    made = [cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=SOON + timedelta(days=d), capacity=5))
            for d in (0, 1)]
    for session in made:
        bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name="Ann Able",
                                               booked_on=TODAY - timedelta(days=3)))
    co.call_off_session(db, made[0].id, "The facilitator is ill")
    return made


def test_the_sheet_of_a_session_called_off_is_refused(db, sessions, tmp_path):
    called_off, goes_ahead = sessions
    assert cs.get_session(db, called_off.id).name == f"Neglect basics, {SOON:%d %b %Y %H:%M}"
    with pytest.raises(ValidationError) as refused:
        jobs.write_report(db, "session-register", tmp_path / "off.pdf", record_id=called_off.id)
    assert refused.value.errors == {"record_id": CALLED_OFF}
    assert not (tmp_path / "off.pdf").exists()
    assert jobs.write_report(db, "session-register", tmp_path / "on.pdf", record_id=goes_ahead.id).stat().st_size > 0


def test_the_window_says_why_before_asking_where_to_save(qtbot, db, sessions, monkeypatch):
    said, asked = [], []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, title, text, *_a: said.append((title, text)))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a) or ("", ""))
    tab = shown_tab(qtbot, TrainingTab(db, None))
    page = tab.sessions
    page.reload()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10000)
    page.select_id(sessions[0].id)
    tab.output("session-register").trigger()
    assert said == [("Sign-in sheet", CALLED_OFF)] and asked == []
    page.select_id(sessions[1].id)
    tab.output("session-register").trigger()
    assert said == [("Sign-in sheet", CALLED_OFF)] and len(asked) == 1  # the session going ahead: where to save
