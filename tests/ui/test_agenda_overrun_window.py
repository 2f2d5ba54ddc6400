"""The agenda of an open meeting says, under the list, when its items' times add up to more than
the meeting's length, and only then; the agenda item dialog says so beside Time allowed when
saving would take the agenda past the end, and still saves (a chair may run over)."""

from __future__ import annotations

from datetime import datetime

import pytest

from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.meetings.dialogs import AgendaItemDialog
from tests.ui.helpers import open_workspace, reread

OVER = "The items' times add up to 4 h 5 min; the meeting is 1 h (22:00 to 23:00): 3 h 5 min over."


@pytest.fixture
def workspace(qtbot, db, world):
    """A 22:00 to 23:00 meeting with items of 45, 50 and 120 minutes, open on its agenda."""
    m = mt.create_meeting(db, mt.MeetingFields(world.executive.id, "Executive Group", datetime(2025, 6, 12, 22),
                                               datetime(2025, 6, 12, 23)))
    for title, minutes in (("Budget", 45), ("Case X", 50), ("Neglect strategy", 120)):
        mt.add_agenda_item(db, m.id, mt.AgendaItemFields(title, minutes_allotted=minutes))
    ws = open_workspace(qtbot, db, m.id)
    ws.pages.setCurrentWidget(ws.agenda)
    qtbot.waitUntil(lambda: not ws.agenda.loading(), timeout=5000)
    return ws


@pytest.mark.slow  # opens a meeting in the Meetings tab
def test_the_agenda_says_how_far_its_times_run_past_the_end_only_when_they_do(qtbot, db, workspace):
    note = workspace.agenda.overrun
    assert note.isVisible() and note.text() == "The items' times add up to 3 h 35 min; the meeting is 1 h " \
        "(22:00 to 23:00): 2 h 35 min over."
    budget = next(i for i in mt.list_agenda(db, workspace.meeting_id) if i.title == "Budget")
    mt.add_agenda_item(db, workspace.meeting_id, mt.AgendaItemFields("Any other business", minutes_allotted=30))
    reread(qtbot, workspace)
    qtbot.waitUntil(lambda: note.text().startswith("The items' times add up to 4 h 5 min"), timeout=5000)
    for item in mt.list_agenda(db, workspace.meeting_id):
        if item.id != budget.id:
            mt.archive_agenda_item(db, item.id)
    reread(qtbot, workspace)
    qtbot.waitUntil(lambda: not note.isVisible(), timeout=5000)  # 45 minutes fit the hour


@pytest.mark.slow  # opens a meeting in the Meetings tab
def test_the_item_dialog_notes_an_overrun_beside_time_allowed_and_still_saves(qtbot, db, workspace):
    dialog = AgendaItemDialog(db, workspace.meeting, None, workspace, agenda=workspace.rows("agenda"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title_edit.setText("Any other business")
    assert dialog.overrun_note.isVisible()  # the others already take 3 h 35 min of the hour
    dialog.minutes.setValue(30)
    assert dialog.overrun_note.text() == f"With this time allowed: t{OVER[1:]} It can still be saved."
    assert dialog.save_button.isEnabled()
    dialog._on_save()
    assert [i.minutes_allotted for i in mt.list_agenda(db, workspace.meeting_id)] == [45, 50, 120, 30]


@pytest.mark.slow  # opens a meeting in the Meetings tab
def test_editing_an_item_to_fit_takes_the_note_away(qtbot, db, workspace):
    longest = next(i for i in workspace.rows("agenda") if i.title == "Neglect strategy")
    dialog = AgendaItemDialog(db, workspace.meeting, longest, workspace)  # reads the agenda itself
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.overrun_note.isVisible()
    dialog.minutes.setValue(0)  # Not set: 45 and 50 minutes still run past the hour
    assert dialog.overrun_note.isVisible() and "1 h 35 min" in dialog.overrun_note.text()
    short = AgendaItemDialog(db, workspace.meeting, mt.get_agenda_item(db, longest.id), workspace,
                             agenda=[i for i in workspace.rows("agenda") if i.title != "Case X"])
    qtbot.addWidget(short)
    short.show()
    short.minutes.setValue(15)  # 45 + 15 = the hour
    assert not short.overrun_note.isVisible()
