"""A recommendation saved with no lead agency (its owner), or with no action yet, is flagged,
not refused; the recommendations of an archived case, and an archived recommendation, take no
new action, and those of an archived case are read-only, each tool saying why."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.case_reviews.tab import CaseReviewsTab
from tests.ui.helpers import table_texts, type_text

TODAY = date(2024, 2, 1)


def recommendations_page(qtbot, db):
    tab = CaseReviewsTab(db, None, today=TODAY)
    qtbot.addWidget(tab)
    tab.show()
    page = tab.recommendations
    tab.sections.setCurrentWidget(page)
    return page


def test_the_dialog_warns_beside_the_lead_agency_and_the_list_shows_it_missing(qtbot, db):
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    page = recommendations_page(qtbot, db)
    page.refill_filters()
    page.record_filter.setCurrentIndex(page.record_filter.findData(case.id))
    dialog = page.new_dialog(page)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.text, "Improve joint working")
    assert dialog.lead_warning.isVisible() and "lead agency" in dialog.lead_warning.text()
    assert dialog.save_button.isEnabled()  # a warning, not a refusal
    dialog.lead.set_current_id(org.id)
    assert not dialog.lead_warning.isVisible()
    dialog.lead.set_current_id(None)
    dialog._on_save()
    page.reload()
    missing = [c.header for c in page.model.columns].index("Missing")
    # no action yet either: its due dates and evidence of impact are kept in its actions
    assert table_texts(page, missing) == ["No lead agency, no actions"]
    assert "at least one action" in page.model.columns[missing].tooltip(page.model.rows[0])


@pytest.mark.slow  # the list read four times
def test_the_recommendations_of_an_archived_case_are_read_only_saying_why(qtbot, db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    cr.create_recommendation(db, cr.RecommendationFields(case.id, "Improve joint working", org.id))
    page = recommendations_page(qtbot, db)
    page.reload()
    page.table.selectRow(0)
    page.actions.reload()
    assert all(a.isEnabled() for a in (page.edit_action, page.archive_action, page.actions.new_action))
    cr.archive_case_review(db, case.id)
    page.show_archived.setChecked(True)
    page.reload()
    page.table.selectRow(0)
    page.actions.reload()
    why = f"Case review {case.reference} is archived: restore it first."
    for tool in (page.edit_action, page.archive_action, page.restore_action, page.actions.new_action):
        assert not tool.isEnabled() and tool.toolTip() == why, tool.text()
    assert page.actions.new_dialog(page) is None and page.edit_dialog(page, page.selected()) is None
    cr.restore_case_review(db, case.id)
    page.reload()
    page.table.selectRow(0)
    page.actions.reload()
    assert page.edit_action.isEnabled() and page.actions.new_action.isEnabled()
    assert page.actions.new_action.toolTip() != why


@pytest.mark.slow  # a tab built and its lists read
def test_an_archived_recommendation_takes_no_new_action(qtbot, db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Improve joint working", org.id))
    cr.archive_recommendation(db, rec.id)
    page = recommendations_page(qtbot, db)
    page.show_archived.setChecked(True)
    page.reload()
    page.table.selectRow(0)
    page.actions.reload()
    new_action = page.actions.new_action
    assert not new_action.isEnabled()
    assert new_action.toolTip() == "The recommendation is archived: restore it before adding actions."
    assert page.restore_action.isEnabled()  # its case is live: it can be brought back
