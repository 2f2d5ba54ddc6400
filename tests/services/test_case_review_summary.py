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


def test_the_summary_workbook_pdf_and_yearly_report_say_when_the_overdue_clocks_stand(db, tmp_path):
    from openpyxl import load_workbook

    from bscp_desktop.reports import case_reviews as out
    from bscp_desktop.services.yearly_report import sections

    today = date.today()
    cr.create_case_review(db, cr.CaseReviewFields("Child S", IncidentType.SERIOUS_HARM, today - timedelta(days=20)))
    summary = crs.case_summary(db, today - timedelta(days=30), today + timedelta(days=300))
    heading = f"Overdue as at {format_date(today)}"
    sheet = load_workbook(out.summary_workbook(summary, "Brent").save(tmp_path / "s.xlsx"))["Timeliness"]
    assert heading in [c.value for c in sheet[1]]
    ended = crs.case_summary(db, today - timedelta(days=30), today - timedelta(days=1))
    assert ended.overdue_heading == "Overdue at the end of the period"
    built = sections.case_reviews(db, today - timedelta(days=30), today + timedelta(days=300), today)
    assert any(heading in block.headers for block in built.blocks if hasattr(block, "headers"))
