"""The People page's archive question says what "Archive only" does to the deputies' seats."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import Role
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.memberships.tab import MembershipsTab
from tests.ui.helpers import click_button, when_modal


@pytest.fixture
def page(qtbot, db, world):
    tab = MembershipsTab(db)
    qtbot.addWidget(tab)
    tab.resize(1200, 760)
    tab.show()
    tab.sections.setCurrentWidget(tab.people)
    return tab.people


def test_archive_only_says_it_ends_the_deputies_seats_and_does(page, db, world):
    today = date.today()
    seen = []
    page.select_id(world.inspector.id)
    when_modal(click_button("Archive only", seen))
    page.archive_action.trigger()
    assert ("“Archive only” leaves their own memberships as they are, but still ends their deputies' seats for them "
            f"(Sergeant Lewis on Safeguarding Children Forum) on {today:%d/%m/%Y}") in seen[0]
    assert f"they count as a member up to {today:%d/%m/%Y}" in seen[0]
    assert "never added to an attendance register" not in seen[0]
    seats = ms.list_memberships(db, group_id=world.forum.id)
    assert next(m for m in seats if m.person_id == world.inspector.id).end_date is None
    assert next(m for m in seats if m.person_id == world.sergeant.id and m.role is Role.DEPUTY).end_date == today


def test_archive_question_for_someone_with_no_deputy_says_nothing_of_deputies(page, db, world):
    seen = []
    page.select_id(world.nurse.id)
    when_modal(click_button("Cancel", seen))
    page.archive_action.trigger()
    assert "deputies" not in seen[0] and "count as a member up to" in seen[0]
