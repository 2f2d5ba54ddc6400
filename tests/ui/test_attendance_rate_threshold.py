"""The Attendance tab highlights a rate below the threshold by the figure it shows: 2 of 3
meetings shows as 67% and is not highlighted as below a 67% threshold; below 68% it is. Its
cells and partner engagement's print a rate as the yearly report does (5 of 8 is 63%)."""

from datetime import datetime
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.meetings import AttendanceStatus as A
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.meetings.monitoring import AttendanceMonitoringPage, _rate
from bscp_desktop.ui.yearly_report.engagement import COLUMNS
from tests.meetings_world import meeting


def _cell(model, organisation: str, header: str):
    row = next(i for i, r in enumerate(model.shown) if r.organisation_name == organisation)
    column = next(i for i, c in enumerate(model.columns) if c.header == header)
    return model.index(row, column)


@pytest.mark.slow
def test_two_of_three_shown_as_67_is_not_highlighted_below_a_67_threshold(qtbot, db, world):
    for month, present in ((6, True), (7, True), (8, False)):  # the chair, for the council, at 2 of 3
        m = meeting(db, world.executive, datetime(2023, month, 12, 10))
        at.prefill_attendance(db, m.id)
        if present:
            at.set_attendance(db, [r.id for r in at.list_attendance(db, m.id)], A.PRESENT)
        else:  # held without the council: someone else was there, or the register was never marked
            at.add_attendee(db, m.id, at.AttendeeFields(None, "A guest speaker"))
        mt.set_meeting_status(db, m.id, MeetingStatus.HELD)
    at.set_threshold(db, 67)
    page = AttendanceMonitoringPage(db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.loading() and bool(page.by_org.rows), timeout=10_000)
    cell = _cell(page.by_org, "Brent Council", "Attendance rate")
    assert page.by_org.data(cell) == "67%"
    assert page.by_org.data(cell, Qt.ItemDataRole.BackgroundRole) is None  # 67% is not below 67%
    assert "No organisation attended less than 67%." in page.summary.text()

    page.threshold.setValue(68)
    page.threshold.editingFinished.emit()
    qtbot.waitUntil(lambda: not page.loading() and page.by_org.rows[0].below_threshold, timeout=10_000)
    cell = _cell(page.by_org, "Brent Council", "Attendance rate")
    assert page.by_org.data(cell) == "67%"
    assert page.by_org.data(cell, Qt.ItemDataRole.BackgroundRole) is not None  # 67% is below 68%


def test_a_rate_prints_as_everywhere_else_a_half_rounded_up():
    counts = {"in_person": 5, "by_deputy": 0, "apologies": 0, "absent": 3, "expected": 8}
    assert _rate(SimpleNamespace(rate=5 / 8, **counts)) == "63%"  # not to the even 62%
    assert _rate(SimpleNamespace(rate=None)) == ""
    engagement_rate = next(c for c in COLUMNS if c.header == "Attendance rate")
    assert engagement_rate.value(SimpleNamespace(attendance_rate=100 * 5 / 8)) == "63%"  # was 62.5%
    assert engagement_rate.value(SimpleNamespace(attendance_rate=100 * 2 / 3)) == "67%"
