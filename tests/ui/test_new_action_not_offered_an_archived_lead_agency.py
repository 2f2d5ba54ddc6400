"""A new action raised from a recommendation is offered the recommendation's lead agency as its
owner, but only while that organisation is on record: one archived since the recommendation was
made is not chosen for the officer (the action could not be saved with it), so the owner is left
for them to choose, and the action is saved with the one they choose."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import actions as al
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.case_reviews.tab import CaseReviewsTab
from tests.ui.helpers import table_texts, type_text

TODAY = date(2024, 3, 1)


@pytest.fixture
def page(qtbot, db):
    """The Recommendations and actions page of a case whose one recommendation names a lead agency."""
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    cr.create_recommendation(db, cr.RecommendationFields(case.id, "Invite schools", police.id))
    tab = CaseReviewsTab(db, None, today=TODAY)
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show()
    recommendations = tab.recommendations
    recommendations.reload()
    qtbot.waitUntil(lambda: table_texts(recommendations) == ["BSCP-2024-01"])
    recommendations.table.selectRow(0)
    return recommendations, council, police


def _new_action(qtbot, page):
    dialog = page.actions.new_dialog(page.actions)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_lead_agency_on_record_is_offered_as_the_owner(qtbot, page):
    recommendations, _council, police = page
    dialog = _new_action(qtbot, recommendations)
    assert dialog.organisation.current_id() == police.id


def test_a_lead_agency_archived_since_is_not_offered_and_the_one_chosen_is_saved(qtbot, db, page):
    recommendations, council, police = page
    ms.archive_organisation(db, police.id)
    dialog = _new_action(qtbot, recommendations)
    assert dialog.organisation.current_id() is None
    assert "archived" not in dialog.organisation.currentText()
    type_text(dialog.description, "Write to every school")
    qtbot.keyClicks(dialog.due.line, "31/03/2024")
    assert not dialog.save_button.isEnabled()  # an owner is still needed: the officer chooses one
    dialog.organisation.set_current_id(council.id)
    dialog.revalidate()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    (saved,) = al.list_action_log(db)
    assert (saved.description, saved.owner_organisation_id) == ("Write to every school", council.id)
