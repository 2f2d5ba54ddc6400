"""An archived meeting in the meetings workbook: listed on every sheet, its agenda items and
key areas of focus included, as its register, decisions and actions are; the yearly report's
key areas of focus still leave it out."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting


def _archived_meeting_with_a_key_area(db, world) -> mt.MeetingDTO:
    m = meeting(db, world.forum, datetime(2023, 11, 7, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy", key_focus=True,
                                                            key_focus_summary="Neglect strategy agreed"))
    mt.add_decision(db, item.id, "Adopt the neglect strategy")
    mt.archive_meeting(db, m.id)
    return m


@pytest.mark.slow
def test_an_archived_meetings_agenda_items_are_in_the_workbook(db, world, tmp_path):
    _archived_meeting_with_a_key_area(db, world)
    wb = openpyxl.load_workbook(jobs.export_workbook(db, "meetings", tmp_path / "meetings.xlsx"))
    meetings = list(wb["Meetings"].iter_rows(values_only=True))
    archived = meetings[0].index("Archived")
    row = next(r for r in meetings[1:] if r[0] == datetime(2023, 11, 7))
    assert row[archived] is not None  # the meeting marked archived (its rows on other sheets say "(archived meeting)")
    assert row[meetings[0].index("Key areas of focus")] == "Neglect strategy agreed"
    items = [r[3] for r in list(wb["Agenda items"].iter_rows(values_only=True))[1:]]
    assert items == ["Neglect strategy"]
    decisions = [r[4] for r in list(wb["Decisions"].iter_rows(values_only=True))[1:]]
    assert decisions == ["Adopt the neglect strategy"]


def test_the_yearly_key_areas_of_focus_leave_out_an_archived_meeting(db, world):
    _archived_meeting_with_a_key_area(db, world)
    assert mt.key_areas_of_focus(db, date(2023, 4, 1), date(2024, 3, 31)) == []
    assert mt.list_all_agenda_items(db) == []
    assert [r.item.title for r in mt.list_all_agenda_items(db, include_archived_meetings=True)] == ["Neglect strategy"]
