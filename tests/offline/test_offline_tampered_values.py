"""Bringing a meeting back refuses values in the copy that saving them in the window refuses,
naming the record and the value in the services' own words: a copy changed by another program
(a database browser) came back with minutes longer than an item holds, an action done with no
evidence of impact, a register entry marked as a deputy's with nobody named, and the meeting
moved to a day its register's members did not sit, where only what the team database cannot
hold at all was checked. The checks run in the copy (`saving.refusals`); the last tests bring a
copy back from a real PostgreSQL server (skipped with the reason without one)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest
from sqlalchemy import text

from bscp_desktop.db.database import Database
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.meetings import AttendanceStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import offline as off
from bscp_desktop.services.offline import copying, saving
from tests.built_once import database_with
from tests.offline.helpers import ALICE, as_officer, forum_meeting, taken_offline

FORUM = "Safeguarding Children Forum 14/03/2024"


# ------------------------------------------------------------ the checks, on a file of their own


def _build_forum(database):
    return forum_meeting(as_officer(database, ALICE))


db, built = database_with("offline-tampered-values", _build_forum, records="built")


@pytest.fixture
def forum(db, built):
    """A file with the forum meeting (`forum_meeting`), built once for the run: (db, world,
    meeting, items)."""
    world, m, items = built
    return as_officer(db, ALICE), world, m, items


def _refusals(db, meeting_id: int, tamper) -> list[saving.Refusal]:
    """The refusals of the meeting's records as taken, after `tamper(rows)` changed them as
    another program would."""
    with db.unit_of_work() as session:
        rows = copying.meeting_records(session.connection(), meeting_id)
        base = copying.read_base(copying.base_of(rows))
        tamper(rows)
        return saving.refusals(session, base, rows)


def _texts(found) -> list[str]:
    return [r.text for r in found]


def test_nothing_changed_is_refused_nothing(forum):
    db, _world, m, _items = forum
    assert _refusals(db, m.id, lambda rows: None) == []


def test_minutes_longer_than_an_item_holds_are_named(forum):
    db, _world, m, items = forum

    def tamper(rows):
        rows["agenda_item"][items[0].id]["minutes"] = "x" * (mt.MAX_MINUTES_CHARS + 10)

    (refusal,) = _refusals(db, m.id, tamper)
    assert (refusal.table, refusal.record_id, refusal.fields) == ("agenda_item", items[0].id, ("minutes",))
    assert refusal.text.startswith(
        "Agenda item 1: Welcome and apologies: the minutes of one item can be at most 200,000 characters "
        "(these hold 200,010); saving that in the window is refused"), refusal.text


def test_an_action_made_done_with_no_evidence_is_named_in_the_services_words(forum):
    db, world, m, items = forum

    def tamper(rows):
        rows["action"][999] = {**next(iter(rows["action"].values())), "id": 999, "meeting_id": m.id,
                               "agenda_item_id": items[1].id, "description": "Tampered action",
                               "status": "done", "completed_on": None, "evidence": ""}

    (refusal,) = _refusals(db, m.id, tamper)
    assert refusal.text.startswith("Action: Tampered action (made offline): a done action needs evidence of impact: "
                                   "say what changed for children; saving that in the window is refused"), refusal.text


def test_a_deputy_with_nobody_named_and_a_guest_member_are_named(forum):
    db, _world, m, _items = forum
    register = at.list_attendance(db, m.id)

    def tamper(rows):
        rows["attendance"][register[0].id].update(status="deputy", deputy_person_id=None, deputy_name="")
        rows["attendance"][register[1].id].update(status="guest")

    found = _texts(_refusals(db, m.id, tamper))
    assert [t.split("; saving")[0] for t in found] == [
        f"Register: {register[0].name}: say who deputised",
        f"Register: {register[1].name}: members are present, send apologies, are absent or send a deputy; 'guest' "
        "is for visitors",
    ], found


def test_a_meeting_moved_to_a_day_its_members_did_not_sit_is_named_as_moving_it_refuses(forum):
    """Still planned on 29/02/2020: a planned meeting in the past is allowed (a series adds past
    dates as planned meetings), but its register's members held no seat then."""
    db, _world, m, _items = forum
    with pytest.raises(ValidationError) as window:
        mt.update_meeting(db, m.id, mt.MeetingFields(m.group_id, m.title, datetime(2020, 2, 29, 10),
                                                     place=m.place))
    said = window.value.errors["starts_at"]

    def tamper(rows):
        rows["meeting"][m.id]["starts_at"] = datetime(2020, 2, 29, 10)

    (refusal,) = _refusals(db, m.id, tamper)
    assert said.startswith("5 people on this meeting's register would not be members")
    assert refusal.text.startswith(f"Meeting: Safeguarding Children Forum 29/02/2020: {said[:1].lower()}{said[1:]}; "
                                   "saving that in the window is refused"), refusal.text


def test_a_meeting_marked_held_before_its_day_is_named_and_its_status_alone_checks_no_more(forum):
    db, _world, m, _items = forum
    with db.unit_of_work() as session:  # an earlier version's link, refused by the form now
        session.execute(text("UPDATE meeting SET online_link = 'not a link' WHERE id = :id"), {"id": m.id})

    def held(rows):
        rows["meeting"][m.id].update(status="held", starts_at=datetime(2099, 3, 14, 10))

    assert "cannot be marked held before its date" in " ".join(_texts(_refusals(db, m.id, held)))

    def status_only(rows):
        rows["meeting"][m.id]["status"] = "cancelled"

    assert _refusals(db, m.id, status_only) == []  # the old link is not the status's to refuse


def test_an_archived_action_keeps_its_old_gaps_and_a_changed_one_is_checked_whole(forum):
    """Archiving an action saves none of its form (an action saved before owners were required
    keeps its gap); changing its due date checks it as saving the form does."""
    db, world, m, items = forum
    action = mt.add_item_action(db, items[1].id, al.ActionFields(
        "Audit the child deaths", owner_person_id=world.head.id, due_date=date(2024, 6, 30)))

    with db.unit_of_work() as session:
        session.execute(text("UPDATE action SET owner_person_id = NULL WHERE id = :id"), {"id": action.id})
    assert _refusals(db, m.id, lambda rows: rows["action"][action.id].update(archived_at=datetime(2024, 4, 1))) == []

    def due_earlier(rows):
        rows["action"][action.id]["due_date"] = date(2024, 3, 1)

    found = " ".join(_texts(_refusals(db, m.id, due_earlier)))
    assert "Action: Audit the child deaths: " in found
    assert "due date (01/03/2024) cannot be before the day the action was raised (14/03/2024)" in found.lower()
    assert "an action needs an owner" in found, found  # the old gap too, as saving the form asks for it


def test_only_what_bringing_back_writes_or_adds_is_refused():
    refused = [saving.Refusal("action", 5, ("status", "evidence"), "Action: five"),
               saving.Refusal("attendance", 6, ("status",), "Register: six"),
               saving.Refusal("action", 7, ("status",), "Action: seven (made offline)")]
    keys = [("action", 5, "archived_at"), ("attendance", 6, "status")]
    assert saving.problems(refused, keys, {"action": [{"id": 7}]}) == ["Register: six", "Action: seven (made offline)"]
    assert saving.problems(refused, [("action", 5, "status")], {}) == ["Action: five"]


# ------------------------------------------------------------ brought back from a team database


def _in_browser(path, sql: str, *args) -> None:
    con = sqlite3.connect(path)
    con.execute(sql, args)
    con.commit()
    con.close()


@pytest.mark.slow  # a team database taken offline to a file and brought back
@pytest.mark.parametrize("case", ["minutes", "action", "deputy", "moved"])
def test_a_copy_holding_what_the_window_refuses_is_not_brought_back(pg_db, tmp_path, case):
    server, world, m, items, path, _mark = taken_offline(pg_db, tmp_path)
    register = at.list_attendance(server, m.id)
    if case == "minutes":
        _in_browser(path, "UPDATE agenda_item SET minutes = ? WHERE id = ?", "x" * (mt.MAX_MINUTES_CHARS + 10),
                    items[0].id)
        said = ("Agenda item 1: Welcome and apologies: the minutes of one item can be at most 200,000 characters "
                "(these hold 200,010)")
    elif case == "action":
        _in_browser(path, "INSERT INTO action (description, owner_person_id, due_date, status, completed_on, evidence, "
                    "meeting_id, agenda_item_id, created_at, updated_at, version) VALUES ('Tampered action', ?, "
                    "'2024-05-31', 'done', NULL, '', ?, ?, '2024-03-14 12:00:00', '2024-03-14 12:00:00', 1)",
                    world.head.id, m.id, items[1].id)
        said = "Action: Tampered action (made offline): a done action needs evidence of impact"
    elif case == "deputy":
        _in_browser(path, "UPDATE attendance SET status = 'deputy', deputy_person_id = NULL, deputy_name = '' "
                    "WHERE id = ?", register[0].id)
        said = f"Register: {register[0].name}: say who deputised"
    else:
        _in_browser(path, "UPDATE meeting SET starts_at = '2020-02-29 10:00:00.000000' WHERE id = ?", m.id)
        said = "Meeting: Safeguarding Children Forum 29/02/2020: 5 people on this meeting's register would not be members"
    plan = off.plan_bring_back(server, path)
    assert any(p.startswith(said) and "saving that in the window is refused" in p for p in plan.problems), plan.problems
    with pytest.raises(ValidationError) as refused:
        off.bring_back(server, path, prefer=off.OFFLINE)
    assert said in str(refused.value)
    # nothing was written, and the meeting is still offline
    assert off.meeting_mark(server, m.id) is not None
    assert mt.get_meeting(server, m.id).starts_at == datetime(2024, 3, 14, 10)
    assert [a.description for a in mt.list_meeting_actions(server, m.id)] == []
    assert all(len(i.minutes) == 0 for i in mt.list_agenda(server, m.id))
    assert {a.status for a in at.list_attendance(server, m.id)} == {AttendanceStatus.ABSENT}


@pytest.mark.slow  # a team database taken offline to a file and brought back
def test_the_same_records_saved_in_the_window_come_back(pg_db, tmp_path):
    """What the window saves in the copy passes the same checks: an action done with its
    evidence, a deputy named, minutes typed, an action of an earlier meeting marked done."""
    server, world, m, items, path, _mark = taken_offline(pg_db, tmp_path)
    register = at.list_attendance(server, m.id)
    earlier = next(a for a in al.list_actions(server) if a.description.startswith("Write to schools"))
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.save_item_minutes(local, items[0].id, "Apologies from the nurse.")
        mt.add_item_action(local, items[1].id, al.ActionFields(
            "Share the overview", owner_person_id=world.head.id, due_date=date(2024, 5, 31),
            status=ActionStatus.DONE, completed_on=date(2024, 3, 20), evidence="Shared with every school"))
        at.set_attendance(local, [register[0].id], AttendanceStatus.DEPUTY, deputy_name="A deputy from the ICB")
        al.update_action(local, earlier.id, al.ActionFields(
            earlier.description, earlier.owner_person_id, earlier.owner_organisation_id, earlier.due_date,
            ActionStatus.DONE, date(2024, 3, 14), "Every school wrote back"))
    assert off.plan_bring_back(server, path).problems == ()
    off.bring_back(server, path)
    assert next(a for a in al.list_actions(server) if a.id == earlier.id).status is ActionStatus.DONE
    assert "Share the overview" in [a.description for a in mt.list_meeting_actions(server, m.id)]
