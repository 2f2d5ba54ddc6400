"""The meetings workbook's "Key areas of focus" says what the yearly report says for a meeting:
the meeting's own key areas of focus first, then its agenda items marked as key areas; a
confidential item's is not exported, as its minutes are not."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.jobs.meetings import CONFIDENTIAL_NOT_EXPORTED
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting

SECRET = "Child Q's injuries and the hospital's delay"


@pytest.mark.slow  # writes a workbook
def test_the_workbook_gives_a_meetings_own_key_areas_of_focus_as_the_yearly_report_does(db, world, tmp_path):
    held = meeting(db, world.forum, datetime(2024, 9, 12, 10), status=MeetingStatus.HELD,
                   key_focus="Neglect strategy agreed\nDomestic abuse deep dive")
    mt.add_agenda_item(db, held.id, mt.AgendaItemFields("Budget", key_focus=True, key_focus_summary="Budget 2024/25"))
    mt.add_agenda_item(db, held.id, mt.AgendaItemFields("Rapid review", confidential=True, key_focus=True,
                                                        key_focus_summary=SECRET))
    meeting(db, world.forum, datetime(2024, 12, 12, 10), key_focus="Working Together 2023")  # planned
    book = openpyxl.load_workbook(jobs.export_workbook(db, "meetings", tmp_path / "Meetings.xlsx"))
    rows = list(book["Meetings"].iter_rows(values_only=True))
    column = rows[0].index("Key areas of focus")
    cells = {r[0]: r[column] for r in rows[1:]}
    ((_, reported),) = [(m, lines) for m, lines in mt.key_areas_of_focus(db) if m.id == held.id]
    assert cells[datetime(2024, 9, 12)] == "\n".join(
        CONFIDENTIAL_NOT_EXPORTED if line == SECRET else line for line in reported)
    assert cells[datetime(2024, 9, 12)] == (
        f"Neglect strategy agreed\nDomestic abuse deep dive\nBudget 2024/25\n{CONFIDENTIAL_NOT_EXPORTED}")
    # a meeting the yearly report leaves out (not held yet): its own, in the same order
    assert cells[datetime(2024, 12, 12)] == "Working Together 2023"
