"""A recommendation saved with no lead agency (its owner) is flagged, not refused."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.case_reviews.tab import CaseReviewsTab
from tests.ui.helpers import table_texts, type_text

TODAY = date(2024, 2, 1)


def test_the_dialog_warns_beside_the_lead_agency_and_the_list_shows_it_missing(qtbot, db):
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    tab = CaseReviewsTab(db, None, today=TODAY)
    qtbot.addWidget(tab)
    tab.show()
    page = tab.recommendations
    tab.sections.setCurrentWidget(page)
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
    assert table_texts(page, missing) == ["No lead agency"]
