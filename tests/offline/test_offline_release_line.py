"""A meeting released by one officer and then brought back by another keeps the release on its
mark: who released it, when and why. Bringing the copy back rewrote how and by whom the mark
ended over the release's time and reason, so the line read "brought back by Alice on <Bob's
release time> (Alice's laptop is broken)". The change history records the bring-back beside
it, and the copy still comes back only once (on a real PostgreSQL server, skipped with the
reason without one)."""

from __future__ import annotations

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import history as hs
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import offline as off
from tests.offline.helpers import ALICE, as_officer

pytestmark = pytest.mark.slow  # a team database taken offline to a file and brought back

BOB = "Bob Manager"
REASON = "Alice's laptop is broken"


def test_bringing_back_a_released_copy_keeps_the_release_and_the_history_says_who_brought_it_back(taken):
    server, _world, m, items, path = taken
    with Database.open(path, create=False) as local:
        mt.save_item_minutes(as_officer(local, ALICE), items[1].id, "Minuted offline before the laptop broke.")
    released = off.release_meeting(as_officer(server, BOB), m.id, REASON)
    as_officer(server, ALICE)
    result = off.bring_back(server, path)
    assert result.written == 1 and mt.get_agenda_item(server, items[1].id).minutes.startswith("Minuted offline")
    (mark,) = [k for k in off.list_marks(server, active_only=False) if k.meeting_id == m.id]
    assert (mark.ended_how, mark.ended_by, mark.ended_at, mark.reason) == ("released", BOB, released.ended_at, REASON)
    assert mark.sentence == released.sentence
    assert f"released by {BOB} on " in mark.sentence and f"({REASON})." in mark.sentence
    assert "brought back" not in mark.sentence and ALICE not in mark.sentence.partition(";")[2]
    # the change history says who brought the copy back, and from which file
    entries = [c for c in hs.list_changes(server, "meeting_offline") if c.record_id == mark.id]
    back = [c for c in entries if c.action == "brought back"]
    assert [(c.changed_by, c.action_label, c.field, c.new_value) for c in back] == [
        (ALICE, "Brought back", "file", str(path.absolute()))]
    assert back[0].changed_at >= released.ended_at
    assert [c.new_value for c in entries if c.field == "ended_how"] == ["released"]  # never rewritten
    # the copy says it went back, by Alice; the team database takes it only once
    with Database.open(path, create=False) as local:
        origin = off.offline_origin(local)
    assert (origin.ended_how, origin.ended_by) == ("brought back", ALICE)
    with pytest.raises(ValidationError, match=f"already brought back, by {ALICE} on "):
        off.plan_bring_back(server, path)
    with pytest.raises(ValidationError, match=f"already brought back, by {ALICE} on "):
        off.bring_back(as_officer(server, BOB), path)


def test_a_copy_brought_back_while_its_mark_stands_ends_it_as_brought_back(taken):
    server, _world, m, _items, path = taken
    off.bring_back(server, path)
    (mark,) = [k for k in off.list_marks(server, active_only=False) if k.meeting_id == m.id]
    assert (mark.ended_how, mark.ended_by, mark.reason) == ("brought back", ALICE, "")
    assert not [c for c in hs.list_changes(server, "meeting_offline") if c.action == "brought back"]
