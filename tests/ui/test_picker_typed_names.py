"""A name typed as it is on record is taken: a person's name without their organisation, an
organisation's name in any case or its short name. Where it names more than one, or none, the
message beside the field says so and what to do. A picker's tooltip shows a name as typed."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.actions.recommendations import RecommendationDialog
from bscp_desktop.ui.case_reviews.tab import RECOMMENDATIONS
from bscp_desktop.ui.common.labels import as_typed
from bscp_desktop.ui.common.pickers import organisation_picker, person_picker
from bscp_desktop.ui.memberships.dialogs import MembershipDialog


@pytest.fixture
def met(db):
    return ms.create_organisation(db, ms.OrganisationFields(
        "Metropolitan Police Service", OrganisationKind.POLICE, short_name="MPS"))


def typed(combo, text: str) -> None:
    """`text` typed over the box, then the officer moves on."""
    combo.setEditText(text)
    combo.lineEdit().editingFinished.emit()


def test_a_persons_name_typed_without_their_organisation_is_taken(qtbot, db, met):
    amara = ms.create_person(db, ms.PersonFields("Amara Okafor", organisation_id=met.id))
    ms.create_group(db, ms.GroupFields("Executive Group", 1))
    dialog = MembershipDialog(db)
    qtbot.addWidget(dialog)
    dialog.person.setEditText("amara  okafor")
    assert dialog.person.current_id() == amara.id and "person_id" not in dialog.check()
    typed(dialog.person, "Amara Okafor")
    assert dialog.person.currentText() == "Amara Okafor (Metropolitan Police Service)"  # as the list shows it
    assert dialog.organisation.current_id() == met.id  # chosen: Representing follows


def test_an_organisation_is_found_by_its_short_name_or_its_name_in_any_case(qtbot, db, met):
    combo = organisation_picker(db)
    qtbot.addWidget(combo)
    for text in ("MPS", "mps", "metropolitan police service"):
        combo.setEditText(text)
        assert combo.current_id() == met.id and not combo.has_unknown_text(), text
    typed(combo, "MPS")
    assert combo.currentText() == "Metropolitan Police Service"


def test_a_name_of_several_or_of_none_says_to_choose_from_the_list(qtbot, db, met):
    for job in ("Social worker", "Team manager"):
        ms.create_person(db, ms.PersonFields("Jane Smith", job, met.id))
    ms.create_group(db, ms.GroupFields("Executive Group", 1))
    dialog = MembershipDialog(db)
    qtbot.addWidget(dialog)
    dialog.person.setEditText("Jane Smith")
    assert dialog.check()["person_id"] == ("More than one of the people in the list is called 'Jane Smith': choose "
                                           "the one you mean from the list")
    dialog.person.lineEdit().editingFinished.emit()
    assert dialog.person.currentText() == "Jane Smith" and dialog.person.current_id() is None  # neither chosen for them
    dialog.person.setEditText("Jane Smyth")
    assert dialog.check()["person_id"] == ("'Jane Smyth' is not in the list of people: choose one from the list, or "
                                           "add the person first")


def test_a_picker_shows_a_name_with_markup_in_its_tooltip_as_typed(qtbot, db):
    name = "<b>Safe</b> & Sound Trust " + "x" * 80  # long: shortened, whole on hover in the open list
    org = ms.create_organisation(db, ms.OrganisationFields(name, OrganisationKind.RELEVANT_AGENCY))
    combo = organisation_picker(db, org.id)
    qtbot.addWidget(combo)
    assert combo.toolTip() == as_typed(name) != name
    assert combo.itemData(combo.currentIndex(), Qt.ItemDataRole.ToolTipRole) == as_typed(name)  # the open list's tooltip
    person = ms.create_person(db, ms.PersonFields("Jo <i>Bloggs</i>"))
    chooser = person_picker(db, person.id)
    qtbot.addWidget(chooser)
    assert chooser.toolTip() == as_typed("Jo <i>Bloggs</i>")


def test_a_new_recommendations_case_shows_in_its_tooltip_as_typed(qtbot, db):
    case = cr.create_case_review(db, cr.CaseReviewFields("<b>Child</b> A", "death", date(2026, 2, 11)))
    dialog = RecommendationDialog(db, RECOMMENDATIONS, None, None, case.id)
    qtbot.addWidget(dialog)
    text = dialog.raised_from.currentText()
    assert "<b>Child</b> A" in text and dialog.raised_from.toolTip() == as_typed(text)
