"""Words on the Minutes page are never recorded in the wrong place nor let go unasked: a
decision typed but not yet added stays with its own item, minutes that could not be saved stop
the minutes being circulated or approved until the officer lets them go, a save that only
composes an accent leaves the cursor where the officer types, and a meeting archived while open
says so and takes no more minutes."""

from __future__ import annotations

import unicodedata

import pytest
from PySide6.QtCore import QMimeData, Qt

from bscp_desktop.domain.meetings import MinutesStatus
from bscp_desktop.services import meetings as mt
from tests.ui.helpers import click_button, minutes_page, reread, type_text, when_modal


@pytest.fixture
def ws(qtbot, db, world):
    """The Minutes page of a held meeting with three agenda items, the first chosen."""
    return minutes_page(qtbot, db, world.forum, ("Welcome", "Neglect strategy", "Budget 2024-25"))


def decisions(db, meeting_id) -> list[tuple[str, str]]:
    return [(d.item_title, d.text) for d in mt.list_decisions(db, meeting_id)]


def test_a_decision_typed_but_not_added_stays_with_its_item(qtbot, ws, db):
    ed = ws.minutes
    type_text(ed.decision_edit, "Agreed the strategy")
    qtbot.keyClick(ed.decision_edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # on to the next item
    assert ed.current_item().title == "Neglect strategy"
    assert ed.decision_edit.text() == "" and not ed.add_decision_button.isEnabled()
    qtbot.keyClick(ed.decision_edit, Qt.Key.Key_Return)
    assert decisions(db, ws.meeting_id) == []  # nothing recorded under the item moved to
    reread(qtbot, ws)  # a reload leaves it with its item too
    ed.item_list.setCurrentRow(0)
    assert ed.decision_edit.text() == "Agreed the strategy"
    qtbot.keyClick(ed.decision_edit, Qt.Key.Key_Return)
    assert decisions(db, ws.meeting_id) == [("Welcome", "Agreed the strategy")]
    assert ed.decision_edit.text() == ""


def test_leaving_the_meeting_asks_about_a_decision_typed_but_not_added(qtbot, ws, db):
    ed = ws.minutes
    type_text(ed.decision_edit, "Agreed the budget")
    ed.item_list.setCurrentRow(2)
    seen: list[str] = []
    when_modal(click_button("Stay with it", seen))
    assert not ws.flush_or_ask()  # the officer stays, on the decision's item
    assert "Item 1. Welcome: \u201cAgreed the budget\u201d" in seen[0]
    assert ed.current_item().title == "Welcome" and ed.decision_edit.text() == "Agreed the budget"
    ed.item_list.setCurrentRow(1)
    when_modal(click_button("Discard it", seen))
    assert ws.flush_or_ask()
    ed.item_list.setCurrentRow(0)
    assert ed.decision_edit.text() == "" and decisions(db, ws.meeting_id) == []
    assert ws.flush_or_ask() and len(seen) == 2  # nothing typed: nothing asked


def _words_not_saved(qtbot, ws) -> None:
    """Minutes on screen that cannot be saved (over the limit for one item)."""
    ed = ws.minutes
    ed.editor.setFocus()
    md = QMimeData()
    md.setText("x" * (mt.MAX_MINUTES_CHARS + 1))
    ed.editor.insertFromMimeData(md)
    assert not ed.flush()
    assert ed.state.text().startswith("Not saved")


@pytest.mark.slow
def test_minutes_not_saved_stop_approving_and_circulating_until_let_go(qtbot, ws, db):
    _words_not_saved(qtbot, ws)
    seen: list[str] = []

    def stay(box):  # any other box (Approve minutes?) is closed, and seen
        if box.windowTitle() == "Not saved":
            click_button("Stay with them", seen)(box)
        else:
            seen.append(box.windowTitle())
            box.reject()

    for command in (ws.approve, ws.circulate, ws.edit_details):
        when_modal(stay)
        command()  # no other box opens: the officer stays with the words
        assert mt.get_meeting(db, ws.meeting_id).minutes_status is MinutesStatus.DRAFT
    assert len(seen) == 3 and all("not saved" in text for text in seen)
    assert ws.minutes.editor.toPlainText().endswith("xxx") and not ws.minutes.editor.isReadOnly()
    when_modal(click_button("Discard them"), "Not saved")
    when_modal(lambda dialog: dialog._on_save(), "Mark minutes circulated")  # on the day asked: today
    ws.circulate()  # the words let go: the minutes go out as saved
    assert mt.get_meeting(db, ws.meeting_id).minutes_status is MinutesStatus.CIRCULATED
    assert ws.minutes.editor.toPlainText() == "Noted the report."


def test_a_save_that_composes_an_accent_leaves_the_cursor_where_the_officer_types(qtbot, ws, db):
    ed = ws.minutes
    cursor = ed.editor.textCursor()
    cursor.setPosition(6)  # "Noted |the report."
    ed.editor.setTextCursor(cursor)
    type_text(ed.editor, "Rene\u0301e ")
    assert ed.flush()
    saved = mt.get_agenda_item(db, ed.current_item().id).minutes
    assert saved == unicodedata.normalize("NFC", "Noted Rene\u0301e the report.")
    reread(qtbot, ws)
    assert ed.editor.textCursor().position() == 13 and not ed.dirty()
    type_text(ed.editor, "X")
    assert ed.flush()
    assert mt.get_agenda_item(db, ed.current_item().id).minutes == "Noted Ren\u00e9e Xthe report."


def test_minutes_saved_by_someone_else_reload_with_the_cursor_kept(qtbot, ws, db):
    ed = ws.minutes
    item = ed.current_item()
    cursor = ed.editor.textCursor()
    cursor.setPosition(5)
    ed.editor.setTextCursor(cursor)
    mt.save_item_minutes(db, item.id, "Noted the report. Jane asked for a summary.")
    reread(qtbot, ws)
    assert ed.editor.toPlainText() == "Noted the report. Jane asked for a summary."
    assert ed.editor.textCursor().position() == 5


@pytest.mark.slow
def test_a_meeting_archived_while_open_says_so_and_takes_no_more_minutes(qtbot, ws, db, tmp_path):
    ed = ws.minutes
    type_text(ed.decision_edit, "Agreed to write to the ICB")
    type_text(ed.editor, " Typed before it was archived.")
    mt.archive_meeting(db, ws.meeting_id)
    reread(qtbot, ws)
    assert ws.archived_bar.isVisibleTo(ws)
    assert ws.archived_bar.note.text().startswith("This meeting was archived: restore it to go on minuting.")
    assert ed.editor.isReadOnly() and ed.decision_edit.isReadOnly()
    assert ed.editor.toPlainText().endswith("Typed before it was archived.")  # kept on screen
    assert ed.state.text().startswith("Not saved")
    assert ed.decision_edit.text() == "Agreed to write to the ICB"
    assert not ed.add_decision_button.isEnabled() and not ed.new_action_button.isEnabled()
    assert not ws.approve_action.isEnabled() and not ws.circulate_action.isEnabled()
    ws.window().grab().save(str(tmp_path / "archived.png"))
    ws.restore()  # asks nothing: the meeting was archived by someone else, and comes back as it was
    reread(qtbot, ws)
    assert not ws.archived_bar.isVisibleTo(ws) and not ed.editor.isReadOnly()
    assert ed.flush()  # the words kept on screen are saved once it is restored
    assert mt.get_agenda_item(db, ed.current_item().id).minutes.endswith("Typed before it was archived.")


@pytest.mark.slow  # types for about a second
def test_minutes_typed_on_without_a_pause_are_saved_before_the_typing_stops(qtbot, ws, db):
    """One key every 50 ms never let the save timer run out: a crash lost the whole burst."""
    ed = ws.minutes
    ed.timer.setInterval(400)  # longer than any gap between keys
    ed.autosave.max_wait_ms = 200
    item = ed.current_item()
    ed.editor.moveCursor(ed.editor.textCursor().MoveOperation.End)
    for char in " Jane asked for a summary":
        qtbot.keyClick(ed.editor, char)
        qtbot.wait(50)
    saved = mt.get_agenda_item(db, item.id).minutes  # read while the typing has not paused
    assert saved.startswith("Noted the report. Jane asked") and saved != "Noted the report."
