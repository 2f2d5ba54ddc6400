"""An evaluation comes from a delegate who attended: as the booking cannot be marked a no-show or
moved while the evaluation is live, it cannot be archived either (the evaluation would count
for an attendance no longer on record). The officer archives the evaluation first."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from bscp_desktop.domain.training import Outcome
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev

LAST_WEEK = datetime.combine(date.today() - timedelta(days=7), time(10, 0))


def _attended_and_evaluated(db):
    course = cs.create_course(db, cs.CourseFields("Neglect basics", topic="Neglect", learning_outcomes=("Spot neglect",)))
    session = cs.create_session(db, cs.SessionFields(course.id, LAST_WEEK, 5))
    came, other = (bk.create_booking(db, bk.BookingFields(session.id, name, booked_on=LAST_WEEK.date())).booking
                   for name in ("Ann Lee", "Bo Chan"))
    bk.mark_register(db, session.id, {came.id: Outcome.ATTENDED, other.id: Outcome.ATTENDED})
    evaluation = ev.create_evaluation(db, ev.EvaluationFields(session.id, booking_id=came.id,
                                                               scores=(ev.ScoreFields(1, 2, 4),)))
    return session, came, other, evaluation


def test_a_booking_whose_evaluation_is_live_is_not_archived(db):
    session, came, _other, evaluation = _attended_and_evaluated(db)
    with pytest.raises(ValidationError) as refused:
        bk.archive_booking(db, came.id)
    assert refused.value.errors == {"booking": (
        f"The booking cannot be archived while the evaluation by Ann Lee of {came.session_name} is on record (an "
        "evaluation comes from a delegate who attended): archive the evaluation first (Training tab, Evaluations page)")}
    assert not bk.get_booking(db, came.id).archived  # nothing changed
    assert bk.get_booking(db, came.id).outcome is Outcome.ATTENDED
    assert [e.id for e in ev.list_evaluations(db, session_id=session.id)] == [evaluation.id]


def test_once_the_evaluation_is_archived_the_booking_is_archived(db):
    _session, came, _other, evaluation = _attended_and_evaluated(db)
    ev.archive_evaluation(db, evaluation.id)
    assert bk.archive_booking(db, came.id) is None  # a session that has run offers no place
    assert bk.get_booking(db, came.id).archived


def test_a_booking_without_an_evaluation_is_archived_as_before(db):
    _session, _came, other, _evaluation = _attended_and_evaluated(db)
    bk.archive_booking(db, other.id)
    assert bk.get_booking(db, other.id).archived


def test_the_bookings_page_says_why_the_booking_stays(qtbot, db, monkeypatch):
    from bscp_desktop.ui.training.tab import TrainingTab
    from tests.ui.helpers import shown_tab

    _session, came, _other, _evaluation = _attended_and_evaluated(db)
    monkeypatch.setattr("bscp_desktop.ui.common.list_page.confirm", lambda *_a: True)
    warned: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *_a: warned.append((title, text)))
    tab = shown_tab(qtbot, TrainingTab(db, None))
    page = tab.bookings
    tab.sections.setCurrentWidget(page)
    qtbot.waitUntil(lambda: not page.loading() and page.model.rowCount() == 2, timeout=10000)
    page.select_id(came.id)
    page.on_archive()
    assert len(warned) == 1
    title, text = warned[0]
    assert title == "Could not change the booking"
    assert text.startswith("The booking cannot be archived while the evaluation by Ann Lee of ")
    assert text.endswith("archive the evaluation first (Training tab, Evaluations page).")
    assert not bk.get_booking(db, came.id).archived
