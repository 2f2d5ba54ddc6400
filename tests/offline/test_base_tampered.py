"""Bringing back a copy whose values as taken another program (a database browser) changed: a
field the team database changed after the copy was taken, and the copy changed too, is a
conflict, whatever the copy says it took; the team database's change history says what it
held when the copy was taken (on a real PostgreSQL server, skipped with the reason without one)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import offline as off
from tests.offline.helpers import ALICE, as_officer

BOB = "Bob Manager"
SERVER_TITLE = "Head of safeguarding (changed on the team database)"
OFFLINE_TITLE = "Headteacher (changed offline)"

pytestmark = pytest.mark.slow  # a team database taken offline to a file and brought back


def _job_title(db, person_id: int, title: str) -> None:
    person = next(p for p in ms.list_people(db) if p.id == person_id)
    ms.update_person(db, person_id, ms.PersonFields(
        person.name, title, person.organisation_id, person.email, person.phone, person.notes), version=person.version)


def _claim_taken(path, table: str, record_id: int, **values) -> None:
    """Change the copy's values as taken of one record, as a database browser can."""
    con = sqlite3.connect(path)
    (base,), = con.execute("SELECT base FROM meeting_offline").fetchall()
    taken = json.loads(base)
    taken[table][str(record_id)].update(values)
    con.execute("UPDATE meeting_offline SET base = ?", (json.dumps(taken),))
    con.commit()
    con.close()


def _title_on_server(server, person_id: int) -> str:
    return next(p for p in ms.list_people(server) if p.id == person_id).job_title


def test_a_copy_claiming_the_server_value_as_taken_does_not_overwrite_it_unseen(taken):
    """Changed offline and on the team database afterwards; the copy's values as taken made to
    say the field already held the team database's value: it was written over Bob's change with
    no conflict listed."""
    server, world, _m, _items, path = taken
    head = world.head.id
    with Database.open(path, create=False) as local:
        _job_title(as_officer(local, ALICE), head, OFFLINE_TITLE)
    _job_title(as_officer(server, BOB), head, SERVER_TITLE)
    as_officer(server, ALICE)
    _claim_taken(path, "person", head, job_title=SERVER_TITLE)
    plan = off.plan_bring_back(server, path)
    assert [(c.key, c.server_text, c.offline_text, c.server_by) for c in plan.conflicts] == [
        (("person", head, "job_title"), SERVER_TITLE, OFFLINE_TITLE, BOB)]
    with pytest.raises(ValidationError, match="choose which value to keep"):
        off.bring_back(server, path)
    assert _title_on_server(server, head) == SERVER_TITLE
    off.bring_back(server, path, prefer=off.SERVER)
    assert _title_on_server(server, head) == SERVER_TITLE


def test_an_action_status_claimed_as_the_servers_is_a_conflict(taken):
    """Done offline, dropped on the team database after the meeting was released; the copy's
    values as taken made to say it was dropped already: done was written over dropped unseen."""
    server, world, m, _items, path = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        action = al.list_actions(local)[0]
        al.update_action(local, action.id, al.ActionFields(
            action.description, world.head.id, None, date(2024, 4, 30), ActionStatus.DONE, date(2024, 4, 10),
            "Reported at the April meeting"))
    as_officer(server, BOB)
    off.release_meeting(server, m.id, "laptop lost")
    al.update_action(server, action.id, al.ActionFields(
        action.description, world.head.id, None, date(2024, 4, 30), ActionStatus.DROPPED, None,
        "Superseded by the new plan"))
    as_officer(server, ALICE)
    _claim_taken(path, "action", action.id, status=ActionStatus.DROPPED.value, completed_on=None,
                 evidence="Superseded by the new plan")
    plan = off.plan_bring_back(server, path)
    assert [(c.field, c.server_text, c.offline_text) for c in plan.conflicts] == [(
        "Status, completion date and evidence of impact", "Dropped; evidence: Superseded by the new plan",
        "Done on 10/04/2024; evidence: Reported at the April meeting")]


def test_a_field_changed_on_the_server_and_back_again_takes_the_offline_change(taken):
    """An honest copy: the team database changed the field and changed it back, so it holds what
    the copy took; the copy's change is written as before, with no conflict."""
    server, world, _m, _items, path = taken
    head = world.head.id
    as_taken = _title_on_server(server, head)
    with Database.open(path, create=False) as local:
        _job_title(as_officer(local, ALICE), head, OFFLINE_TITLE)
    as_officer(server, BOB)
    _job_title(server, head, SERVER_TITLE)
    _job_title(server, head, as_taken)
    as_officer(server, ALICE)
    plan = off.plan_bring_back(server, path)
    assert (plan.conflicts, plan.changed) == ((), 1)
    off.bring_back(server, path)
    assert _title_on_server(server, head) == OFFLINE_TITLE


def test_an_honest_copy_keeps_the_servers_change_and_writes_its_own(taken):
    """A field changed only on the team database is kept, one changed only offline is written."""
    server, world, _m, _items, path = taken
    head, nurse = world.head.id, world.nurse.id
    with Database.open(path, create=False) as local:
        _job_title(as_officer(local, ALICE), nurse, OFFLINE_TITLE)
    _job_title(as_officer(server, BOB), head, SERVER_TITLE)
    as_officer(server, ALICE)
    plan = off.plan_bring_back(server, path)
    assert (plan.conflicts, plan.changed, plan.kept) == ((), 1, 1)
    off.bring_back(server, path)
    assert (_title_on_server(server, head), _title_on_server(server, nurse)) == (SERVER_TITLE, OFFLINE_TITLE)
