"""Bringing back a copy of a meeting whose minutes were approved on the team database: whether
they were approved before the copy was taken or meanwhile is read from the team database, never
from the copy's own values as taken, which another program (a database browser) can change (on
a real PostgreSQL server, skipped with the reason without one)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.meetings import MinutesStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import offline as off
from tests.offline.helpers import ALICE, as_officer, forum_meeting

BROWSER = "Changed in a database browser."


def _approve(db, meeting_id, on=date(2024, 3, 20)):
    mt.approve_minutes(db, meeting_id, None, on=on, method="chairs_action", approved_by="The chair")


def _approved_then_taken(server, tmp_path):
    """The forum meeting, its minutes approved on the team database, then taken offline by
    Alice: (meeting, items, path of the copy)."""
    as_officer(server, ALICE)
    _world, m, items = forum_meeting(server)
    mt.save_item_minutes(server, items[1].id, "As approved.")
    _approve(server, m.id)
    path = tmp_path / "March forum.sqlite3"
    off.take_offline(server, m.id, path)
    return m, items, path


def _in_browser(path, sql: str, *args) -> None:
    con = sqlite3.connect(path)
    con.execute(sql, args)
    con.commit()
    con.close()


def _claim_taken(path, meeting_id: int, **values) -> None:
    """Change the copy's values as taken of the meeting, as a database browser can."""
    con = sqlite3.connect(path)
    (base,), = con.execute("SELECT base FROM meeting_offline").fetchall()
    taken = json.loads(base)
    taken["meeting"][str(meeting_id)].update(values)
    con.execute("UPDATE meeting_offline SET base = ?", (json.dumps(taken),))
    con.commit()
    con.close()


@pytest.mark.parametrize("claim", [None, "draft"], ids=["as-taken", "claimed-draft-when-taken"])
def test_minutes_approved_before_taking_changed_in_a_browser_are_refused(pg_db, tmp_path, claim):
    """Approved before the copy was taken, the minutes changed in the copy with no amendment:
    they went to the team database with no reason (or, with the copy claiming they were draft
    when taken, were treated as approved meanwhile)."""
    server = pg_db
    m, items, path = _approved_then_taken(server, tmp_path)
    _in_browser(path, "UPDATE agenda_item SET minutes = ? WHERE id = ?", BROWSER, items[1].id)
    if claim:
        _claim_taken(path, m.id, minutes_status=claim)
    plan = off.plan_bring_back(server, path)
    assert len(plan.problems) == 1 and plan.problems[0].startswith(f"Agenda item 2: {items[1].title}: ")
    assert "approved on the team database on 20/03/2024, before this copy was taken" in plan.problems[0]
    with pytest.raises(ValidationError, match=f"Agenda item 2: {items[1].title}: its minutes were changed"):
        off.bring_back(server, path, prefer=off.OFFLINE)
    assert mt.get_agenda_item(server, items[1].id).minutes == "As approved."
    assert mt.list_amendments(server, m.id) == []
    assert off.meeting_mark(server, m.id) is not None  # nothing written: the meeting is still offline


def test_an_approval_changed_in_a_browser_after_approval_before_taking_is_refused(pg_db, tmp_path):
    server = pg_db
    m, _items, path = _approved_then_taken(server, tmp_path)
    _in_browser(path, "UPDATE meeting SET minutes_approved_by = ?, minutes_approved_on = ? WHERE id = ?",
                "Someone else", "2024-03-25", m.id)
    with pytest.raises(ValidationError, match="Meeting: Safeguarding Children Forum 14/03/2024: March forum: its "
                                              "minutes status and approval were changed"):
        off.bring_back(server, path)
    kept = mt.get_meeting(server, m.id)
    assert (kept.minutes_approved_by, kept.minutes_approved_on) == ("The chair", date(2024, 3, 20))


def test_an_amendment_made_offline_to_minutes_approved_before_taking_comes_back(pg_db, tmp_path):
    server = pg_db
    m, items, path = _approved_then_taken(server, tmp_path)
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.amend_minutes(local, items[1].id, "Amended on the laptop.", "The date of the review was wrong")
    assert off.plan_bring_back(server, path).problems == ()
    off.bring_back(server, path)
    assert mt.get_agenda_item(server, items[1].id).minutes == "Amended on the laptop."
    assert [(a.agenda_item_id, a.reason, a.old_text, a.new_text) for a in mt.list_amendments(server, m.id)] == [
        (items[1].id, "The date of the review was wrong", "As approved.", "Amended on the laptop.")]


def test_a_copy_claiming_approved_minutes_when_taken_keeps_those_approved_meanwhile(pg_db, tmp_path):
    """Draft when taken, approved on the team database meanwhile, the copy claiming they were
    approved when it was taken: its change to them was written with no amendment."""
    server = pg_db
    as_officer(server, ALICE)
    _world, m, items = forum_meeting(server)
    path = tmp_path / "March forum.sqlite3"
    off.take_offline(server, m.id, path)
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.save_item_minutes(local, items[1].id, "Minuted on the laptop.")
    _claim_taken(path, m.id, minutes_status=MinutesStatus.APPROVED.value)
    _approve(server, m.id)
    plan = off.plan_bring_back(server, path)
    assert (f"Agenda item 2: {items[1].title}", "Minutes") in {(c.record, c.field) for c in plan.conflicts if c.locked}
    result = off.bring_back(server, path, prefer=off.OFFLINE)
    assert result.not_approved >= 1 and result.approved == "20/03/2024"
    assert mt.get_agenda_item(server, items[1].id).minutes == ""
    assert mt.list_amendments(server, m.id) == []
