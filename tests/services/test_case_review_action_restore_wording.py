"""An archived action raised from a recommendation whose record's date moved after it (the day
the local authority became aware of a case, an audit's date, corrected later) cannot be restored
while it is due or done before that day. The refusal says so in words that fit where it came
from, and how to bring it back: change its dates, then restore it. Raising it again at a
meeting, as a meeting's action is told, means nothing for a case review or a case audit."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le

AWARE = date(2024, 1, 29)
CORRECTED = date(2024, 3, 1)  # the day the case was known after all


def _fields(org_id: int, **kw) -> action_log.ActionFields:
    return action_log.ActionFields("Agree a chronology template", owner_organisation_id=org_id, **kw)


def _refused(db, action_id: int) -> dict[str, str]:
    with pytest.raises(ValidationError) as refused:
        action_log.restore_action(db, action_id)
    return refused.value.errors


@pytest.mark.slow  # a case, its recommendation and action, each saved and read back
def test_a_case_review_action_dated_before_the_case_was_known_is_refused_in_its_own_words(db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "serious_harm", AWARE))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Share chronologies", org.id))
    due = cr.add_recommendation_action(db, rec.id, _fields(org.id, due_date=date(2024, 2, 10)))
    done = cr.add_recommendation_action(db, rec.id, _fields(org.id, due_date=date(2024, 6, 28), status=ActionStatus.DONE,
                                                            completed_on=date(2024, 2, 12), evidence="Agreed"))
    for action in (due, done):
        action_log.archive_action(db, action.id)
    cr.update_case_review(db, case.id, dataclasses.replace(cr.get_case_review(db, case.id).to_fields(),
                                                           became_aware=CORRECTED))

    assert _refused(db, due.id) == {"due_date": (
        "This action was due on 10/02/2024, before the local authority became aware of the case (01/03/2024), so it "
        "cannot be restored: change its due date to 01/03/2024 or later, then restore it")}
    assert _refused(db, done.id) == {"completed_on": (
        "This action was done on 12/02/2024, before the local authority became aware of the case (01/03/2024), so "
        "it cannot be restored: change the date it was completed on to 01/03/2024 or later, then restore it")}

    # as it says: its dates changed (archived, it can still be edited), it is restored
    action_log.update_action(db, due.id, _fields(org.id, due_date=date(2024, 3, 15)))
    action_log.restore_action(db, due.id)
    assert [a.id for a in cr.recommendation_actions(db, rec.id)] == [due.id]


@pytest.mark.slow
def test_a_case_audit_action_dated_before_the_audit_names_the_audit(db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", AWARE))
    rec = le.create_recommendation(db, le.RecommendationFields(audit.id, "Share chronologies", org.id))
    action = le.add_recommendation_action(db, rec.id, _fields(org.id, due_date=date(2024, 2, 10)))
    action_log.archive_action(db, action.id)
    ca.update_audit(db, audit.id, dataclasses.replace(ca.get_audit(db, audit.id).to_fields(), audit_date=CORRECTED))

    assert _refused(db, action.id) == {"due_date": (
        "This action was due on 10/02/2024, before the date of the case audit it was raised from (01/03/2024), so it "
        "cannot be restored: change its due date to 01/03/2024 or later, then restore it")}
