"""A later step's date cannot stand without the earlier step's date it depends on: clearing the
notification date of a case whose rapid review was sent is refused, naming both fields, as the
Panel's view is refused without a rapid review date. Steps a case may skip stay valid."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bscp_desktop.domain.case_reviews import dates_needed_before
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import case_reviews as cr

D = date
SENT = {"became_aware": D(2026, 5, 1), "notification_sent": D(2026, 5, 6), "partners_told": D(2026, 5, 6),
        "rapid_review_sent": D(2026, 5, 20), "decision_date": D(2026, 6, 5)}


def test_clearing_the_notification_names_the_steps_that_need_it():
    errors = dates_needed_before({**SENT, "notification_sent": None})
    assert errors == {"notification_sent": (
        "Notification sent to the Panel cannot be left empty while Rapid review sent to the Panel (20/05/2026) and "
        "Decision date (05/06/2026) are recorded: the rapid review and the partners' decision follow the "
        "notification to the Panel. Enter the date the notification was sent, or clear those dates first")}


def test_clearing_the_rapid_review_date_names_the_panels_response_but_a_step_skipped_is_valid():
    errors = dates_needed_before({**SENT, "rapid_review_sent": None, "panel_response": D(2026, 6, 20)})
    assert errors == {"rapid_review_sent": (
        "Rapid review sent to the Panel cannot be left empty while Panel response (20/06/2026) is recorded: the "
        "Panel responds to the rapid review. Enter the date the rapid review was sent, or clear that date first")}
    assert dates_needed_before(SENT) == {}
    # no rapid review meeting recorded (a decision made with no meeting date)
    assert dates_needed_before({**SENT, "rapid_review_meeting": None}) == {}
    # a care leaver's death: notified and decided, with no rapid review
    assert dates_needed_before({**SENT, "rapid_review_sent": None}) == {}
    # considered and found not notifiable: none of the notified route's dates
    assert dates_needed_before({"became_aware": D(2026, 5, 1), "considered_on": D(2026, 5, 4),
                                "partners_told": D(2026, 5, 5), "closed": D(2026, 5, 5)}) == {}


def test_the_refusal_leaves_the_case_as_it_was(db):
    case = cr.create_case_review(db, cr.CaseReviewFields(
        alias="Child A", incident_type="serious_harm", decision="no_lcspr",
        **{k: v for k, v in SENT.items()}))
    for change in ({"notification_sent": None}, {"notification_sent": None, "rapid_review_sent": None}):
        with pytest.raises(ValidationError) as err:
            cr.update_case_review(db, case.id, replace(case.to_fields(), **change))
        assert set(err.value.errors) == {"notification_sent"}
        assert "Decision date (05/06/2026)" in err.value.errors["notification_sent"]
    assert cr.get_case_review(db, case.id).notification_sent == D(2026, 5, 6)
    # clearing the later steps first, then the notification, is allowed
    cleared = cr.update_case_review(db, case.id, replace(
        case.to_fields(), rapid_review_sent=None, decision=None, decision_date=None, notification_sent=None))
    assert (cleared.notification_sent, cleared.rapid_review_sent, cleared.decision_date) == (None, None, None)
    # a case found not notifiable is told the dates are only for a notified case, not asked for a notification
    with pytest.raises(ValidationError) as err:
        cr.create_case_review(db, cr.CaseReviewFields(
            alias="Child B", incident_type="serious_harm", became_aware=D(2026, 5, 1), outcome="not_notifiable",
            considered_on=D(2026, 5, 4), rapid_review_sent=D(2026, 5, 20)))
    assert "only for a notified case" in err.value.errors["rapid_review_sent"]
    assert "notification_sent" not in err.value.errors  # not asked for: the case was not notified
