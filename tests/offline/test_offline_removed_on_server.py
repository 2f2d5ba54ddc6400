"""A record removed (archived) on the team database after the copy was taken, which the copy
changed, is a conflict named in words, never written into the removed record unseen: keeping
the team database's leaves it removed and names what the copy changed in it as left behind;
keeping the offline copy's restores it with those changes, where restoring it there would be
allowed (on a real PostgreSQL server, skipped with the reason without one)."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.meetings import AttendanceStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import offline as off
from tests.offline.helpers import ALICE, as_officer

pytestmark = pytest.mark.slow  # a team database taken offline to a file and brought back

AOB = "AOB: the chair raised the school exclusions data."
REMOVED = "Removed on the team database after the copy was taken"


def _changed_in_both(taken):
    """In the copy: minutes for item 3, apologies on the second register entry, the earlier
    meeting's open action in progress, minutes for item 1. On the team database meanwhile:
    item 3 taken off the agenda, that entry taken off the register, the action archived (by
    Bob). Returns (server, meeting, items, path, register entry, action)."""
    server, _world, m, items, path = taken
    entry = at.list_attendance(server, m.id)[1]
    action = mt.open_actions_for_review(server, m.id)[0]
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.save_item_minutes(local, items[2].id, AOB)
        mt.save_item_minutes(local, items[0].id, "Apologies from three members.")
        at.set_attendance(local, [entry.id], AttendanceStatus.APOLOGIES)
        al.update_action(local, action.id, al.ActionFields(
            action.description, action.owner_person_id, None, action.due_date, ActionStatus.IN_PROGRESS))
    mt.archive_agenda_item(server, items[2].id)
    at.remove_attendee(server, entry.id)
    as_officer(server, "Bob Officer")
    al.archive_action(server, action.id)
    as_officer(server, ALICE)
    return server, m, items, path, entry, action


def _action(server, action_id):
    return next(a for a in al.list_actions(server, include_archived=True) if a.id == action_id)


def test_changes_to_records_removed_meanwhile_are_conflicts_named_in_words(taken):
    """The minutes went into the removed item and vanished from the minutes, the apologies onto
    the removed register entry, the status onto the archived action: no conflict was named."""
    server, m, items, path, entry, action = _changed_in_both(taken)
    plan = off.plan_bring_back(server, path)
    assert plan.problems == ()
    removed = {c.record: c for c in plan.conflicts}
    assert sorted(removed) == sorted([f"Agenda item 3: {items[2].title}", f"Register: {entry.name}",
                                      f"Action: {action.description}"])
    assert all(c.removed and c.field == REMOVED for c in plan.conflicts)
    assert removed[f"Agenda item 3: {items[2].title}"].offline_text == f"Your minutes for it: {AOB}"
    assert removed[f"Register: {entry.name}"].offline_text == "Your attendance and deputy for it: Apologies"
    assert removed[f"Action: {action.description}"].offline_text == (
        "Your status, completion date and evidence of impact for it: In progress")
    assert removed[f"Action: {action.description}"].server_said.startswith("On the team database (changed by Bob Officer")
    assert "3 records changed offline were removed on the team database meanwhile" in plan.summary
    with pytest.raises(ValidationError, match="3 fields were changed both on the team database and offline"):
        off.bring_back(server, path)
    assert mt.get_agenda_item(server, items[2].id).minutes == ""
    assert off.meeting_mark(server, m.id) is not None  # nothing written


def test_keeping_the_team_databases_leaves_them_removed_and_names_what_is_left_behind(taken):
    server, m, items, path, entry, action = _changed_in_both(taken)
    result = off.bring_back(server, path, prefer=off.SERVER)
    assert (result.kept_server, result.kept_offline) == (3, 0)
    assert f"Agenda item 3: {items[2].title}, removed on the team database after the copy was taken and left " \
           f"removed: your minutes for it: {AOB}" in result.behind
    assert "Left behind: " in result.sentence and "make them on the team database" in result.sentence
    every = mt.list_agenda(server, m.id, include_archived=True)
    assert [(i.title, i.minutes) for i in mt.list_agenda(server, m.id)] == [
        (items[0].title, "Apologies from three members."), (items[1].title, "")]
    assert next(i for i in every if i.id == items[2].id).minutes == ""  # nothing written into the removed item
    gone = next(r for r in at.list_attendance(server, m.id, include_archived=True) if r.id == entry.id)
    assert gone.status is entry.status
    assert (_action(server, action.id).status, _action(server, action.id).archived) == (ActionStatus.OPEN, True)


def test_keeping_the_offline_copys_restores_them_with_the_changes(taken):
    server, m, items, path, entry, action = _changed_in_both(taken)
    result = off.bring_back(server, path, prefer=off.OFFLINE)
    assert (result.kept_server, result.kept_offline) == (0, 3) and result.behind == ()
    assert [(i.position, i.minutes) for i in mt.list_agenda(server, m.id)] == [
        (1, "Apologies from three members."), (2, ""), (3, AOB)]
    back = next(r for r in at.list_attendance(server, m.id) if r.id == entry.id)
    assert back.status is AttendanceStatus.APOLOGIES
    assert (_action(server, action.id).status, _action(server, action.id).archived) == (ActionStatus.IN_PROGRESS, False)


def test_restoring_is_refused_where_the_team_database_would_refuse_it(taken):
    """The person put back on the register there, and the earlier meeting's minutes approved
    there: restoring the entry would list them twice, restoring the action would change the
    approved minutes with no amendment. Keeping the team database's brings the rest back."""
    server, m, items, path, entry, action = _changed_in_both(taken)
    at.add_attendee(server, m.id, at.AttendeeFields(person_id=entry.person_id))
    january = next(x for x in mt.list_meetings(server) if x.title == "January forum")
    mt.approve_minutes(server, january.id, None, on=date(2024, 1, 12), method="chairs_action", approved_by="The chair")
    with pytest.raises(ValidationError) as refused:
        off.bring_back(server, path, prefer=off.OFFLINE)
    words = str(refused.value)
    assert f"Register: {entry.name}: removed on the team database after the copy was taken, and they are on its " \
           "register again there" in words
    assert f"Action: {action.description}: removed on the team database after the copy was taken; restoring it " \
           "would change the approved minutes of Safeguarding Children Forum 11/01/2024: January forum" in words
    assert off.meeting_mark(server, m.id) is not None
    keep = {c.key: off.OFFLINE if c.record.startswith("Agenda item") else off.SERVER
            for c in off.plan_bring_back(server, path).conflicts}
    off.bring_back(server, path, keep=keep)
    assert mt.get_agenda_item(server, items[2].id).minutes == AOB
    assert _action(server, action.id).archived
