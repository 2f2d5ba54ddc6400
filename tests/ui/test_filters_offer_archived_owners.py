"""An archived organisation, person or group whose records are still listed stays in the list's
filter, marked archived, so those records can still be filtered by it: the action log's Owner
and Group, the meetings' Group and the memberships' Group."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.services import actions as al
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.meetings.tab import MeetingsTab
from bscp_desktop.ui.memberships.tab import MembershipsTab
from tests.meetings_world import meeting
from tests.ui.helpers import table_texts


def combo_texts(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def choose(combo, text: str) -> None:
    combo.setCurrentIndex(combo.findText(text))


@pytest.fixture
def archived(db, world):
    """The police own two open actions and the forum raised one at its meeting; then the police,
    Inspector Morse and the forum are archived, their records left as they are."""
    held = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    exec_meeting = meeting(db, world.executive, datetime(2024, 3, 21, 10), "Executive meeting")
    fields = lambda text, **owner: al.ActionFields(text, due_date=date(2030, 6, 1), **owner)  # noqa: E731
    al.create_action(db, fields("Police at the forum", owner_organisation_id=world.police.id), {"meeting_id": held.id})
    al.create_action(db, fields("Police training plan", owner_organisation_id=world.police.id))
    al.create_action(db, fields("Morse's review", owner_person_id=world.inspector.id))
    al.create_action(db, fields("Council at the executive", owner_organisation_id=world.council.id),
                     {"meeting_id": exec_meeting.id})
    ms.archive_organisation(db, world.police.id)
    ms.archive_person(db, world.inspector.id)
    ms.archive_group(db, world.forum.id)
    return world


@pytest.fixture
def meetings_tab(qtbot, db):
    widget = MeetingsTab(db)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    return widget


def test_the_action_logs_owner_and_group_filters_offer_archived_owners_and_groups_with_actions(meetings_tab, archived):
    log = meetings_tab.action_log
    meetings_tab.sections.setCurrentWidget(log)
    log.reload()
    owners = combo_texts(log.owner_filter)
    assert "Metropolitan Police (and its people) (archived)" in owners
    assert "Inspector Morse (Metropolitan Police) (archived)" in owners
    assert "NWL Integrated Care Board (and its people)" in owners  # the live ones as before
    assert not any(o.startswith("Nurse") and "archived" in o for o in owners)
    choose(log.owner_filter, "Metropolitan Police (and its people) (archived)")
    # its own actions and its people's: Inspector Morse is with the police
    assert sorted(table_texts(log)) == ["Morse's review", "Police at the forum", "Police training plan"]
    choose(log.owner_filter, "Inspector Morse (Metropolitan Police) (archived)")
    assert table_texts(log) == ["Morse's review"]
    log.owner_filter.setCurrentIndex(0)
    assert combo_texts(log.group_filter)[1:] == ["Executive Group", "Safeguarding Children Forum (archived)"]
    choose(log.group_filter, "Safeguarding Children Forum (archived)")
    assert table_texts(log) == ["Police at the forum"]
    log.show_archived.setChecked(True)  # offered with Show archived ticked too
    assert "Metropolitan Police (and its people) (archived)" in combo_texts(log.owner_filter)
    assert table_texts(log) == ["Police at the forum"]


def test_the_meetings_group_filter_offers_an_archived_group_whose_meetings_are_listed(meetings_tab, archived):
    page = meetings_tab.meetings
    meetings_tab.sections.setCurrentWidget(page)
    page.reload()
    assert combo_texts(page.group_filter)[1:] == ["Executive Group", "Safeguarding Children Forum (archived)"]
    choose(page.group_filter, "Safeguarding Children Forum (archived)")
    assert table_texts(page, 3) == ["Forum meeting"]


def test_the_memberships_group_filter_offers_an_archived_group_whose_seats_are_listed(qtbot, db, archived):
    tab = MembershipsTab(db)
    qtbot.addWidget(tab)
    tab.resize(1200, 760)
    tab.show()
    page = tab.memberships
    tab.sections.setCurrentWidget(page)
    page.reload()
    assert combo_texts(page.group_filter)[1:] == ["Executive Group", "Safeguarding Children Forum (archived)"]
    choose(page.group_filter, "Safeguarding Children Forum (archived)")
    assert len(table_texts(page)) == len([m for m in ms.list_memberships(db) if m.group_id == archived.forum.id]) > 0
