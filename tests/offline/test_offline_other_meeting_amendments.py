"""An offline copy holds the group's earlier meetings only to read, with their open actions:
a change there that would amend the approved minutes of an earlier meeting is refused as it is
made (bringing back takes only the minutes of the meeting taken offline), and a copy that
already holds such an amendment, made by an earlier version, comes back without it and the
change it records, both named as left behind (on a real PostgreSQL server, skipped with the
reason without one)."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import offline as off
from bscp_desktop.services.offline import marks
from tests.offline.helpers import ALICE, as_officer, count, forum_meeting

pytestmark = pytest.mark.slow  # a team database taken offline to a file and brought back

REASON = "Extended at the March forum"
JANUARY = "Safeguarding Children Forum 11/01/2024"


def _taken_with_january_approved(pg_db, tmp_path):
    """The forum meeting taken offline by Alice after the January forum's minutes (where the
    open action was raised) were approved: (server, meeting, items, path, the open action)."""
    server = as_officer(pg_db, ALICE)
    _world, m, items = forum_meeting(server)
    january = next(x for x in mt.list_meetings(server) if x.title == "January forum")
    mt.approve_minutes(server, january.id, None, on=date(2024, 1, 12), method="chairs_action", approved_by="The chair")
    path = tmp_path / "March forum.sqlite3"
    off.take_offline(server, m.id, path)
    action = mt.open_actions_for_review(server, m.id)[0]
    return server, m, items, path, action


def _fields(action, **changed) -> al.ActionFields:
    values = {"description": action.description, "owner_person_id": action.owner_person_id,
              "owner_organisation_id": action.owner_organisation_id, "due_date": action.due_date,
              "status": action.status, "completed_on": action.completed_on, "evidence": action.evidence}
    return al.ActionFields(**(values | changed))


def test_a_new_due_date_for_an_earlier_meetings_action_is_refused_in_the_copy(pg_db, tmp_path):
    """The copy took the new due date, giving the reason, as an amendment to the January
    minutes, and then could never be brought back."""
    _server, _m, _items, path, action = _taken_with_january_approved(pg_db, tmp_path)
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        with pytest.raises(ValidationError) as refused:
            al.update_action(local, action.id, _fields(action, due_date=date(2024, 6, 30)), reason=REASON)
        assert refused.value.sentence() == (
            f"This would amend the approved minutes of {JANUARY}: January forum, but this offline copy is of "
            "Safeguarding Children Forum 14/03/2024: March forum, and bringing it back takes only that meeting's "
            "minutes: make this change on the team database.")
        with pytest.raises(ValidationError, match="make this change on the team database"):
            al.archive_action(local, action.id, reason="No longer needed")
        assert count(local, "SELECT count(*) FROM minutes_amendment") == 0
        kept = next(a for a in al.list_actions(local, include_archived=True) if a.id == action.id)
        assert (kept.due_date, kept.archived) == (date(2024, 4, 30), False)
        # its progress is no amendment: recorded as before
        al.update_action(local, action.id, _fields(action, status=ActionStatus.IN_PROGRESS))


def _amended_by_an_earlier_version(monkeypatch, path, action, **changed) -> None:
    """What an earlier version let the officer do in the copy: change the earlier meeting's
    action, giving the reason (an amendment to the January minutes), and type the minutes."""
    monkeypatch.setattr(marks, "refuse_amending_another_meeting", lambda session: None, raising=False)
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        if changed.pop("archived", False):
            al.archive_action(local, action.id, reason=REASON)
        else:
            al.update_action(local, action.id, _fields(action, **changed), reason=REASON)
        assert count(local, "SELECT count(*) FROM minutes_amendment") == 1
    monkeypatch.undo()


@pytest.mark.parametrize("keep", [None, off.OFFLINE])
def test_a_copy_holding_an_earlier_meetings_amendment_comes_back_without_it(pg_db, tmp_path, monkeypatch, keep):
    """Bringing back was refused, with or without --keep offline: 'Amendment 1 (made offline):
    it is for another meeting ... than the one taken offline', and the minutes typed in the copy
    never reached the team database."""
    server, m, items, path, action = _taken_with_january_approved(pg_db, tmp_path)
    _amended_by_an_earlier_version(monkeypatch, path, action, due_date=date(2024, 6, 30),
                                   status=ActionStatus.IN_PROGRESS)
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.save_item_minutes(local, items[1].id, "Two child deaths reviewed.")
    behind = (f"Amendment 1 (made offline) to the approved minutes of {JANUARY}, with the change it records "
              "(Action: Write to schools about attendance: due date), as bringing back takes only the minutes of "
              "the meeting taken offline")
    plan = off.plan_bring_back(server, path)
    assert plan.problems == () and plan.conflicts == (), plan.problems
    assert plan.behind == (behind,)
    assert f"Left behind: {behind}; make it on the team database." in plan.summary
    result = off.bring_back(server, path, prefer=keep)
    assert result.behind == (behind,)
    assert f"Left behind: {behind}; make it on the team database." in result.sentence
    assert mt.get_agenda_item(server, items[1].id).minutes == "Two child deaths reviewed."
    there = next(a for a in al.list_actions(server) if a.id == action.id)
    assert there.due_date == date(2024, 4, 30)  # the January minutes' due date, not amended
    assert there.status is ActionStatus.IN_PROGRESS  # its progress, no amendment, came back
    assert count(server, "SELECT count(*) FROM minutes_amendment") == 0
    assert off.meeting_mark(server, m.id) is None  # brought back


def test_an_earlier_meetings_action_archived_by_amendment_and_changed_there_too(pg_db, tmp_path, monkeypatch):
    """The action archived in the copy by an amendment to the January minutes, and given a new
    due date on the team database meanwhile: no conflict to choose, the archiving left behind."""
    server, m, items, path, action = _taken_with_january_approved(pg_db, tmp_path)
    _amended_by_an_earlier_version(monkeypatch, path, action, archived=True)
    al.update_action(server, action.id, _fields(action, due_date=date(2024, 5, 31)), reason="Moved by the chair")
    plan = off.plan_bring_back(server, path)
    assert plan.problems == () and plan.conflicts == ()
    assert plan.behind == (f"Amendment 1 (made offline) to the approved minutes of {JANUARY}, with the change it "
                           "records (Action: Write to schools about attendance: archived), as bringing back takes "
                           "only the minutes of the meeting taken offline",)
    off.bring_back(server, path)
    there = next(a for a in al.list_actions(server, include_archived=True) if a.id == action.id)
    assert (there.due_date, there.archived) == (date(2024, 5, 31), False)
    assert count(server, "SELECT count(*) FROM minutes_amendment") == 1  # the team database's own


def test_another_record_made_offline_for_an_earlier_meeting_is_still_refused(pg_db, tmp_path, monkeypatch):
    """Only the amendment and what it records are left behind: an agenda item added offline to
    the earlier meeting is refused as before, naming it."""
    server, _m, _items, path, action = _taken_with_january_approved(pg_db, tmp_path)
    _amended_by_an_earlier_version(monkeypatch, path, action, due_date=date(2024, 6, 30))
    january = next(x for x in mt.list_meetings(server) if x.title == "January forum")
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        with pytest.raises(ValidationError, match="make this change on the team database"):  # refused now
            mt.add_agenda_item(local, january.id, mt.AgendaItemFields("Added later"), reason="Missed out")
        with monkeypatch.context() as earlier:  # as an earlier version let it be made
            earlier.setattr(marks, "refuse_amending_another_meeting", lambda session: None)
            mt.add_agenda_item(local, january.id, mt.AgendaItemFields("Added later"), reason="Missed out")
    plan = off.plan_bring_back(server, path)
    assert [p.partition(" (Safeguarding")[0] for p in plan.problems] == [
        "Agenda item 2: Added later (made offline): it is for another meeting"]
    assert "Amendment 1 (made offline)" in plan.behind[0]
