"""The period summary's timeliness uses the dates as they stood at the end of the period."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.case_reviews import Decision
from bscp_desktop.domain.case_summary import SummaryCase, summarise
from bscp_desktop.domain.deadlines import DEFAULT_RULES


def _panel_report(summary):
    return next(t for t in summary.timeliness if t.key == "panel_report")


def _case(**dates) -> SummaryCase:
    base = dict(
        notification_sent=date(2023, 12, 4), rapid_review_sent=date(2023, 12, 20),
        decision_date=date(2024, 1, 2), final_report=date(2024, 9, 2),
        sent_to_panel_sos=date(2024, 9, 16), planned_publication=date(2024, 9, 30),
        delay_told_panel=date(2024, 6, 3),
    )
    base.update(dates)
    return SummaryCase("BSCP-2023-01", "Child P", date(2023, 12, 1), base, decision=Decision.LCSPR)


def test_report_sent_on_time_before_a_planned_publication_after_the_period_is_on_time():
    # 7 working days before the planned publication (30/09/2024) is 19/09/2024; sent 16/09/2024
    summary = summarise([_case()], date(2024, 4, 1), date(2024, 9, 20), DEFAULT_RULES)
    t = _panel_report(summary)
    assert (t.on_time, t.late, t.overdue_at_end) == (1, 0, 0)


def test_a_step_done_after_the_period_is_still_not_done_at_its_end():
    summary = summarise([_case()], date(2024, 4, 1), date(2024, 9, 10), DEFAULT_RULES)
    t = _panel_report(summary)
    assert (t.on_time, t.late) == (0, 0)


def test_a_report_sent_after_the_planned_date_less_seven_working_days_is_late():
    summary = summarise([_case(sent_to_panel_sos=date(2024, 9, 20))], date(2024, 4, 1), date(2024, 9, 20), DEFAULT_RULES)
    t = _panel_report(summary)
    assert (t.on_time, t.late, t.average_working_days_late) == (0, 1, 1.0)


def _notification(summary):
    return next(t for t in summary.timeliness if t.key == "notification")


# a case the local authority became aware of on Tue 01/12/2026: notification due Tue 08/12/2026
_NEW_CASE = SummaryCase("BSCP-2026-01", "Child S", date(2026, 12, 1), {"became_aware": date(2026, 12, 1)})


def test_a_period_ending_after_today_is_judged_as_at_today():
    summary = summarise([_NEW_CASE], date(2026, 4, 1), date(2027, 3, 31), DEFAULT_RULES, today=date(2026, 12, 5))
    assert _notification(summary).overdue_at_end == 0  # not due until 08/12/2026
    assert summary.clocks_as_at == date(2026, 12, 5)
    figures = dict(summary.figures())
    assert figures["Serious incident notification to the Panel: overdue as at 05/12/2026"] == 0
    assert not any("at the end of the period" in label for label in figures)
    assert summary.overdue_heading == "Overdue as at 05/12/2026"


def test_a_deadline_passed_by_today_is_overdue_as_at_today():
    summary = summarise([_NEW_CASE], date(2026, 4, 1), date(2027, 3, 31), DEFAULT_RULES, today=date(2026, 12, 9))
    assert _notification(summary).overdue_at_end == 1


def test_a_period_already_ended_is_judged_at_its_end_and_says_so():
    summary = summarise([_NEW_CASE], date(2026, 4, 1), date(2026, 12, 31), DEFAULT_RULES, today=date(2027, 1, 4))
    assert _notification(summary).overdue_at_end == 1
    assert summary.clocks_as_at is None and summary.overdue_heading == "Overdue at the end of the period"
    assert "Serious incident notification to the Panel: overdue at the end of the period" in dict(summary.figures())
