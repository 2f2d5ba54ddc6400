"""Copying the last agenda plans a meeting: a meeting that took place keeps the agenda it met
with, so a held meeting (its minutes in draft or circulated) and one called off are refused,
saying why, and their agenda is left as it was. A planned meeting takes the copy, and can be
told first how many items it would add without anything changing. Approved minutes still take
it as an amendment with its reason (every change to them is one)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import ApprovalMethod, MeetingStatus, MinutesStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import meetings as mt
from bscp_desktop.services.meetings.agenda import copy_refusal, last_agenda_to_copy
from tests.meetings_world import meeting

CIRCULATED = ("The minutes of this meeting were circulated on 21/03/2024: copying the last agenda would add items "
              "that were not discussed or minuted. Add a missing item with New agenda item instead.")
HELD = ("This meeting is marked held: copying the last agenda is for planning a meeting, and would add items that "
        "were not discussed. Add a missing item with New agenda item instead.")


def _titles(db, meeting_id) -> list[str]:
    return [i.title for i in mt.list_agenda(db, meeting_id)]


@pytest.fixture
def earlier(db, world) -> mt.MeetingDTO:
    """The Forum's January meeting, whose agenda is there to copy."""
    m = meeting(db, world.forum, datetime(2024, 1, 11, 10), title="January forum")
    for title in ("Neglect strategy", "Early help", "Section 11 audit"):
        mt.add_agenda_item(db, m.id, mt.AgendaItemFields(title))
    return m


def _held(db, world, *titles: str) -> mt.MeetingDTO:
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    for title in titles:
        item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields(title))
        mt.save_item_minutes(db, item.id, "Noted.")
    return m


def _refused(db, meeting_id: int) -> str:
    with pytest.raises(ValidationError) as preview:
        last_agenda_to_copy(db, meeting_id)
    with pytest.raises(ValidationError) as refused:
        mt.copy_last_agenda(db, meeting_id)
    assert preview.value.errors == refused.value.errors
    return refused.value.errors["agenda"]


def test_circulated_minutes_of_a_held_meeting_take_no_copy(db, world, earlier):
    m = _held(db, world, "Welcome", "Budget")
    mt.circulate_minutes(db, m.id, date(2024, 3, 21))
    assert _refused(db, m.id) == CIRCULATED
    assert _titles(db, m.id) == ["Welcome", "Budget"]


def test_a_held_meeting_with_draft_minutes_takes_no_copy(db, world, earlier):
    m = _held(db, world, "Welcome")
    assert _refused(db, m.id) == HELD
    assert _titles(db, m.id) == ["Welcome"]


@pytest.mark.parametrize("status", [MeetingStatus.CANCELLED, MeetingStatus.POSTPONED])
def test_a_meeting_called_off_takes_no_copy(db, world, earlier, status):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=status)
    assert _refused(db, m.id) == (f"This meeting is marked {status.label.lower()}, so it did not take place: copying "
                                  "the last agenda is for planning a meeting still to come.")
    assert _titles(db, m.id) == []


def test_a_planned_meeting_is_told_how_many_items_first_then_takes_the_copy(db, world, earlier):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Early help"))
    count, source = last_agenda_to_copy(db, m.id)
    assert (count, source.id) == (2, earlier.id)
    assert _titles(db, m.id) == ["Early help"]  # asking changed nothing
    assert mt.copy_last_agenda(db, m.id)[0] == 2
    assert sorted(_titles(db, m.id)) == ["Early help", "Neglect strategy", "Section 11 audit"]


def test_approved_minutes_still_take_a_copy_as_an_amendment(db, world, earlier):
    m = _held(db, world, "Welcome")
    mt.approve_minutes(db, m.id, None, date(2024, 3, 20), method=ApprovalMethod.EMAIL, approved_by="Chair")
    with pytest.raises(ValidationError) as refused:
        mt.copy_last_agenda(db, m.id)
    assert "reason" in refused.value.errors
    assert mt.copy_last_agenda(db, m.id, reason="Agenda left off the record")[0] == 3


def test_the_refusal_follows_the_meeting_and_its_minutes():
    assert copy_refusal(MeetingStatus.PLANNED, MinutesStatus.DRAFT, None) == ""
    assert copy_refusal(MeetingStatus.HELD, MinutesStatus.DRAFT, None) == HELD
    assert copy_refusal(MeetingStatus.HELD, MinutesStatus.CIRCULATED, date(2024, 3, 21)) == CIRCULATED
    assert copy_refusal(MeetingStatus.HELD, MinutesStatus.APPROVED, date(2024, 3, 21)) == ""
