"""The move dialog never offers an archived organisation first: a member whose own organisation
has been archived starts with no organisation chosen (the seat's own would be refused at once); an archived organisation
is not offered at all, not even the one the seat represents."""

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
    assert dialog.organisation.current_id() is None and dialog.organisation.currentText() == ""  # not the archived one

    dialog.organisation.set_current_id(world.council.id)
    assert dialog.save_button.isEnabled()
    ms.archive_organisation(db, world.police.id)
    moving_police = _dialog(qtbot, db, next(m for m in ms.list_memberships(db, group_id=world.forum.id)
                                            if m.person_id == world.inspector.id))
    assert moving_police.organisation.findData(world.police.id) < 0  # the seat's archived organisation is not offered
    moving_police.role.setCurrentIndex(moving_police.role.findData(Role.VICE_CHAIR))
    assert not moving_police.save_button.isEnabled()
