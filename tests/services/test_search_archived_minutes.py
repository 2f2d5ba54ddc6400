"""`search --archived` ("include archived records") found an archived meeting but none of its
agenda items, minutes or decisions: they were hidden even when archived records were asked for."""

from __future__ import annotations

from datetime import datetime

import pytest

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import search as finder
from tests.meetings_world import meeting
from tests.services.test_search_typed_forms import drop_the_index

JTAI = "Joint Targeted Area Inspections"


def _hits(db, typed: str, include_archived: bool) -> set[tuple[str, int, str, str]]:
    return {(h.table, h.record_id, h.record, h.title)
            for h in finder.search(db, typed, include_archived=include_archived).hits}


@pytest.mark.slow  # without the index every record is read
@pytest.mark.parametrize("with_index", [True, False])
def test_the_items_and_decisions_of_an_archived_meeting_are_found_with_the_archived(db, world, with_index):
    gone = meeting(db, world.forum, datetime(2023, 4, 20, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, gone.id, mt.AgendaItemFields(JTAI))
    mt.save_item_minutes(db, item.id, "Partners discussed the JTAI on neglect.")
    decision = mt.add_decision(db, item.id, "Prepare for a JTAI on neglect")
    kept = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    current = mt.add_agenda_item(db, kept.id, mt.AgendaItemFields("JTAI action plan"))
    mt.archive_meeting(db, gone.id)
    if not with_index:
        drop_the_index(db)
    archived = "Safeguarding Children Forum, 20/04/2023 (archived)"
    # as before, a search without the archived shows nothing of the archived meeting
    assert _hits(db, JTAI, False) == set()
    assert _hits(db, "jtai", False) == {("agenda_item", current.id, "Safeguarding Children Forum, 14/03/2024",
                                         "Item 1: JTAI action plan")}
    # with the archived, its item (by its title and by its minutes) and its decision, named as archived
    assert _hits(db, JTAI, True) == {("agenda_item", item.id, archived, f"Item 1: {JTAI}")}
    assert _hits(db, "jtai neglect", True) == {
        ("agenda_item", item.id, archived, f"Item 1: {JTAI}"),
        ("decision", decision.id, archived, "Decision on item 1: Prepare for a JTAI on neglect"),
    }
    assert ("meeting", gone.id, archived, "Forum meeting") in _hits(db, "20/04/2023", True)
    found = finder.search(db, "jtai neglect", include_archived=True)
    assert found.total == 2 and {(h.open_kind, h.open_id) for h in found.hits} == {("meeting", gone.id)}


def test_a_restored_meeting_is_named_as_before(db, world):
    m = meeting(db, world.forum, datetime(2023, 4, 20, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields(JTAI))
    mt.archive_meeting(db, m.id)
    mt.restore_meeting(db, m.id)
    assert _hits(db, JTAI, False) == _hits(db, JTAI, True) == {
        ("agenda_item", item.id, "Safeguarding Children Forum, 20/04/2023", f"Item 1: {JTAI}")}
