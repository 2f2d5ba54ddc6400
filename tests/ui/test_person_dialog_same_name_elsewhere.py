"""The New person dialog mentions someone of the same name on record at another organisation
(perhaps the same person, who has moved), archived or not, with their organisation, without
asking before Save: two people may share a name. The same name at the same organisation is
still asked about."""

from __future__ import annotations

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.memberships.dialogs import PersonDialog
from tests.ui.helpers import click_button, type_text, when_modal

ICB = "NHS North West London ICB"


@pytest.fixture
def orgs(db) -> tuple[int, int]:
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    icb = ms.create_organisation(db, ms.OrganisationFields(ICB, OrganisationKind.ICB))
    return council.id, icb.id


def _new_dialog(qtbot, db, name: str, organisation_id: int) -> PersonDialog:
    dialog = PersonDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.name, name)
    dialog.organisation.set_current_id(organisation_id)
    dialog.look_for_duplicates()
    return dialog


def test_the_same_name_at_another_organisation_is_mentioned_and_saved_without_a_question(qtbot, db, orgs):
    council, icb = orgs
    ann = ms.create_person(db, ms.PersonFields("Ann Mover", "Safeguarding Lead", council))
    dialog = _new_dialog(qtbot, db, "ann mover", icb)
    assert dialog.duplicate_box.isVisible() and dialog.similar == []
    assert dialog.duplicate_note.text() == (
        "Already on record with the same name at Brent Council: Ann Mover (Brent Council): if this is the same "
        "person, who has moved, open their record and change their organisation instead of adding them again.")
    asked: list[str] = []
    when_modal(click_button("No", asked), "Possible duplicate")  # were Save to ask, No would keep it unsaved
    dialog._on_save()
    assert asked == []
    assert sorted((p.name, p.organisation_name) for p in ms.list_people(db)) == [
        ("Ann Mover", "Brent Council"), ("ann mover", ICB)]
    # the existing record can be opened instead, to change their organisation
    again = _new_dialog(qtbot, db, "Ann Mover", council)
    assert again.similar and again.similar[0].person.id == ann.id  # the same organisation: still asked about
    assert "Also on record with the same name at " + ICB in again.duplicate_note.text()


def test_an_archived_person_of_the_name_elsewhere_is_mentioned_as_archived(qtbot, db, orgs):
    council, icb = orgs
    ann = ms.create_person(db, ms.PersonFields("Ann Mover", "Safeguarding Lead", council))
    ms.archive_person(db, ann.id)
    dialog = _new_dialog(qtbot, db, "Ann Mover", icb)
    assert dialog.duplicate_box.isVisible()
    assert dialog.duplicate_note.text().startswith(
        "Already on record with the same name at Brent Council: Ann Mover (Brent Council) (archived): ")
    when_modal(lambda d: d.reject())
    dialog.open_existing_button.click()
    assert dialog.opened is not None and dialog.opened.record.id == ann.id


def test_editing_a_person_does_not_mention_the_same_name_elsewhere(qtbot, db, orgs):
    council, icb = orgs
    ms.create_person(db, ms.PersonFields("Ann Mover", "Safeguarding Lead", council))
    other = ms.create_person(db, ms.PersonFields("Ann Mover", "Designated Nurse", icb))
    dialog = PersonDialog(db, other)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.duplicate_box.isVisible()
