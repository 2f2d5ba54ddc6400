"""The yearly report's Attendance and Activity sections say what the Attendance tab says: a held
meeting with no register is counted as held and named as having none, and a meeting still
marked planned though its date has passed is named as such, not silently dropped."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.yearly_report import Para
from bscp_desktop.services import attendance as at
from bscp_desktop.services import yearly_report as yr
from tests.meetings_world import meeting

pytestmark = pytest.mark.slow  # each builds sections from a register

PERIOD = (date(2023, 4, 1), date(2024, 3, 31))
TODAY = date(2024, 6, 1)
STILL_PLANNED = ("1 meeting in this period is still marked planned though its date has passed, so it is not "
                 "counted as held")


def _sentences(section) -> list[str]:
    return [b.text for b in section.blocks if isinstance(b, Para)]


def test_a_held_meeting_without_a_register_and_a_past_planned_one_are_named(db, world):
    filled = meeting(db, world.executive, datetime(2023, 6, 8, 10), status=MeetingStatus.HELD)
    at.prefill_attendance(db, filled.id)
    at.set_attendance(db, [a.id for a in at.list_attendance(db, filled.id)][:1], "present")  # the register marked
    meeting(db, world.executive, datetime(2023, 9, 20, 10), status=MeetingStatus.HELD)  # no register
    meeting(db, world.executive, datetime(2023, 10, 20, 10))  # never marked held
    tab = at.attendance_monitoring(db, *PERIOD)
    assert tab.planned_but_past == 1 and tab.without_register_sentence

    attendance = yr.build_section(db, "attendance", *PERIOD, today=TODAY)
    assert attendance.draft.startswith("2 meetings were held.")  # the one without a register is held
    said = _sentences(attendance)
    assert tab.without_register_sentence in said  # the tab's own sentence: "... Executive Group, 20/09/2023 ..."
    assert "Executive Group, 20/09/2023" in tab.without_register_sentence
    assert [s for s in said if s.startswith(STILL_PLANNED)] == [
        f"{STILL_PLANNED}. Open it and mark it held (or cancelled)."]

    activity = yr.build_section(db, "activity", *PERIOD, today=TODAY)
    assert "met twice" in activity.draft
    assert _sentences(activity) == [f"{STILL_PLANNED}: Executive Group, 20/10/2023. Open it and mark it held "
                                    "(or cancelled)."]


def test_a_period_with_no_register_at_all_still_names_its_meetings(db, world):
    meeting(db, world.forum, datetime(2023, 9, 20, 10), status=MeetingStatus.HELD)
    meeting(db, world.forum, datetime(2023, 10, 20, 10))
    attendance = yr.build_section(db, "attendance", *PERIOD, today=TODAY)
    assert not attendance.has_data
    said = _sentences(attendance)
    assert said[0] == "No attendance was recorded at meetings held between 1 April 2023 and 31 March 2024."
    assert said[1] == at.attendance_monitoring(db, *PERIOD).without_register_sentence
    assert said[2].startswith(STILL_PLANNED)


def test_planned_meetings_are_named_only_when_past_and_none_held_is_still_said(db, world):
    meeting(db, world.forum, datetime(2023, 10, 20, 10))
    meeting(db, world.forum, datetime(2024, 3, 20, 10))  # after the day the report is built
    activity = yr.build_section(db, "activity", *PERIOD, today=date(2024, 3, 1))
    assert not activity.has_data
    assert _sentences(activity) == [
        "No meetings were held between 1 April 2023 and 1 March 2024.",  # the period so far
        f"{STILL_PLANNED}: Safeguarding Children Forum, 20/10/2023. Open it and mark it held (or cancelled)."]
    meeting(db, world.forum, datetime(2023, 11, 20, 10), status=MeetingStatus.CANCELLED)  # not planned: not named
    assert _sentences(yr.build_section(db, "activity", *PERIOD, today=date(2024, 3, 1)))[1:] == [
        f"{STILL_PLANNED}: Safeguarding Children Forum, 20/10/2023. Open it and mark it held (or cancelled)."]
