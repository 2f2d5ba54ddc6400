"""The Memberships page moves a member's seat to another organisation from a date: "Move to another
organisation…", offered for a current membership, asks the date, the organisation and the role,
and saves the split; a refusal is shown beside its field."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import AttendanceStatus, MeetingStatus
from bscp_desktop.domain.memberships import Role
from bscp_desktop.services import attendance as at
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.memberships.moving import MoveSeatDialog
from bscp_desktop.ui.memberships.tab import MembershipsTab
from tests.meetings_world import meeting
from tests.ui.helpers import settled, shown_tab, when_modal

TODAY = date(2024, 6, 3)


@pytest.fixture
def page(qtbot, db, world):
    tab = shown_tab(qtbot, MembershipsTab(db, None))
    page = tab.sections.show_page("memberships")
    page.fixed_today = TODAY
    page.reload()
    settled(page)
    return page


def _seat_of(db, group, person) -> ms.MembershipDTO:
    return next(m for m in ms.list_memberships(db, group_id=group.id) if m.person_id == person.id)


def test_the_move_is_on_the_toolbar_and_tools_menu_for_a_current_membership_only(page, db, world):
    page.table.clearSelection()
    assert not page.move_action.isEnabled()
    assert page.move_action.toolTip() == "Choose a membership first."
    seat = _seat_of(db, world.forum, world.inspector)
    page.select_id(seat.id)
    assert page.move_action.isEnabled()
    menu = page.show_tools_menu()
    assert "Move to another organisation…" in [a.text() for a in menu.actions()]
    menu.close()

    ended = ms.create_membership(db, ms.MembershipFields(world.head.id, world.executive.id, Role.MEMBER,
                                                         date(2023, 4, 1), date(2024, 3, 31), world.school.id))
    page.reload()
    settled(page)
    page.select_id(ended.id)
    assert not page.move_action.isEnabled()
    assert page.move_action.toolTip() == ("The membership ended on 31/03/2024: only a current membership moves to "
                                          "another organisation.")


def test_moving_a_seat_from_the_window_keeps_the_register_already_recorded(page, qtbot, db, world):
    held = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    at.prefill_attendance(db, held.id)
    row = next(r for r in at.list_attendance(db, held.id) if r.person_id == world.inspector.id)
    at.set_attendance(db, [row.id], AttendanceStatus.PRESENT)
    seat = _seat_of(db, world.forum, world.inspector)
    page.select_id(seat.id)
    seen: list[MoveSeatDialog] = []

    def answer(dialog: MoveSeatDialog) -> None:
        seen.append(dialog)
        assert dialog.moved_on.value() == TODAY  # today unless another date is typed
        dialog.moved_on.set_value(date(2024, 1, 1))
        dialog.organisation.set_current_id(world.council.id)
        assert dialog.save_button.isEnabled()
        dialog._on_save()

    when_modal(answer, "Move to another organisation")
    page.move_action.trigger()
    assert seen and seen[0].result() == MoveSeatDialog.DialogCode.Accepted
    seats = sorted((m for m in ms.list_memberships(db, group_id=world.forum.id) if m.person_id == world.inspector.id),
                   key=lambda m: m.start_date)
    assert [(m.organisation_id, m.start_date, m.end_date) for m in seats] == [
        (world.police.id, date(2022, 4, 1), date(2023, 12, 31)), (world.council.id, date(2024, 1, 1), None)]
    kept = next(r for r in at.list_attendance(db, held.id) if r.person_id == world.inspector.id)
    assert (kept.status, kept.organisation_id) == (AttendanceStatus.PRESENT, world.police.id)
    settled(page)
    assert page.selected() is not None and page.selected().id == seats[1].id  # the new membership chosen


def test_the_dialog_says_why_a_move_cannot_be_saved(qtbot, db, world):
    seat = _seat_of(db, world.forum, world.inspector)
    dialog = MoveSeatDialog(db, seat, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.organisation.set_current_id(world.police.id)  # the one it represents already, in the same role
    assert not dialog.save_button.isEnabled()
    assert dialog.error_labels["organisation_id"].text().startswith(
        "The seat already represents this organisation in this role")
    dialog.organisation.set_current_id(world.council.id)
    dialog.moved_on.set_value(date(2022, 4, 1))
    assert not dialog.save_button.isEnabled()
    assert dialog.error_labels["moved_on"].text().startswith("The date of the move must be after 01/04/2022")

    dialog.moved_on.set_value(date(2024, 1, 1))
    dialog.role.setCurrentIndex(dialog.role.findData(Role.ADVISER))  # the deputy would stand in for no one
    assert dialog.save_button.isEnabled()
    dialog._on_save()
    assert dialog.isVisible()
    assert "Sergeant Lewis" in dialog.error_labels["role"].text()
    assert dialog.status.text().startswith("Not saved.")
    assert _seat_of(db, world.forum, world.inspector).end_date is None
