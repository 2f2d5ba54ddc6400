"""`check` on an offline copy of a meeting: the copy holds, of an earlier meeting, only the agenda
item an open action was raised at, so that agenda is not numbered 1 to n there; only the agendas
of the meetings it holds whole are checked (on a real PostgreSQL server, skipped with the reason
without one)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest

from bscp_desktop.db.database import DatabaseError
from bscp_desktop.db.file_check import check_file
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import offline as off
from tests.meetings_world import build_world, meeting
from tests.offline.helpers import ALICE, as_officer

pytestmark = pytest.mark.slow  # a team database taken offline to a file


def _taken_with_action_from_item_3(pg_db, tmp_path):
    """A forum meeting taken offline whose group's earlier meeting raised an open action at the
    third item of its agenda: (the meeting, its items, the earlier meeting, path of the copy)."""
    server = as_officer(pg_db, ALICE)
    world = build_world(server)
    earlier = meeting(server, world.forum, datetime(2024, 1, 11, 10), "January forum")
    old = [mt.add_agenda_item(server, earlier.id, mt.AgendaItemFields(t)) for t in
           ("Welcome", "Minutes of the last meeting", "Attendance at school")]
    mt.add_item_action(server, old[2].id, al.ActionFields(
        "Write to schools about attendance", owner_person_id=world.head.id, due_date=date(2024, 4, 30),
        status=ActionStatus.OPEN))
    m = meeting(server, world.forum, datetime(2024, 3, 14, 10), "March forum")
    items = [mt.add_agenda_item(server, m.id, mt.AgendaItemFields(t)) for t in
             ("Welcome and apologies", "Child death overview", "Any other business")]
    path = tmp_path / "March forum.sqlite3"
    off.take_offline(server, m.id, path)
    con = sqlite3.connect(path)
    assert con.execute("SELECT position FROM agenda_item WHERE meeting_id = ?", (earlier.id,)).fetchall() == [(3,)]
    con.close()
    return m, items, earlier, path


def test_a_freshly_taken_copy_is_healthy(pg_db, tmp_path):
    _m, _items, _earlier, path = _taken_with_action_from_item_3(pg_db, tmp_path)
    assert ": healthy;" in check_file(path)


def test_the_taken_meetings_agenda_out_of_order_is_still_named(pg_db, tmp_path):
    m, items, earlier, path = _taken_with_action_from_item_3(pg_db, tmp_path)
    con = sqlite3.connect(path)
    con.execute("UPDATE agenda_item SET position = 7 WHERE id = ?", (items[1].id,))
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="holds agendas numbered out of order") as caught:
        check_file(path)
    assert (f"meeting {m.id}: its agenda has an item at position 7, where its 3 items belong at 1 to 3, one at each"
            in str(caught.value))
    assert f"meeting {earlier.id}:" not in str(caught.value)  # held only in part, as taken
