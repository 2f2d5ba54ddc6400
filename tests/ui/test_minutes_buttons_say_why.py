"""An open meeting's minutes commands (Mark minutes circulated, Back to draft, Approve
minutes…) not offered for the minutes' status say why in their tooltips, as the minutes move
from draft to circulated to approved; offered, each has its own words."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.meetings import ApprovalMethod
from bscp_desktop.services import meetings as mt
from tests.ui.helpers import held_meeting_open

LOCKED = ("The minutes were approved on 15/03/2024, so they are locked: to change them, amend an item's "
          "minutes on the Minutes page and give the reason.")


def tools(ws) -> dict[str, tuple[bool, str]]:
    return {a.text(): (a.isEnabled(), a.toolTip()) for a in (ws.circulate_action, ws.draft_action, ws.approve_action)}


def read_again(qtbot, ws) -> None:
    ws.reload()
    qtbot.waitUntil(lambda: not ws.loading(), timeout=5000)


@pytest.mark.slow
def test_each_minutes_command_not_offered_says_why_from_the_minutes_status(qtbot, db, world):
    ws = held_meeting_open(qtbot, db, world)
    assert tools(ws) == {
        "Mark minutes circulated": (True, "Mark minutes circulated"),
        "Back to draft": (False, "The minutes are already a draft."),
        "Approve minutes…": (True, "Approve minutes"),
    }

    mt.circulate_minutes(db, ws.meeting_id, date(2024, 3, 14))
    read_again(qtbot, ws)
    assert tools(ws) == {
        "Mark minutes circulated": (False, "The minutes were circulated on 14/03/2024."),
        "Back to draft": (True, "Back to draft"),
        "Approve minutes…": (True, "Approve minutes"),
    }

    mt.approve_minutes(db, ws.meeting_id, None, date(2024, 3, 15), method=ApprovalMethod.CHAIRS_ACTION,
                       approved_by="The chair")
    read_again(qtbot, ws)
    assert tools(ws) == {
        "Mark minutes circulated": (False, LOCKED),
        "Back to draft": (False, LOCKED),
        "Approve minutes…": (False, LOCKED),
    }


@pytest.mark.slow
def test_circulated_minutes_of_an_archived_meeting_say_restore_it_first(qtbot, db, world):
    ws = held_meeting_open(qtbot, db, world)
    mt.circulate_minutes(db, ws.meeting_id, date(2024, 3, 14))
    mt.archive_meeting(db, ws.meeting_id)
    read_again(qtbot, ws)
    restore_first = "The meeting is archived: restore it first."
    assert tools(ws) == {
        "Mark minutes circulated": (False, "The minutes were circulated on 14/03/2024."),
        "Back to draft": (False, restore_first),
        "Approve minutes…": (False, restore_first),
    }
