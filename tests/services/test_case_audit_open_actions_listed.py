"""An open action of an archived recommendation still counts as open (an audit is not closed
while it is), so the lists, the Recommendations page and the audit report show it too, under the
recommendation it was raised from, marked archived, and their open counts agree."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.jobs import audits as ja
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le


def _action(description: str, org_id: int) -> action_log.ActionFields:
    return action_log.ActionFields(description, owner_organisation_id=org_id, due_date=date.today() + timedelta(days=30))


def _audit_with_an_archived_recommendation(db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date.today() - timedelta(days=30)))
    kept = le.create_recommendation(db, le.RecommendationFields(audit.id, "Share chronologies", org.id))
    le.add_recommendation_action(db, kept.id, _action("Add chronologies to the template", org.id))
    dropped = le.create_recommendation(db, le.RecommendationFields(audit.id, "Improve strategy meetings", org.id))
    still_open = le.add_recommendation_action(db, dropped.id, _action("Audit strategy meeting minutes", org.id))
    le.archive_recommendation(db, dropped.id)
    return audit, dropped, still_open


@pytest.mark.slow  # the report's modules loaded
def test_the_audit_report_lists_the_open_action_of_an_archived_recommendation(db):
    audit, dropped, still_open = _audit_with_an_archived_recommendation(db)
    assert ca.get_audit(db, audit.id).actions_open == 2
    listed = le.audit_actions(db, audit.id)
    assert [row.action.id for row in listed if row.recommendation.id == dropped.id] == [still_open.id]
    assert still_open.id in [row.action.id for row in le.audit_actions(db)]  # every audit's: the workbook
    report = ja.audit_report(db, audit.id, date.today())
    assert [(x.source, x.description) for x in report.actions] == [
        (f"{audit.reference} R1", "Add chronologies to the template"),
        (f"{audit.reference} R2 (archived)", "Audit strategy meeting minutes"),
    ]
    assert [r[0] for r in report.recommendations] == [f"{audit.reference} R1", f"{audit.reference} R2 (archived)"]


def test_an_archived_recommendation_leaves_the_list_but_its_open_action_stays_listed_until_done(db):
    """Archived, the recommendation goes from the lists (Show archived brings it back); its open
    action, still counted open, stays in the audit's actions until it is done or dropped."""
    audit, dropped, still_open = _audit_with_an_archived_recommendation(db)
    assert [(r.number, r.archived) for r in le.list_recommendations(db, audit.id)] == [(1, False)]
    assert [(r.number, r.archived) for r in le.list_recommendations(db, audit.id, include_archived=True)] == [
        (1, False), (2, True)]
    assert [row.recommendation.number for row in le.audit_actions(db, audit.id)] == [1, 2]
    action_log.update_action(db, still_open.id, action_log.ActionFields(
        still_open.description, owner_organisation_id=still_open.owner_organisation_id, due_date=still_open.due_date,
        status=ActionStatus.DROPPED))
    assert [row.recommendation.number for row in le.audit_actions(db, audit.id)] == [1]  # nothing open of it now
    assert ca.get_audit(db, audit.id).actions_open == 1


def test_a_case_reviews_archived_recommendation_with_an_open_action_is_listed_the_same_way(db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date.today() - timedelta(days=60)))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Invite schools to rapid reviews", org.id))
    action = cr.add_recommendation_action(db, rec.id, _action("Write to every school", org.id))
    empty = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Update the guidance", org.id))
    cr.archive_recommendation(db, rec.id)
    cr.archive_recommendation(db, empty.id)
    assert cr.list_recommendations(db, case.id) == []
    assert [row.action.id for row in cr.case_review_actions(db, case_review_id=case.id)] == [action.id]
