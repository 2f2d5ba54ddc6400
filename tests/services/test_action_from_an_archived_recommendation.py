"""An open action of a recommendation since archived stays in the action log, and its From
says the recommendation is archived: the manager can tell it from a live one."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.services import actions as al
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms

DUE = date(2024, 6, 28)


def test_the_from_of_an_action_says_its_recommendation_is_archived(db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Invite schools", org.id))
    action = cr.add_recommendation_action(db, rec.id, al.ActionFields("Write to schools", owner_organisation_id=org.id,
                                                                       due_date=DUE))
    live = f"Case review {case.reference} (Child A): recommendation 1"
    assert action.source == live
    cr.archive_recommendation(db, rec.id)
    (logged,) = al.list_action_log(db, kind=RecordKind.CASE_REVIEWS)
    assert logged.id == action.id and logged.source == live + " (archived)"
    cr.restore_recommendation(db, rec.id)
    assert [a.source for a in al.list_action_log(db, kind=RecordKind.CASE_REVIEWS)] == [live]
