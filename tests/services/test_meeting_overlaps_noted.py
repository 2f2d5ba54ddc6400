"""Another meeting of the same group at an overlapping time is noted, never refused: a group may
meet twice in a day. Only meetings that still take place count."""

from __future__ import annotations

from datetime import datetime

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting, meeting_fields

DAY = (2026, 10, 8)
NOTE = "The Executive Group already meets 10:00–12:00 on 08/10/2026: check the time."


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(*DAY, hour, minute)


def _morning(db, world, **kw) -> mt.MeetingDTO:
    return meeting(db, world.executive, _at(10), "Executive Group", ends_at=_at(12), **kw)


def test_an_overlapping_meeting_of_the_group_is_named_and_still_saved(db, world):
    _morning(db, world)
    assert mt.overlap_note(db, world.executive.id, _at(11), _at(13)) == NOTE
    assert mt.overlap_note(db, world.executive.id, _at(9), _at(10, 30)) == NOTE
    assert mt.overlap_note(db, world.executive.id, _at(10, 30), _at(11)) == NOTE  # inside it
    afternoon = meeting(db, world.executive, _at(11), "Executive Group", ends_at=_at(13))  # not refused
    assert afternoon.id


def test_meetings_that_only_touch_or_are_of_another_group_are_not_noted(db, world):
    _morning(db, world)
    assert mt.overlap_note(db, world.executive.id, _at(12), _at(13)) == ""  # starts as the first ends
    assert mt.overlap_note(db, world.executive.id, _at(8), _at(10)) == ""
    assert mt.overlap_note(db, world.forum.id, _at(11), _at(13)) == ""
    assert mt.overlap_note(db, world.executive.id, datetime(2026, 10, 9, 11), datetime(2026, 10, 9, 13)) == ""


def test_a_meeting_moved_does_not_clash_with_itself(db, world):
    first = _morning(db, world)
    assert mt.overlap_note(db, world.executive.id, _at(11), _at(13), first.id) == ""
    second = meeting(db, world.executive, _at(14), "Executive Group", ends_at=_at(15))
    assert mt.overlap_note(db, world.executive.id, _at(11), _at(13), second.id) == NOTE  # moved onto the first


def test_cancelled_postponed_and_archived_meetings_are_no_clash(db, world):
    first = _morning(db, world, status=MeetingStatus.CANCELLED.value)
    assert mt.overlap_note(db, world.executive.id, _at(11), _at(13)) == ""
    mt.update_meeting(db, first.id, meeting_fields(mt.get_meeting(db, first.id), status=MeetingStatus.POSTPONED))
    assert mt.overlap_note(db, world.executive.id, _at(11), _at(13)) == ""
    mt.update_meeting(db, first.id, meeting_fields(mt.get_meeting(db, first.id), status=MeetingStatus.PLANNED))
    assert mt.overlap_note(db, world.executive.id, _at(11), _at(13)) == NOTE
    mt.archive_meeting(db, first.id)
    assert mt.overlap_note(db, world.executive.id, _at(11), _at(13)) == ""


def test_every_overlapping_meeting_is_named_and_one_without_an_end_by_its_start(db, world):
    _morning(db, world)
    meeting(db, world.executive, _at(13), "Executive Group")  # no end given
    assert mt.overlap_note(db, world.executive.id, _at(11), _at(14)) == (
        "The Executive Group already meets 10:00–12:00 and at 13:00 on 08/10/2026: check the time.")
    assert mt.overlap_note(db, world.executive.id, _at(14), _at(15)) == ""
