"""An archived meeting's agenda and register offer nothing that would change them: each tool is
greyed out saying the meeting must be restored first, and comes back once it is."""

from __future__ import annotations

import pytest

from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.common.permissions import changes_records
from bscp_desktop.ui.meetings.workspace_pages import RESTORE_FIRST
from tests.ui.helpers import held_meeting_open


def changing_tools(page) -> dict[str, tuple[bool, str]]:
    return {a.text(): (a.isEnabled(), a.toolTip()) for a in page.toolbar.actions()
            if a.isVisible() and changes_records(a)}


@pytest.mark.slow
def test_an_archived_meetings_agenda_and_register_tools_are_greyed_until_it_is_restored(qtbot, db, world):
    ws = held_meeting_open(qtbot, db, world)
    agenda = ws.pages.show_page("agenda")
    register = ws.pages.show_page("attendance")
    for page in (agenda, register):
        qtbot.waitUntil(lambda p=page: not p.loading() and p.model.rowCount() > 0, timeout=5000)
        page.table.selectRow(0)
    assert changing_tools(agenda)["New agenda item"][0] and changing_tools(agenda)["Move down"][0]
    assert changing_tools(register)["Present"][0] and changing_tools(register)["Fill from members"][0]

    mt.archive_meeting(db, ws.meeting_id)  # by another officer, say: the meeting is read again
    ws.reload()
    qtbot.waitUntil(lambda: not ws.loading() and ws.meeting.archived, timeout=5000)
    for name in ("agenda", "attendance"):
        page = ws.pages.show_page(name)
        qtbot.waitUntil(lambda p=page: not p.loading(), timeout=5000)
        page.table.selectRow(0)
        tools = changing_tools(page)
        assert tools and all(state == (False, RESTORE_FIRST) for state in tools.values()), tools

    mt.restore_meeting(db, ws.meeting_id)
    ws.reload()
    qtbot.waitUntil(lambda: not ws.loading() and not ws.meeting.archived, timeout=5000)
    for name in ("agenda", "attendance"):
        page = ws.pages.show_page(name)
        qtbot.waitUntil(lambda p=page: not p.loading(), timeout=5000)
        page.table.selectRow(0)
    assert changing_tools(agenda)["New agenda item"] == (True, "New agenda item")
    assert changing_tools(agenda)["Add standing items"][0] and changing_tools(agenda)["Move down"][0]
    assert not changing_tools(agenda)["Restore"][0]  # the chosen item is not archived: its own rule
    assert changing_tools(register)["Present"] == (True, "Mark the chosen people: present (Ctrl+1)")
    assert changing_tools(register)["Add someone…"][0]
