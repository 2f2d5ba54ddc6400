"""Bringing a meeting back writes only the records of that meeting as the team database has them
now, whatever the copy says it took: a change to another meeting's records, or a meeting made
offline, is refused, naming it, and nothing is written; a person or organisation made offline
that nothing of the meeting refers to is left out, named, and the rest comes back (on a real
PostgreSQL server, skipped with the reason without one)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime

import pytest
from sqlalchemy import text

from bscp_desktop.db.database import Database
from bscp_desktop.db.history import as_text
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import offline as off
from bscp_desktop.services.offline import copying
from tests.meetings_world import meeting
from tests.offline.helpers import as_officer, count, forum_meeting

ALICE = "Alice Officer"

pytestmark = pytest.mark.slow  # a team database taken offline to a file and brought back


def _approved_meeting(server, group, when: datetime, title: str):
    """A meeting with one agenda item whose minutes are approved; returns (meeting, item)."""
    m = meeting(server, group, when, title)
    item = mt.add_agenda_item(server, m.id, mt.AgendaItemFields("Neglect strategy"))
    mt.save_item_minutes(server, item.id, "The strategy was agreed.")
    mt.approve_minutes(server, m.id, None, on=when.date(), method="chairs_action", approved_by="The chair")
    return m, item


def _claim(server, path, needed: dict[str, list[int]]) -> None:
    """Another program's doing: the copy says it also took these records of the team database
    (in its values as taken), and holds them."""
    with server.unit_of_work() as session:
        found = {t: copying.read_rows(session.connection(), t, ids) for t, ids in needed.items()}
    con = sqlite3.connect(path)
    try:
        base = json.loads(con.execute("SELECT base FROM meeting_offline").fetchone()[0])
        for t, rows in found.items():
            for i, row in rows.items():
                base.setdefault(t, {})[str(i)] = {k: as_text(v) for k, v in row.items() if k not in copying.skipped(t)}
                if con.execute(f"SELECT 1 FROM {t} WHERE id = ?", (i,)).fetchone() is None:
                    values = [v if v is None or isinstance(v, (int, float, str)) else str(v) for v in row.values()]
                    con.execute(f"INSERT INTO {t} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", values)
        con.execute("UPDATE meeting_offline SET base = ?", (json.dumps(base),))
        con.commit()
    finally:
        con.close()


def _sql(path, statement: str, *values) -> None:
    con = sqlite3.connect(path)
    try:
        con.execute(statement, values)
        con.commit()
    finally:
        con.close()


def _refused(server, path, *names: str) -> None:
    """The plan and bringing back both refuse, naming each record; nothing is written."""
    plan = off.plan_bring_back(server, path)
    for name in names:
        assert any(p.startswith(name) for p in plan.problems), (name, plan.problems)
    assert "cannot be brought back until" in plan.summary
    with pytest.raises(ValidationError) as refused:
        off.bring_back(server, path)
    for name in names:
        assert name in str(refused.value)


def test_another_meetings_approved_minutes_claimed_by_the_copy_are_not_changed(taken):
    """A copy saying it also took an agenda item of another group's meeting, whose minutes are
    approved, changed those minutes on the team database with no amendment."""
    server, world, m, items, path = taken
    other, item = _approved_meeting(server, world.executive, datetime(2024, 2, 1, 10), "February executive")
    _claim(server, path, {"meeting": [other.id], "agenda_item": [item.id]})
    _sql(path, "UPDATE agenda_item SET minutes = 'FORGED: the Chair agreed nothing of the sort.' WHERE id = ?", item.id)
    _refused(server, path, "Agenda item 1: Neglect strategy (of Executive Group 01/02/2024: February executive): "
                           "changed in the offline copy, but it is not a record of the meeting taken offline")
    assert mt.get_agenda_item(server, item.id).minutes == "The strategy was agreed."
    assert count(server, "SELECT count(*) FROM minutes_amendment") == 0
    assert off.meeting_mark(server, m.id) is not None  # still offline: nothing was written


def test_an_earlier_meeting_the_copy_holds_to_read_is_not_changed(pg_db, tmp_path):
    """The copy holds the earlier meeting its open action was raised at (to read); changing it
    in the copy changed the team database's approved minutes of that meeting."""
    server = as_officer(pg_db, ALICE)
    world, m, items = forum_meeting(server)
    january = next(x for x in mt.list_meetings(server) if x.title == "January forum")
    mt.approve_minutes(server, january.id, None, on=date(2024, 1, 12), method="chairs_action", approved_by="The chair")
    path = tmp_path / "March forum.sqlite3"
    off.take_offline(server, m.id, path)
    _sql(path, "UPDATE meeting SET title = 'Renamed offline', minutes_status = 'draft' WHERE id = ?", january.id)
    _refused(server, path, "Meeting: Safeguarding Children Forum 11/01/2024: Renamed offline: changed in the offline copy")
    kept = mt.get_meeting(server, january.id)
    assert (kept.title, kept.minutes_status.value) == ("January forum", "approved")


def test_a_meeting_made_offline_is_left_out_and_named_not_added(taken):
    """A meeting added to the copy (held in 2031, minutes approved in 2019: dates the approval
    rules refuse) is not added to the team database: it is left out and named, and what the
    copy holds of the meeting taken comes back."""
    server, world, m, items, path = taken
    _sql(path, "INSERT INTO meeting (group_id, title, kind, starts_at, ends_at, place, online_link, status, "
               "minutes_status, minutes_circulated_on, minutes_approved_on, notes, created_at, updated_at, "
               "minutes_approval_method, minutes_approved_by, key_focus, version, approved_quorum_rule) VALUES "
               "(?, 'Made offline', 'ordinary', '2031-06-01 10:00:00.000000', '2031-06-01 12:00:00.000000', '', '', "
               "'held', 'approved', '2019-01-01', '2019-01-02', '', '2024-03-14 11:40:48', '2024-03-14 11:40:48', "
               "'chairs_action', 'Someone', '', 1, '')", world.forum.id)
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        ms.create_organisation(local, ms.OrganisationFields("Brent Youth Justice Service", "other"))
    meetings = count(server, "SELECT count(*) FROM meeting")
    _left_out(server, path, "Meeting: Safeguarding Children Forum 01/06/2031: Made offline (made offline)",
              "Organisation: Brent Youth Justice Service (made offline)")
    assert count(server, "SELECT count(*) FROM meeting") == meetings
    assert count(server, "SELECT count(*) FROM organisation WHERE name = 'Brent Youth Justice Service'") == 0


def _left_out(server, path, *names: str):
    """The plan and bringing back name each record as not brought back, and refuse nothing;
    returns what bringing back says."""
    plan = off.plan_bring_back(server, path)
    assert plan.problems == (), plan.problems
    for name in names:
        assert name in plan.left, (name, plan.left)
        assert name in plan.summary
    result = off.bring_back(server, path)
    for name in names:
        assert name in result.left, (name, result.left)
        assert name in result.sentence
    return result


def test_an_organisation_made_offline_apart_from_the_meeting_is_left_out(taken):
    """An organisation nothing of the meeting refers to stopped the whole copy coming back: now
    it is left out, named, and the minutes come back."""
    server, world, m, items, path = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        ms.create_organisation(local, ms.OrganisationFields("Brent Youth Justice Service", "other"))
        mt.save_item_minutes(local, items[0].id, "Apologies from three members.")
    people = count(server, "SELECT count(*) FROM person")
    result = _left_out(server, path, "Organisation: Brent Youth Justice Service (made offline)")
    assert result.added == 0
    assert count(server, "SELECT count(*) FROM organisation WHERE name = 'Brent Youth Justice Service'") == 0
    assert count(server, "SELECT count(*) FROM person") == people
    assert mt.get_agenda_item(server, items[0].id).minutes == "Apologies from three members."
    assert off.meeting_mark(server, m.id) is None  # brought back


def test_a_mistaken_owner_made_offline_then_corrected_is_left_out(taken):
    """A minute-taker made "Jo Bloggs (typo)" as an action's owner, corrected the owner to
    someone on record, archived the mistaken person and typed the minutes: bringing back was
    refused as a whole, and the minutes never reached the team database."""
    server, world, m, items, path = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        typo = ms.create_person(local, ms.PersonFields("Jo Bloggs (typo)"))
        action = mt.add_item_action(local, items[0].id, al.ActionFields(
            "Chase apologies", owner_person_id=typo.id, due_date=date(2024, 4, 1)))
        al.update_action(local, action.id, al.ActionFields("Chase apologies", world.head.id, None, date(2024, 4, 1)))
        ms.archive_person(local, typo.id)
        mt.save_item_minutes(local, items[0].id, "Apologies from three members.")
    people = count(server, "SELECT count(*) FROM person")
    result = _left_out(server, path, "Person: Jo Bloggs (typo) (made offline)")
    assert result.added == 1  # the action
    assert count(server, "SELECT count(*) FROM person") == people
    assert count(server, "SELECT count(*) FROM person WHERE name = 'Jo Bloggs (typo)'") == 0
    assert mt.get_agenda_item(server, items[0].id).minutes == "Apologies from three members."
    [brought] = [a for a in mt.list_meeting_actions(server, m.id) if a.description == "Chase apologies"]
    assert brought.owner_person_id == world.head.id
    assert off.meeting_mark(server, m.id) is None


def test_a_person_made_offline_an_action_still_refers_to_is_added(taken):
    """A person made offline who owns an action of the meeting is part of it: added with it,
    never left out while the action refers to them."""
    server, world, m, items, path = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        new = ms.create_person(local, ms.PersonFields("Sam New"))
        mt.add_item_action(local, items[0].id, al.ActionFields(
            "Chase apologies", owner_person_id=new.id, due_date=date(2024, 4, 1)))
    plan = off.plan_bring_back(server, path)
    assert plan.problems == () and plan.left == () and plan.added == 2
    off.bring_back(server, path)
    [brought] = [a for a in mt.list_meeting_actions(server, m.id) if a.description == "Chase apologies"]
    assert brought.owner_person_id is not None
    with server.unit_of_work() as session:
        assert session.execute(text("SELECT name FROM person WHERE id = :i"),
                               {"i": brought.owner_person_id}).scalar_one() == "Sam New"


def test_progress_on_an_earlier_action_done_there_meanwhile_still_comes_back(taken):
    """An earlier open action the copy holds, done on the team database meanwhile, is still one
    of the meeting's: the progress given on it offline comes back."""
    server, world, m, items, path = taken
    action = mt.open_actions_for_review(server, m.id)[0]
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        al.add_progress_update(local, action.id, date(2024, 3, 14), "Letters drafted")
    al.update_action(server, action.id, al.ActionFields(
        action.description, world.head.id, None, date(2024, 4, 30), ActionStatus.DONE, date(2024, 3, 20),
        "All schools written to"))
    plan = off.plan_bring_back(server, path)
    assert plan.problems == () and plan.added == 1
    off.bring_back(server, path)
    assert [u.note for u in al.list_progress_updates(server, action.id)] == ["Letters drafted"]
