"""Approved minutes review the actions open on the meeting's day: an action done or dropped by
then stays out of them when it is reopened later, and one still open then keeps the status it had."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import ApprovalMethod, ItemKind, MeetingStatus
from bscp_desktop.jobs.meetings import minutes_document
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from tests.meetings_world import build_world, meeting

pytestmark = pytest.mark.slow  # each builds the partnership, two meetings and saves an action over months




@pytest.fixture
def partnership(db, clock):
    """The meetings tests' small partnership, saved on 10/01/2023 (not the `world` built once:
    the history keeps its entries in time order, so nothing is dated before what it holds)."""
    clock.now = datetime(2023, 1, 10, 12)
    return build_world(db)


def _raise(db, world, clock, *descriptions: str) -> list[al.ActionDTO]:
    """Actions raised at a meeting of 10/01/2023."""
    clock.now = datetime(2023, 1, 10, 12)
    first = meeting(db, world.forum, datetime(2023, 1, 10, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, first.id, mt.AgendaItemFields("Neglect strategy"))
    return [mt.add_item_action(db, item.id, al.ActionFields(d, None, world.council.id, date(2023, 2, 28)))
            for d in descriptions]


def _save(db, world, a: al.ActionDTO, status: str, completed_on: date | None = None) -> None:
    al.update_action(db, a.id, al.ActionFields(a.description, None, world.council.id, a.due_date, status,
                                               completed_on, "Toolkit used by 200 staff"))


def _approved_review(db, world, clock) -> int:
    """A meeting of 01/03/2023 with an action log review, its minutes approved the next day."""
    clock.now = datetime(2023, 3, 1, 12)
    second = meeting(db, world.forum, datetime(2023, 3, 1, 10), status=MeetingStatus.HELD)
    mt.add_agenda_item(db, second.id, mt.AgendaItemFields("Action log review", kind=ItemKind.ACTION_REVIEW))
    mt.approve_minutes(db, second.id, None, date(2023, 3, 2), method=ApprovalMethod.EMAIL, approved_by="Chair")
    return second.id


def _reviewed(db, meeting_id: int) -> dict[str, str] | None:
    found = mt.open_actions_on_its_day(db, meeting_id)
    return None if found is None else {a.description: a.status.value for a in found}


def _printed(db, meeting_id: int) -> dict[str, str]:
    (item,) = [i for i in minutes_document(db, meeting_id).items if i.is_action_review]
    return {a.description: a.status for a in item.review_actions}


@pytest.mark.parametrize("closed", ["done", "dropped"])
def test_an_action_closed_before_the_meeting_stays_out_of_its_approved_minutes_once_reopened(db, partnership, clock, closed):
    toolkit, pilot = _raise(db, partnership, clock, "Write the neglect toolkit", "Pilot the neglect tool")
    clock.now = datetime(2023, 2, 1, 12)
    _save(db, partnership, toolkit, closed, date(2023, 2, 1) if closed == "done" else None)
    _save(db, partnership, pilot, "in_progress")
    second = _approved_review(db, partnership, clock)
    as_approved = {"Pilot the neglect tool": "in_progress"}
    assert _reviewed(db, second) == as_approved
    clock.now = datetime(2023, 4, 5, 12)  # the pilot done after the meeting, then reopened and dropped
    _save(db, partnership, pilot, "done", date(2023, 4, 3))
    clock.now = datetime(2023, 9, 1, 12)
    _save(db, partnership, pilot, "open")
    _save(db, partnership, pilot, "dropped")
    clock.now = datetime(2024, 6, 3, 12)  # the toolkit needs redoing: reopened long after
    _save(db, partnership, toolkit, "in_progress")
    assert _reviewed(db, second) == as_approved
    assert _printed(db, second) == {"Pilot the neglect tool": "In progress"}
    assert mt.list_amendments(db, second) == []


def test_an_action_whose_completion_before_the_meeting_was_recorded_later_stays_out_once_reopened(db, partnership, clock):
    (toolkit,) = _raise(db, partnership, clock, "Write the neglect toolkit")
    second = _approved_review(db, partnership, clock)
    assert _reviewed(db, second) == {"Write the neglect toolkit": "open"}
    clock.now = datetime(2023, 4, 5, 12)  # done on 01/02/2023, recorded after the meeting
    _save(db, partnership, toolkit, "done", date(2023, 2, 1))
    assert _reviewed(db, second) == {}
    clock.now = datetime(2023, 9, 1, 12)
    _save(db, partnership, toolkit, "open")
    assert _reviewed(db, second) == {}
