"""The recommendations list of a closed case review leaves the Missing cell of a recommendation
with no action blank and uncoloured (no action can be added while the case is closed), its
Actions column still saying 0; a lead agency still missing is shown in it."""

from __future__ import annotations

import dataclasses
from datetime import date

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.case_reviews.tab import CaseReviewsTab
from tests.ui.helpers import table_texts

TODAY = date(2024, 7, 1)


def test_a_closed_cases_recommendations_are_not_flagged_for_no_actions(qtbot, db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    cr.create_recommendation(db, cr.RecommendationFields(case.id, "Invite schools", council.id))
    cr.create_recommendation(db, cr.RecommendationFields(case.id, "Audit the plans", None))
    fields = cr.get_case_review(db, case.id).to_fields()
    cr.update_case_review(db, case.id, dataclasses.replace(fields, closed=date(2024, 6, 1)))
    tab = CaseReviewsTab(db, None, today=TODAY)
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show()
    page = tab.recommendations
    tab.sections.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    headers = [c.header for c in page.model.columns]
    missing, actions = headers.index("Missing"), headers.index("Actions")
    assert table_texts(page, missing) == ["", "No lead agency"]
    assert table_texts(page, actions) == ["0", "0"]
    column = page.model.columns[missing]
    assert column.background(page.model.rows[0]) is None and column.tooltip(page.model.rows[0]) == ""
