"""An amendment made offline goes with the value it records: minutes approved before the copy
was taken, amended in the copy and amended differently on the team database, brought back
keeping the team database's minutes, saved the copy's amendment too, recording a change that
never happened (counted as a new record, listed in the minutes). It is left behind now, and
named; keeping the copy's minutes brings it back (on a real PostgreSQL server, skipped with the
reason without one)."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import offline as off
from tests.offline.helpers import ALICE, as_officer, forum_meeting

pytestmark = pytest.mark.slow  # a team database taken offline to a file and brought back

APPROVED, OFFLINE_TEXT, SERVER_TEXT = "Original approved text.", "Offline amended text.", "Server amended text."


def _amended_in_both_places(pg_db, tmp_path):
    """Approved minutes taken offline by Alice, amended in the copy (R1) and on the team database
    (R2): (server, meeting, items, path of the copy)."""
    server = as_officer(pg_db, ALICE)
    _world, m, items = forum_meeting(server)
    mt.save_item_minutes(server, items[1].id, APPROVED)
    mt.approve_minutes(server, m.id, None, date(2024, 4, 2), method="chairs_action", approved_by="The chair")
    path = tmp_path / "March forum.sqlite3"
    off.take_offline(server, m.id, path)
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.amend_minutes(local, items[1].id, OFFLINE_TEXT, "Offline reason R1")
    mt.amend_minutes(server, items[1].id, SERVER_TEXT, "Server reason R2")
    return server, m, items, path


def _amendments(server, meeting_id):
    return [(a.reason, a.old_text, a.new_text) for a in mt.list_amendments(server, meeting_id)]


def test_keeping_the_team_databases_minutes_leaves_the_copys_amendment_behind(pg_db, tmp_path):
    server, m, items, path = _amended_in_both_places(pg_db, tmp_path)
    plan = off.plan_bring_back(server, path)
    assert [(c.record, c.field) for c in plan.conflicts] == [(f"Agenda item 2: {items[1].title}", "Minutes")]
    result = off.bring_back(server, path, prefer=off.SERVER)
    assert mt.get_agenda_item(server, items[1].id).minutes == SERVER_TEXT
    assert _amendments(server, m.id) == [("Server reason R2", APPROVED, SERVER_TEXT)]
    assert (result.added, result.kept_server) == (0, 1)
    (behind,) = result.behind
    assert behind.startswith("Amendment ") and "“Offline reason R1”" in behind, behind
    assert behind.endswith(f"with the change it records (Agenda item 2: {items[1].title}: minutes), as the team "
                           "database's minutes were kept"), behind
    assert f"Left behind: {behind}; make it on the team database." in result.sentence
    assert "0 new records" in result.sentence


def test_keeping_the_copys_minutes_brings_its_amendment_back(pg_db, tmp_path):
    server, m, items, path = _amended_in_both_places(pg_db, tmp_path)
    (conflict,) = off.plan_bring_back(server, path).conflicts
    result = off.bring_back(server, path, keep={conflict.key: off.OFFLINE})
    assert mt.get_agenda_item(server, items[1].id).minutes == OFFLINE_TEXT
    assert sorted(_amendments(server, m.id)) == [("Offline reason R1", APPROVED, OFFLINE_TEXT),
                                                 ("Server reason R2", APPROVED, SERVER_TEXT)]
    assert (result.added, result.behind) == (1, ())
