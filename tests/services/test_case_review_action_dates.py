"""An action raised from a case review recommendation is raised on the day the local authority
became aware of the case at the earliest: the day the recommendation is dated by, before which
nothing of the case happens. It can be neither due nor done before that day, as a meeting's
action cannot before its meeting: refused when added, when changed and for a progress update."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from tests.built_once import database_with

AWARE = date(2024, 1, 29)


def build(db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "serious_harm", AWARE))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Share chronologies", org.id))
    return org.id, rec.id


db, setup = database_with("case-review-action-dates", build, records="setup")


def _fields(org_id, **kw):
    return action_log.ActionFields("Agree a chronology template", owner_organisation_id=org_id, **kw)


def _refused(call) -> dict[str, str]:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.errors


@pytest.mark.slow
def test_an_action_due_or_done_before_the_case_was_known_is_refused_as_a_meetings_is(db, setup):
    org_id, rec_id = setup
    add = lambda **kw: cr.add_recommendation_action(db, rec_id, _fields(org_id, **kw))  # noqa: E731
    assert _refused(lambda: add(due_date=date(1990, 1, 1))) == {
        "due_date": "Due date (01/01/1990) cannot be before the day the action was raised (29/01/2024)"}
    assert _refused(lambda: add(due_date=date(2024, 6, 28), status=ActionStatus.DONE, completed_on=date(2019, 3, 1),
                                evidence="Template agreed")) == {
        "completed_on": "Completed on (01/03/2019) cannot be before the day the action was raised (29/01/2024)"}
    assert cr.recommendation_actions(db, rec_id) == []  # nothing saved
    on_the_day = add(due_date=AWARE, status=ActionStatus.DONE, completed_on=AWARE, evidence="Template agreed")
    assert (on_the_day.due_date, on_the_day.completed_on) == (AWARE, AWARE)
    assert action_log.list_actions(db, links={"recommendation_id": rec_id})[0].origin.on == AWARE


def test_a_case_review_action_is_not_moved_nor_updated_before_the_case_was_known(db, setup):
    org_id, rec_id = setup
    action = cr.add_recommendation_action(db, rec_id, _fields(org_id, due_date=date(2024, 3, 1)))
    assert _refused(lambda: action_log.update_action(db, action.id, _fields(org_id, due_date=date(2024, 1, 1)))) == {
        "due_date": "Due date (01/01/2024) cannot be before the day the action was raised (29/01/2024)"}
    assert set(_refused(lambda: action_log.add_progress_update(db, action.id, date(2024, 1, 2), "Started"))) == {"on"}
    assert action_log.update_action(db, action.id, _fields(org_id, due_date=date(2024, 2, 1))).due_date == date(2024, 2, 1)
