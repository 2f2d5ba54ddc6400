"""A case review takes dates from meetings (its rapid review meeting, the one that considered it):
such a meeting is not marked cancelled or postponed while a live case takes its date from it (the
case would say a meeting was held that never was), a case is never linked to one that was, and
the pickers that link a record to a meeting leave postponed meetings out as cancelled ones."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import MeetingKind, MeetingStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting, meeting_fields


def _rapid_review(db, world):
    m = meeting(db, world.forum, datetime(2026, 11, 20, 14), title="Rapid review Child Z", kind=MeetingKind.RAPID_REVIEW)
    case = cr.create_case_review(db, cr.CaseReviewFields(
        alias="Child Z", incident_type="serious_harm", became_aware=date(2026, 11, 10),
        notification_sent=date(2026, 11, 11), rapid_review_meeting_id=m.id))
    assert case.rapid_review_meeting == date(2026, 11, 20)
    return m, case


@pytest.mark.parametrize("status", [MeetingStatus.CANCELLED, MeetingStatus.POSTPONED])
def test_a_meeting_a_case_takes_its_date_from_is_not_called_off(db, world, status):
    m, case = _rapid_review(db, world)
    with pytest.raises(ValidationError) as refused:
        mt.set_meeting_status(db, m.id, status)
    said = refused.value.errors["status"]
    assert f"{case.reference} (Child Z) as its rapid review meeting" in said
    assert f"so it cannot be marked {status.label.lower()}" in said
    with pytest.raises(ValidationError) as refused:  # nor from the meeting's dialog
        mt.update_meeting(db, m.id, meeting_fields(mt.get_meeting(db, m.id), status=status))
    assert "cannot be marked" in refused.value.errors["status"]
    assert mt.get_meeting(db, m.id).status is MeetingStatus.PLANNED
    cr.update_case_review(db, case.id, replace(cr.get_case_review(db, case.id).to_fields(), rapid_review_meeting_id=None))
    assert mt.set_meeting_status(db, m.id, status).status is status  # once the case no longer takes it


def test_a_case_is_never_linked_to_a_meeting_called_off_nor_offered_one(db, world):
    held = meeting(db, world.forum, datetime(2026, 11, 24, 14), title="Case Review Group")
    off = meeting(db, world.forum, datetime(2026, 11, 25, 14), title="Case Review Group")
    mt.set_meeting_status(db, off.id, MeetingStatus.POSTPONED)
    with pytest.raises(ValidationError) as refused:
        cr.create_case_review(db, cr.CaseReviewFields(alias="Child Y", incident_type="serious_harm",
                                                      became_aware=date(2026, 11, 10), considered_meeting_id=off.id))
    assert "is marked postponed: choose the meeting that was held (or none)" in refused.value.errors["considered_meeting_id"]
    offered = {mid for _label, mid in mt.meeting_choices(db)}
    assert held.id in offered and off.id not in offered
    assert off.id in {mid for _label, mid in mt.meeting_choices(db, include=[off.id])}  # a record already linked keeps it
