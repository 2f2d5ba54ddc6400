"""The move dialog never offers an archived organisation first: a member whose own organisation
has been archived starts from the organisation the seat represents; an archived organisation
chosen is refused beside the field before Save, as the move itself would refuse it."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.memberships import OrganisationKind, Role
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.memberships.moving import MoveSeatDialog

TODAY = date(2024, 6, 3)


def _dialog(qtbot, db, seat) -> MoveSeatDialog:
    dialog = MoveSeatDialog(db, seat, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_an_archived_own_organisation_is_not_offered_first_and_is_refused_when_chosen(qtbot, db, world):
    old = ms.create_organisation(db, ms.OrganisationFields("Old Trust", OrganisationKind.RELEVANT_AGENCY))
    sam = ms.create_person(db, ms.PersonFields("Sam Test", "Named nurse", old.id))
    seat = ms.create_membership(db, ms.MembershipFields(sam.id, world.forum.id, Role.MEMBER, date(2023, 1, 1),
                                                        organisation_id=world.icb.id))
    ms.archive_organisation(db, old.id)
    dialog = _dialog(qtbot, db, seat)
    assert dialog.organisation.current_id() == world.icb.id  # the seat's own, not the archived one
    assert "(archived)" not in dialog.organisation.currentText()

    dialog.organisation.set_current_id(world.council.id)
    assert dialog.save_button.isEnabled()
    ms.archive_organisation(db, world.police.id)
    moving_police = _dialog(qtbot, db, next(m for m in ms.list_memberships(db, group_id=world.forum.id)
                                            if m.person_id == world.inspector.id))
    moving_police.organisation.set_current_id(world.police.id)
    moving_police.role.setCurrentIndex(moving_police.role.findData(Role.VICE_CHAIR))
    assert not moving_police.save_button.isEnabled()
    assert moving_police.error_labels["organisation_id"].text().startswith(
        "Metropolitan Police is archived: restore it on the Memberships tab first, or choose a current organisation")
