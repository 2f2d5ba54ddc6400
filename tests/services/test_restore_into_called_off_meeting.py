"""A meeting marked cancelled or postponed did not take place, so nothing minuted comes back to
it: an agenda item holding minutes and an action raised at it are refused on restore, as a
decision is, until the meeting's status is changed. An empty agenda item may come back (an item
may be added to such a meeting's agenda: what was planned for it)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting

CANCELLED = "The meeting of 12/11/2026 is marked cancelled, so it did not take place: change its status first to "


def _refused(command, *args, **kw) -> dict[str, str]:
    with pytest.raises(ValidationError) as error:
        command(*args, **kw)
    return error.value.errors


def _called_off(db, world, status: MeetingStatus):
    """A meeting with an item holding minutes and an action, both taken off, then called off."""
    m = meeting(db, world.forum, datetime(2026, 11, 12, 10))
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Schools update"))
    mt.save_item_minutes(db, item.id, "Schools reported on attendance.")
    action = mt.add_item_action(db, item.id, al.ActionFields("Write to schools", world.chair.id, None,
                                                             date(2026, 12, 31)))
    empty = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Partner updates"))
    al.archive_action(db, action.id)
    mt.archive_agenda_item(db, item.id)
    mt.archive_agenda_item(db, empty.id)
    mt.set_meeting_status(db, m.id, status)
    return m, item, action, empty


def test_an_item_with_minutes_stays_off_a_cancelled_meetings_agenda(db, world):
    m, item, _, empty = _called_off(db, world, MeetingStatus.CANCELLED)
    assert _refused(mt.restore_agenda_item, db, item.id) == {
        "agenda": CANCELLED + "restore the item 'Schools update', which holds minutes"}
    assert [i.id for i in mt.list_agenda(db, m.id)] == []
    assert not mt.restore_agenda_item(db, empty.id).archived  # nothing minuted in it
    mt.set_meeting_status(db, m.id, MeetingStatus.PLANNED)
    assert not mt.restore_agenda_item(db, item.id).archived


@pytest.mark.parametrize("status", [MeetingStatus.CANCELLED, MeetingStatus.POSTPONED])
def test_an_action_raised_at_a_called_off_meeting_stays_archived(db, world, status):
    m, item, action, _ = _called_off(db, world, status)
    refused = _refused(al.restore_action, db, action.id)
    assert refused == {"meeting_id": f"The meeting of 12/11/2026 is marked {status.label.lower()}, so it did not take "
                                     "place: change its status first to restore an action raised at it"}
    assert mt.list_meeting_actions(db, m.id) == []
    mt.set_meeting_status(db, m.id, MeetingStatus.PLANNED)
    mt.restore_agenda_item(db, item.id)
    al.restore_action(db, action.id)
    assert [a.id for a in mt.list_meeting_actions(db, m.id)] == [action.id]
