"""An action raised at a meeting whose minutes are approved: its description, owner and due
date are part of the minutes, so changing them, archiving or restoring the action is an
amendment with a reason, as for a decision. Its status, completion, evidence of impact and
progress updates are the work done on it since, and change freely."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting

LOCKED = ("This action is recorded in the minutes of the Safeguarding Children Forum meeting of 14/12/2023, "
          "approved on 14/03/2024: {doing} is an amendment to them and needs a reason")


@pytest.fixture
def approved(db, world):
    m = meeting(db, world.forum, datetime(2023, 12, 14, 10), status=MeetingStatus.HELD)
    later = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    fields = al.ActionFields("Write the neglect toolkit", world.chair.id, world.council.id, date(2024, 6, 30))
    action = mt.add_item_action(db, item.id, fields)
    mt.circulate_minutes(db, m.id, date(2023, 12, 20))
    mt.approve_minutes(db, m.id, later.id)
    return m, item, fields, action


def _action(db, action_id):
    (found,) = [a for a in al.list_actions(db, include_archived=True) if a.id == action_id]
    return found


def test_the_minuted_fields_of_an_action_of_approved_minutes_change_only_with_a_reason(db, world, approved):
    m, item, fields, action = approved
    assert _action(db, action.id).origin.locked
    for changed in (dataclasses.replace(fields, description="Toolkit dropped"),
                    dataclasses.replace(fields, owner_person_id=world.inspector.id),
                    dataclasses.replace(fields, owner_organisation_id=None),
                    dataclasses.replace(fields, due_date=date(2025, 12, 31))):
        with pytest.raises(ValidationError) as err:
            al.update_action(db, action.id, changed)
        assert err.value.errors == {
            "description": LOCKED.format(doing="changing its description, owner or due date"),
            "reason": "Give the reason for the amendment"}
        with pytest.raises(ValidationError):
            al.update_action(db, action.id, changed, reason="   ")
    assert _action(db, action.id).description == "Write the neglect toolkit"
    assert mt.list_amendments(db, m.id) == []

    saved = al.update_action(db, action.id, dataclasses.replace(fields, due_date=date(2024, 9, 30)),
                             reason="The Forum moved the date at its March meeting")
    assert saved.due_date == date(2024, 9, 30)
    (amendment,) = mt.list_amendments(db, m.id)
    assert (amendment.reason, amendment.agenda_item_id) == ("The Forum moved the date at its March meeting", item.id)
    owner = f"{world.chair.name}, Brent Council"
    assert amendment.old_text == f"Action: Write the neglect toolkit — owner: {owner}, due 30/06/2024"
    assert amendment.new_text == f"Action: Write the neglect toolkit — owner: {owner}, due 30/09/2024"


def test_the_work_done_on_an_action_of_approved_minutes_is_no_amendment(db, world, approved):
    m, _item, fields, action = approved
    fields = dataclasses.replace(fields, due_date=date(2024, 6, 30))
    assert al.update_action(db, action.id, dataclasses.replace(fields, status=ActionStatus.IN_PROGRESS)).status \
        is ActionStatus.IN_PROGRESS
    done = al.update_action(db, action.id, dataclasses.replace(
        fields, status=ActionStatus.DONE, completed_on=date(2024, 5, 1), evidence="Toolkit in use by schools"))
    assert (done.status, done.evidence) == (ActionStatus.DONE, "Toolkit in use by schools")
    al.add_progress_update(db, action.id, date(2024, 4, 1), "Draft shared")
    assert mt.list_amendments(db, m.id) == []


def test_archiving_or_restoring_an_action_of_approved_minutes_is_an_amendment(db, approved):
    m, _item, _fields, action = approved
    with pytest.raises(ValidationError) as err:
        al.archive_action(db, action.id)
    assert err.value.errors["description"] == LOCKED.format(doing="archiving it")
    assert not _action(db, action.id).archived
    al.archive_action(db, action.id, reason="Raised in error: the Executive Group owns the toolkit")
    assert _action(db, action.id).archived
    assert mt.list_meeting_actions(db, m.id) == []
    with pytest.raises(ValidationError) as err:
        al.restore_action(db, action.id)
    assert err.value.errors["description"] == LOCKED.format(doing="restoring it")
    al.restore_action(db, action.id, reason="The Forum kept it after all")
    assert not _action(db, action.id).archived
    assert [(a.reason, a.new_text) for a in mt.list_amendments(db, m.id)][0] == (
        "Raised in error: the Executive Group owns the toolkit", "(withdrawn)")
    assert [a.old_text for a in mt.list_amendments(db, m.id)][1] == "(withdrawn)"


def test_actions_of_minutes_not_yet_approved_change_freely(db, world):
    m = meeting(db, world.forum, datetime(2023, 12, 14, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    fields = al.ActionFields("Write the neglect toolkit", world.chair.id, None, date(2024, 6, 30))
    action = mt.add_item_action(db, item.id, fields)
    assert not action.origin.locked
    assert al.update_action(db, action.id, dataclasses.replace(fields, description="Toolkit")).description == "Toolkit"
    al.archive_action(db, action.id)
    al.restore_action(db, action.id)
    free = al.create_action(db, fields)  # added in the action log: no minutes keep it
    assert not free.origin.locked
    al.archive_action(db, free.id)
    assert mt.list_amendments(db, m.id) == []
