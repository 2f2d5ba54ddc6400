"""A closed case review, or a closed case audit, takes no new action (the services refuse one):
under its recommendation, New action is greyed saying why and what to do, as it is for an
archived one, instead of opening a dialog whose Save can only be refused, and the empty list of
its actions says the same (not to choose a recommendation, one being chosen). Reopened, it offers
New action again."""

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
from bscp_desktop.ui.audits.tab import AuditsTab
from bscp_desktop.ui.case_reviews.tab import CaseReviewsTab

TODAY = date(2024, 7, 1)
CASE_CLOSED = "This case is closed (01/06/2024): reopen it first, by clearing Closed, to add an action."
AUDIT_CLOSED = "This audit is closed, every action of it complete: move it back to Reported to add an action."


@pytest.fixture
def council(db):
    return ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))


def _recommendations(qtbot, tab):
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show()
    page = tab.recommendations
    tab.sections.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.selectRow(0)
    page.actions.reload()
    return page


def test_a_closed_cases_recommendation_offers_no_new_action_until_it_is_reopened(qtbot, db, council):
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Invite schools", council.id))
    fields = cr.get_case_review(db, case.id).to_fields()
    cr.update_case_review(db, case.id, dataclasses.replace(fields, closed=date(2024, 6, 1)))
    assert cr.get_recommendation(db, rec.id).no_new_action == CASE_CLOSED
    page = _recommendations(qtbot, CaseReviewsTab(db, None, today=TODAY))
    assert not page.actions.new_action.isEnabled()
    assert page.actions.new_action.toolTip() == CASE_CLOSED
    assert page.actions.new_dialog(page.actions) is None
    assert page.actions.empty.text() == f"No actions for this recommendation. {CASE_CLOSED}"

    cr.update_case_review(db, case.id, dataclasses.replace(fields, closed=None))  # reopened
    assert cr.get_recommendation(db, rec.id).no_new_action == ""
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.rows[0].no_new_action == "")
    page.table.selectRow(0)
    page.actions.reload()
    assert page.actions.new_action.isEnabled()
    assert page.actions.empty.text() == "No actions for this recommendation yet: press New action to add one."


def test_a_closed_audits_recommendation_offers_no_new_action(qtbot, db, council):
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2024, 2, 1), theme="Neglect"))
    rec = le.create_recommendation(db, le.RecommendationFields(audit.id, "Use the neglect toolkit", council.id))
    with db.unit_of_work() as session:  # the audit as it stands once closed
        row = session.get(CaseAudit, audit.id)
        row.status, row.discussed_on = AuditStatus.CLOSED.value, date(2024, 3, 1)
        row.reported_on, row.closed_on = date(2024, 4, 1), date(2024, 5, 1)
    assert le.list_recommendations(db, audit.id)[0].no_new_action == AUDIT_CLOSED
    page = _recommendations(qtbot, AuditsTab(db, None, today=TODAY))
    assert page.selected().id == rec.id
    assert not page.actions.new_action.isEnabled()
    assert page.actions.new_action.toolTip() == AUDIT_CLOSED
