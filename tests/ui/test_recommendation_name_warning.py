"""A recommendation or its notes that mention what looks like a real name are warned about, as
the case dialog warns: a question on saving, never a refusal."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.actions.recommendations import RecommendationDialog
from bscp_desktop.ui.case_reviews.tab import RECOMMENDATIONS
from tests.ui.helpers import click_button, when_modal


@pytest.fixture
def dialog(qtbot, db):
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY, "BCX"))
    widget = RecommendationDialog(db, RECOMMENDATIONS, None, None, case.id)
    qtbot.addWidget(widget)
    widget.show()
    widget.lead.set_current_id(org.id)
    return widget


def test_a_name_in_the_recommendation_is_warned_and_go_back_saves_nothing(dialog, db):
    dialog.text.setPlainText("Schools to ask Mary SMITH to refer earlier")
    assert dialog.name_note.isVisible()
    assert "The recommendation mentions 'Mary SMITH', which looks like a real name" in dialog.name_note.text()
    assert dialog.save_button.isEnabled()  # a warning, not a refusal
    seen = []
    when_modal(click_button("Go back and change it", seen), "Is that")
    dialog._on_save()
    assert seen and "Save anyway?" in seen[0]
    assert dialog.isVisible() and cr.list_recommendations(db) == []
    dialog.text.setPlainText("Ask Child A's school and the BCX team to refer earlier")
    assert not dialog.name_note.isVisible()  # an organisation's short name is no surname
    dialog._on_save()  # no question now
    assert [r.text for r in cr.list_recommendations(db)] == ["Ask Child A's school and the BCX team to refer earlier"]


def test_a_name_in_the_notes_can_be_saved_anyway(dialog, db):
    dialog.text.setPlainText("Schools refer earlier")
    dialog.notes.setPlainText("Agreed with Kevin Jones at the meeting")
    assert "The note mentions 'Kevin Jones'" in dialog.name_note.text()
    when_modal(click_button("Save anyway"), "Is that")
    dialog._on_save()
    assert [r.notes for r in cr.list_recommendations(db)] == ["Agreed with Kevin Jones at the meeting"]
