"""A case review is closed only once the actions raised from its recommendations are done or
dropped, as a case audit is: closing it while one is still to do is refused on Closed, counting and
naming them. A closed case takes no new recommendation nor action, and none of its actions is
reopened or restored still to do: the officer reopens the case first, by clearing Closed. Once
every step is done, the tracker says the case waits for its action plan, not for closure."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bscp_desktop.db.models.case_reviews import CaseReview
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from tests.built_once import database_with

pytestmark = pytest.mark.both_engines

AWARE = date(2024, 2, 1)
CLOSED = date(2024, 6, 3)


def build(db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    case = cr.create_case_review(db, cr.CaseReviewFields(
        "Child D", "serious_harm", AWARE, outcome="notified", considered_on=date(2024, 2, 7),
        notification_sent=date(2024, 2, 7), partners_told=date(2024, 2, 7), rapid_review_meeting=date(2024, 2, 20),
        rapid_review_sent=date(2024, 2, 28), decision="no_lcspr", decision_date=date(2024, 2, 28)))
    first = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Share chronologies", org.id))
    second = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Scope a thematic review", org.id))
    return org.id, case.id, first.id, second.id


db, setup = database_with("case-review-closure-with-open-actions", build, records="setup")


def _action(db, org_id, rec_id, description, **kw):
    return cr.add_recommendation_action(db, rec_id, action_log.ActionFields(
        description, owner_organisation_id=org_id, due_date=kw.pop("due_date", date(2024, 4, 30)), **kw))


def _done(action) -> action_log.ActionFields:
    return action_log.ActionFields(action.description, owner_organisation_id=action.owner_organisation_id,
                                   due_date=action.due_date, status=ActionStatus.DONE, completed_on=date(2024, 5, 1),
                                   evidence="Agreed by the Case Review Group")


def _close(db, case_id, closed=CLOSED):
    return cr.update_case_review(db, case_id, replace(cr.get_case_review(db, case_id).to_fields(), closed=closed))


def _refused(call) -> dict[str, str]:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.errors


def test_closing_a_case_with_open_actions_is_refused_naming_them(db, setup):
    org_id, case_id, first, second = setup
    chronology = _action(db, org_id, first, "Agree a chronology template")
    scope = _action(db, org_id, second, "Scope the review with health partners", due_date=date(2024, 5, 31),
                    status=ActionStatus.IN_PROGRESS)
    assert _refused(lambda: _close(db, case_id)) == {"closed": (
        "Not on 03/06/2024, while 2 actions raised from its recommendations are still open "
        "(recommendation 1's 'Agree a chronology template' (due 30/04/2024); recommendation 2's 'Scope the review "
        "with health partners' (due 31/05/2024)). Complete or drop them first, or leave Closed empty")}
    assert cr.get_case_review(db, case_id).closed is None  # nothing saved
    action_log.update_action(db, chronology.id, _done(chronology))
    assert _refused(lambda: _close(db, case_id))["closed"].startswith(
        "Not on 03/06/2024, while an action raised from its recommendations is still open "
        "(recommendation 2's 'Scope the review with health partners' (due 31/05/2024)). Complete or drop it first")
    action_log.update_action(db, scope.id, replace(_done(scope), status=ActionStatus.DROPPED, completed_on=None))
    assert _close(db, case_id).closed == CLOSED


def test_the_refusal_names_the_first_three_and_counts_the_rest(db, setup):
    org_id, case_id, first, _second = setup
    for n in range(1, 5):
        _action(db, org_id, first, f"Step {n}")
    message = _refused(lambda: _close(db, case_id))["closed"]
    assert "4 actions raised from its recommendations are still open" in message
    assert "'Step 3' (due 30/04/2024); and 1 more)" in message and "Step 4" not in message


def test_an_archived_recommendations_open_action_still_counts_but_an_archived_action_does_not(db, setup):
    org_id, case_id, first, second = setup
    kept = _action(db, org_id, first, "Agree a chronology template")
    gone = _action(db, org_id, second, "Scope the review")
    cr.archive_recommendation(db, first)  # its action is still in the action log, still to do
    action_log.archive_action(db, gone.id)
    assert "recommendation 1's 'Agree a chronology template'" in _refused(lambda: _close(db, case_id))["closed"]
    action_log.update_action(db, kept.id, _done(kept))
    assert _close(db, case_id).closed == CLOSED


def test_closing_as_not_notifiable_is_refused_while_actions_are_open(db, setup):
    org_id, _case_id, _first, _second = setup
    case = cr.create_case_review(db, cr.CaseReviewFields("Child E", "serious_harm", AWARE))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Share chronologies", org_id))
    _action(db, org_id, rec.id, "Agree a chronology template")
    errors = _refused(lambda: cr.close_as_not_notifiable(db, case.id, date(2024, 2, 9)))
    assert errors["closed"].startswith("Not on 09/02/2024, while an action raised from its")
    assert cr.get_case_review(db, case.id).outcome is None


def test_a_closed_case_takes_no_new_recommendation_nor_action_nor_open_action(db, setup):
    org_id, case_id, first, _second = setup
    done = _action(db, org_id, first, "Agree a chronology template", status=ActionStatus.DONE,
                   completed_on=date(2024, 4, 1), evidence="Template in use")
    archived = _action(db, org_id, first, "Brief practitioners", status=ActionStatus.DONE,
                       completed_on=date(2024, 4, 1), evidence="Briefing held")
    action_log.archive_action(db, archived.id)
    dropped_idea = _action(db, org_id, first, "Write to every school")
    action_log.archive_action(db, dropped_idea.id)  # archived, it is not counted open
    _close(db, case_id)
    reopen = "reopen it first, by clearing Closed, to"
    assert _refused(lambda: cr.create_recommendation(db, cr.RecommendationFields(case_id, "More", org_id))) == {
        "case_review_id": f"This case is closed (03/06/2024): {reopen} add a recommendation"}
    assert _refused(lambda: _action(db, org_id, first, "Another step")) == {
        "recommendation_id": f"This case is closed (03/06/2024): {reopen} add an action"}
    assert _refused(lambda: action_log.update_action(db, done.id, replace(_done(done), status=ActionStatus.OPEN,
                                                                          completed_on=None))) == {
        "status": f"Case review BSCP-2024-01 this action was raised from is closed (03/06/2024): {reopen} "
                  "reopen this action"}
    assert _refused(lambda: action_log.restore_action(db, dropped_idea.id)) == {
        "status": f"Case review BSCP-2024-01 this action was raised from is closed (03/06/2024): {reopen} "
                  "restore this action"}
    action_log.restore_action(db, archived.id)  # done: it may come back as it was
    assert cr.update_recommendation(db, first, cr.RecommendationFields(case_id, "Share chronologies widely", org_id))
    # reopened by clearing Closed, it takes them again
    cr.update_case_review(db, case_id, replace(cr.get_case_review(db, case_id).to_fields(), closed=None))
    assert _action(db, org_id, first, "Another step").status is ActionStatus.OPEN


def test_a_case_closed_before_with_open_actions_keeps_its_date_and_can_be_corrected(db, setup):
    """A case closed while it had open actions (saved so before closing was refused) is not
    refused when saved again: only closing a case is."""
    org_id, case_id, first, _second = setup
    _action(db, org_id, first, "Agree a chronology template")
    with db.unit_of_work() as session:
        session.get(CaseReview, case_id).closed = CLOSED
    assert _close(db, case_id, date(2024, 6, 4)).closed == date(2024, 6, 4)


def test_the_tracker_says_the_action_plan_is_in_progress_until_its_actions_are_done(db, setup):
    org_id, case_id, first, second = setup
    assert cr.tracker_row(db, case_id).next_step == "Awaiting closure: the decision is made"
    one = _action(db, org_id, first, "Agree a chronology template")
    two = _action(db, org_id, second, "Scope the review")
    assert cr.tracker_row(db, case_id).next_step == "Action plan in progress: 2 actions open"
    assert [r.next_step for r in cr.tracker(db) if r.id == case_id] == ["Action plan in progress: 2 actions open"]
    action_log.update_action(db, one.id, _done(one))
    assert cr.tracker_row(db, case_id).next_text == "Action plan in progress: 1 action open"
    action_log.update_action(db, two.id, _done(two))
    assert cr.tracker_row(db, case_id).next_step == "Awaiting closure: the decision is made"
    assert cr.gather(db, case_id=case_id).rows[0].next_step == "Awaiting closure: the decision is made"
