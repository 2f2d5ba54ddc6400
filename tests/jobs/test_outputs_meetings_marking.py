"""The meetings workbook is marked OFFICIAL-SENSITIVE by the same rule as the minutes and
agendas in it: a meeting of a group whose members sign a confidentiality agreement, or a
confidential item. A confidential item's key-area-of-focus summary is left out like its
minutes, and the calendar file does not name the item."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pytest

from bscp_desktop import jobs
from bscp_desktop.jobs.meetings import CONFIDENTIAL_NOT_EXPORTED, calendar_events
from bscp_desktop.reports.marking import OFFICIAL_SENSITIVE
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting

SECRET_FOCUS = "Child Q's injuries and the hospital's delay"


def _marked(path) -> bool:
    book = openpyxl.load_workbook(path)
    headers = {ws.oddHeader.center.text for ws in book.worksheets}
    assert len(headers) == 1  # every sheet alike
    return book.properties.keywords == OFFICIAL_SENSITIVE and headers == {OFFICIAL_SENSITIVE}


def _export(db, tmp_path):
    return jobs.export_workbook(db, "meetings", tmp_path / "Meetings.xlsx")


@pytest.mark.slow  # two workbooks
def test_a_confidential_item_marks_the_workbook_and_its_summary_is_not_exported(db, world, tmp_path):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Budget", key_focus=True, key_focus_summary="Budget 2024/25"))
    assert not _marked(_export(db, tmp_path))  # an open forum's business only

    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Rapid review", confidential=True, key_focus=True,
                                                     key_focus_summary=SECRET_FOCUS))
    out = _export(db, tmp_path)
    assert _marked(out)
    book = openpyxl.load_workbook(out)
    everything = [str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row]
    assert not any(SECRET_FOCUS in v for v in everything)
    items = {r[3]: r for r in list(book["Agenda items"].iter_rows(values_only=True))[1:]}
    assert items["Rapid review"][10] == items["Rapid review"][11] == CONFIDENTIAL_NOT_EXPORTED
    assert items["Budget"][10] == "Budget 2024/25"
    (row,) = list(book["Meetings"].iter_rows(values_only=True))[1:]
    assert row[16] == f"Budget 2024/25\n{CONFIDENTIAL_NOT_EXPORTED}"


def test_a_meeting_of_a_group_that_signs_the_agreement_marks_the_workbook(db, world, tmp_path):
    review = ms.create_group(db, ms.GroupFields("Case Review Group", 2, needs_agreement=True))
    m = meeting(db, review, datetime(2024, 2, 22, 10), title="Case Review Group")
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Learning from a review"))
    mt.archive_meeting(db, m.id)  # still listed in the workbook
    assert _marked(_export(db, tmp_path))


def test_the_calendar_file_does_not_name_a_confidential_item(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Budget"))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Child Q: rapid review", confidential=True))
    (event,) = calendar_events(db, [mt.get_meeting(db, m.id)])
    assert "1. Budget" in event.description and "Child Q" not in event.description
