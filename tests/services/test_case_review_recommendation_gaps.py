"""A recommendation saved with no lead agency (its owner), or with no action (where its due dates
and evidence of impact are kept), is flagged, not refused; one of an archived case is read-only."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms


def _world(db):
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    return case, org


def _action(db, rec_id: int, org_id: int) -> al.ActionDTO:
    fields = al.ActionFields("Train staff", owner_organisation_id=org_id, due_date=date(2024, 6, 28))
    return cr.add_recommendation_action(db, rec_id, fields)


def test_the_recommendation_says_when_it_has_no_lead_agency(db):
    case, org = _world(db)
    loose = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Improve joint working", None))
    led = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Train staff", org.id))
    for rec in (loose, led):
        _action(db, rec.id, org.id)
    loose, led = cr.get_recommendation(db, loose.id), cr.get_recommendation(db, led.id)
    assert (loose.gaps_text, list(loose.gaps)) == ("No lead agency", ["lead_organisation_id"])
    assert "lead agency" in loose.gaps["lead_organisation_id"]
    assert (led.gaps, led.gaps_text) == ({}, "")


def test_a_recommendation_with_no_action_is_flagged_until_it_has_one(db):
    case, org = _world(db)
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Improve joint working", org.id))
    assert (rec.gaps_text, list(rec.gaps)) == ("No actions", ["actions"])
    assert "due dates and evidence of impact" in rec.gaps["actions"]
    bare = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Audit the plans", None))
    assert bare.gaps_text == "No lead agency, no actions"
    action = _action(db, rec.id, org.id)
    assert cr.get_recommendation(db, rec.id).gaps == {}
    # done: still has its action (with its evidence), so nothing is missing
    al.update_action(db, action.id, al.ActionFields("Train staff", owner_organisation_id=org.id,
                                                    due_date=date(2024, 6, 28), status="done",
                                                    completed_on=date(2024, 6, 20), evidence="Training held"))
    assert cr.get_recommendation(db, rec.id).gaps == {}
    al.archive_action(db, action.id)  # raised by mistake: no live action left
    assert cr.get_recommendation(db, rec.id).gaps_text == "No actions"


def test_an_archived_recommendation_or_one_of_an_archived_case_is_not_flagged_for_actions(db):
    case, org = _world(db)
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Improve joint working", org.id))
    other = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Audit the plans", org.id))
    cr.archive_recommendation(db, rec.id)
    assert cr.get_recommendation(db, rec.id).gaps == {}
    cr.archive_case_review(db, case.id)
    assert cr.get_recommendation(db, other.id).gaps == {}


def test_a_recommendation_of_an_archived_case_says_so_and_takes_no_action(db):
    case, org = _world(db)
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Improve joint working", org.id))
    assert (rec.held, rec.parent_archived, rec.no_new_action) == ("", False, "")
    cr.archive_case_review(db, case.id)
    held = cr.list_recommendations(db, include_archived=True)[0]
    assert held.parent_archived and not held.archived
    assert held.held == f"Case review {case.reference} is archived: restore it first"
    assert held.no_new_action == f"Case review {case.reference} is archived: restore it first."
    with pytest.raises(ValidationError) as refused:  # the service refuses what the window greys out
        _action(db, rec.id, org.id)
    assert "is archived: restore it first" in next(iter(refused.value.errors.values()))
    assert cr.list_recommendations(db) == []  # an archived case's recommendations are listed with the archived


def test_an_archived_recommendation_takes_no_action(db):
    case, org = _world(db)
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Improve joint working", org.id))
    cr.archive_recommendation(db, rec.id)
    archived = cr.get_recommendation(db, rec.id)
    assert not archived.parent_archived
    assert archived.no_new_action == "The recommendation is archived: restore it before adding actions."
