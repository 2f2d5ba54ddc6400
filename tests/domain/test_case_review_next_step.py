"""What a case waits for next: a step whose date was never recorded is not waited for once the
case has moved past it."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.case_review_clocks import next_step
from bscp_desktop.domain.case_reviews import Decision

DAY = date(2024, 3, 20)
NOTIFIED = {"became_aware": date(2024, 3, 4), "notification_sent": date(2024, 3, 6), "partners_told": date(2024, 3, 6)}


def test_a_decided_case_without_a_rapid_review_meeting_date_is_not_awaiting_the_meeting():
    decided = {**NOTIFIED, "rapid_review_sent": DAY, "decision_date": DAY}
    assert next_step(decided, Decision.NO_LCSPR) == "Awaiting closure: the decision is made"
    assert next_step(decided, Decision.LCSPR) == "Awaiting agreed terms of reference"


def test_a_rapid_review_sent_without_a_meeting_date_waits_for_the_decision():
    assert next_step({**NOTIFIED, "rapid_review_sent": DAY}, None) == "Awaiting the partners' decision"


def test_a_panel_response_moves_the_case_past_the_rapid_review():
    assert next_step({**NOTIFIED, "panel_response": DAY}, None) == "Awaiting the partners' decision"


def test_a_missing_step_is_still_awaited_while_nothing_after_it_is_recorded():
    assert next_step({"became_aware": DAY, "partners_told": DAY}, None) == "Awaiting notification to the Panel"
    assert next_step(NOTIFIED, None) == "Awaiting the rapid review meeting"
    meeting = {**NOTIFIED, "rapid_review_meeting": DAY}
    assert next_step(meeting, None) == "Awaiting the rapid review to be sent to the Panel"


def test_an_lcspr_step_is_skipped_once_a_later_one_is_recorded():
    decided = {**NOTIFIED, "rapid_review_meeting": DAY, "rapid_review_sent": DAY, "decision_date": DAY}
    assert next_step({**decided, "final_report": DAY}, Decision.LCSPR) == (
        "Awaiting sending to the Panel and the Secretary of State")
    assert next_step({**decided, "published": DAY}, Decision.LCSPR) == "Awaiting closure: the review is complete"
