"""A meeting made in an offline copy (New meeting there, even archived again) stopped the whole
copy coming back: "...it is not part of the meeting taken offline..., so bringing the copy back
does not add it", and the minutes typed offline were stuck. Now it is left out with what was
recorded in it, named, and the rest comes back; the result names the meeting brought back, and
the refusal of a copy already brought back names it too (on a real PostgreSQL server, skipped
with the reason without one)."""

from __future__ import annotations

from datetime import datetime

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import offline as off
from tests.offline.helpers import ALICE, as_officer, count

pytestmark = pytest.mark.slow  # a team database taken offline to a file and brought back

MARCH = "Safeguarding Children Forum 14/03/2024: March forum"
EXTRA = "Meeting: Safeguarding Children Forum 02/04/2024: Extra forum (made offline"


def test_a_meeting_made_offline_is_left_out_and_the_minutes_come_back(taken):
    server, world, m, items, path = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.save_item_minutes(local, items[1].id, "Two child deaths reviewed.")
        extra = mt.create_meeting(local, mt.MeetingFields(world.forum.id, "Extra forum", datetime(2024, 4, 2, 10)))
        mt.add_agenda_item(local, extra.id, mt.AgendaItemFields("Extra item"))
        mt.archive_meeting(local, extra.id)
    meetings = count(server, "SELECT count(*) FROM meeting")
    plan = off.plan_bring_back(server, path)
    assert plan.problems == (), plan.problems
    assert f"{EXTRA}, with the 1 record made in it)" in plan.left
    result = off.bring_back(server, path)
    assert result.sentence.startswith(f"Brought back 1 change and 0 new records of {MARCH}.")
    assert f"{EXTRA}, with the 1 record made in it)" in result.sentence
    assert mt.get_agenda_item(server, items[1].id).minutes == "Two child deaths reviewed."
    assert count(server, "SELECT count(*) FROM meeting") == meetings
    assert count(server, "SELECT count(*) FROM agenda_item WHERE title = 'Extra item'") == 0
    assert off.meeting_mark(server, m.id) is None
    with pytest.raises(ValidationError, match=f"This offline copy of {MARCH} was already brought back, by {ALICE}"):
        off.bring_back(server, path)


def test_a_meeting_made_offline_the_meeting_refers_to_is_refused_another_left_out(taken):
    """The minutes approved at a meeting made offline: that meeting cannot be left out, so the
    copy is refused, naming it; another meeting made offline that nothing refers to is left out."""
    server, world, m, _items, path = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        extra = mt.create_meeting(local, mt.MeetingFields(world.forum.id, "Extra forum", datetime(2024, 4, 2, 10)))
        mt.create_meeting(local, mt.MeetingFields(world.forum.id, "Spare forum", datetime(2024, 5, 2, 10)))
        with local.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE meeting SET approved_at_meeting_id = ? WHERE id = ?", (extra.id, m.id))
    plan = off.plan_bring_back(server, path)
    assert [p for p in plan.problems if "Extra forum" in p] == [
        f"{EXTRA}): it is not part of the meeting taken offline ({MARCH}), so bringing the copy back does not add "
        "it; add it on the team database"], plan.problems
    assert not any("Spare forum" in p for p in plan.problems), plan.problems
    assert "Meeting: Safeguarding Children Forum 02/05/2024: Spare forum (made offline)" in plan.left
