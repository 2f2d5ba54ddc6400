"""Bringing a meeting back when its minutes were approved, returned to draft or given a quorum
in one place while the copy was away; and how the fields changed in both places are named (on
a real PostgreSQL server, skipped with the reason without one)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.meetings import AttendanceStatus, MinutesStatus, QuorumRule
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import offline as off
from tests.offline.helpers import as_officer, forum_meeting

ALICE, BOB = "Alice Officer", "Bob Manager"


def _take(server, tmp_path, before=None):
    as_officer(server, ALICE)
    world, m, items = forum_meeting(server)
    if before is not None:
        before(world, m)
    path = tmp_path / "March forum.sqlite3"
    off.take_offline(server, m.id, path)
    return world, m, items, path


def _approve(db, meeting_id, on=date(2024, 3, 20)):
    mt.approve_minutes(db, meeting_id, None, on=on, method="chairs_action", approved_by="The chair")


def _person(db, person_id):
    with db.unit_of_work() as session:
        return ms.get_person_in(session, person_id)


def _fields(m, **changes):
    values = dict(group_id=m.group_id, title=m.title, starts_at=m.starts_at, ends_at=m.ends_at, kind=m.kind,
                  place=m.place, online_link=m.online_link, status=m.status, chair_person_id=m.chair_person_id,
                  minute_taker_person_id=m.minute_taker_person_id, notes=m.notes, key_focus=m.key_focus)
    return mt.MeetingFields(**(values | changes))


def _the_dialog_keeps_approved_minutes(plan) -> None:
    """The window offers only the team database's approved minutes for what the copy changed."""
    from bscp_desktop.app import make_application
    from bscp_desktop.ui.meetings.offline import CompareDialog

    make_application()
    dialog = CompareDialog(plan)
    try:
        locked = [row for row, c in enumerate(dialog.conflicts) if c.locked]
        assert locked and all(dialog.choices[dialog.conflicts[row].key] == off.SERVER for row in locked)
        dialog.choose_all(off.OFFLINE)
        assert all(dialog.choices[dialog.conflicts[row].key] == off.SERVER for row in locked)
        dialog.show_conflict(locked[0])
        assert not dialog.keep_offline.isEnabled() and "approved on the team database" in dialog.keep_offline.toolTip()
    finally:
        dialog.deleteLater()


def test_changes_to_minutes_approved_on_the_team_database_meanwhile_are_not_written(pg_db, tmp_path):
    """Released ('laptop lost'), approved on the team database, then brought back: the copy's
    minutes and register went into the approved minutes with no amendment."""
    server = pg_db
    world, m, items, path = _take(server, tmp_path)
    register = at.list_attendance(server, m.id)
    before = [(r.id, r.status) for r in register]
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.save_item_minutes(local, items[1].id, "Minuted on the laptop.")
        at.set_attendance(local, [before[0][0]], AttendanceStatus.PRESENT)
        mt.add_decision(local, items[1].id, "Refer the themes to the Executive Group.")
        mt.update_meeting(local, m.id, _fields(mt.get_meeting(local, m.id), notes="Room changed"))
        head = _person(local, world.head.id)
        ms.update_person(local, head.id, ms.PersonFields(head.name, "Headteacher", organisation_id=head.organisation_id))
    as_officer(server, BOB)
    off.release_meeting(server, m.id, "laptop lost")
    _approve(server, m.id)

    as_officer(server, ALICE)
    plan = off.plan_bring_back(server, path)
    locked = [c for c in plan.conflicts if c.locked]
    assert {(c.record, c.field) for c in locked} == {
        (f"Agenda item 2: {items[1].title}", "Minutes"),
        (f"Register: {register[0].name}", "Status"),
        ("Meeting: Safeguarding Children Forum 14/03/2024", "Records added offline"),
    }
    assert all(c.locked == "20/03/2024" and "approved there on 20/03/2024" in c.server_said for c in locked)
    assert "approved on the team database on 20/03/2024 after this copy was taken" in plan.summary
    _the_dialog_keeps_approved_minutes(plan)
    minutes_key = ("agenda_item", items[1].id, "minutes")
    with pytest.raises(ValidationError, match="The minutes were approved on the team database on 20/03/2024 after "
                                              "this copy was taken: Agenda item 2"):
        off.bring_back(server, path, keep={minutes_key: off.OFFLINE})
    result = off.bring_back(server, path, prefer=off.OFFLINE)
    assert result.not_approved == 3 and "3 changes made offline to the minutes approved" in result.sentence
    # the approved minutes are as approved, with no amendment; the rest came back
    assert mt.get_agenda_item(server, items[1].id).minutes == ""
    assert [(r.id, r.status) for r in at.list_attendance(server, m.id)] == before
    assert mt.list_decisions(server, m.id) == [] and mt.list_amendments(server, m.id) == []
    assert mt.get_meeting(server, m.id).minutes_status is MinutesStatus.APPROVED
    assert mt.get_meeting(server, m.id).notes == "Room changed"
    assert _person(server, world.head.id).job_title == "Headteacher"


def test_the_copys_own_approval_kept_brings_its_minutes_with_it(pg_db, tmp_path):
    server = pg_db
    _world, m, items, path = _take(server, tmp_path)
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.save_item_minutes(local, items[1].id, "Approved on the laptop.")
        _approve(local, m.id, date(2024, 3, 21))
    _approve(server, m.id)  # Alice, on the team database too, another day
    plan = off.plan_bring_back(server, path)
    approval = next(c for c in plan.conflicts if c.field == "Minutes status and approval")
    assert not approval.locked
    off.bring_back(server, path, keep={approval.key: off.OFFLINE})
    meeting = mt.get_meeting(server, m.id)
    assert meeting.minutes_approved_on == date(2024, 3, 21)
    assert mt.get_agenda_item(server, items[1].id).minutes == "Approved on the laptop."


def _approved_offline_returned_to_draft_there(server, tmp_path):
    """Circulated minutes taken offline and approved there, while the team database returns
    them to draft: (the meeting, the copy's path)."""
    _world, m, _items, path = _take(server, tmp_path, lambda w, m: mt.circulate_minutes(server, m.id, date(2024, 3, 18)))
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        _approve(local, m.id)
    mt.return_minutes_to_draft(server, m.id)
    return m, path


def test_keeping_one_sides_minutes_status_keeps_its_whole_approval(pg_db, tmp_path):
    """Returned to draft on the team database, approved offline, 'keep server': the meeting was
    draft with an approval date, method and approver."""
    server = pg_db
    m, path = _approved_offline_returned_to_draft_there(server, tmp_path)
    plan = off.plan_bring_back(server, path)
    assert [(c.field, c.server_text) for c in plan.conflicts] == [("Minutes status and approval", "Draft")]
    assert plan.conflicts[0].offline_text == "Approved on 20/03/2024, by chair's action (The chair)"
    off.bring_back(server, path, keep={plan.conflicts[0].key: off.SERVER})
    kept = mt.get_meeting(server, m.id)
    assert (kept.minutes_status, kept.minutes_approved_on, kept.minutes_approval_method, kept.minutes_approved_by,
            kept.minutes_circulated_on) == (MinutesStatus.DRAFT, None, None, "", None)


def test_the_other_side_kept_brings_the_whole_approval(pg_db, tmp_path):
    server = pg_db
    m, path = _approved_offline_returned_to_draft_there(server, tmp_path)
    off.bring_back(server, path, prefer=off.OFFLINE)
    kept = mt.get_meeting(server, m.id)
    assert (kept.minutes_status, kept.minutes_approved_on, kept.minutes_approved_by) == (
        MinutesStatus.APPROVED, date(2024, 3, 20), "The chair")


def test_a_copy_taken_before_the_quorum_was_kept_with_approval_brings_the_quorum(pg_db, tmp_path):
    """A copy made by a version without the quorum-when-approved fields, approved after upgrading:
    only the fields it knew were compared, so the quorum stayed behind."""
    server = pg_db
    _world, m, _items, path = _take(server, tmp_path, lambda w, m: at.set_quorum(pg_db, w.forum.id, 3, "head_count"))
    con = sqlite3.connect(path)
    (base,), = con.execute("SELECT base FROM meeting_offline").fetchall()
    taken = json.loads(base)
    for row in taken["meeting"].values():
        del row["approved_quorum_rule"], row["approved_quorum"]
    con.execute("UPDATE meeting_offline SET base = ?", (json.dumps(taken),))
    con.commit()
    con.close()
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        _approve(local, m.id)
    off.bring_back(server, path)
    with server.unit_of_work() as session:
        from bscp_desktop.db.models.meetings import Meeting

        meeting = session.get(Meeting, m.id)
        assert (meeting.minutes_status, meeting.approved_quorum, meeting.approved_quorum_rule) == (
            "approved", 3, QuorumRule.HEAD_COUNT.value)


def _named_conflicts(server, tmp_path):
    world, m, _items, path = _take(server, tmp_path)
    entry = next(r for r in at.list_attendance(server, m.id) if r.person_id == world.inspector.id)
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.update_meeting(local, m.id, _fields(mt.get_meeting(local, m.id), chair_person_id=world.chair.id))
        at.set_attendance(local, [entry.id], AttendanceStatus.DEPUTY, deputy_person_id=world.sergeant.id)
    mt.update_meeting(server, m.id, _fields(mt.get_meeting(server, m.id), chair_person_id=world.officer.id))
    at.set_attendance(server, [entry.id], AttendanceStatus.DEPUTY, deputy_person_id=world.head.id)
    return world, m, path


def test_conflicts_name_people_and_register_entries_not_ids(pg_db, tmp_path):
    world, m, path = _named_conflicts(pg_db, tmp_path)
    plan = off.plan_bring_back(pg_db, path)
    shown = {(c.record, c.field, c.server_text, c.offline_text) for c in plan.conflicts}
    assert shown == {
        ("Meeting: Safeguarding Children Forum 14/03/2024", "Chair", world.officer.name, world.chair.name),
        (f"Register: {world.inspector.name}", "Deputy", world.head.name, world.sergeant.name),
    }


def test_the_command_line_lists_conflicts_by_name(pg_db, tmp_path, capsys):
    from bscp_desktop.cli import main

    world, m, path = _named_conflicts(pg_db, tmp_path)
    assert main(["offline", "bring-back", str(path), "--db", pg_db.url]) == 2
    err = capsys.readouterr().err
    assert f"Register: {world.inspector.name}, Deputy:" in err and f": {world.head.name}\n" in err
    assert "Meeting: Safeguarding Children Forum 14/03/2024, Chair:" in err
    assert f"In the offline copy: {world.sergeant.name}" in err


def test_the_compare_dialog_shows_the_same_names(pg_db, tmp_path, qtbot):
    from bscp_desktop.app import make_application
    from bscp_desktop.ui.meetings.offline import CompareDialog

    world, m, path = _named_conflicts(pg_db, tmp_path)
    make_application()
    plan = off.plan_bring_back(pg_db, path)
    dialog = CompareDialog(plan)
    qtbot.addWidget(dialog)
    dialog.show()
    rows = {dialog.table.item(r, 0).text(): r for r in range(dialog.table.rowCount())}
    row = rows[f"Register: {world.inspector.name}"]
    dialog.table.selectRow(row)
    dialog.show_conflict(row)
    assert dialog.table.item(row, 1).text() == "Deputy"
    assert (dialog.server_text.toPlainText(), dialog.offline_text.toPlainText()) == (world.head.name, world.sergeant.name)
