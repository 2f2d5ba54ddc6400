""""Move to another organisation" opens with no organisation chosen where the only one to offer
would be the one the seat represents already: no error before the officer has done anything,
Move greyed and the line above the buttons saying what to fill in. The organisation and role the
seat has already are still refused once chosen; "(not representing an organisation)" is a choice
of its own, and a member's own organisation, changed on the People page, is still offered first."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import Role
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.memberships.moving import NOT_REPRESENTING, MoveSeatDialog
from bscp_desktop.ui.memberships.tab import MembershipsTab
from tests.ui.helpers import settled, shown_tab, when_modal

TODAY = date(2024, 6, 3)
SAME = "The seat already represents this organisation in this role"


def _seat_of(db, group, person) -> ms.MembershipDTO:
    return next(m for m in ms.list_memberships(db, group_id=group.id) if m.person_id == person.id)


def _dialog(qtbot, db, seat) -> MoveSeatDialog:
    dialog = MoveSeatDialog(db, seat, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _shown_errors(dialog: MoveSeatDialog) -> dict[str, str]:
    return {name: label.text() for name, label in dialog.error_labels.items() if label.isVisibleTo(dialog)}


def _opens_asking_for_the_organisation(dialog: MoveSeatDialog) -> None:
    assert dialog.organisation.current_id() is None and dialog.organisation.currentText() == ""
    assert _shown_errors(dialog) == {}
    assert SAME not in dialog.status.text()
    assert dialog.status.text() == "To save, fill in: Representing."
    assert not dialog.save_button.isEnabled()


def test_opened_from_the_memberships_page_it_asks_for_the_organisation_without_an_error(qtbot, db, world):
    tab = shown_tab(qtbot, MembershipsTab(db, None))
    page = tab.sections.show_page("memberships")
    page.fixed_today = TODAY
    page.reload()
    settled(page)
    page.select_id(_seat_of(db, world.forum, world.inspector).id)
    seen: list[MoveSeatDialog] = []

    def look(dialog: MoveSeatDialog) -> None:
        seen.append((dialog.organisation.currentText(), _shown_errors(dialog), dialog.status.text(),
                     dialog.save_button.isEnabled()))
        dialog.reject()

    when_modal(look, "Move to another organisation")
    page.move_action.trigger()
    assert seen == [("", {}, "To save, fill in: Representing.", False)]


def test_the_organisation_and_role_the_seat_has_are_refused_once_chosen(qtbot, db, world):
    dialog = _dialog(qtbot, db, _seat_of(db, world.forum, world.inspector))
    _opens_asking_for_the_organisation(dialog)
    dialog.organisation.set_current_id(world.police.id)  # the one it represents already, in the same role
    assert _shown_errors(dialog)["organisation_id"].startswith(SAME)
    assert not dialog.save_button.isEnabled()
    dialog.role.setCurrentIndex(dialog.role.findData(Role.VICE_CHAIR))  # the same organisation in another role
    assert _shown_errors(dialog) == {} and dialog.save_button.isEnabled()
    dialog.role.setCurrentIndex(dialog.role.findData(Role.MEMBER))
    dialog.organisation.set_current_id(world.council.id)
    assert _shown_errors(dialog) == {} and dialog.save_button.isEnabled() and dialog.status.text() == ""


def test_not_representing_an_organisation_is_a_choice_and_an_emptied_box_asks_again(qtbot, db, world):
    dialog = _dialog(qtbot, db, _seat_of(db, world.forum, world.inspector))
    dialog.organisation.set_current_id(None)
    assert dialog.organisation.currentText() == NOT_REPRESENTING
    assert dialog.save_button.isEnabled()
    dialog.organisation.setEditText("")  # the officer clears the box
    assert not dialog.save_button.isEnabled()
    assert _shown_errors(dialog)["organisation_id"].startswith("Choose the organisation they represent")


def test_a_seat_representing_no_organisation_opens_without_an_error(qtbot, db, world):
    sam = ms.create_person(db, ms.PersonFields("Sam Test", "Lay member"))
    seat = ms.create_membership(db, ms.MembershipFields(sam.id, world.forum.id, Role.MEMBER, date(2023, 1, 1)))
    dialog = _dialog(qtbot, db, seat)
    _opens_asking_for_the_organisation(dialog)
    dialog.organisation.set_current_id(None)
    assert _shown_errors(dialog)["organisation_id"].startswith(SAME)


@pytest.mark.parametrize("archived", [False, True], ids=["current", "archived"])
def test_their_own_organisation_is_offered_first_where_the_seat_does_not_represent_it(qtbot, db, world, archived):
    sam = ms.create_person(db, ms.PersonFields("Sam Test", "Named nurse", world.council.id))
    seat = ms.create_membership(db, ms.MembershipFields(sam.id, world.forum.id, Role.MEMBER, date(2023, 1, 1),
                                                        organisation_id=world.icb.id))
    if archived:
        ms.archive_organisation(db, world.council.id)
    dialog = _dialog(qtbot, db, seat)
    if archived:  # never offered first: nothing is
        _opens_asking_for_the_organisation(dialog)
    else:
        assert dialog.organisation.current_id() == world.council.id
        assert _shown_errors(dialog) == {} and dialog.save_button.isEnabled()
