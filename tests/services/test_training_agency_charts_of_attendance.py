"""The charts of attendance by organisation (the training summary's and the yearly report's
"Attendance by partner agency") show the organisations whose delegates attended or did not come:
not one whose bookings were all on the waiting list or cancelled, at 0. The figures table still
lists every organisation that booked."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.training import Outcome
from bscp_desktop.jobs.training import figures_data
from bscp_desktop.reports import training as out
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import figures as fg
from bscp_desktop.services.yearly_report import sections as ys

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

YEAR = (date(2025, 4, 1), date(2026, 3, 31))
AFTER = date(2026, 5, 1)


def _agencies(db) -> None:
    """Attended came; Missed did not come; Waiting only waited for a place; Withdrew cancelled."""
    ids = {name: ms.create_organisation(db, ms.OrganisationFields(name, OrganisationKind.OTHER)).id
           for name in ("Attended Agency", "Missed Agency", "Waiting Agency", "Withdrew Agency")}
    course = cs.create_course(db, cs.CourseFields("Neglect basics", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course.id, datetime(2025, 6, 10, 10), 2))

    def book(name, org, **kw):
        return bk.create_booking(db, bk.BookingFields(session.id, name, organisation_id=ids[org],
                                                      booked_on=date(2025, 6, 1), **kw)).booking

    book("Cy Cole", "Withdrew Agency", outcome=Outcome.CANCELLED, cancelled_on=date(2025, 6, 2))
    came = book("Ann Able", "Attended Agency")
    missed = book("Ben Bell", "Missed Agency")
    waiting = book("Dee Eve", "Waiting Agency")  # the session is full
    assert bk.get_booking(db, waiting.id).outcome is Outcome.WAITLISTED
    bk.mark_register(db, session.id, {came.id: Outcome.ATTENDED, missed.id: Outcome.NO_SHOW})


def test_the_agency_charts_leave_out_organisations_only_waitlisted_or_cancelled(db):
    _agencies(db)
    report = fg.figures_report(db, *YEAR, today=AFTER)
    assert sorted(r.label for r in report.by_organisation) == [
        "Attended Agency", "Missed Agency", "Waiting Agency", "Withdrew Agency"]  # the figures table: every one

    chart = out.organisation_chart(figures_data(report))  # the training summary's chart
    assert chart.categories == ("Attended Agency", "Missed Agency")
    assert [s.values for s in chart.series] == [(1, 0)]

    section = ys.training(db, *YEAR, AFTER)
    agencies = next(b for b in section.blocks if getattr(b, "title", "") == "Attendance by partner agency")
    assert agencies.categories == ("Attended Agency", "Missed Agency")
    assert agencies.series == (("This period", (1.0, 0.0)),)
