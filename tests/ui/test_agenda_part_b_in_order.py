"""The Agenda page says when a confidential item stands before open business: the printed agenda
lists it in Part B, after the open business, so its numbers and times would not run in order.
Moved to the end, the note goes."""

from __future__ import annotations

from datetime import datetime

import pytest

from bscp_desktop.services import meetings as mt
from bscp_desktop.services.meetings.agenda import part_b_sentence
from tests.ui.helpers import open_workspace, reread


def test_the_sentence_names_each_confidential_item_before_open_business():
    assert part_b_sentence([False, True, False]) == (
        "Item 2 is confidential: the printed agenda lists it in Part B, after the open business, with its times "
        "counted from there. Move it to the end of the agenda to keep the printed numbers in order.")
    assert part_b_sentence([True, False, True, False]).startswith("Items 1 and 3 are confidential: the printed "
                                                                  "agenda lists them in Part B")
    assert part_b_sentence([False, False, True, True]) == part_b_sentence([True, True]) == part_b_sentence([]) == ""


@pytest.mark.slow  # opens a meeting in the Meetings tab
def test_the_agenda_page_says_so_until_the_item_is_moved_to_the_end(qtbot, db, world):
    m = mt.create_meeting(db, mt.MeetingFields(world.executive.id, "Executive Group", datetime(2025, 6, 12, 10)))
    for title, secret in (("Budget", False), ("Staffing matter", True), ("Neglect strategy", False)):
        mt.add_agenda_item(db, m.id, mt.AgendaItemFields(title, confidential=secret))
    ws = open_workspace(qtbot, db, m.id)
    ws.pages.setCurrentWidget(ws.agenda)
    qtbot.waitUntil(lambda: not ws.agenda.loading(), timeout=5000)
    note = ws.agenda.overrun
    assert note.isVisible() and note.text().startswith("Item 2 is confidential: the printed agenda lists it in Part B")
    staffing = next(i for i in mt.list_agenda(db, m.id) if i.title == "Staffing matter")
    mt.move_agenda_item(db, staffing.id, 1)
    reread(qtbot, ws)
    qtbot.waitUntil(lambda: not note.isVisible(), timeout=5000)
