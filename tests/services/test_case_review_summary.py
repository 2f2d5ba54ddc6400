"""The case reviews summary through the service: a period that has not ended yet."""

from __future__ import annotations

from datetime import date, timedelta

from bscp_desktop.domain.case_reviews import IncidentType
from bscp_desktop.domain.dates import format_date
from bscp_desktop.services import case_review_summary as crs
from bscp_desktop.services import case_reviews as cr


def test_the_current_year_does_not_count_a_deadline_not_yet_due_as_overdue(db):
    today = date.today()  # a case cannot be known of in the future, so the period runs on past today
    cr.create_case_review(db, cr.CaseReviewFields("Child S", IncidentType.SERIOUS_HARM, today))
    summary = crs.case_summary(db, today - timedelta(days=30), today + timedelta(days=300))
    notification = next(t for t in summary.timeliness if t.key == "notification")
    assert notification.overdue_at_end == 0  # due 5 working days after today
    assert summary.clocks_as_at == today
    assert dict(summary.figures())[f"{notification.label}: overdue as at {format_date(today)}"] == 0
