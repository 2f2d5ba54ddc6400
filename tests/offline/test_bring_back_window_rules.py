"""Bringing a meeting back keeps the rules the window keeps on the team database: a meeting
cancelled there holds nothing minuted offline, a deputy recorded offline holds no place that
never counts, any other business stays last, nobody comes back into an organisation archived
meanwhile, and minutes approved before the copy was taken change only by amendment (on a real
PostgreSQL server, skipped with the reason without one)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest
from sqlalchemy import text

from bscp_desktop.db.database import Database
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.meetings import AttendanceStatus, ItemKind, MeetingStatus
from bscp_desktop.domain.memberships import OrganisationKind, Role
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import offline as off
from tests.offline.helpers import ALICE, as_officer, count, forum_meeting

pytestmark = pytest.mark.slow  # a team database taken offline to a file and brought back

FORUM = "Safeguarding Children Forum 14/03/2024"


def _text(db, sql: str, **values):
    with db.unit_of_work() as session:
        return session.execute(text(sql), values).scalar_one()


def _take(server, meeting_id, tmp_path):
    path = tmp_path / "March forum.sqlite3"
    off.take_offline(server, meeting_id, path)
    return path


def _local(path):
    return as_officer(Database.open(path, create=False), ALICE)


def _in_browser(path, sql: str, *args) -> None:
    con = sqlite3.connect(path)
    con.execute(sql, args)
    con.commit()
    con.close()


# ---------------------------------------------------------------- a meeting called off


@pytest.mark.parametrize("both", [False, True], ids=["cancelled-there", "held-offline-cancelled-there"])
def test_minutes_decisions_and_register_taken_offline_into_a_meeting_cancelled_there_are_refused(
        pg_db, tmp_path, both):
    """Cancelled on the team database while minuted offline (or marked held offline and the
    team database's status kept): the meeting came back cancelled holding minutes, a decision
    and people present, which marking it cancelled refuses."""
    server = as_officer(pg_db, ALICE)
    _world, m, items = forum_meeting(server)
    path = _take(server, m.id, tmp_path)
    with _local(path) as local:
        if both:
            mt.set_meeting_status(local, m.id, MeetingStatus.HELD)
        mt.save_item_minutes(local, items[2].id, "Nothing further was raised.")
        mt.add_decision(local, items[2].id, "Agreed to write to all schools about the audit.")
        rows = at.list_attendance(local, m.id)
        at.set_attendance(local, [rows[0].id, rows[1].id], AttendanceStatus.PRESENT)
    mt.set_meeting_status(server, m.id, MeetingStatus.CANCELLED)  # at the office
    prefer = off.SERVER if both else None
    plan = off.plan_bring_back(server, path)
    problem = next(p for p in plan.problems if "did not take place" in p)
    assert problem.startswith(f"{FORUM}: March forum: as brought back it would be cancelled")
    assert "Decision: Agreed to write to all schools about the audit." in problem
    assert f"minutes typed under Agenda item 3: {items[2].title}" in problem
    assert "The meeting of 14/03/2024 is marked cancelled, so it did not take place" in problem
    with pytest.raises(ValidationError, match="is marked cancelled, so it did not take place"):
        off.bring_back(server, path, prefer=prefer)
    assert count(server, "SELECT count(*) FROM decision WHERE meeting_id = :m", m=m.id) == 0
    assert mt.get_agenda_item(server, items[2].id).minutes == ""
    assert count(server, "SELECT count(*) FROM attendance WHERE meeting_id = :m AND status = 'present'", m=m.id) == 0
    assert off.meeting_mark(server, m.id) is not None  # nothing written: still offline
    if both:  # held after all: everything comes back
        off.bring_back(server, path, prefer=off.OFFLINE)
        assert mt.get_meeting(server, m.id).status is MeetingStatus.HELD
        assert count(server, "SELECT count(*) FROM decision WHERE meeting_id = :m", m=m.id) == 1


# ---------------------------------------------------------------- deputies


@pytest.mark.parametrize("place", ["adviser", "guest"])
def test_a_deputy_recorded_offline_who_holds_a_place_that_never_counts_there_is_refused(pg_db, tmp_path, place):
    """Recorded offline as a member's deputy, someone given an adviser's seat on the group, or
    put on the register as a guest, on the team database meanwhile came back deputising (and
    counted toward the quorum), which marking the register there refuses."""
    server = as_officer(pg_db, ALICE)
    world, m, _items = forum_meeting(server)
    pat = ms.create_person(server, ms.PersonFields("Pat Reyes", organisation_id=world.police.id))
    ms.create_membership(server, ms.MembershipFields(  # an earlier seat: Pat is in the copy, holding none that day
        pat.id, world.forum.id, Role.MEMBER, date(2022, 4, 1), date(2023, 12, 31), organisation_id=world.police.id))
    path = _take(server, m.id, tmp_path)
    inspector = next(r for r in at.list_attendance(server, m.id) if r.person_id == world.inspector.id)
    with _local(path) as local:
        at.set_attendance(local, [inspector.id], AttendanceStatus.DEPUTY, deputy_person_id=pat.id)
    if place == "adviser":
        ms.create_membership(server, ms.MembershipFields(
            pat.id, world.forum.id, Role.ADVISER, date(2024, 3, 1), organisation_id=world.police.id))
        words = "Pat Reyes sits on the group on 14/03/2024 as an adviser, which never counts"
    else:
        at.add_attendee(server, m.id, at.AttendeeFields(person_id=pat.id, status=AttendanceStatus.GUEST))
        words = "Pat Reyes is on this meeting's register as a guest, which never counts"
    plan = off.plan_bring_back(server, path)
    assert len(plan.problems) == 1, plan.problems
    assert plan.problems[0].startswith(f"Register: Inspector Morse (of {FORUM}: March forum)")
    assert words in plan.problems[0]
    with pytest.raises(ValidationError, match=words):
        off.bring_back(server, path)
    kept = next(r for r in at.list_attendance(server, m.id) if r.id == inspector.id)
    assert (kept.status, kept.deputy_person_id) == (AttendanceStatus.ABSENT, None)
    assert off.meeting_mark(server, m.id) is not None


# ---------------------------------------------------------------- any other business last


def _taken_with_any_other_business(pg_db, tmp_path):
    """A May Forum meeting with Welcome and Any other business, taken offline: (the team
    database as Alice, the meeting, the copy's path)."""
    server = as_officer(pg_db, ALICE)
    world = forum_meeting(server)[0]
    m = mt.create_meeting(server, mt.MeetingFields(world.forum.id, "May forum", datetime(2024, 5, 9, 10)))
    for title, kind in (("Welcome", ItemKind.ORDINARY), ("Any other business", ItemKind.AOB)):
        mt.add_agenda_item(server, m.id, mt.AgendaItemFields(title, kind=kind))
    path = tmp_path / "May forum.sqlite3"
    off.take_offline(server, m.id, path)
    return server, m, path


def _agenda(db, meeting_id):
    return [(i.position, i.title) for i in mt.list_agenda(db, meeting_id)]


@pytest.mark.parametrize("keep", [off.SERVER, off.OFFLINE])
def test_items_added_in_both_places_come_before_any_other_business(pg_db, tmp_path, keep):
    """Two items added offline and one on the team database: keeping the team database's place
    for any other business left an item added offline after it."""
    server, m, path = _taken_with_any_other_business(pg_db, tmp_path)
    with _local(path) as local:
        mt.add_agenda_item(local, m.id, mt.AgendaItemFields("Schools update"))
        mt.add_agenda_item(local, m.id, mt.AgendaItemFields("Health update"))
    mt.add_agenda_item(server, m.id, mt.AgendaItemFields("Police update"))
    off.bring_back(server, path, prefer=keep)
    assert _agenda(server, m.id) == [(1, "Welcome"), (2, "Police update"), (3, "Schools update"),
                                     (4, "Health update"), (5, "Any other business")]


def test_an_item_moved_after_any_other_business_offline_stays_there(pg_db, tmp_path):
    server, m, path = _taken_with_any_other_business(pg_db, tmp_path)
    with _local(path) as local:
        late = mt.add_agenda_item(local, m.id, mt.AgendaItemFields("Date of next meeting"))
        mt.move_agenda_item(local, late.id, 1)
    mt.add_agenda_item(server, m.id, mt.AgendaItemFields("Police update"))
    off.bring_back(server, path, prefer=off.SERVER)
    assert _agenda(server, m.id) == [(1, "Welcome"), (2, "Police update"), (3, "Any other business"),
                                     (4, "Date of next meeting")]


# ---------------------------------------------------------------- archived organisations


def _youth_worker(server, world):
    """Kim Lowe of the Brent Youth Service (its only person), with an earlier seat on the forum,
    so the copy holds them both."""
    youth = ms.create_organisation(server, ms.OrganisationFields("Brent Youth Service", OrganisationKind.OTHER))
    kim = ms.create_person(server, ms.PersonFields("Kim Lowe", organisation_id=youth.id))
    ms.create_membership(server, ms.MembershipFields(
        kim.id, world.forum.id, Role.MEMBER, date(2022, 4, 1), date(2023, 12, 31), organisation_id=youth.id))
    return youth, kim


def test_a_person_restored_offline_into_an_organisation_archived_there_is_refused(pg_db, tmp_path):
    server = as_officer(pg_db, ALICE)
    world, m, _items = forum_meeting(server)
    youth, kim = _youth_worker(server, world)
    ms.archive_person(server, kim.id)
    path = _take(server, m.id, tmp_path)
    with _local(path) as local:
        ms.restore_person(local, kim.id)
    ms.archive_organisation(server, youth.id)
    plan = off.plan_bring_back(server, path)
    assert len(plan.problems) == 1, plan.problems
    assert plan.problems[0].startswith("Person: Kim Lowe (restored in the offline copy): Brent Youth Service is "
                                       "archived: restore it on the Memberships tab first")
    with pytest.raises(ValidationError, match="Kim Lowe .*Brent Youth Service is archived"):
        off.bring_back(server, path)
    assert count(server, "SELECT count(*) FROM person WHERE id = :p AND archived_at IS NULL", p=kim.id) == 0


def test_a_person_made_offline_in_an_organisation_archived_there_is_refused(pg_db, tmp_path):
    server = as_officer(pg_db, ALICE)
    world, m, _items = forum_meeting(server)
    youth, kim = _youth_worker(server, world)
    path = _take(server, m.id, tmp_path)
    with _local(path) as local:
        sam = ms.create_person(local, ms.PersonFields("Sam New", organisation_id=youth.id))
        at.add_attendee(local, m.id, at.AttendeeFields(person_id=sam.id, status=AttendanceStatus.GUEST))
    ms.archive_person(server, kim.id)
    ms.archive_organisation(server, youth.id)
    plan = off.plan_bring_back(server, path)
    assert len(plan.problems) == 1, plan.problems
    assert plan.problems[0].startswith("Person: Sam New (made offline): Brent Youth Service is archived")
    with pytest.raises(ValidationError, match="Sam New .*Brent Youth Service is archived"):
        off.bring_back(server, path)
    assert count(server, "SELECT count(*) FROM person WHERE name = 'Sam New'") == 0


# ---------------------------------------------------------------- minutes approved before the copy was taken


def _approved_with_records(server, tmp_path):
    """The forum meeting with a decision, an action and its register, its minutes approved and a
    second decision withdrawn since (an amendment), then taken offline: (world, meeting, items,
    decision, withdrawn decision, action, path)."""
    as_officer(server, ALICE)
    world, m, items = forum_meeting(server)
    decision = mt.add_decision(server, items[1].id, "Agreed the neglect strategy.")
    withdrawn = mt.add_decision(server, items[1].id, "Agreed to close the audit.")
    action = mt.add_item_action(server, items[1].id, al.ActionFields(
        "Circulate the neglect strategy", owner_person_id=world.head.id, due_date=date(2024, 4, 30),
        status=ActionStatus.OPEN))
    mt.approve_minutes(server, m.id, None, on=date(2024, 3, 20), method="chairs_action", approved_by="The chair")
    mt.archive_decision(server, withdrawn.id, reason="Recorded in error")
    return world, m, items, decision, withdrawn, action, _take(server, m.id, tmp_path)


@pytest.mark.parametrize("change", ["withdrawn-decision-restored", "decision-text", "action-due-date", "register"])
def test_records_of_minutes_approved_before_taking_changed_in_a_browser_are_refused(pg_db, tmp_path, change):
    """Minutes approved before the copy was taken: a decision, an action raised at the meeting
    or the register changed in the copy by another program, with no amendment, went to the
    team database (a withdrawn decision back into the approved minutes)."""
    server = pg_db
    world, m, _items, decision, withdrawn, action, path = _approved_with_records(server, tmp_path)
    entry = next(r for r in at.list_attendance(server, m.id) if r.person_id == world.inspector.id)
    sql, args, named = {
        "withdrawn-decision-restored": ("UPDATE decision SET archived_at = NULL WHERE id = ?", (withdrawn.id,),
                                        "Decision: Agreed to close the audit."),
        "decision-text": ("UPDATE decision SET text = ? WHERE id = ?", ("Agreed something else.", decision.id),
                          "Decision: Agreed something else."),
        "action-due-date": ("UPDATE action SET due_date = ? WHERE id = ?", ("2024-12-31", action.id),
                            "Action: Circulate the neglect strategy"),
        "register": ("UPDATE attendance SET status = ? WHERE id = ?", ("apologies", entry.id),
                     "Register: Inspector Morse"),
    }[change]
    _in_browser(path, sql, *args)
    plan = off.plan_bring_back(server, path)
    assert len(plan.problems) == 1, plan.problems
    assert plan.problems[0].startswith(f"{named} (of {FORUM}: March forum): changed in the offline copy with no "
                                       "amendment, but the minutes of the meeting were approved on the team database "
                                       "on 20/03/2024, before this copy was taken")
    with pytest.raises(ValidationError, match="changed in the offline copy with no amendment"):
        off.bring_back(server, path)
    assert count(server, "SELECT count(*) FROM decision WHERE id = :d AND archived_at IS NULL", d=withdrawn.id) == 0
    assert _text(server, "SELECT text FROM decision WHERE id = :i", i=decision.id) == "Agreed the neglect strategy."
    assert _text(server, "SELECT due_date FROM action WHERE id = :i", i=action.id) == date(2024, 4, 30)
    assert next(r for r in at.list_attendance(server, m.id) if r.id == entry.id).status is AttendanceStatus.ABSENT
    assert off.meeting_mark(server, m.id) is not None


def test_a_decision_amended_offline_in_minutes_approved_before_taking_comes_back(pg_db, tmp_path):
    server = pg_db
    _world, m, _items, decision, withdrawn, _action, path = _approved_with_records(server, tmp_path)
    with _local(path) as local:
        mt.update_decision(local, decision.id, "Agreed the neglect strategy, as amended.", reason="Wording agreed")
        mt.restore_decision(local, withdrawn.id, reason="Withdrawn by mistake")
    assert off.plan_bring_back(server, path).problems == ()
    off.bring_back(server, path)
    assert _text(server, "SELECT text FROM decision WHERE id = :i", i=decision.id) == (
        "Agreed the neglect strategy, as amended.")
    assert count(server, "SELECT count(*) FROM decision WHERE id = :d AND archived_at IS NULL", d=withdrawn.id) == 1
    reasons = {a.reason for a in mt.list_amendments(server, m.id)}
    assert {"Wording agreed", "Withdrawn by mistake"} <= reasons
