"""A rule met by no stage date (a reminder only) is never overdue for ever."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.case_review_clocks import clocks_for
from bscp_desktop.domain.case_reviews import Decision
from bscp_desktop.domain.deadlines import DEFAULT_RULES, DeadlineRule, DeadlineStatus

# 10 working days after 08/01/2024 (a Monday): due Monday 22/01/2024
REMINDER = DeadlineRule("new_deadline", "Strategy meeting", "became_aware", 10, "working_days", 1)
RULES = (*DEFAULT_RULES, REMINDER)


def reminder(dates, today, decision=None):
    clock = next(c for c in clocks_for(RULES, dates, decision, today) if c.key == "new_deadline")
    return clock.due, clock.status, clock.note


def test_a_reminder_is_due_then_overdue_while_the_case_stands_still():
    dates = {"became_aware": date(2024, 1, 8), "notification_sent": date(2024, 1, 9)}
    assert reminder(dates, date(2024, 1, 22))[:2] == (date(2024, 1, 22), DeadlineStatus.DUE_SOON)
    assert reminder(dates, date(2024, 1, 24))[1] is DeadlineStatus.OVERDUE


def test_a_reminder_stops_once_the_case_moves_on_after_its_date():
    dates = {"became_aware": date(2024, 1, 8), "notification_sent": date(2024, 1, 9),
             "rapid_review_meeting": date(2024, 1, 25)}
    _, status, note = reminder(dates, date(2025, 2, 1))
    assert status is DeadlineStatus.STOPPED
    assert note == "Reminder only: the case moved on (Rapid review meeting, 25/01/2024)"
    # as things stood before the meeting, it was overdue
    assert reminder({**dates, "rapid_review_meeting": None}, date(2024, 1, 24))[1] is DeadlineStatus.OVERDUE


def test_a_reminder_stops_when_every_step_is_done_or_the_case_is_closed():
    done = {"became_aware": date(2024, 1, 8), "notification_sent": date(2024, 1, 9),
            "rapid_review_meeting": date(2024, 1, 15), "rapid_review_sent": date(2024, 1, 18),
            "decision_date": date(2024, 1, 18)}
    _, status, note = reminder(done, date(2025, 2, 1), Decision.NO_LCSPR)
    assert (status, note) == (DeadlineStatus.STOPPED, "Reminder only: every step of the case is done")
    closed = {"became_aware": date(2024, 1, 8), "closed": date(2024, 1, 12)}
    assert reminder(closed, date(2025, 2, 1))[1] is DeadlineStatus.STOPPED


def test_a_rule_met_by_a_stage_is_still_overdue_after_the_case_moves_on():
    dates = {"became_aware": date(2024, 1, 8), "rapid_review_meeting": date(2024, 1, 25)}
    clock = next(c for c in clocks_for(RULES, dates, None, date(2024, 2, 1)) if c.key == "notification")
    assert clock.status is DeadlineStatus.OVERDUE


def test_a_reminder_stops_on_a_decided_case_whose_skipped_step_has_no_date():
    # decided before the reminder fell due; the rapid review meeting was never recorded
    decided = {"became_aware": date(2024, 1, 8), "notification_sent": date(2024, 1, 9),
               "rapid_review_sent": date(2024, 1, 18), "decision_date": date(2024, 1, 18)}
    _, status, note = reminder(decided, date(2025, 2, 1), Decision.NO_LCSPR)
    assert (status, note) == (DeadlineStatus.STOPPED, "Reminder only: every step of the case is done")
    # an undecided case still waiting for its rapid review is overdue as before
    waiting = {"became_aware": date(2024, 1, 8), "notification_sent": date(2024, 1, 9)}
    assert reminder(waiting, date(2025, 2, 1))[1] is DeadlineStatus.OVERDUE
