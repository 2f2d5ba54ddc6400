"""The Agenda page's Copy last agenda: greyed for a meeting that took place, saying why (here,
its minutes circulated), so circulated minutes never gain items no one discussed; for a planned
meeting with items already, it asks first, saying how many items it adds and from which meeting,
and No leaves the agenda as it was."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting
from tests.ui.helpers import click_button, open_workspace, when_modal

pytestmark = pytest.mark.slow  # opens a meeting in the Meetings tab


def _titles(db, meeting_id) -> list[str]:
    return [i.title for i in mt.list_agenda(db, meeting_id)]


def _agenda_page(qtbot, db, meeting_id: int):
    ws = open_workspace(qtbot, db, meeting_id)
    ws.pages.setCurrentWidget(ws.agenda)
    qtbot.waitUntil(lambda: not ws.agenda.loading(), timeout=5000)
    return ws


@pytest.fixture
def earlier(db, world) -> mt.MeetingDTO:
    m = meeting(db, world.forum, datetime(2024, 1, 11, 10), title="January forum")
    for title in ("Neglect strategy", "Early help", "Section 11 audit"):
        mt.add_agenda_item(db, m.id, mt.AgendaItemFields(title))
    return m


def test_circulated_minutes_grey_copy_last_agenda_saying_why(qtbot, db, world, earlier):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    for title in ("Welcome", "Budget"):
        mt.save_item_minutes(db, mt.add_agenda_item(db, m.id, mt.AgendaItemFields(title)).id, "Noted.")
    mt.circulate_minutes(db, m.id, date(2024, 3, 21))
    ws = _agenda_page(qtbot, db, m.id)
    copy = ws.agenda.copy_action
    assert not copy.isEnabled()
    assert copy.toolTip() == ("The minutes of this meeting were circulated on 21/03/2024: copying the last agenda "
                              "would add items that were not discussed or minuted. Add a missing item with New "
                              "agenda item instead.")
    copy.trigger()  # a disabled action does nothing
    assert _titles(db, m.id) == ["Welcome", "Budget"]


def test_a_planned_meeting_with_items_is_asked_how_many_before_the_copy(qtbot, db, world, earlier):
    m = meeting(db, world.forum, datetime(2026, 12, 10, 10))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Early help"))
    ws = _agenda_page(qtbot, db, m.id)
    copy = ws.agenda.copy_action
    assert copy.isEnabled() and copy.toolTip() == "Copy the agenda of this group's last earlier meeting"
    asked: list[str] = []
    when_modal(click_button("No", asked), "Copy last agenda")
    copy.trigger()
    assert asked == ["Add 2 items to this agenda from the agenda of Safeguarding Children Forum, 11 Jan 2024? "
                     "The item already on it stays as it is; an item on both is not added twice."]
    assert _titles(db, m.id) == ["Early help"]
    when_modal(click_button("Yes"), "Copy last agenda")
    copy.trigger()
    assert sorted(_titles(db, m.id)) == ["Early help", "Neglect strategy", "Section 11 audit"]
    assert ws.message.text() == "Copied 2 items from the agenda of Safeguarding Children Forum, 11 Jan 2024."


def test_held_again_the_page_greys_the_copy(qtbot, db, world, earlier):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    ws = _agenda_page(qtbot, db, m.id)
    assert ws.agenda.copy_action.isEnabled()
    mt.mark_held(db, m.id)
    ws.reload()
    qtbot.waitUntil(lambda: not ws.agenda.copy_action.isEnabled(), timeout=5000)
    assert ws.agenda.copy_action.toolTip().startswith("This meeting is marked held: copying the last agenda")
