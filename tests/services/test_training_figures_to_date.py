"""Training figures for a period still running (this financial year, on a day in December) are
compared with the period before up to the same point, not with the whole of it, and the labels
say so."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.training import Period
from bscp_desktop.jobs.training import figures_data
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import figures as fg

pytestmark = pytest.mark.both_engines

TODAY = date(2026, 12, 5)


def _quarterly_programme(db):
    """The same programme two years running: a session each quarter, 10 delegates attending."""
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    for day in (date(2025, 5, 12), date(2025, 8, 11), date(2025, 11, 10), date(2026, 2, 9),
                date(2026, 5, 11), date(2026, 8, 10), date(2026, 11, 9), date(2027, 2, 8)):
        session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(day.year, day.month,
                                                                                                 day.day, 9, 30),
                                                         capacity=10))
        for i in range(3):
            bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name=f"Delegate {i}",
                                                   booked_on=min(day.replace(day=1), date.today())))


@pytest.mark.slow
def test_this_year_to_date_is_compared_with_last_year_to_the_same_day(db):
    _quarterly_programme(db)
    report = fg.figures_report(db, date(2026, 4, 1), date(2027, 3, 31), today=TODAY)
    assert report.previous_period == fg.PeriodToDate(date(2025, 4, 1), date(2025, 12, 5),
                                                     whole=Period(date(2025, 4, 1), date(2026, 3, 31)))
    assert (report.total.figures.sessions, report.total.previous.sessions) == (3, 3)
    assert (report.total.figures.bookings, report.total.previous.bookings) == (9, 9)
    assert report.total.changes["sessions"].text == "no change"
    assert (report.period_label, report.previous_period.label) == ("2026/27 to 05/12/2026", "2025/26 to 05/12/2025")
    data = figures_data(report)  # what the summary and its workbook print
    assert (data.period.label, data.previous_period.label) == ("2026/27 to 05/12/2026", "2025/26 to 05/12/2025")
    # a period that has ended is compared with the whole period before
    last = fg.figures_report(db, date(2025, 4, 1), date(2026, 3, 31), today=TODAY)
    assert (last.period_label, last.previous_period.label) == ("2025/26", "2024/25")
    assert last.total.figures.sessions == 4
    # a period of days is cut at the same number of days
    days = fg.figures_report(db, date(2026, 11, 1), date(2026, 12, 20), today=TODAY)
    assert days.previous_period == fg.PeriodToDate(date(2026, 9, 12), date(2026, 10, 16),
                                                   whole=Period(date(2026, 9, 12), date(2026, 10, 31)))
    assert days.previous_period.label == "12 Sep 2026 to 16 Oct 2026"
    assert days.period_label == "1 Nov 2026 to 5 Dec 2026"
