"""A recommendation of a closed case review, or of a closed case audit, takes no new action, so
it is not flagged "No actions" (a fix that would only be refused): its Actions count, 0, still
says none was raised. A lead agency still missing is flagged, as it can still be chosen. Reopened,
the record's recommendation with no action is flagged again."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from bscp_desktop.db.models.audits import CaseAudit
from bscp_desktop.domain.audits import AuditStatus
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le


@pytest.fixture
def council(db):
    return ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))


def test_a_closed_cases_recommendation_is_not_flagged_for_no_actions_until_reopened(db, council):
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Invite schools", council.id))
    loose = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Audit the plans", None))
    fields = cr.get_case_review(db, case.id).to_fields()
    cr.update_case_review(db, case.id, dataclasses.replace(fields, closed=date(2024, 6, 1)))
    closed = cr.get_recommendation(db, rec.id)
    assert closed.record_closed and closed.actions_total == 0
    assert (closed.gaps, closed.gaps_text) == ({}, "")
    assert (cr.get_recommendation(db, loose.id).gaps_text, list(cr.get_recommendation(db, loose.id).gaps)) == (
        "No lead agency", ["lead_organisation_id"])

    cr.update_case_review(db, case.id, dataclasses.replace(fields, closed=None))  # reopened
    assert cr.get_recommendation(db, rec.id).gaps_text == "No actions"


def test_a_closed_audits_recommendation_is_not_flagged_for_no_actions(db, council):
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2024, 2, 1), theme="Neglect"))
    le.create_recommendation(db, le.RecommendationFields(audit.id, "Use the neglect toolkit", council.id))
    assert le.list_recommendations(db, audit.id)[0].gaps_text == "No actions"
    with db.unit_of_work() as session:  # the audit as it stands once closed
        row = session.get(CaseAudit, audit.id)
        row.status, row.discussed_on = AuditStatus.CLOSED.value, date(2024, 3, 1)
        row.reported_on, row.closed_on = date(2024, 4, 1), date(2024, 5, 1)
    [rec] = le.list_recommendations(db, audit.id)
    assert rec.record_closed and rec.actions_total == 0
    assert (rec.gaps, rec.gaps_text) == ({}, "")
