"""What bringing a copy back would refuse, its plan says first: Alice's meeting released by Bob,
who then took it offline himself; the plan of Alice's copy listed no problem, the window asked
"Bring it back now?", and bringing it back was refused as the meeting was Bob's. One check
serves both now (on a real PostgreSQL server, skipped with the reason without one)."""

from __future__ import annotations

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import offline as off
from tests.offline.helpers import ALICE, as_officer

pytestmark = pytest.mark.slow  # a team database taken offline to a file and brought back

BOB = "Bob Manager"


def test_a_copy_released_then_taken_again_by_another_officer_is_refused_in_the_plan(taken):
    server, _world, m, items, path = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.save_item_minutes(local, items[1].id, "Alice's offline minutes.")
    as_officer(server, BOB)
    off.release_meeting(server, m.id, "Alice is off sick")
    bobs = path.with_name("Bob's copy.sqlite3")
    off.take_offline(server, m.id, bobs)
    as_officer(server, ALICE)
    plan = off.plan_bring_back(server, path)
    (problem,) = plan.problems
    assert problem.startswith("This copy's hold on the meeting was released, and the meeting was taken offline "
                              f"again by {BOB} on "), problem
    assert "cannot be brought back until this is put right" in plan.summary
    with pytest.raises(ValidationError) as refused:
        off.bring_back(server, path, prefer=off.OFFLINE)
    assert problem in refused.value.sentence()
    assert mt.get_agenda_item(server, items[1].id).minutes == ""
    assert off.meeting_mark(server, m.id).taken_by == BOB  # nothing written: still Bob's
    # Bob's copy back, Alice's comes back too
    as_officer(server, BOB)
    off.bring_back(server, bobs)
    as_officer(server, ALICE)
    assert off.plan_bring_back(server, path).problems == ()
    off.bring_back(server, path, prefer=off.OFFLINE)
    assert mt.get_agenda_item(server, items[1].id).minutes == "Alice's offline minutes."
