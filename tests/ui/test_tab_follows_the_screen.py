"""Tab goes through a window in the order its parts show, top to bottom and left to right: the
New evaluation dialog's confidence scores come before the comments under them, Attendance
monitoring's Meetings counted… comes between Show and Export, and the Charges page's top row
comes before its tables."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.ui.meetings.monitoring import AttendanceMonitoringPage
from bscp_desktop.ui.training.booking_dialogs import EvaluationDialog
from bscp_desktop.ui.training.charges import ChargesPage


def _session(db, when: datetime):
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect", learning_outcomes=("Spot neglect",)))
    return cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=when, capacity=5))


def tab_from(qtbot, start: QWidget, presses: int) -> list[QWidget]:
    """Where the focus goes, `start` first, pressing Tab `presses` times."""
    start.window().activateWindow()
    start.setFocus()
    qtbot.waitUntil(start.hasFocus, timeout=2000)
    stops = [QApplication.focusWidget()]
    for _ in range(presses):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        stops.append(QApplication.focusWidget())
    return stops


def shown(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_confidence_scores_are_reached_where_they_show_before_the_comments(qtbot, db):
    session = _session(db, datetime(2024, 3, 19, 9, 30))
    dialog = shown(qtbot, EvaluationDialog(db, None, None, session_id=session.id))
    assert dialog.scores is not None
    assert tab_from(qtbot, dialog.name, 2) == [dialog.name, dialog.scores, dialog.comments]


def test_attendance_monitoring_tabs_along_its_bar_as_it_shows(qtbot, db):
    page = shown(qtbot, AttendanceMonitoringPage(db))
    stops = tab_from(qtbot, page.threshold, 4)
    assert stops == [page.threshold, page.refresh_button, page.kinds_button, page.export_button, page.views.tabBar()]


def test_the_charges_page_tabs_along_its_top_row_before_its_tables(qtbot, db):
    ran = _session(db, datetime.combine(date.today() - timedelta(days=3), time(9, 30)))
    absent = bk.create_booking(db, bk.BookingFields(session_id=ran.id, delegate_name="Bo Absent",
                                                    booked_on=date.today() - timedelta(days=30))).booking
    bk.mark_register(db, ran.id, {absent.id: "no_show"})
    page = shown(qtbot, ChargesPage(db))
    qtbot.waitUntil(lambda: not page.loading() and page.totals.isVisible(), timeout=5000)
    stops = tab_from(qtbot, page.period_bar.choice, 3)  # Waive charge… and Charge again wait for a chosen booking
    assert stops == [page.period_bar.choice, page.organisation, page.rates_button, page.totals]
