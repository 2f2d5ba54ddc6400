"""The words a minute-taker typed are kept as typed: minutes approved by another officer while
they typed become the amendment rather than vanish, no-break spaces stay no-break spaces, and
one Ctrl+Z takes back the last word typed, not the whole paragraph."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.meetings.dialogs import AmendMinutesDialog
from tests.ui.helpers import minutes_page, reread, type_text, when_modal


@pytest.fixture
def ws(qtbot, db, world):
    """The Minutes page of a held meeting with one agenda item, chosen."""
    return minutes_page(qtbot, db, world.forum, ("Neglect strategy",))


def test_words_refused_because_the_minutes_were_approved_meanwhile_become_the_amendment(qtbot, ws, theirs):
    ed = ws.minutes
    item = ed.current_item()
    ed.editor.moveCursor(ed.editor.textCursor().MoveOperation.End)
    type_text(ed.editor, " Police to lead the neglect pilot.")
    mt.approve_minutes(theirs, ws.meeting_id, None, date(2024, 3, 20), method="email", approved_by="Chair")
    reread(qtbot, ws)  # the approval's change notice: the words stay on screen, refused
    assert not ed.flush()
    assert "Not saved" in ed.state.text()
    typed = "Noted the report. Police to lead the neglect pilot."
    assert ed.editor.toPlainText() == typed
    assert ed.amend_button.isVisible()
    seen: list[str] = []

    def amend(dialog):
        seen.append(dialog.text.toPlainText())
        dialog.reason.setText("Typed while the minutes were approved")
        if dialog.save_button.isEnabled():
            dialog.save_button.click()
        else:  # nothing changed from the saved minutes: Save waits for a change
            dialog.reject()

    when_modal(amend, "Amend the minutes")
    ed.amend_button.click()
    assert seen == [typed]  # the amendment starts from the words on screen
    assert mt.get_agenda_item(theirs, item.id).minutes == typed
    assert ed.editor.toPlainText() == typed
    assert not ed.dirty() and "Not saved" not in ed.state.text()


def test_the_amendment_starts_from_the_saved_minutes_when_nothing_is_unsaved(qtbot, ws, db):
    ed = ws.minutes
    dialog = AmendMinutesDialog(db, ed.current_item(), ed, text="Noted the report. More.")
    qtbot.addWidget(dialog)
    assert dialog.text.toPlainText() == "Noted the report. More."
    assert "minutes" not in dialog.check()
    plain = AmendMinutesDialog(db, ed.current_item(), ed)
    qtbot.addWidget(plain)
    assert plain.text.toPlainText() == "Noted the report."
    assert plain.check()["minutes"] == "Change the minutes, or press Cancel"


def test_a_no_break_space_is_saved_as_typed(qtbot, ws, db):
    ed = ws.minutes
    item = ed.current_item()
    ed.editor.moveCursor(ed.editor.textCursor().MoveOperation.End)
    type_text(ed.editor, " Budget 10\u00a0000; \u00a3\u00a05.")
    ed.editor.textCursor().insertText("\nSecond paragraph\u2028same paragraph, new line")
    typed = "Noted the report. Budget 10\u00a0000; \u00a3\u00a05.\nSecond paragraph\nsame paragraph, new line"
    assert ed.autosave.read() == typed
    assert ed.flush()
    assert mt.get_agenda_item(db, item.id).minutes == typed
    assert not ed.dirty()
    reread(qtbot, ws)  # read again: the same words, nothing taken for a change
    assert ed.autosave.read() == typed and not ed.dirty()


def test_an_amendment_keeps_its_no_break_spaces(qtbot, ws, db):
    ed = ws.minutes
    item = ed.current_item()
    dialog = AmendMinutesDialog(db, item, ed, text="Noted the report of 10\u00a0000 children.")
    qtbot.addWidget(dialog)
    dialog.reason.setText("The number was missing")
    dialog.save_button.click()
    assert mt.get_agenda_item(db, item.id).minutes == "Noted the report of 10\u00a0000 children."


def undo(qtbot, ed) -> str:
    qtbot.keyClick(ed.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    return ed.editor.toPlainText()


def test_one_ctrl_z_takes_back_the_last_word_typed_not_the_paragraph(qtbot, ws, db):
    ed = ws.minutes
    item = ed.current_item()
    ed.editor.moveCursor(ed.editor.textCursor().MoveOperation.End)
    qtbot.keyClick(ed.editor, Qt.Key.Key_Return)
    type_text(ed.editor, "The Chair welcomed members. Typo here tpyo")
    assert ed.flush()
    assert undo(qtbot, ed) == "Noted the report.\nThe Chair welcomed members. Typo here "
    assert ed.flush()  # the text saves itself: only the last word is gone from the saved minutes
    assert mt.get_agenda_item(db, item.id).minutes == "Noted the report.\nThe Chair welcomed members. Typo here "
    assert undo(qtbot, ed) == "Noted the report.\nThe Chair welcomed members. Typo "
    assert undo(qtbot, ed) == "Noted the report.\nThe Chair welcomed members. "
    qtbot.keyClick(ed.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert ed.editor.toPlainText() == "Noted the report.\nThe Chair welcomed members. Typo "
    type_text(ed.editor, "noted")
    assert undo(qtbot, ed) == "Noted the report.\nThe Chair welcomed members. Typo "


def test_words_typed_in_another_place_are_taken_back_on_their_own(qtbot, ws):
    ed = ws.minutes
    ed.editor.moveCursor(ed.editor.textCursor().MoveOperation.End)
    type_text(ed.editor, " Agreed")
    ed.editor.moveCursor(ed.editor.textCursor().MoveOperation.Start)
    type_text(ed.editor, "Item")
    assert undo(qtbot, ed) == "Noted the report. Agreed"
    assert undo(qtbot, ed) == "Noted the report. "
    ed.editor.moveCursor(ed.editor.textCursor().MoveOperation.End)
    type_text(ed.editor, "Tom's caf\u00e9 e\u0301")
    assert undo(qtbot, ed) == "Noted the report. Tom's caf\u00e9 "
