"""A meeting taken offline from a team database, minuted on a laptop and brought back: the
acceptance round trip on a real PostgreSQL server (skipped, with the reason, without one)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import select

from bscp_desktop.db.database import Database
from bscp_desktop.db.file_check import check_file
from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.domain.meetings import AttendanceStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import offline as off
from tests.offline.helpers import as_officer, forum_meeting, taken_offline

ALICE, BOB = "Alice Officer", "Bob Manager"


def _person(db, person_id):
    with db.unit_of_work() as session:
        return ms.get_person_in(session, person_id)


def _action(db, action_id):
    with db.unit_of_work() as session:
        return al.get_action_in(session, action_id)


def _history(db, table: str, record_id: int, field: str) -> list[tuple[str, str | None]]:
    with db.unit_of_work() as session:
        return [(r.changed_by, r.new_value) for r in session.execute(
            select(ChangeRecord.changed_by, ChangeRecord.new_value).where(
                ChangeRecord.table_name == table, ChangeRecord.record_id == record_id,
                ChangeRecord.field == field).order_by(ChangeRecord.id))]


@pytest.fixture
def taken(pg_db, tmp_path):
    return taken_offline(pg_db, tmp_path)


def test_the_copy_is_a_whole_database_that_knows_where_it_came_from(taken):
    server, world, m, items, path, mark = taken
    assert mark.taken_by == ALICE and mark.active and mark.file == str(path)
    assert "healthy" in check_file(path) and "up to date" in check_file(path)
    with Database.open(path, create=False) as local:
        origin = off.offline_origin(local)
        assert origin.meeting_id == m.id and origin.id == mark.id and origin.server
        assert "password" not in origin.server
        space = mt.meeting_workspace(local, m.id)
        assert [i.title for i in space.agenda] == [i.title for i in items]
        assert len(space.register) == len(at.list_attendance(server, m.id)) == 5
        # the open action of the earlier meeting is there to review, with its owner
        review = mt.open_actions_for_review(local, m.id)
        assert [a.description for a in review] == ["Write to schools about attendance"]
        # the copied records keep their history
        assert _history(local, "agenda_item", items[1].id, "title") == [(ALICE, "Child death overview")]
        # nothing of another meeting's agenda beyond what the open action refers to
        assert {d.title for d in mt.list_meetings(local)} == {"January forum", "March forum"}
    assert off.offline_origin(server) is None
    assert off.meeting_mark(server, m.id) == mark


def test_read_only_for_others_with_who_and_since_when(taken):
    server, world, m, items, path, mark = taken
    as_officer(server, BOB)
    with pytest.raises(ValidationError) as refused:
        mt.save_item_minutes(server, items[1].id, "Bob's minutes")
    assert ALICE in refused.value.sentence() and "offline" in refused.value.sentence()
    assert mark.taken_at.strftime("%d/%m/%Y") in refused.value.sentence()
    with pytest.raises(ValidationError):
        mt.add_agenda_item(server, m.id, mt.AgendaItemFields("Late item"))
    with pytest.raises(ValidationError):
        at.set_attendance(server, [at.list_attendance(server, m.id)[0].id], AttendanceStatus.PRESENT)
    review = mt.open_actions_for_review(server, m.id)[0]
    al.add_progress_update(server, review.id, date(2024, 3, 1), "Chased")  # another meeting's: free
    action = mt.add_item_action  # an action of this meeting, and its progress, are refused
    with pytest.raises(ValidationError, match="taken offline"):
        action(server, items[1].id, al.ActionFields("Bob's action", owner_person_id=world.chair.id,
                                                    due_date=date(2024, 5, 1)))
    with pytest.raises(ValidationError, match="already offline"):
        off.take_offline(server, m.id, path.with_name("again.sqlite3"))
    assert not path.with_name("again.sqlite3").exists()
    # the officer who took it may still change it on the team database
    as_officer(server, ALICE)
    mt.save_item_minutes(server, items[0].id, "Apologies from the ICB.")


def test_round_trip_keeps_both_changes_and_shows_the_conflict(taken):
    server, world, m, items, path, mark = taken
    review = mt.open_actions_for_review(server, m.id)[0]
    # offline, Alice minutes the meeting
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.save_item_minutes(local, items[1].id, "The panel reviewed four deaths; themes noted.")
        register = at.list_attendance(local, m.id)
        at.set_attendance(local, [register[0].id, register[1].id], AttendanceStatus.PRESENT)
        mt.add_decision(local, items[1].id, "Refer the themes to the Executive Group.")
        new_item = mt.add_agenda_item(local, m.id, mt.AgendaItemFields("Schools update"))
        mt.add_item_action(local, new_item.id, al.ActionFields(
            "Circulate the themes", owner_person_id=world.chair.id, due_date=date(2024, 5, 1)))
        al.update_action(local, review.id, dataclasses.replace(
            al.ActionFields(review.description, review.owner_person_id, None, review.due_date, review.status),
            due_date=date(2024, 6, 30)))
    # meanwhile, on the team database, Bob changes an unrelated field and the same due date
    as_officer(server, BOB)
    head = _person(server, world.head.id)
    ms.update_person(server, head.id, ms.PersonFields(head.name, "Headteacher", organisation_id=head.organisation_id))
    al.update_action(server, review.id, dataclasses.replace(
        al.ActionFields(review.description, review.owner_person_id, None, review.due_date, review.status),
        due_date=date(2024, 5, 31)))

    as_officer(server, ALICE)
    plan = off.plan_bring_back(server, path)
    assert plan.added == 3  # a decision, an agenda item and its action
    assert len(plan.conflicts) == 1
    conflict = plan.conflicts[0]
    assert conflict.key == ("action", review.id, "due_date")
    assert (conflict.server_value, conflict.offline_value) == ("2024-05-31", "2024-06-30")
    assert (conflict.server_text, conflict.offline_text) == ("31/05/2024", "30/06/2024")  # as the window and CLI show them
    assert conflict.server_by == BOB and BOB in conflict.server_said
    # nothing is overwritten silently: without a choice nothing arrives
    with pytest.raises(ValidationError, match="changed both"):
        off.bring_back(server, path)
    assert mt.get_agenda_item(server, items[1].id).minutes == ""
    result = off.bring_back(server, path, keep={conflict.key: off.OFFLINE})
    assert result.kept_offline == 1 and result.added == 3

    space = mt.meeting_workspace(server, m.id)
    assert space.agenda[1].minutes == "The panel reviewed four deaths; themes noted."
    assert [i.title for i in space.agenda][-1] == "Schools update"
    assert [d.text for d in mt.list_decisions(server, m.id)] == ["Refer the themes to the Executive Group."]
    assert sum(a.status is AttendanceStatus.PRESENT for a in at.list_attendance(server, m.id)) == 2
    assert "Circulate the themes" in [a.description for a in mt.list_meeting_actions(server, m.id)]
    assert _person(server, world.head.id).job_title == "Headteacher"  # Bob's change kept
    assert _action(server, review.id).due_date == date(2024, 6, 30)  # Alice's choice
    # the history shows both people
    assert _history(server, "agenda_item", items[1].id, "minutes")[-1][0] == ALICE
    assert _history(server, "person", world.head.id, "job_title")[-1] == (BOB, "Headteacher")
    assert [who for who, _ in _history(server, "action", review.id, "due_date")][-2:] == [BOB, ALICE]
    # the meeting is free again; the copy went back once and is kept only to read
    assert off.meeting_mark(server, m.id) is None
    as_officer(server, BOB)
    mt.save_item_minutes(server, items[2].id, "None.")
    as_officer(server, ALICE)
    with pytest.raises(ValidationError, match="already brought back"):
        off.bring_back(server, path)
    with Database.open(path, create=False) as local:
        with pytest.raises(ValidationError, match="brought back"):
            mt.save_item_minutes(local, items[1].id, "more")


def test_items_added_in_both_places_merge_as_one_agenda_numbered_without_a_gap(taken):
    server, world, m, items, path, mark = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.add_agenda_item(local, m.id, mt.AgendaItemFields("Schools update"))
    as_officer(server, ALICE)  # the officer who took it may still change it on the team database
    mt.add_agenda_item(server, m.id, mt.AgendaItemFields("Police update"))
    off.bring_back(server, path, prefer=off.OFFLINE)
    agenda = mt.meeting_workspace(server, m.id).agenda
    assert [i.position for i in agenda] == list(range(1, len(items) + 3))
    assert {"Schools update", "Police update"} <= {i.title for i in agenda}


def test_records_brought_back_are_held_from_compare_to_write(taken, monkeypatch):
    """A save made on the team database between bringing back's comparing and writing was
    overwritten without a conflict: the rows compared are held until the changes are written."""
    import importlib

    import sqlalchemy.exc
    from sqlalchemy import create_engine, text

    bb = importlib.import_module("bscp_desktop.services.offline.bring_back")  # the module, not its function

    server, world, m, items, path, mark = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        head = _person(local, world.head.id)
        ms.update_person(local, head.id, ms.PersonFields(head.name, "Headteacher", organisation_id=head.organisation_id))
    seen = []
    add_new = bb._add_new

    def meanwhile(session, new, *matched):  # Bob, on the team database, while Alice's bring-back is writing
        other = create_engine(server.url)
        try:
            with other.begin() as conn:
                conn.execute(text("SET LOCAL lock_timeout = '300ms'"))
                conn.execute(text("UPDATE person SET job_title = 'Deputy head' WHERE id = :id"), {"id": head.id})
                seen.append("saved")
        except sqlalchemy.exc.OperationalError as exc:
            seen.append("waited" if "lock" in str(exc).lower() else str(exc))
        finally:
            other.dispose()
        return add_new(session, new, *matched)

    monkeypatch.setattr(bb, "_add_new", meanwhile)
    off.bring_back(server, path, prefer=off.OFFLINE)
    assert seen == ["waited"]
    assert _person(server, world.head.id).job_title == "Headteacher"


def test_a_backup_of_the_team_database_made_while_a_meeting_is_offline_can_change_it(taken, tmp_path):
    """In a file made from the team database, the meeting stayed read-only for good: the mark
    came with it, and a file has no way to release one."""
    from bscp_desktop.services.copies import copy_database

    server, world, m, items, path, mark = taken
    copy_database(server.url, tmp_path / "backup.sqlite3")
    with Database.open(tmp_path / "backup.sqlite3") as restored:
        as_officer(restored, BOB)
        mt.save_item_minutes(restored, items[1].id, "Minuted from the backup")
        assert mt.get_agenda_item(restored, items[1].id).minutes == "Minuted from the backup"
    as_officer(server, BOB)
    with pytest.raises(ValidationError, match="taken offline by"):  # on the team database it still holds
        mt.save_item_minutes(server, items[1].id, "Bob's minutes")


def test_a_copy_open_in_a_window_is_not_brought_back_until_it_is_closed(taken):
    """Brought back while open in a window, the copy could not be marked brought back: the window
    went on taking minutes that a second bring-back then refused."""
    server, world, m, items, path, mark = taken
    with Database.open(path, create=False) as window:
        assert off.plan_bring_back(server, path).origin.meeting_id == m.id  # comparing reads it as it is
        with pytest.raises(ValidationError, match="is open in a window: close it there first"):
            off.bring_back(server, path, prefer=off.OFFLINE)
        as_officer(window, ALICE)
        mt.save_item_minutes(window, items[1].id, "Typed after the first try")
    assert off.meeting_mark(server, m.id) is not None
    off.bring_back(server, path, prefer=off.OFFLINE)
    assert mt.get_agenda_item(server, items[1].id).minutes == "Typed after the first try"


def test_a_conflict_kept_as_the_server_has_it(taken):
    server, world, m, items, path, mark = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.save_item_minutes(local, items[0].id, "Offline apologies")
    mt.save_item_minutes(server, items[0].id, "Server apologies")  # Alice, on the server too
    plan = off.plan_bring_back(server, path)
    assert [c.field for c in plan.conflicts] == ["Minutes"]
    off.bring_back(server, path, prefer=off.SERVER)
    assert mt.get_agenda_item(server, items[0].id).minutes == "Server apologies"


def test_release_with_a_reason_in_the_history(taken):
    server, world, m, items, path, mark = taken
    as_officer(server, BOB)
    with pytest.raises(ValidationError, match="reason"):
        off.release_meeting(server, m.id, "  ")
    released = off.release_meeting(server, m.id, "Laptop left on a train")
    assert not released.active and released.ended_by == BOB and "Laptop left on a train" in released.sentence
    assert _history(server, "meeting_offline", mark.id, "reason") == [(BOB, "Laptop left on a train")]
    assert _history(server, "meeting_offline", mark.id, "ended_how") == [(BOB, "released")]
    mt.save_item_minutes(server, items[1].id, "Minuted again by Bob")
    with pytest.raises(ValidationError, match="not offline"):
        off.release_meeting(server, m.id, "again")
    # the copy found later still comes back, without overwriting Bob's minutes silently
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.save_item_minutes(local, items[1].id, "Alice's minutes from the train")
    as_officer(server, ALICE)
    plan = off.plan_bring_back(server, path)
    assert [(c.server_value, c.offline_value) for c in plan.conflicts] == [
        ("Minuted again by Bob", "Alice's minutes from the train")]


def test_only_a_team_database_takes_meetings_offline(db, tmp_path):
    with pytest.raises(ValidationError, match="team database"):
        off.take_offline(db, 1, tmp_path / "x.sqlite3")
    with pytest.raises(ValidationError, match="team database"):
        off.release_meeting(db, 1, "lost")


def test_an_existing_file_is_refused_and_nothing_is_marked(pg_db, tmp_path):
    server = as_officer(pg_db, ALICE)
    _world, m, _items = forum_meeting(server)
    existing = tmp_path / "taken.sqlite3"
    existing.write_bytes(b"something of the officer's")
    with pytest.raises(Exception, match="already exists"):
        off.take_offline(server, m.id, existing)
    assert existing.read_bytes() == b"something of the officer's"
    assert off.meeting_mark(server, m.id) is None


def test_a_damaged_copy_or_another_file_is_refused_in_a_sentence(taken, db_path):
    import sqlite3

    server, world, m, items, path, mark = taken
    con = sqlite3.connect(path)
    con.execute("UPDATE meeting_offline SET base = 'not what was taken'")
    con.commit()
    con.close()
    with pytest.raises(ValidationError, match=r"holds values this version cannot read \(meeting_offline 1: base holds"):
        off.plan_bring_back(server, path)
    Database.open(db_path).close()
    with pytest.raises(ValidationError, match="not an offline copy"):
        off.plan_bring_back(server, db_path)
    assert off.meeting_mark(server, m.id) is not None


def test_a_copy_holding_a_value_no_record_can_hold_is_not_brought_back(taken):
    """'bogus' written into the copy's meeting status by another program reached the team
    database and stopped every officer's lists and outputs."""
    import sqlite3

    server, world, m, items, path, mark = taken
    status = mt.get_meeting(server, m.id).status
    con = sqlite3.connect(path)
    con.execute("UPDATE meeting SET status = 'bogus' WHERE id = ?", (m.id,))
    con.commit()
    con.close()
    with pytest.raises(ValidationError) as refused:
        off.bring_back(server, path, prefer=off.OFFLINE)
    assert f"meeting {m.id}: status holds 'bogus' (not one of its choices)" in refused.value.errors["file"]
    assert "release the meeting on the team database" in refused.value.errors["file"]
    assert mt.get_meeting(server, m.id).status is status
    assert off.meeting_mark(server, m.id) is not None


def test_an_offline_copy_is_brought_back_not_copied(taken, tmp_path):
    """Copied to an empty team database, an offline copy made one that refused every meeting
    edit as 'kept only to read'."""
    from bscp_desktop.db.database import DatabaseError
    from bscp_desktop.services.copies import copy_database

    server, world, m, items, path, mark = taken
    with pytest.raises(DatabaseError, match="is an offline copy of a meeting taken from a team database: its records belong there"):
        copy_database(path, tmp_path / "copied.sqlite3")
    assert not (tmp_path / "copied.sqlite3").exists()


def test_the_copy_keeps_the_address_without_its_password(pg_db, tmp_path):
    address = pg_db.url.replace("bscp_test@", "bscp_test:s3cret%40pw@", 1)  # the test server trusts any
    with Database.open_target(address) as server:
        as_officer(server, ALICE)
        _world, m, _items = forum_meeting(server)
        off.take_offline(server, m.id, tmp_path / "copy.sqlite3")
    with Database.open(tmp_path / "copy.sqlite3", create=False) as local:
        origin = off.offline_origin(local)
    assert "s3cret" not in origin.server and "***" not in origin.server
    assert origin.server.startswith("postgresql://bscp_test@")
    assert off.same_server(origin.server, address) and off.same_server(origin.server, pg_db.url)
    assert not off.same_server(origin.server, pg_db.url.replace("bscp_test@", "someone@", 1))
    assert not off.same_server(origin.server, "not an address")


def test_another_field_of_the_same_record_changed_on_the_server_is_kept(taken):
    server, world, m, items, path, mark = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.save_item_minutes(local, items[2].id, "No other business.")
    server.user = ALICE
    mt.update_agenda_item(server, items[2].id, mt.AgendaItemFields("Any other business", presenter="The chair"))
    plan = off.plan_bring_back(server, path)
    assert plan.conflicts == () and plan.changed == 1 and plan.kept == 1
    off.bring_back(server, path)
    item = mt.get_agenda_item(server, items[2].id)
    assert (item.minutes, item.presenter) == ("No other business.", "The chair")


def test_the_copy_says_who_brought_it_back_as_the_team_database_knows_them(taken):
    """The copy named the laptop's own account ("root") while the team database named the
    officer's login."""
    server, world, m, items, path, mark = taken
    as_officer(server, BOB)
    off.bring_back(server, path)
    with Database.open(path, create=False) as local:
        origin = off.offline_origin(local)
    assert not origin.active and origin.ended_by == BOB
