"""An agenda item's details (title, presenter...) save from the version the officer opened
them at, refused only when someone changed those details meanwhile: the minutes a colleague is
taking of the item at the same time do not stop the save, and are kept."""

from __future__ import annotations

from datetime import datetime

import pytest

from bscp_desktop.db import versions
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.validation import RecordChanged
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting


def _item(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    return mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Partner updates"))


def test_minutes_taken_meanwhile_do_not_stop_the_items_details_being_saved(db, world, theirs):
    item = _item(db, world)
    mt.save_item_minutes(theirs, item.id, "Police reported on Operation Encompass.")  # Jane minutes it
    with versions.expecting("agenda_item", item.id, item.version):  # as the item's dialog saves
        mt.update_agenda_item(db, item.id, mt.AgendaItemFields("Partner updates", presenter="DI Jones"))
    saved = mt.get_agenda_item(db, item.id)
    assert (saved.presenter, saved.minutes) == ("DI Jones", "Police reported on Operation Encompass.")
    mt.save_item_minutes(theirs, item.id, "Police reported.")  # and goes on minuting it
    mt.update_agenda_item(db, item.id, mt.AgendaItemFields("Partner updates", presenter="DS Patel"), version=saved.version)
    saved = mt.get_agenda_item(db, item.id)
    assert (saved.presenter, saved.minutes) == ("DS Patel", "Police reported.")


def test_details_changed_meanwhile_still_stop_the_save(db, world, theirs):
    item = _item(db, world)
    mt.update_agenda_item(theirs, item.id, mt.AgendaItemFields("Partner updates: police"))
    with pytest.raises(RecordChanged):
        with versions.expecting("agenda_item", item.id, item.version):
            mt.update_agenda_item(db, item.id, mt.AgendaItemFields("Partner updates", presenter="DI Jones"))
    with pytest.raises(RecordChanged):
        mt.update_agenda_item(db, item.id, mt.AgendaItemFields("Partner updates", presenter="DI Jones"), version=item.version)
    assert mt.get_agenda_item(db, item.id).title == "Partner updates: police"
