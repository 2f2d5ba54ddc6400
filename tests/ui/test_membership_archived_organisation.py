"""A new membership for someone whose organisation is archived: Representing names that
organisation, says beside the field why it cannot be chosen (as the service words it), and the
seat is not saved representing nothing until another organisation, or none, is chosen."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.memberships.dialogs import MembershipDialog

REFUSED = "Old Trust is archived: restore it on the Memberships tab first, or choose a current organisation"


@pytest.fixture
def pat(db):
    """Pat Old of Old Trust, archived since; Brent Council still current; one group."""
    old = ms.create_organisation(db, ms.OrganisationFields("Old Trust", OrganisationKind.RELEVANT_AGENCY))
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    person = ms.create_person(db, ms.PersonFields("Pat Old", organisation_id=old.id))
    group = ms.create_group(db, ms.GroupFields("Forum", tier=2))
    ms.archive_organisation(db, old.id)
    return db, person, group, council


def _new_seat(qtbot, db, person, group) -> MembershipDialog:
    dialog = MembershipDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.person.set_current_id(person.id)
    dialog.group.set_current_id(group.id)
    dialog.start.set_value(date(2024, 4, 1))
    dialog.revalidate()
    return dialog


def _refused(dialog) -> None:
    assert dialog.organisation.currentText() == "Old Trust (archived)"
    assert dialog.error_labels["organisation_id"].text() == REFUSED
    assert not dialog.error_labels["organisation_id"].isHidden()
    assert not dialog.save_button.isEnabled()


def _pick(dialog, index: int) -> None:
    """As choosing from the open list does: the box changes, then says it was chosen."""
    dialog.organisation.setCurrentIndex(index)
    dialog.organisation.activated.emit(index)


@pytest.mark.slow
def test_representing_says_the_organisation_is_archived_until_a_current_one_is_chosen(qtbot, pat):
    db, person, group, council = pat
    dialog = _new_seat(qtbot, db, person, group)
    _refused(dialog)
    dialog._on_save()
    assert ms.list_memberships(db) == []

    _pick(dialog, dialog.organisation.findData(council.id))
    assert dialog.error_labels["organisation_id"].isHidden() and dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [m.organisation_id for m in ms.list_memberships(db)] == [council.id]

    kim = ms.create_person(db, ms.PersonFields("Kim Current", organisation_id=council.id))
    dialog = _new_seat(qtbot, db, kim, ms.create_group(db, ms.GroupFields("Executive Group", tier=1)))
    assert dialog.organisation.current_id() == council.id and dialog.save_button.isEnabled()  # as before


def test_representing_nothing_is_saved_only_when_chosen(qtbot, pat):
    db, person, group, _council = pat
    dialog = _new_seat(qtbot, db, person, group)
    _refused(dialog)
    _pick(dialog, 0)  # (not representing an organisation)
    assert dialog.error_labels["organisation_id"].isHidden() and dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [m.organisation_id for m in ms.list_memberships(db)] == [None]
