"""Close as not notifiable with Closed on left empty closes the case on the day it was considered,
as the dialog's hint promises; when a step was recorded after that day (a case never closes
before its last recorded step) it says so on Closed on and closes nothing."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.meetings import MeetingFields, create_meeting

D = date


def _case(db, alias="Child A", **dates):
    return cr.create_case_review(db, cr.CaseReviewFields(alias=alias, incident_type="serious_harm",
                                                         became_aware=D(2026, 11, 2), **dates))


def test_closed_on_left_empty_closes_on_the_day_considered_or_says_why_it_cannot(db):
    case = _case(db, partners_told=D(2026, 11, 20))  # the partners told after the day considered
    with pytest.raises(ValidationError) as err:
        cr.close_as_not_notifiable(db, case.id, considered_on=D(2026, 11, 5), closed=None)
    assert err.value.errors == {"closed": (
        "Closed on is empty, so the case would close on the day it was considered (05/11/2026), but Safeguarding "
        "partners told (20/11/2026) is later, and a case cannot close before its last recorded step: enter the "
        "date it closed, 20/11/2026 or after")}
    kept = cr.get_case_review(db, case.id)
    assert (kept.closed, kept.considered_on, kept.outcome) == (None, None, None)
    # the date it closed, given, is kept
    closed = cr.close_as_not_notifiable(db, case.id, considered_on=D(2026, 11, 5), closed=D(2026, 11, 20))
    assert closed.closed == D(2026, 11, 20)
    # no step after the day considered: closed on it
    other = _case(db, alias="Child B", partners_told=D(2026, 11, 4))
    closed = cr.close_as_not_notifiable(db, other.id, considered_on=D(2026, 11, 5), closed=None)
    assert (closed.considered_on, closed.closed) == (D(2026, 11, 5), D(2026, 11, 5))


def test_only_the_meeting_given_its_day_is_the_day_considered(db):
    group = ms.create_group(db, ms.GroupFields("Case Review Group", 3, needs_agreement=True))
    meeting = create_meeting(db, MeetingFields(group.id, "Case Review Group", datetime(2026, 11, 5, 10, 0)))
    late = _case(db, partners_told=D(2026, 11, 20))
    with pytest.raises(ValidationError) as err:
        cr.close_as_not_notifiable(db, late.id, None, meeting.id)
    assert "on the day it was considered (05/11/2026)" in err.value.errors["closed"]
    closed = cr.close_as_not_notifiable(db, _case(db, alias="Child B", partners_told=D(2026, 11, 3)).id, None, meeting.id)
    assert (closed.considered_on, closed.closed) == (D(2026, 11, 5), D(2026, 11, 5))
