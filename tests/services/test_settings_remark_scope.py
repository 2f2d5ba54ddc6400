"""Saving the case review settings marks Training's cancellations again only when the local
closure days changed, and then only those of sessions from the start of this financial year
on, as a new notice does: cancellations of closed years keep what they were charged, and the
save says which it changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest

from bscp_desktop.domain.training import ChargeRates
from bscp_desktop.services import case_review_settings as crs
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import charges as ch
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import settings as st

TODAY = date(2024, 12, 5)  # in 2024/25


def _cancelled(db, when: datetime, cancelled_on: date, name: str) -> int:
    course = cs.list_courses(db)[0] if cs.list_courses(db) else cs.create_course(
        db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=when, capacity=5))
    booking = bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name=name,
                                                     booked_on=date(2024, 2, 1))).booking
    assert not bk.cancel_booking(db, booking.id, cancelled_on).booking.late_cancellation
    return booking.id


@pytest.mark.slow
def test_case_review_settings_mark_cancellations_again_only_for_new_closure_days_and_this_year(db):
    st.save_charge_rates(db, [ChargeRates(2023, Decimal("50.00"), Decimal("25.00")),
                              ChargeRates(2024, Decimal("60.00"), Decimal("30.00"))])
    # each cancelled on a Tuesday, four working days before the Monday session: in time under 3 days' notice
    closed = _cancelled(db, datetime(2024, 3, 11, 9, 30), date(2024, 3, 5), "Olga Old")  # 2023/24
    this_year = _cancelled(db, datetime(2024, 6, 10, 9, 30), date(2024, 6, 4), "Nia Now")  # 2024/25
    closed_year_due = ch.charges_report(db, date(2023, 4, 1), date(2024, 3, 31)).total_due

    # a closure day in each week: both now fall within the notice, but only this year's is marked again
    settings = crs.load_settings(db)
    closures = (crs.ClosureDay(date(2024, 3, 6), "Office move"), crs.ClosureDay(date(2024, 6, 5), "Office move"))
    saved = crs.save_settings(db, replace(settings, closures=closures), today=TODAY)
    assert saved.remarked.count == 1 and saved.remarked.since == date(2024, 4, 1)
    assert saved.remarked.sentence == (
        "1 training cancellation was marked again as late or in time now that the local closure days have "
        "changed: 2024/25, 1 now late (charges up £30.00). Only sessions from 1 Apr 2024 on were marked again: "
        "cancellations of earlier financial years keep what they were charged.")
    assert bk.get_booking(db, this_year).late_cancellation
    assert not bk.get_booking(db, closed).late_cancellation

    # a save that keeps the closure days (a theme added, a reason reworded) marks nothing again
    again = crs.save_settings(db, replace(saved, themes=saved.themes + ("Housing",),
                                          closures=(replace(closures[0], reason="Council closure"), closures[1])),
                              today=date(2025, 1, 10))
    assert again.remarked == st.Remarked() and again.remarked.sentence == ""
    assert not bk.get_booking(db, closed).late_cancellation
    assert ch.charges_report(db, date(2023, 4, 1), date(2024, 3, 31)).total_due == closed_year_due
