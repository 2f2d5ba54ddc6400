"""A meeting taken offline and brought back carries its decisions' owners, due dates and
evidence of impact: a decision given them on the laptop arrives with them, a conflict over a
decision's owner names the owner, and evidence of impact added on the laptop to minutes
approved on the team database meanwhile is no change to the approved minutes."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import offline as off
from tests.offline.helpers import as_officer, forum_meeting

ALICE, BOB = "Alice Officer", "Bob Manager"

SLOW = pytest.mark.slow  # a team database taken offline to a file and brought back


@pytest.fixture
def taken(pg_db, tmp_path):
    server = as_officer(pg_db, ALICE)
    world, m, items = forum_meeting(server)
    d = mt.add_decision(server, items[1].id, mt.DecisionFields("Refer the themes to the Executive Group",
                                                               world.chair.id, None, date(2024, 4, 30)))
    path = tmp_path / "March forum.sqlite3"
    off.take_offline(server, m.id, path)
    return server, world, m, items, d, path


@SLOW
def test_the_copy_holds_the_owner_due_date_and_evidence_and_brings_back_those_given_offline(taken):
    server, world, m, items, d, path = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        (copied,) = mt.list_decisions(local, m.id)
        assert (copied.owner_person_name, copied.due_date) == (world.chair.name, date(2024, 4, 30))
        mt.update_decision(local, d.id, mt.DecisionFields(d.text, world.chair.id, world.council.id, date(2024, 5, 31),
                                                          "Themes on the Executive's agenda"))
        mt.add_decision(local, items[2].id, mt.DecisionFields("Write to the schools", None, world.school.id,
                                                              date(2024, 6, 30)))
    plan = off.plan_bring_back(server, path)
    assert plan.conflicts == () and plan.added == 1
    off.bring_back(server, path)
    brought = {x.text: x for x in mt.list_decisions(server, m.id)}
    kept = brought[d.text]
    assert (kept.owner, kept.due_date, kept.evidence) == (
        f"{world.chair.name}, Brent Council", date(2024, 5, 31), "Themes on the Executive's agenda")
    added = brought["Write to the schools"]
    assert (added.owner, added.due_date, added.gaps_on(date(2024, 6, 30))) == ("Kilburn Park School",
                                                                               date(2024, 6, 30), {})


@SLOW
def test_a_conflict_over_a_decisions_owner_names_the_owner(taken):
    server, world, m, items, d, path = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.update_decision(local, d.id, mt.DecisionFields(d.text, world.head.id, None, d.due_date))
    as_officer(server, BOB)
    off.release_meeting(server, m.id, "laptop lost")
    mt.update_decision(server, d.id, mt.DecisionFields(d.text, world.nurse.id, None, d.due_date))
    as_officer(server, ALICE)
    (conflict,) = off.plan_bring_back(server, path).conflicts
    assert (conflict.field, conflict.server_text, conflict.offline_text) == ("Owner", world.nurse.name, world.head.name)
    assert conflict.record == f"Decision: {d.text}"


@SLOW
def test_evidence_added_offline_to_minutes_approved_meanwhile_is_brought_back(taken):
    server, world, m, items, d, path = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.update_decision(local, d.id, mt.DecisionFields(d.text, world.chair.id, None, d.due_date, "Agreed by the Executive"))
        mt.update_decision(local, d.id, mt.DecisionFields(d.text, world.chair.id, None, date(2024, 5, 31),
                                                          "Agreed by the Executive"))
    as_officer(server, BOB)
    off.release_meeting(server, m.id, "laptop lost")
    later = mt.create_meeting(server, mt.MeetingFields(m.group_id, m.title, datetime(2024, 4, 11, 10)))
    mt.approve_minutes(server, m.id, later.id)
    as_officer(server, ALICE)
    plan = off.plan_bring_back(server, path)
    assert [(c.field, bool(c.locked)) for c in plan.conflicts] == [("Due date", True)]
    off.bring_back(server, path, prefer=off.OFFLINE)
    (brought,) = mt.list_decisions(server, m.id)
    assert (brought.due_date, brought.evidence) == (date(2024, 4, 30), "Agreed by the Executive")
    assert mt.list_amendments(server, m.id) == []


@pytest.mark.parametrize("table", ["decision", "action"])
def test_evidence_of_impact_is_named_as_the_dialogs_name_it(table):
    from bscp_desktop.services.offline.naming import field_words

    assert field_words(table, "evidence") == "Evidence of impact"
    assert (field_words(table, "owner_person_id"), field_words(table, "owner_organisation_id")) == (
        "Owner", "Owning organisation")
