"""The Attendance monitoring page and meetings still to come: a planned meeting after today is
said apart ("still to come ... not counted yet"), never among the "cancelled, postponed or not
marked held"; the counts are said in the singular and the plural, in the workbook's words."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.meetings import AttendanceStatus as A
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import attendance as at
from bscp_desktop.ui.meetings.monitoring import AttendanceMonitoringPage
from tests.meetings_world import meeting


def _on(days: int) -> datetime:
    """10 o'clock, `days` from today."""
    return datetime.combine(date.today() + timedelta(days=days), datetime.min.time()).replace(hour=10)


def _page(qtbot, db) -> AttendanceMonitoringPage:
    page = AttendanceMonitoringPage(db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
    return page


def _show(qtbot, page, first: date, last: date) -> str:
    page.date_from.set_value(first)
    page.date_to.set_value(last)
    page.reload()
    qtbot.waitUntil(lambda: not page.loading() and not page.summary.text().startswith("Working out"), timeout=10_000)
    return page.summary.text()


@pytest.mark.slow  # the page works its figures out in the background
def test_a_meeting_still_to_come_is_said_apart_from_those_left_out(qtbot, db, world):
    held = meeting(db, world.executive, _on(-20), status=MeetingStatus.HELD)
    at.prefill_attendance(db, held.id)
    at.set_attendance(db, [r.id for r in at.list_attendance(db, held.id)], A.PRESENT)
    meeting(db, world.executive, _on(-10), status=MeetingStatus.CANCELLED)
    meeting(db, world.executive, _on(-5))  # still planned, its date passed
    meeting(db, world.executive, _on(9))  # planned: still to come
    page = _page(qtbot, db)
    first, last = date.today() - timedelta(days=60), date.today() + timedelta(days=60)
    text = _show(qtbot, page, first, last)
    assert text.startswith(
        f"From {format_date(first)} to {format_date(last)}: 1 meeting held is counted; 2 cancelled, postponed or not "
        "marked held are left out; 1 still to come is not counted yet. "), text
    assert ("1 meeting in this period is still marked planned though its date has passed, so it is not counted as "
            "held: open it and mark it held (or cancelled).") in text
    assert "(s)" not in text.split(" organisation(s) ")[0]

    # a period ending today has nothing still to come
    text = _show(qtbot, page, first, date.today())
    assert "still to come" not in text and "2 cancelled, postponed or not marked held are left out." in text


@pytest.mark.slow  # the page works its figures out in the background
def test_a_page_with_only_a_meeting_to_come_says_it_is_not_counted_yet(qtbot, db, world):
    meeting(db, world.executive, _on(9))
    page = _page(qtbot, db)
    first, last = date.today() - timedelta(days=30), date.today() + timedelta(days=30)
    text = _show(qtbot, page, first, last)
    assert text.startswith(f"No attendance recorded from {format_date(first)} to {format_date(last)}: 0 meetings held "
                           "are counted; 1 still to come is not counted yet. "), text
    assert "cancelled, postponed" not in text
