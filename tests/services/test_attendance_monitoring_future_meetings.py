"""Attendance monitoring and meetings still to come: a period with no end stops at today; a
planned meeting from today on is neither held nor "cancelled, postponed or not marked held" but
still to come, said apart; a planned meeting whose date has passed is "not marked held". The
page and the workbook say the counts in the same words (`reports.attendance.meetings_counted`)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import openpyxl
import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.meetings import AttendanceStatus as A
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.reports.attendance import meetings_counted, period_words, write_attendance_xlsx
from bscp_desktop.services import attendance as at
from tests.meetings_world import meeting

TODAY = date(2024, 12, 6)


def _held_with_register(db, world, when: datetime) -> None:
    m = meeting(db, world.executive, when, status=MeetingStatus.HELD)
    at.prefill_attendance(db, m.id)
    at.set_attendance(db, [r.id for r in at.list_attendance(db, m.id)], A.PRESENT)


@pytest.fixture
def year(db, world):
    """A held meeting, a cancelled one, one still planned though past, one planned for today and
    two planned after today, all in the financial year 2024-25 (today being 06/12/2024)."""
    _held_with_register(db, world, datetime(2024, 11, 4, 10))
    meeting(db, world.executive, datetime(2024, 9, 2, 10), status=MeetingStatus.CANCELLED)
    meeting(db, world.executive, datetime(2024, 10, 7, 10))  # planned, its date passed: not marked held
    meeting(db, world.executive, datetime(2024, 12, 6, 14))  # planned for this afternoon: still to come
    meeting(db, world.executive, datetime(2024, 12, 15, 10))
    meeting(db, world.executive, datetime(2025, 1, 13, 10))
    return db


def test_a_period_with_no_end_stops_at_today(year):
    report = at.attendance_monitoring(year, None, None, today=TODAY)
    assert report.meetings_held == 1
    assert report.meetings_not_counted == 2 and report.planned_but_past == 1  # the cancelled and the unmarked
    assert report.still_to_come == 1  # this afternoon's; those after today are outside the period


def test_meetings_after_today_in_the_period_are_still_to_come_not_left_out(year):
    report = at.attendance_monitoring(year, date(2024, 4, 1), date(2025, 3, 31), today=TODAY)
    assert (report.meetings_held, report.meetings_not_counted, report.planned_but_past) == (1, 2, 1)
    assert report.still_to_come == 3
    assert meetings_counted(report.meetings_held, report.meetings_not_counted, report.still_to_come) == (
        "1 meeting held is counted; 2 cancelled, postponed or not marked held are left out; 3 still to come "
        "are not counted yet.")


def test_a_period_wholly_past_has_nothing_still_to_come(year):
    report = at.attendance_monitoring(year, date(2024, 4, 1), date(2024, 11, 30), today=TODAY)
    assert (report.meetings_held, report.meetings_not_counted, report.still_to_come) == (1, 2, 0)


def test_the_counts_are_said_in_the_singular_and_the_plural():
    assert meetings_counted(0, 0) == "0 meetings held are counted."
    assert meetings_counted(1, 1, 1) == ("1 meeting held is counted; 1 cancelled, postponed or not marked held is "
                                         "left out; 1 still to come is not counted yet.")
    assert meetings_counted(2, 0, 2) == "2 meetings held are counted; 2 still to come are not counted yet."
    assert period_words(None, None) == "the start to today"
    assert period_words(date(2024, 4, 1), date(2025, 3, 31)) == "01/04/2024 to 31/03/2025"


def _about(path) -> list[str]:
    return [row[0] for row in openpyxl.load_workbook(path)["About"].iter_rows(values_only=True, max_row=2)]


def test_the_workbook_says_the_counts_as_the_page_does(db, world, tmp_path):
    out = write_attendance_xlsx([], [], [], tmp_path / "a.xlsx", date_from=date(2024, 4, 1), date_to=date(2025, 3, 31),
                                threshold=75, meetings_held=1, meetings_not_counted=2, still_to_come=3)
    assert _about(out) == ["Attendance at meetings held from 01/04/2024 to 31/03/2025.", meetings_counted(1, 2, 3)]

    # the only meeting is planned for after today: a report from the start to today leaves it out
    soon = datetime.combine(date.today() + timedelta(days=9), datetime.min.time()).replace(hour=10)
    meeting(db, world.executive, soon)
    report = at.attendance_monitoring(db)
    assert (report.meetings_held, report.meetings_not_counted, report.still_to_come) == (0, 0, 0)
    out = jobs.write_report(db, "attendance", tmp_path / "b.xlsx")
    assert _about(out) == ["Attendance at meetings held from the start to today.", "0 meetings held are counted."]


def test_the_workbook_of_a_period_reaching_past_today_says_what_is_still_to_come(db, world, tmp_path):
    soon = datetime.combine(date.today() + timedelta(days=9), datetime.min.time()).replace(hour=10)
    meeting(db, world.executive, soon)
    end = date.today() + timedelta(days=30)
    out = jobs.write_report(db, "attendance", tmp_path / "c.xlsx", date_from=date.today(), date_to=end)
    assert _about(out)[1] == "0 meetings held are counted; 1 still to come is not counted yet."
