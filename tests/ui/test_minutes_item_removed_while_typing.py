"""Words typed into an item another officer takes off the agenda are never saved into the
removed item nor dropped unasked; a decision typed for a removed item is offered only what can
be done with it; and a search hit for another meeting, while the officer stays with words not
saved, leaves the meeting open as it was."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QApplication

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting
from tests.ui.helpers import click_button, minutes_page, reread, type_text, when_modal

REMOVED = "The item 'Two' was removed from the agenda by someone else"


def _list(ed) -> list[str]:
    return [ed.item_list.item(r).text() for r in range(ed.item_list.count())]


@pytest.mark.slow
def test_words_typed_into_an_item_a_colleague_removed_stay_on_screen_and_are_said_not_saved(qtbot, db, world, theirs):
    ws = minutes_page(qtbot, db, world.forum, ("One", "Two", "Three"))
    ed = ws.minutes
    ed.item_list.setCurrentRow(1)
    item = ed.current_item()
    mt.archive_agenda_item(theirs, item.id)  # Jane removes item 2 on her computer
    type_text(ed.editor, " Sergeant Lewis reported.")
    assert not ed.flush()
    assert ed.state.text().startswith(f"Not saved: {REMOVED}")
    reread(qtbot, ws)  # the agenda read again: the item stays, marked removed, with the words
    assert _list(ed) == ["1. One", "2. Two (removed from the agenda)", "2. Three"]
    assert ed.heading.text() == "2. Two (removed from the agenda)"
    assert ed.editor.toPlainText() == "Noted the report. Sergeant Lewis reported."
    assert ed.state.text().startswith(f"Not saved: {REMOVED}")
    assert mt.get_agenda_item(db, item.id).minutes == "Noted the report."  # nothing written into the removed item
    seen: list[str] = []
    when_modal(click_button("Stay with them", seen), "Not saved")
    ed.item_list.setCurrentRow(2)  # moving on asks: the officer stays with the words
    # the question runs the reason on after its own words: "... are not saved: the item 'Two' was removed ..."
    assert f"are not saved: {REMOVED[0].lower()}{REMOVED[1:]}" in seen[0] and ed.current_item().id == item.id
    assert ed.editor.toPlainText().endswith("Sergeant Lewis reported.")
    when_modal(click_button("Discard them", seen), "Not saved")
    ed.item_list.setCurrentRow(2)  # let go: the removed item leaves the list
    assert _list(ed) == ["1. One", "2. Three"] and ed.current_item().title == "Three"
    assert ed.editor.toPlainText() == "Noted the report." and ed.removed is None


@pytest.mark.slow
def test_words_kept_on_a_removed_item_are_saved_once_it_is_restored(qtbot, db, world):
    ws = minutes_page(qtbot, db, world.forum, ("One", "Two", "Three"))
    ed = ws.minutes
    ed.item_list.setCurrentRow(1)
    item = ed.current_item()
    type_text(ed.editor, " Words typed by me.")
    mt.archive_agenda_item(db, item.id)  # as another officer's removal arrives: the meeting is read again
    reread(qtbot, ws)
    assert ed.current_item().id == item.id and ed.editor.toPlainText().endswith("Words typed by me.")
    assert mt.get_agenda_item(db, item.id).minutes == "Noted the report."
    mt.restore_agenda_item(db, item.id)
    reread(qtbot, ws)
    assert _list(ed) == ["1. One", "2. Three", "3. Two"]  # restored at the end of the agenda
    assert ed.current_item().id == item.id and not ed.dirty()
    assert mt.get_agenda_item(db, item.id).minutes == "Noted the report. Words typed by me."


@pytest.mark.slow
def test_a_decision_typed_for_a_removed_item_can_be_copied_or_discarded(qtbot, db, world):
    ws = minutes_page(qtbot, db, world.forum, ("One", "Two", "Three"))
    ed = ws.minutes
    ed.item_list.setCurrentRow(1)
    item = ed.current_item()
    type_text(ed.decision_edit, "Agreed the strategy")
    ed.item_list.setCurrentRow(2)
    type_text(ed.decision_edit, "Agreed the budget")
    mt.archive_agenda_item(db, item.id)
    reread(qtbot, ws)
    seen: list[str] = []
    when_modal(click_button("Copy it", seen), "Decision not added")
    when_modal(click_button("Discard it", seen), "Decision not added")
    QApplication.clipboard().clear()
    assert ws.flush_or_ask()  # copied, then the decision still addable discarded: the officer goes on
    assert "Item 2. Two: \u201cAgreed the strategy\u201d" in seen[0] and "since removed from the agenda" in seen[0]
    assert "can no longer be added there" in seen[0] and "New decision line" not in seen[0]
    assert "Item 2. Three: \u201cAgreed the budget\u201d" in seen[1] and "press Enter on the New decision line" in seen[1]
    assert QApplication.clipboard().text() == "Agreed the strategy"
    assert ed.typed_decisions == {} and ed.decision_edit.text() == ""


@pytest.mark.slow
def test_a_search_hit_elsewhere_leaves_the_meeting_as_it_was_when_the_officer_stays(qtbot, db, world, theirs):
    ws = minutes_page(qtbot, db, world.forum, ("One", "Two"))
    tab = ws.window()
    other = meeting(db, world.executive, datetime(2024, 2, 1, 10), status=MeetingStatus.HELD)
    found = mt.add_agenda_item(db, other.id, mt.AgendaItemFields("Exec item"))
    mt.archive_meeting(theirs, ws.meeting_id)  # the words typed next cannot be saved
    type_text(ws.minutes.editor, " more words")
    assert not ws.minutes.flush()
    seen: list[str] = []
    when_modal(click_button("Stay with them", seen), "Not saved")
    tab.show_record("meeting", other.id, found.id)
    assert seen and tab.workspace is ws
    assert ws.pages.currentWidget() is ws.minutes and not ws.pages.built_page("agenda")
    assert ws.minutes.editor.toPlainText() == "Noted the report. more words"
