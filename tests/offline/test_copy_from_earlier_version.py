"""A copy taken by an earlier version, before decisions had an owner and a due date: those
fields, given on the team database after the copy was taken, were offered as conflicts against
the copy's empty ones (which it never had), and keeping the offline copy's erased them. What the
team database held when the copy was taken is read from its history: a field the copy never
had is no change of the copy's (on a real PostgreSQL server, skipped with the reason without
one)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import offline as off
from tests.offline.helpers import ALICE, as_officer, forum_meeting

pytestmark = pytest.mark.slow  # a team database taken offline to a file and brought back

#: What revision 0022 added to a decision: a copy taken before it holds none of them as taken.
LATER = ("owner_person_id", "owner_organisation_id", "due_date", "evidence")


def _as_an_earlier_version_took_it(path) -> None:
    """The copy's values as taken, as an earlier version wrote them: its decisions without the
    fields it did not have (the copy's own records have them, as upgrading it gives them)."""
    con = sqlite3.connect(path)
    (base,), = con.execute("SELECT base FROM meeting_offline").fetchall()
    taken = json.loads(base)
    for values in taken["decision"].values():
        for column in LATER:
            del values[column]
    con.execute("UPDATE meeting_offline SET base = ?", (json.dumps(taken),))
    con.commit()
    con.close()


@pytest.fixture
def earlier(pg_db, tmp_path):
    """A decision with its text alone, taken offline by Alice as an earlier version took it:
    (server, world, meeting, items, decision, path of the copy)."""
    server = as_officer(pg_db, ALICE)
    world, m, items = forum_meeting(server)
    d = mt.add_decision(server, items[1].id, "Refer the themes to the Executive Group")
    path = tmp_path / "March forum.sqlite3"
    off.take_offline(server, m.id, path)
    _as_an_earlier_version_took_it(path)
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.save_item_minutes(local, items[1].id, "Two child deaths reviewed.")
    return server, world, m, items, d, path


def test_an_owner_and_due_date_given_there_meanwhile_stay(earlier):
    server, world, m, items, d, path = earlier
    mt.update_decision(server, d.id, mt.DecisionFields(d.text, world.chair.id, None, date(2024, 6, 1)))
    plan = off.plan_bring_back(server, path)
    assert plan.conflicts == () and plan.problems == (), [(c.field, c.server_text, c.offline_text)
                                                          for c in plan.conflicts]
    assert plan.changed == 1 and plan.kept == 2  # the minutes; the owner and the due date
    off.bring_back(server, path, prefer=off.OFFLINE)
    (kept,) = mt.list_decisions(server, m.id)
    assert (kept.owner_person_id, kept.due_date) == (world.chair.id, date(2024, 6, 1))
    assert mt.get_agenda_item(server, items[1].id).minutes == "Two child deaths reviewed."


def test_one_given_in_the_copy_too_once_upgraded_is_still_a_conflict(earlier):
    """Opened in this version, the copy gave the decision an owner too, another one: both
    changed it, so the officer chooses."""
    server, world, m, items, d, path = earlier
    mt.update_decision(server, d.id, mt.DecisionFields(d.text, world.chair.id))
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.update_decision(local, d.id, mt.DecisionFields(d.text, world.head.id))
    plan = off.plan_bring_back(server, path)
    assert [(c.field, c.server_text, c.offline_text) for c in plan.conflicts] == [
        ("Owner", world.chair.name, world.head.name)]
    off.bring_back(server, path, prefer=off.OFFLINE)
    assert mt.list_decisions(server, m.id)[0].owner_person_id == world.head.id
