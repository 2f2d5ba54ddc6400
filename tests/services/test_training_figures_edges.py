"""Training figures at their edges: a period not started yet is compared with the period before
as counted today (its sessions still to come not counted), its year is labelled as not started;
and in the yearly report a name typed in bookings beside the organisation of that name is told
apart from it, as the training summary tells them apart."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.training import Outcome, Period
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import yearly_report as yr
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import figures as fg

TODAY = date(2026, 12, 6)


def _sessions(db, *days: date, delegates: int = 3):
    """A session on each day, each with `delegates` bookings."""
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    for day in days:
        session = cs.create_session(db, cs.SessionFields(course_id=course.id, capacity=10,
                                                         starts_at=datetime(day.year, day.month, day.day, 9, 30)))
        for i in range(delegates):
            bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name=f"Delegate {i}",
                                                   booked_on=min(day.replace(day=1), date.today())))


@pytest.mark.slow
def test_a_period_not_started_is_compared_with_the_period_before_as_counted_today(db):
    # 2025/26 ran; 2026/27 is running: one session has run by today, one is in January, still to come
    _sessions(db, date(2025, 6, 10), date(2026, 11, 10), date(2027, 1, 12))
    report = fg.figures_report(db, date(2027, 4, 1), date(2028, 3, 31), today=TODAY)
    # cut at today, as for a period still running: the January session has not run
    assert report.previous_period == fg.PeriodToDate(date(2026, 4, 1), TODAY,
                                                     whole=Period(date(2026, 4, 1), date(2027, 3, 31)))
    assert report.previous_period.label == "2026/27 to 06/12/2026"
    assert (report.total.previous.sessions, report.total.previous.bookings) == (1, 3)
    assert [y.label for y in report.years] == ["2025/26", "2026/27 (to 06/12/2026)", "2027/28 (not started)"]
    # the period before not started either: nothing of it is counted, and its label says so
    later = fg.figures_report(db, date(2028, 4, 1), date(2029, 3, 31), today=TODAY)
    assert later.previous_period.label == "2027/28 (not started)"
    assert (later.total.previous.sessions, later.total.previous.bookings, later.previous_registrations) == (0, 0, None)
    assert [y.label for y in later.years][-2:] == ["2027/28 (not started)", "2028/29 (not started)"]
    # a period still running and one ended are compared as before
    running = fg.figures_report(db, date(2026, 4, 1), date(2027, 3, 31), today=TODAY)
    assert running.previous_period.label == "2025/26 to 06/12/2025"
    assert fg.figures_report(db, date(2025, 4, 1), date(2026, 3, 31), today=TODAY).previous_period.label == "2024/25"


@pytest.mark.slow
def test_the_yearly_report_tells_a_typed_name_apart_from_the_organisation_of_that_name(db):
    course = cs.create_course(db, cs.CourseFields(title="Zeta course", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course.id, datetime(2023, 6, 1, 9, 30), 10))

    def book(*delegates):
        for name, outcome in delegates:
            bk.create_booking(db, bk.BookingFields(session.id, name, organisation_name="Zeta Nursery",
                                                   booked_on=date(2023, 5, 1), outcome=outcome))

    book(("Early A", Outcome.ATTENDED), ("Early B", Outcome.ATTENDED))  # typed: no organisation of the name yet
    ms.create_organisation(db, ms.OrganisationFields("Zeta Nursery", ms.OrganisationKind.LOCAL_AUTHORITY))
    book(("Later A", Outcome.ATTENDED),)  # linked to it
    built = yr.build_section(db, "training", date(2023, 4, 1), date(2024, 3, 31), today=TODAY)
    chart = next(b for b in built.blocks if getattr(b, "title", "") == "Attendance by partner agency")
    assert dict(zip(chart.categories, chart.series[-1][1], strict=True)) == {
        "Zeta Nursery (typed, not linked)": 2.0, "Zeta Nursery": 1.0}
