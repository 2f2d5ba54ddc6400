"""An action added to approved minutes is recorded in their amendments with its words as saved:
cleaned of control characters and direction overrides, as the action itself is (a NUL pasted into
it used to reach the amendment, which a team database refuses outright)."""

from __future__ import annotations

from datetime import date, datetime

from bscp_desktop.domain.meetings import ApprovalMethod, MeetingStatus
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting


def test_the_amendment_holds_the_actions_words_as_saved(db, world):
    held = meeting(db, world.forum, datetime(2024, 1, 11, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, held.id, mt.AgendaItemFields("Neglect strategy"))
    mt.approve_minutes(db, held.id, None, date(2024, 1, 19), method=ApprovalMethod.EMAIL, approved_by="Chair")
    typed = "  Pay \u202egnp.exe\x00\x07 now\t "
    action = mt.add_item_action(db, item.id, al.ActionFields(typed, None, world.council.id, date(2024, 2, 28)),
                                reason="Missed at the meeting")
    (amendment,) = mt.list_amendments(db, held.id)
    assert amendment.new_text == action.description
    assert not any(c in amendment.new_text for c in "\x00\x07\u202e\t")
