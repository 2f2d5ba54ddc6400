"""Back to draft asks before it takes circulated minutes back to draft, saying what it undoes:
the day they were circulated is cleared, and they can be changed and circulated again. No
leaves the minutes circulated on that day; Yes returns them to draft."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import MeetingStatus, MinutesStatus
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting
from tests.ui.helpers import click_button, open_workspace, when_modal

pytestmark = pytest.mark.slow  # opens a meeting in the Meetings tab

ASKED = ("Return the minutes of the Safeguarding Children Forum meeting on 14/03/2024 to draft? They were "
         "circulated on 21/03/2024: that date is cleared, and they can be changed and circulated again.")


def _minutes(db, meeting_id: int) -> tuple[MinutesStatus, date | None]:
    m = mt.get_meeting(db, meeting_id)
    return m.minutes_status, m.minutes_circulated_on


def test_back_to_draft_asks_and_no_keeps_the_minutes_circulated(qtbot, db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    mt.circulate_minutes(db, m.id, date(2024, 3, 21))
    ws = open_workspace(qtbot, db, m.id)
    assert ws.draft_action.isEnabled()
    asked: list[str] = []
    when_modal(click_button("No", asked), "Back to draft")
    ws.draft_action.trigger()
    assert asked == [ASKED]
    assert _minutes(db, m.id) == (MinutesStatus.CIRCULATED, date(2024, 3, 21))
    assert not ws.message.isVisibleTo(ws)

    when_modal(click_button("Yes"), "Back to draft")
    ws.draft_action.trigger()
    assert _minutes(db, m.id) == (MinutesStatus.DRAFT, None)
    qtbot.waitUntil(lambda: "Draft" in ws.minutes_state.text(), timeout=5000)
    assert ws.message.text() == "Minutes returned to draft: they can be changed again."
