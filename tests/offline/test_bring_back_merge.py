"""Bringing back a meeting changed in both places (released, then changed on the team database):
a register filled in both is one row per person, fields that say one thing together are kept
whole from one side, and the agenda as merged keeps the agenda's rules; a copy changed by
another program (a record moved into another meeting, a value no record can hold) is refused,
naming the record."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.meetings import AttendanceStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import offline as off
from tests.meetings_world import build_world, meeting
from tests.offline.helpers import as_officer, count

ALICE, BOB = "Alice Officer", "Bob Manager"

pytestmark = pytest.mark.slow  # a team database taken offline to a file and brought back


def _released(server, meeting_id):
    """Bob releases the meeting (the laptop was lost) and carries on on the team database."""
    as_officer(server, BOB)
    off.release_meeting(server, meeting_id, "laptop lost")


def _edited(path, sql: str, *values) -> None:
    """The copy changed by another program (a database browser)."""
    con = sqlite3.connect(path)
    with con:
        con.execute(sql, values)
    con.close()


def test_a_register_filled_in_both_places_has_each_person_once(pg_db, tmp_path):
    """Filled offline and, after the meeting was released, on the team database: bringing the
    copy back left every member on the register twice."""
    server = as_officer(pg_db, ALICE)
    world = build_world(server)
    m = meeting(server, world.forum, datetime(2024, 4, 25, 10), "April forum")
    path = tmp_path / "April forum.sqlite3"
    off.take_offline(server, m.id, path)
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        at.prefill_attendance(local, m.id)
        register = at.list_attendance(local, m.id)
        at.set_attendance(local, [register[0].id], AttendanceStatus.PRESENT)
        at.set_attendance(local, [register[1].id], AttendanceStatus.APOLOGIES)
    _released(server, m.id)
    there = at.prefill_attendance(server, m.id)
    assert there.added == len(register)
    by_name = {r.name: r for r in at.list_attendance(server, m.id)}
    at.set_attendance(server, [by_name[register[1].name].id], AttendanceStatus.PRESENT)
    at.set_attendance(server, [by_name[register[2].name].id], AttendanceStatus.APOLOGIES)
    as_officer(server, ALICE)
    plan = off.plan_bring_back(server, path)
    assert plan.added == 0
    assert [(c.record, c.server_text, c.offline_text) for c in plan.conflicts] == [
        (f"Register: {register[1].name}", "Present", "Apologies")]
    off.bring_back(server, path, prefer=off.OFFLINE)
    after = at.list_attendance(server, m.id)
    assert sorted(r.name for r in after) == sorted(r.name for r in register)
    status = {r.name: r.status for r in after}
    assert status[register[0].name] is AttendanceStatus.PRESENT  # marked offline only
    assert status[register[1].name] is AttendanceStatus.APOLOGIES  # both: the copy's kept
    assert status[register[2].name] is AttendanceStatus.APOLOGIES  # marked there only


def test_an_action_done_offline_and_dropped_there_keeps_one_sides_status_whole(taken):
    """Done on 10/04/2024 offline, dropped on the team database, 'keep server': it ended
    dropped with a completion date, which the actions service refuses."""
    server, world, m, items, path = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        action = mt.open_actions_for_review(local, m.id)[0]
        al.update_action(local, action.id, al.ActionFields(
            action.description, world.head.id, None, date(2024, 4, 30), ActionStatus.DONE, date(2024, 4, 10),
            "Reported at the April meeting"))
    _released(server, m.id)
    al.update_action(server, action.id, al.ActionFields(
        action.description, world.head.id, None, date(2024, 4, 30), ActionStatus.DROPPED, None,
        "Superseded by the new plan"))
    plan = off.plan_bring_back(server, path)
    assert [(c.field, c.server_text, c.offline_text) for c in plan.conflicts] == [(
        "Status, completion date and evidence of impact", "Dropped; evidence: Superseded by the new plan",
        "Done on 10/04/2024; evidence: Reported at the April meeting")]
    off.bring_back(server, path, prefer=off.SERVER)
    with server.unit_of_work() as session:
        kept = al.get_action_in(session, action.id)
    assert (kept.status, kept.completed_on, kept.evidence) == (
        ActionStatus.DROPPED, None, "Superseded by the new plan")


def test_a_register_entry_keeps_its_status_and_deputy_together(taken):
    """A deputy offline, apologies on the team database, 'keep server': the entry ended as
    apologies with the deputy still named."""
    server, world, m, items, path = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        register = [r for r in at.list_attendance(local, m.id) if r.expected]
        row, other = register[0], register[1]
        at.set_attendance(local, [row.id], AttendanceStatus.DEPUTY, deputy_person_id=other.person_id)
    _released(server, m.id)
    at.set_attendance(server, [row.id], AttendanceStatus.APOLOGIES)
    plan = off.plan_bring_back(server, path)
    assert [(c.record, c.field, c.server_text, c.offline_text) for c in plan.conflicts] == [
        (f"Register: {row.name}", "Attendance and deputy", "Apologies", f"Deputy attended: {other.name}")]
    off.bring_back(server, path, prefer=off.SERVER)
    entry = next(r for r in at.list_attendance(server, m.id) if r.id == row.id)
    assert (entry.status, entry.deputy_person_id, entry.deputy_name) == (AttendanceStatus.APOLOGIES, None, "")


def test_a_record_moved_into_another_meeting_by_another_program_is_refused(taken):
    """An agenda item moved by hand into another meeting (past its approved minutes) was
    written there as it was."""
    server, world, m, items, path = taken
    january = next(x for x in mt.list_meetings(server) if x.title == "January forum")
    _edited(path, "UPDATE agenda_item SET meeting_id = ?, minutes = 'moved by hand' WHERE id = ?",
            january.id, items[2].id)
    plan = off.plan_bring_back(server, path)
    assert any("Agenda item 3: Any other business" in p and "another meeting" in p for p in plan.problems), plan.problems
    with pytest.raises(ValidationError, match="another meeting"):
        off.bring_back(server, path)
    assert mt.get_agenda_item(server, items[2].id).minutes == ""
    assert off.meeting_mark(server, m.id) is not None


def test_records_added_offline_to_another_meeting_are_refused(taken):
    server, world, m, items, path = taken
    january = next(x for x in mt.list_meetings(server) if x.title == "January forum")
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.add_agenda_item(local, january.id, mt.AgendaItemFields("Added to January offline"))
    plan = off.plan_bring_back(server, path)
    assert any("Added to January offline" in p and "January forum" in p for p in plan.problems), plan.problems
    with pytest.raises(ValidationError, match="Added to January offline"):
        off.bring_back(server, path)
    assert count(server, "SELECT count(*) FROM agenda_item WHERE title = 'Added to January offline'") == 0


@pytest.mark.parametrize(("sql", "named"), [
    ("UPDATE agenda_item SET minutes = 'before' || char(0) || 'after' WHERE id = ?", "a NUL character"),
    ("UPDATE agenda_item SET title = printf('%.*c', 3000, 'x') WHERE id = ?", "3000 characters, more than the 300"),
    ("UPDATE attendance SET person_id = 99999 WHERE id = (SELECT min(id) FROM attendance WHERE ? > 0)",
     "no person 99999"),
])
def test_a_value_no_record_can_hold_is_refused_naming_it(taken, sql, named):
    """A copy changed by another program passed the plan, then failed with 'The database could
    not be read or changed ... restore a backup'."""
    server, world, m, items, path = taken
    _edited(path, sql, items[1].id)
    for call in (off.plan_bring_back, off.bring_back):
        with pytest.raises(ValidationError, match="release the meeting on the team database") as refused:
            call(server, path)
        assert named in str(refused.value)
    assert off.meeting_mark(server, m.id) is not None


def test_a_removed_item_keeps_no_decisions_after_merging(taken):
    """Offline an item was removed and a decision recorded under another; on the team database
    the other was removed and a decision recorded under the first: both ended under removed
    items."""
    server, world, m, items, path = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.archive_agenda_item(local, items[2].id)
        mt.add_decision(local, items[1].id, "Offline decision on child deaths")
    _released(server, m.id)
    mt.add_decision(server, items[2].id, "Server decision on other business")
    mt.archive_agenda_item(server, items[1].id)
    plan = off.plan_bring_back(server, path)
    words = " ".join(plan.problems)
    assert "Any other business" in words and "Child death overview" in words, plan.problems
    assert "holds 1 decision" in words
    with pytest.raises(ValidationError, match="Any other business"):
        off.bring_back(server, path)
    assert count(server, "SELECT count(*) FROM decision WHERE text LIKE 'Offline decision%'") == 0
