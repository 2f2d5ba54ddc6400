"""Minutes are never written into an item taken off the agenda, and an amendment to approved
minutes never overwrites another officer's amendment saved meanwhile."""

from __future__ import annotations

from datetime import datetime

import pytest

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.validation import RecordChanged, ValidationError
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting


def test_minutes_of_an_item_removed_by_someone_else_are_refused(db, world, theirs):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Partner updates"))
    saved = mt.save_item_minutes(db, item.id, "Noted the report.")
    mt.archive_agenda_item(theirs, item.id)  # Jane removes it on her computer
    with pytest.raises(ValidationError) as refused:
        mt.save_item_minutes(db, item.id, "Noted the report. Police reported.", version=saved.version,
                             base="Noted the report.")
    assert "'Partner updates' was removed from the agenda by someone else" in refused.value.errors["minutes"]
    with pytest.raises(ValidationError):
        mt.save_item_minutes(db, item.id, "")  # not even cleared
    assert mt.get_agenda_item(db, item.id).minutes == "Noted the report."
    assert not mt.save_item_minutes(db, item.id, "Noted the report.").changed  # nothing to write: nothing refused
    mt.restore_agenda_item(theirs, item.id)
    assert mt.save_item_minutes(db, item.id, "Noted the report. Police reported.", version=saved.version,
                                base="Noted the report.").changed  # restored: the words are saved


def _approved(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), ends_at=datetime(2024, 3, 14, 12), status=MeetingStatus.HELD)
    later = meeting(db, world.forum, datetime(2024, 6, 13, 10), ends_at=datetime(2024, 6, 13, 12), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect"))
    mt.save_item_minutes(db, item.id, "The Forum noted the report.")
    mt.approve_minutes(db, m.id, later.id)
    return m, mt.get_agenda_item(db, item.id)


def test_an_amendment_saved_by_someone_else_meanwhile_is_not_overwritten(db, world, theirs):
    m, item = _approved(db, world)
    mt.amend_minutes(theirs, item.id, "The Forum noted the report and agreed the strategy.", "Jane's correction")
    with pytest.raises(RecordChanged) as refused:
        mt.amend_minutes(db, item.id, "The Forum noted the report and thanked the author.", "Tom's correction",
                         version=item.version, base=item.minutes)
    assert refused.value.changed_by == "Jane Smith"
    assert mt.get_agenda_item(db, item.id).minutes == "The Forum noted the report and agreed the strategy."
    assert [a.reason for a in mt.list_amendments(db, m.id)] == ["Jane's correction"]


def test_an_amendment_goes_on_when_only_the_items_title_changed_meanwhile(db, world, theirs):
    m, item = _approved(db, world)
    mt.update_agenda_item(theirs, item.id, mt.AgendaItemFields("Neglect strategy"), reason="Title as on the paper")
    mt.amend_minutes(db, item.id, "The Forum noted the report and thanked the author.", "Tom's correction",
                     version=item.version, base=item.minutes)
    assert mt.get_agenda_item(db, item.id).minutes == "The Forum noted the report and thanked the author."
