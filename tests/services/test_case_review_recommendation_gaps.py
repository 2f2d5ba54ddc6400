"""A recommendation saved with no lead agency (its owner) is flagged, not refused."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms


def test_the_recommendation_says_when_it_has_no_lead_agency(db):
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    loose = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Improve joint working", None))
    led = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Train staff", org.id))
    assert (loose.gaps_text, list(loose.gaps)) == ("No lead agency", ["lead_organisation_id"])
    assert "lead agency" in loose.gaps["lead_organisation_id"]
    assert (led.gaps, led.gaps_text) == ({}, "")
