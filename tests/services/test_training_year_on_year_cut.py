"""Year on year: a financial year cut short by the period (or by today) counts the
registrations of the months begun by then, as its other figures stop there, not the whole
year's."""

from __future__ import annotations

from datetime import date, datetime

from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import figures as fg


def _two_years(db):
    """A session in each of 2022/23 and 2023/24, and 10 registrations a month through both."""
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    for day in (datetime(2022, 9, 12, 9, 30), datetime(2023, 5, 15, 9, 30), datetime(2023, 10, 9, 9, 30)):
        cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=day, capacity=10))
    fg.save_registrations(db, {date(2022 + (m + 3) // 12, (m + 3) % 12 + 1, 1): 10 for m in range(24)})


def test_a_year_cut_short_counts_the_registrations_of_its_months_only(db):
    _two_years(db)
    report = fg.figures_report(db, date(2023, 1, 1), date(2023, 6, 30), today=date(2025, 1, 1))
    years = {y.financial_year: y for y in report.years}
    assert years[2022].label == "2022/23"
    assert years[2022].registrations == 120  # the whole year: it ends within the period
    assert years[2023].label == "2023/24 (to 30/06/2023)"
    assert years[2023].figures.sessions == 1  # the session of October is after the cut
    assert years[2023].registrations == 30  # April to June 2023, not the whole year's 120
    # a month is counted by the period it begins in, as for the period's own registrations
    mid = fg.figures_report(db, date(2023, 1, 1), date(2023, 6, 15), today=date(2025, 1, 1))
    assert mid.registrations == 60  # January to June: June begins in the period
    assert {y.financial_year: y.registrations for y in mid.years}[2023] == 30


def test_a_year_cut_short_by_today_counts_the_months_begun_by_today(db):
    _two_years(db)
    report = fg.figures_report(db, date(2023, 4, 1), date(2024, 3, 31), today=date(2023, 7, 20))
    row = {y.financial_year: y for y in report.years}[2023]
    assert row.label == "2023/24 (to 20/07/2023)"
    assert row.registrations == 40  # April to July 2023
