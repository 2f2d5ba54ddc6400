"""Restoring a person names each seat left ended in a plain sentence: whose seat it is, the reason
(without a form's field label) and what to do next in the order that works."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import Role
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.memberships.tab import MembershipsTab
from tests.ui.helpers import when_modal

NAME = "Dana Deputy-Longname-Smythe"


def _deputy_left_too(db):
    group = ms.create_group(db, ms.GroupFields("Executive Group", 3))
    member, dana = (ms.create_person(db, ms.PersonFields(name)) for name in ("Alice Adams", NAME))
    ms.create_membership(db, ms.MembershipFields(member.id, group.id, Role.MEMBER, date(2023, 4, 1)))
    ms.create_membership(db, ms.MembershipFields(dana.id, group.id, Role.DEPUTY, date(2024, 1, 1),
                                                 deputy_for_id=member.id))
    ms.archive_person(db, member.id, end_memberships_on=date.today())
    ms.archive_person(db, dana.id)
    return member


def test_a_deputy_seat_left_ended_says_its_holder_is_archived_and_to_restore_them_before_editing_it(db):
    member = _deputy_left_too(db)
    today = f"{date.today():%d/%m/%Y}"
    assert ms.restore_person(db, member.id) == [
        f"{NAME}'s seat as deputy for Alice Adams on Executive Group (from 01/01/2024 to {today}) stays ended: "
        f"{NAME} is archived. Restore {NAME} on the People page, then edit the seat on the Memberships page to "
        "give it its dates again."]


@pytest.fixture
def tab(qtbot, db):
    widget = MembershipsTab(db)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_the_person_restored_box_shows_the_seat_sentence_and_no_advice_that_cannot_work(tab, qtbot, db):
    member = _deputy_left_too(db)
    seen = []

    def read_and_close(box):
        seen.append(box.text())
        box.accept()

    when_modal(read_and_close, "Person restored")
    page = tab.people
    tab.sections.setCurrentWidget(page)
    page.show_archived.setChecked(True)
    page.reload()
    page.select_id(member.id)
    page.restore_action.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    text = seen[0]
    assert text.startswith("Alice Adams is restored, but 1 membership that ended when they were archived was not "
                           f"put back:\n\n{NAME}'s seat as deputy for Alice Adams on Executive Group")
    assert text.endswith(f"Restore {NAME} on the People page, then edit the seat on the Memberships page to give "
                         "it its dates again.")
    assert "End date is required" not in text and "Edit the membership" not in text
