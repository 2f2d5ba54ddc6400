"""A decision typed on the New decision line of live minute-taking but not yet added (the officer
moved on with Alt+Down before pressing Enter) outlives the computer stopping or the program being
ended: it is kept on disk half a second after the last keystroke, and the meeting opened again puts
it back on its item's line, not added, saying so. One added, or let go as the meeting is left as
usual, is not put back; another meeting's, or another file's, never appears."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from shiboken6 import delete

from bscp_desktop.db.database import Database
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.common import settings_store
from bscp_desktop.ui.meetings.decision_drafts import drafts_key
from bscp_desktop.ui.meetings.tab import MeetingsTab
from bscp_desktop.ui.opening import left_open_words
from tests.meetings_world import meeting
from tests.ui.helpers import click_button, open_workspace, type_text, when_modal

TYPED = "Agreed the neglect strategy for consultation"
BACK_ON_ITEM_2 = ("A decision typed before the program stopped is back on item 2: press Enter on its decision line "
                  "to add it.")


def _held_meeting(db, group, day: int = 14) -> int:
    m = meeting(db, group, datetime(2024, 3, day, 10), status=MeetingStatus.HELD)
    for title in ("Welcome", "Neglect strategy", "Any other business"):
        item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields(title))
        mt.save_item_minutes(db, item.id, "Noted the report.")
    return m.id


def _minutes(qtbot, db, meeting_id: int, kept_by_qtbot: bool = True):
    """The meeting's Minutes page, open in a Meetings tab (one the test may drop as a crash would:
    not closed by the test's end)."""
    if kept_by_qtbot:
        workspace = open_workspace(qtbot, db, meeting_id)
    else:
        tab = MeetingsTab(db)
        tab.resize(1200, 760)
        tab.show()
        workspace = tab.open_meeting(meeting_id)
        qtbot.waitUntil(lambda: workspace.data is not None, timeout=5000)
    workspace.pages.setCurrentWidget(workspace.minutes)
    editor = workspace.minutes
    editor.timer.setInterval(60_000)  # the minutes saved by flush(), not by the timer
    return editor


def _typed_on_item_2_then_moved_on(qtbot, editor) -> None:
    editor.item_list.setCurrentRow(1)
    type_text(editor.decision_edit, TYPED)
    editor.next_item()  # Alt+Down, before Enter
    qtbot.waitUntil(lambda: not editor.typed.timer.isActive(), timeout=3000)  # half a second after typing
    settings_store.written()


def _crash(editor) -> None:
    """The program stops: its window goes without being closed, so nothing is asked or let go."""
    delete(editor.window())


def _on_disk(db, meeting_id: int) -> dict:
    settings_store.written()
    return json.loads(QSettings().value(drafts_key(db, meeting_id), "") or "{}")


def _lines(qtbot, editor) -> list[str]:
    """The New decision line of each item, in turn."""
    lines = []
    for row in range(editor.item_list.count()):
        editor.item_list.setCurrentRow(row)
        lines.append(editor.decision_edit.text())
    return lines


@pytest.mark.slow
def test_a_decision_typed_but_not_added_is_back_on_its_item_after_the_program_stopped(qtbot, db, world):
    meeting_id = _held_meeting(db, world.forum)
    editor = _minutes(qtbot, db, meeting_id, kept_by_qtbot=False)
    item_2 = editor.items[1]
    _typed_on_item_2_then_moved_on(qtbot, editor)
    assert _on_disk(db, meeting_id) == {str(item_2.id): ["2. Neglect strategy", TYPED]}
    _crash(editor)

    again = _minutes(qtbot, db, meeting_id)
    assert again.current_item().position == 1 and again.decision_edit.text() == ""
    assert again.state.text() == BACK_ON_ITEM_2
    again.item_list.setCurrentRow(1)
    assert again.decision_edit.text() == TYPED and again.add_decision_button.isEnabled()
    assert again.state.text() == BACK_ON_ITEM_2
    assert mt.list_decisions(db, meeting_id) == []  # back on the line, not added: the officer presses Enter


@pytest.mark.slow
def test_decisions_typed_on_two_items_are_each_back_on_their_own(qtbot, db, world):
    meeting_id = _held_meeting(db, world.forum)
    editor = _minutes(qtbot, db, meeting_id, kept_by_qtbot=False)
    _typed_on_item_2_then_moved_on(qtbot, editor)
    type_text(editor.decision_edit, "Agreed to meet again in May")  # on item 3, Enter not pressed either
    qtbot.waitUntil(lambda: not editor.typed.timer.isActive(), timeout=3000)
    _crash(editor)

    again = _minutes(qtbot, db, meeting_id)
    assert again.state.text() == ("Decisions typed before the program stopped are back on items 2 and 3: press Enter "
                                  "on each item's decision line to add them.")
    assert _lines(qtbot, again) == ["", TYPED, "Agreed to meet again in May"]


@pytest.mark.slow
def test_a_decision_added_after_it_came_back_is_no_longer_kept(qtbot, db, world):
    meeting_id = _held_meeting(db, world.forum)
    editor = _minutes(qtbot, db, meeting_id, kept_by_qtbot=False)
    _typed_on_item_2_then_moved_on(qtbot, editor)
    _crash(editor)

    again = _minutes(qtbot, db, meeting_id, kept_by_qtbot=False)
    again.item_list.setCurrentRow(1)
    QTest.keyClick(again.decision_edit, Qt.Key.Key_Return)
    assert [d.text for d in mt.list_decisions(db, meeting_id)] == [TYPED]
    assert again.decision_edit.text() == "" and again.state.text() == ""
    assert _on_disk(db, meeting_id) == {}  # at once: a crash now puts nothing back
    _crash(again)

    third = _minutes(qtbot, db, meeting_id)
    assert _lines(qtbot, third) == ["", "", ""] and third.state.text() == ""
    assert [d.text for d in mt.list_decisions(db, meeting_id)] == [TYPED]


@pytest.mark.slow
def test_a_decision_let_go_as_the_meeting_is_left_is_not_put_back(qtbot, db, world):
    meeting_id = _held_meeting(db, world.forum)
    editor = _minutes(qtbot, db, meeting_id, kept_by_qtbot=False)
    _typed_on_item_2_then_moved_on(qtbot, editor)
    seen: list[str] = []
    when_modal(click_button("Discard it", seen), "Decision not added")
    assert editor.ready_to_leave()
    assert "Item 2. Neglect strategy: \u201cAgreed the neglect strategy for consultation\u201d" in seen[0]
    assert _on_disk(db, meeting_id) == {}
    _crash(editor)  # even were the program to stop straight after

    again = _minutes(qtbot, db, meeting_id)
    assert _lines(qtbot, again) == ["", "", ""] and again.state.text() == ""


@pytest.mark.slow
def test_a_decision_stayed_with_as_the_meeting_is_left_is_still_kept(qtbot, db, world):
    meeting_id = _held_meeting(db, world.forum)
    editor = _minutes(qtbot, db, meeting_id, kept_by_qtbot=False)
    item_2 = editor.items[1]
    _typed_on_item_2_then_moved_on(qtbot, editor)
    when_modal(click_button("Stay with it"), "Decision not added")
    assert not editor.ready_to_leave()
    assert editor.current_item().id == item_2.id and editor.decision_edit.text() == TYPED
    assert _on_disk(db, meeting_id) == {str(item_2.id): ["2. Neglect strategy", TYPED]}
    _crash(editor)


@pytest.mark.slow
def test_another_meeting_shows_nothing_typed_at_this_one(qtbot, db, world):
    meeting_id = _held_meeting(db, world.forum)
    other_id = _held_meeting(db, world.executive, day=21)
    editor = _minutes(qtbot, db, meeting_id, kept_by_qtbot=False)
    _typed_on_item_2_then_moved_on(qtbot, editor)
    _crash(editor)

    other = _minutes(qtbot, db, other_id)
    assert other.state.text() == "" and other.typed_decisions == {}
    assert _lines(qtbot, other) == ["", "", ""]
    assert _on_disk(db, meeting_id) != {}  # still kept for its own meeting


@pytest.mark.slow
def test_another_file_shows_nothing_typed_in_this_one(qtbot, db, world, tmp_path):
    meeting_id = _held_meeting(db, world.forum)
    copy = tmp_path / "copy of bscp.sqlite3"
    with sqlite3.connect(db.path) as source, sqlite3.connect(copy) as target:
        source.backup(target)  # the same meeting, under the same number, in another file
    editor = _minutes(qtbot, db, meeting_id, kept_by_qtbot=False)
    _typed_on_item_2_then_moved_on(qtbot, editor)
    _crash(editor)

    other_file = Database.open(copy, create=False)
    try:
        other = _minutes(qtbot, other_file, meeting_id)
        assert other.state.text() == "" and other.typed_decisions == {}
        assert _lines(qtbot, other) == ["", "", ""]
        other.window().close()
    finally:
        other_file.close()


def test_the_notice_after_the_program_stopped_mentions_decisions_not_yet_added():
    words = left_open_words("bscp.sqlite3", datetime(2025, 3, 14, 9, 45).timestamp())
    assert words.endswith("A decision typed but not yet added is back on its item's decision line when you open "
                          "that meeting's minutes again: press Enter to add it.")
