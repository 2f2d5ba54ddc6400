"""An agenda item's History, and its meeting's, hold the amendments made to its approved
minutes, with their reason: what is saved with a record is in its history."""

from __future__ import annotations

from datetime import datetime

import pytest

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import history as hs
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting


@pytest.mark.slow
def test_an_items_and_its_meetings_history_hold_its_minutes_amendments(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), ends_at=datetime(2024, 3, 14, 12), status=MeetingStatus.HELD)
    later = meeting(db, world.forum, datetime(2024, 6, 13, 10), ends_at=datetime(2024, 6, 13, 12), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect"))
    other = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Finance"))
    for each in (item, other):
        mt.save_item_minutes(db, each.id, "The Forum noted the report.")
    mt.approve_minutes(db, m.id, later.id)
    mt.amend_minutes(db, item.id, "The Forum noted the report and agreed the strategy.", "Figure misquoted")
    mt.amend_minutes(db, other.id, "The Forum noted the accounts.", "Wrong paper named")

    def reasons(record) -> list[str]:
        rows = hs.change_page(db, hs.ChangeQuery(record=record)).rows
        return [r.new_text for r in rows if r.table_name == "minutes_amendment" and r.field == "reason"]

    assert reasons(("agenda_item", item.id)) == ["Figure misquoted"]
    assert reasons(("agenda_item", other.id)) == ["Wrong paper named"]
    assert sorted(reasons(("meeting", m.id))) == ["Figure misquoted", "Wrong paper named"]
    assert reasons(("meeting", later.id)) == []
