"""What bringing a meeting back checks before it writes: a missing copy, records made in both
places, the meeting's own rules, another officer's copy and changes it cannot bring back; and
taking a meeting offline puts the copy in place only once the team database has the mark (on a
real PostgreSQL server, skipped with the reason without one)."""

from __future__ import annotations

import dataclasses
import importlib
from datetime import date, datetime

import pytest

from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.memberships import Role
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import offline as off
from tests.offline.helpers import as_officer, count, forum_meeting

ALICE, BOB = "Alice Officer", "Bob Manager"

pytestmark = pytest.mark.slow  # a team database taken offline to a file and brought back


def test_a_missing_copy_is_refused_and_no_file_is_made(pg_db, tmp_path):
    """Bringing back a file that is not there made an empty one and called it 'not a BSCP
    Desktop database'."""
    missing = tmp_path / "MISSING.sqlite3"
    for call in (off.plan_bring_back, off.bring_back):
        with pytest.raises(DatabaseError, match="There is no database file at"):
            call(pg_db, missing)
        assert not missing.exists()


def test_an_organisation_group_or_seat_made_in_both_places_is_one_record(taken):
    """An organisation, a group and a seat made offline that were also made on the team database
    meanwhile arrived as second live ones of the same name (or an overlapping seat)."""
    server, world, m, items, path = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        youth = ms.create_organisation(local, ms.OrganisationFields("Brent Youth Justice Service", "other"))
        jo = ms.create_person(local, ms.PersonFields("Jo Bloggs", organisation_id=youth.id))
        ms.create_membership(local, ms.MembershipFields(jo.id, world.forum.id, Role.MEMBER, date(2024, 3, 1)))
        audit = ms.create_group(local, ms.GroupFields("Multi-agency Audit Group", 1))
        ms.update_group(local, world.forum.id, ms.GroupFields(world.forum.name, world.forum.tier, parent_id=audit.id))
    ms.create_organisation(server, ms.OrganisationFields("Brent youth justice service", "other"))
    audit_there = ms.create_group(server, ms.GroupFields("Multi-agency Audit Group", 1))
    plan = off.plan_bring_back(server, path)
    assert plan.problems == () and plan.added == 2  # the person and the seat
    assert "Organisation: Brent Youth Justice Service" in plan.summary and "Group: Multi-agency Audit Group" in plan.summary
    result = off.bring_back(server, path)
    assert result.added == 2 and "Already on the team database" in result.sentence
    assert count(server, "SELECT count(*) FROM organisation WHERE lower(name) = 'brent youth justice service'") == 1
    assert count(server, "SELECT count(*) FROM partnership_group WHERE name = 'Multi-agency Audit Group'") == 1
    assert next(g for g in ms.list_groups(server) if g.id == world.forum.id).parent_id == audit_there.id
    jo = next(p for p in ms.list_people(server) if p.name == "Jo Bloggs")
    assert jo.organisation_id == ms.find_organisation(server, "Brent Youth Justice Service").id


def test_a_seat_given_in_both_places_is_one_and_an_overlapping_one_is_refused(pg_db, tmp_path):
    """The same adviser seat given offline and on the team database made two overlapping live
    seats, which the memberships service refuses."""
    server = as_officer(pg_db, ALICE)
    world, m, _items = forum_meeting(server)
    path, other = tmp_path / "one.sqlite3", tmp_path / "two.sqlite3"
    off.take_offline(server, m.id, path)
    seat = ms.MembershipFields(world.head.id, world.forum.id, Role.ADVISER, date(2024, 3, 1))
    with Database.open(path, create=False) as local:
        ms.create_membership(local, seat)
    ms.create_membership(server, seat)
    assert "Membership: " in off.plan_bring_back(server, path).summary
    off.bring_back(server, path)
    query = "SELECT count(*) FROM membership WHERE person_id = :p AND role = 'adviser' AND archived_at IS NULL"
    assert count(server, query, p=world.head.id) == 1
    # a seat that overlaps the one there without being the same is refused, naming it
    off.take_offline(server, m.id, other)
    with Database.open(other, create=False) as local:
        ms.create_membership(local, dataclasses.replace(seat, person_id=world.chair.id, start_date=date(2024, 3, 2)))
    ms.create_membership(server, dataclasses.replace(seat, person_id=world.chair.id, end_date=date(2024, 12, 31)))
    plan = off.plan_bring_back(server, other)
    assert len(plan.problems) == 1 and "the dates overlap" in plan.problems[0]
    assert "cannot be brought back until" in plan.summary
    with pytest.raises(ValidationError, match="is already an adviser of Safeguarding Children Forum"):
        off.bring_back(server, other)
    assert count(server, query, p=world.chair.id) == 1
    assert off.meeting_mark(server, m.id) is not None


def _circulated_offline(path, item_id, meeting_id, on):
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.save_item_minutes(local, item_id, "Discussed the neglect strategy.")
        mt.circulate_minutes(local, meeting_id, on)


def test_minutes_circulated_offline_of_a_meeting_cancelled_there_are_refused(taken):
    server, world, m, items, path = taken
    _circulated_offline(path, items[1].id, m.id, date(2024, 3, 20))
    mt.set_meeting_status(server, m.id, MeetingStatus.CANCELLED)  # Alice, at the office
    plan = off.plan_bring_back(server, path)
    assert [(c.field, c.server_text, c.offline_text) for c in plan.conflicts] == [("Status", "Cancelled", "Held")]
    with pytest.raises(ValidationError, match="marked cancelled, so it has no minutes to circulate"):
        off.bring_back(server, path, prefer=off.SERVER)
    assert mt.get_meeting(server, m.id).minutes_status.value == "draft"
    assert mt.get_agenda_item(server, items[1].id).minutes == ""
    off.bring_back(server, path, prefer=off.OFFLINE)  # held after all: the minutes stand
    assert mt.get_meeting(server, m.id).status is MeetingStatus.HELD


def test_minutes_circulated_offline_of_a_meeting_cancelled_there_meanwhile_are_named_in_the_plan(pg_db, tmp_path):
    """Nothing changed in both places, yet together the two sides made a cancelled meeting with
    circulated minutes."""
    server = as_officer(pg_db, ALICE)
    _world, m, items = forum_meeting(server)
    mt.set_meeting_status(server, m.id, MeetingStatus.HELD)
    path = tmp_path / "March forum.sqlite3"
    off.take_offline(server, m.id, path)
    _circulated_offline(path, items[1].id, m.id, date(2024, 3, 20))
    mt.set_meeting_status(server, m.id, MeetingStatus.CANCELLED)
    plan = off.plan_bring_back(server, path)
    assert plan.conflicts == () and "it has no minutes to circulate" in " ".join(plan.problems)
    assert "cannot be brought back until this is put right" in plan.summary
    with pytest.raises(ValidationError, match="it has no minutes to circulate"):
        off.bring_back(server, path)


def test_minutes_circulated_offline_before_the_day_the_meeting_moved_to_are_refused(taken):
    server, world, m, items, path = taken
    _circulated_offline(path, items[1].id, m.id, date(2024, 3, 20))
    meeting = mt.get_meeting(server, m.id)
    mt.update_meeting(server, m.id, mt.MeetingFields(meeting.group_id, meeting.title, datetime(2024, 3, 22, 10)))
    plan = off.plan_bring_back(server, path)
    assert "cannot be circulated (20/03/2024) before the meeting they record (22/03/2024)" in plan.problems[0]
    with pytest.raises(ValidationError, match="before the meeting they record"):
        off.bring_back(server, path)
    # put right on the team database, it comes back
    mt.update_meeting(server, m.id, mt.MeetingFields(meeting.group_id, meeting.title, datetime(2024, 3, 14, 10)))
    off.bring_back(server, path)
    assert mt.get_meeting(server, m.id).minutes_circulated_on == date(2024, 3, 20)


def test_a_meeting_archived_there_is_not_brought_back_into(taken):
    server, world, m, items, path = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.add_agenda_item(local, m.id, mt.AgendaItemFields("Item typed offline"))
    mt.archive_meeting(server, m.id)
    plan = off.plan_bring_back(server, path)
    assert "is archived on the team database: restore it there" in plan.summary
    with pytest.raises(ValidationError, match="is archived on the team database"):
        off.bring_back(server, path)
    assert count(server, "SELECT count(*) FROM agenda_item WHERE title = 'Item typed offline'") == 0


def test_another_officers_copy_is_refused_in_the_plan(taken):
    """Bob's plan said '1 change to bring back'; only writing it said the meeting was Alice's."""
    server, world, m, items, path = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.save_item_minutes(local, items[1].id, "Typed by Alice")
    as_officer(server, BOB)
    plan = off.plan_bring_back(server, path)
    assert "only Alice Officer can bring this copy back" in plan.summary
    with pytest.raises(ValidationError, match="only Alice Officer can bring this copy back"):
        off.bring_back(server, path)
    off.release_meeting(server, m.id, "Alice is away")
    assert off.plan_bring_back(server, path).problems == ()
    off.bring_back(server, path)
    assert mt.get_agenda_item(server, items[1].id).minutes == "Typed by Alice"


def test_changes_the_copy_cannot_bring_back_are_named(taken):
    """Other names of an organisation and settings changed offline were dropped without a word."""
    from bscp_desktop.services import settings as st

    server, world, m, items, path = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        council = ms.find_organisation(local, "Brent Council")
        ms.update_organisation(local, council.id, ms.OrganisationFields(
            council.name, council.kind, aliases=("London Borough of Brent",)))
        st.set_partnership_name(local, "Brent Safeguarding Children Partnership (BSCP)")
    plan = off.plan_bring_back(server, path)
    assert any("London Borough of Brent" in what for what in plan.left), plan.left
    assert any(what.startswith("Setting: ") for what in plan.left), plan.left
    assert "not brought back" in plan.summary
    assert "not brought back" in off.bring_back(server, path).sentence


def test_the_copy_is_put_in_place_only_once_the_mark_is_committed(pg_db, tmp_path, monkeypatch):
    """Cut off as the mark committed, Take offline left a copy that looked whole but could never
    come back."""
    marks = importlib.import_module("bscp_desktop.services.offline.marks")
    server = as_officer(pg_db, ALICE)
    _world, m, _items = forum_meeting(server)
    path = tmp_path / "March forum.sqlite3"
    seen = []
    write = marks._write_copy

    def writing(session, mark, where, server_address):
        write(session, mark, where, server_address)
        seen.append(path.exists())
        raise ConnectionError("the connection was lost")

    monkeypatch.setattr(marks, "_write_copy", writing)
    with pytest.raises(ConnectionError):
        off.take_offline(server, m.id, path)
    assert seen == [False] and not path.exists() and list(tmp_path.iterdir()) == []
    assert off.meeting_mark(server, m.id) is None
    monkeypatch.setattr(marks, "_write_copy", write)
    off.take_offline(server, m.id, path)
    assert path.exists() and [p.name for p in tmp_path.iterdir()] == [path.name]
