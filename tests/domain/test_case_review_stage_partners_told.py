"""The current stage says the notification was sent only once the notification to the Panel is
recorded: telling the safeguarding partners, or the Secretary of State and Ofsted, leaves a case
awaiting it (the tracker showed "Notification sent" beside an overdue notification)."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.case_reviews import current_stage
from bscp_desktop.services import case_reviews as cr

D = date
AWARE = D(2024, 11, 25)


@pytest.mark.parametrize("told", ["partners_told", "sos_ofsted_notified"])
def test_telling_others_is_no_notification_to_the_panel(told):
    assert current_stage({"became_aware": AWARE, told: D(2024, 11, 26)}, None) == "Awaiting notification"
    both = {"became_aware": AWARE, "partners_told": D(2024, 11, 26), "sos_ofsted_notified": D(2024, 11, 26)}
    assert current_stage(both, None) == "Awaiting notification"
    considered = {"became_aware": AWARE, "considered_on": D(2024, 11, 26), told: D(2024, 11, 27)}
    assert current_stage(considered, None) == "Considered"


@pytest.mark.parametrize("told", ["partners_told", "sos_ofsted_notified"])
def test_the_notification_sent_is_not_hidden_by_telling_others_after_it(told):
    dates = {"became_aware": AWARE, "notification_sent": D(2024, 11, 26), told: D(2024, 11, 28)}
    assert current_stage(dates, None) == "Notification sent"
    dates["rapid_review_sent"] = D(2024, 12, 10)
    assert current_stage(dates, None) == "Rapid review sent"


def test_the_tracker_does_not_call_an_overdue_notification_sent(db):
    cr.create_case_review(db, cr.CaseReviewFields(alias="Child A", incident_type="serious_harm", became_aware=AWARE,
                                                  partners_told=D(2024, 11, 26)))
    cr.create_case_review(db, cr.CaseReviewFields(alias="Child B", incident_type="death", looked_after=True,
                                                  became_aware=AWARE, sos_ofsted_notified=D(2024, 11, 26)))
    rows = cr.tracker(db, today=D(2024, 12, 5))
    assert [(r.stage, r.next.label, r.next.status.label) for r in rows] == [
        ("Awaiting notification", "Serious incident notification to the Panel", "Overdue")] * 2
