"""The demo training programme agrees with the partnership's 2022-24 yearly report."""

from __future__ import annotations

from datetime import date

from bscp_desktop.demo import training as demo
from bscp_desktop.domain.training import Audience, CourseFormat, Outcome
from bscp_desktop.services.settings import get_setting
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import figures as fg
from bscp_desktop.services.training import settings as st


def test_year_on_year_changes_match_the_report(demo_db):
    report = fg.figures_report(demo_db, date(2023, 4, 1), date(2024, 3, 31))
    changes = report.total.changes
    assert changes["bookings"].text.startswith("up 4%")  # "Bookings are up by 4%"
    assert changes["no_shows"].text.startswith("down 9%")  # "a reduction in no shows of 9%"
    assert changes["cancellations"].text.startswith("down 10%")  # "Cancellations are down by 10%"
    since_february = [n for m, n in fg.list_registrations(demo_db) if date(2023, 2, 1) <= m <= date(2024, 3, 31)]
    assert sum(since_february) == 324  # "Registrations are up 324 since February 2023"


def test_courses_the_report_names(demo_db):
    courses = {c.title: c for c in cs.list_courses(demo_db)}
    csa = cs.list_sessions(demo_db, course_id=courses["Child Sexual Abuse: recognising and responding"].id)
    assert [s.day for s in csa] == [date(2024, 3, 19)]  # new in March 2024
    contextual = cs.list_sessions(demo_db, course_id=courses["Contextual Safeguarding"].id)
    assert len(contextual) == 1  # a one-off session
    assert sum(1 for c in courses.values() if c.audience is Audience.JOINT) >= 3  # joint with the Adults Board
    assert sum(1 for c in courses.values() if c.format is CourseFormat.BRIEFING) >= 4  # 60 to 90 minute briefings
    assert {s.title for s in cs.list_series(demo_db)} >= {"Learning from Cases Series", "Serious Violence Series"}
    assert all(demo.NOTE in c.description for c in courses.values())


def test_bookings_come_from_the_demo_organisations_and_not_the_police(demo_db):
    bookings = bk.list_bookings(demo_db)
    organisations = {b.organisation for b in bookings}
    assert "Brent Council" in organisations and "Central London Community Healthcare NHS Trust" in organisations
    assert not any("Police" in o for o in organisations)  # police did not attend multi-agency training
    assert "Brent Mencap" in organisations  # kept as typed: not in the organisation records
    assert any(b.outcome is Outcome.WAITLISTED for b in bookings)
    assert any(b.late_cancellation for b in bookings) and any(b.non_attendance_reason for b in bookings)
    upcoming = [s for s in cs.list_sessions(demo_db) if s.day > date.today()]
    assert upcoming and any(s.waitlisted for s in upcoming)


def test_evaluations_from_2023_24_and_illustrative_label(demo_db):
    report = fg.figures_report(demo_db, date(2023, 4, 1), date(2024, 3, 31))
    assert report.gains and all(g.gain.mean_gain > 0 for g in report.gains)
    assert not fg.figures_report(demo_db, date(2022, 4, 1), date(2023, 3, 31)).gains  # the four-stage process began in 2023-24
    assert get_setting(demo_db, st.ILLUSTRATIVE_SETTING) is True
    assert all(r.no_show == 0 and r.late_cancellation == 0 for r in st.list_charge_rates(demo_db))  # a free programme
