"""Archiving someone who is to chair, or take the minutes of, meetings still planned asks first
naming those meetings: the meetings keep them named (as they keep whoever chaired them), so
the officer is told to choose someone else there. Meetings held, cancelled, archived or
before today are not named."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common import list_page
from bscp_desktop.ui.memberships.tab import MembershipsTab
from tests.ui.helpers import click_button, shown_tab, when_modal

NEXT_YEAR = date.today().year + 1


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """The words of each archive question the list asks, answered No."""
    seen: list[str] = []
    monkeypatch.setattr(list_page, "confirm", lambda _parent, _title, text: seen.append(text) or False)
    return seen


def _meeting(db, group, day: datetime, status=MeetingStatus.PLANNED, **people) -> mt.MeetingDTO:
    return mt.create_meeting(db, mt.MeetingFields(group.id, "Meeting", day, None, status=status, **people))


def test_the_meetings_they_are_to_chair_or_minute_are_named_before_they_are_archived(qtbot, db, world, asked):
    chair, taker = world.chair.id, world.officer.id
    _meeting(db, world.forum, datetime(NEXT_YEAR, 3, 14, 10), chair_person_id=chair, minute_taker_person_id=taker)
    _meeting(db, world.executive, datetime(NEXT_YEAR, 1, 9, 14), chair_person_id=chair)
    _meeting(db, world.forum, datetime(NEXT_YEAR, 6, 2, 10), status=MeetingStatus.CANCELLED, chair_person_id=chair)
    _meeting(db, world.forum, datetime.combine(date.today() - timedelta(days=30), datetime.min.time()),
             status=MeetingStatus.HELD, chair_person_id=chair)
    gone = _meeting(db, world.forum, datetime(NEXT_YEAR, 9, 1, 10), chair_person_id=chair)
    mt.archive_meeting(db, gone.id)
    tab = shown_tab(qtbot, MembershipsTab(db))
    people = tab.people
    tab.sections.setCurrentWidget(people)
    people.reload()

    seen: list[str] = []
    when_modal(click_button("Cancel", seen))  # someone with a seat is asked in a box of its own
    people.select_id(chair)
    people.on_archive()
    assert (f"They are to chair 2 planned meetings (Executive Group on 09/01/{NEXT_YEAR} and Safeguarding Children "
            f"Forum on 14/03/{NEXT_YEAR}): they stay as planned with them named; choose someone else in each "
            "meeting's details (Edit details… on the Meetings tab).") in seen[0]

    quiet = ms.create_person(db, ms.PersonFields("Jo Bloggs", organisation_id=world.council.id))  # no seat
    _meeting(db, world.forum, datetime(NEXT_YEAR, 4, 11, 10), minute_taker_person_id=quiet.id)
    people.reload()
    people.select_id(quiet.id)
    asked.clear()
    people.on_archive()
    assert asked[0].startswith(
        f"Archive Jo Bloggs? They are to take the minutes of 1 planned meeting (Safeguarding Children Forum on "
        f"11/04/{NEXT_YEAR}): it stays as planned with them named; choose someone else in the meeting's details")
    assert {chair, quiet.id} <= {p.id for p in ms.list_people(db)}  # both still live


def test_someone_with_no_planned_meeting_is_asked_as_before(qtbot, db, world, asked):
    assert ms.planned_meetings_note(db, world.head.id) == ""
    _meeting(db, world.forum, datetime(NEXT_YEAR, 3, 14, 10), chair_person_id=world.chair.id)
    assert ms.planned_meetings_note(db, world.head.id) == ""
    assert ms.planned_meetings_note(db, world.chair.id, on=date(NEXT_YEAR, 3, 15)) == ""  # after it
