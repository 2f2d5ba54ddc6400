"""The live minutes beside other officers: a colleague's save in front of the cursor leaves it
at the same point of the officer's words; after Keep editing the officer types on without the
question coming back until they leave the item or the colleague saves again; a cancelled or
postponed meeting's minutes are not offered for typing."""

from __future__ import annotations

from datetime import datetime

import pytest

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.actions.dialogs import ActionDialog
from bscp_desktop.ui.common.conflict import ConflictDialog
from bscp_desktop.ui.meetings.minutes_cursor import kept_position
from bscp_desktop.ui.meetings.tab import MeetingsTab
from tests.meetings_world import meeting
from tests.ui.helpers import type_text


def _open(qtbot, db, world, status=MeetingStatus.HELD):
    tab = MeetingsTab(db)
    qtbot.addWidget(tab)
    tab.resize(1200, 760)
    tab.show()
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Safeguarding partners' update"))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Any other business"))
    if status is not MeetingStatus.HELD:
        mt.set_meeting_status(db, m.id, status)
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.minutes)
    ws.minutes.timer.setInterval(60_000)  # saves below are made by the test
    return ws.minutes


@pytest.fixture
def editor(qtbot, db, world):
    return _open(qtbot, db, world)


def _reread(editor, db) -> None:
    """The meeting read again, as after the colleague's save's change notice."""
    editor.set_workspace(mt.meeting_workspace(db, editor.meeting.id))


@pytest.mark.parametrize(("old", "new"), [  # | marks the cursor
    ("The Chair opened the meeting.|", "Present: eight members. The Chair opened the meeting.|"),
    ("Welcome 😀 all.| More", "Present: 8. Welcome 😀 all.| More"),  # Qt counts 😀 as two
    ("Welcome 😀 all.| More", "Welcome 😀 all.| Jane's line. More"),
    ("|Welcome all.", "Present: 8. |Welcome all."),
    ("Start. Mine.| End", "Jane's start. Mine.| Jane's end"),
    ("Start. Mi|ne. End", "Jane's start. Mi|ne. Jane's end"),
])
def test_the_cursor_keeps_its_place_in_the_officers_words(old, new):
    def units(text):
        return len(text.encode("utf-16-le")) // 2
    moved = kept_position(old.replace("|", ""), new.replace("|", ""), units(old[:old.index("|")]))
    assert moved == units(new[:new.index("|")])


@pytest.mark.slow
def test_a_colleagues_save_before_the_cursor_leaves_the_officers_next_words_after_their_own(editor, theirs, db):
    item = editor.current_item()
    type_text(editor.editor, "The Chair 😀 opened the meeting.")
    assert editor.flush()
    saved = mt.get_agenda_item(theirs, item.id)
    mt.save_item_minutes(theirs, item.id, "Present: eight members. " + saved.minutes, version=saved.version,
                         base=saved.minutes)
    _reread(editor, db)
    assert editor.editor.toPlainText() == "Present: eight members. The Chair 😀 opened the meeting."
    type_text(editor.editor, " Apologies were noted.")
    assert editor.flush()
    assert mt.get_agenda_item(theirs, item.id).minutes == (
        "Present: eight members. The Chair 😀 opened the meeting. Apologies were noted.")


@pytest.mark.slow
def test_after_keep_editing_the_officer_types_on_until_they_leave_the_item(editor, theirs, db, monkeypatch):
    item = editor.current_item()
    type_text(editor.editor, "Mine one.")
    assert editor.flush()
    mt.save_item_minutes(theirs, item.id, "Mine one. Theirs added.")
    shown: list[ConflictDialog] = []
    answer = {"value": 0}  # Keep editing

    def exec_(box):
        shown.append(box)
        return answer["value"]

    monkeypatch.setattr(ConflictDialog, "exec", exec_)
    type_text(editor.editor, " Mine two.")
    assert editor.autosave.save() is False  # saving itself as the officer types
    assert len(shown) == 1
    for words in (" Mine three.", " Mine four."):  # typing on: each save refused without asking
        type_text(editor.editor, words)
        assert editor.autosave.save() is False
        _reread(editor, db)  # other changes read meanwhile do not ask either
    assert len(shown) == 1
    assert editor.editor.toPlainText() == "Mine one. Mine two. Mine three. Mine four."
    assert mt.get_agenda_item(theirs, item.id).minutes == "Mine one. Theirs added."
    state = editor.state.text()
    assert state.startswith("Not saved: Jane Smith saved the minutes of this item first")
    assert "reload theirs, compare the two or save yours over theirs, choose another item" in state
    # the colleague saves again: asked again
    mt.save_item_minutes(theirs, item.id, "Mine one. Theirs added. And more.")
    type_text(editor.editor, " Five.")
    assert editor.autosave.save() is False
    assert len(shown) == 2
    type_text(editor.editor, " Six.")
    assert editor.autosave.save() is False
    assert len(shown) == 2
    # leaving the item asks again; saving theirs over keeps the officer's words
    answer["value"] = ConflictDialog.OVERWRITE
    editor.item_list.setCurrentRow(1)
    assert len(shown) == 3
    assert editor.current_item().title == "Any other business"
    assert mt.get_agenda_item(theirs, item.id).minutes == "Mine one. Mine two. Mine three. Mine four. Five. Six."


@pytest.mark.parametrize("status", [MeetingStatus.CANCELLED, MeetingStatus.POSTPONED])
def test_a_called_off_meetings_minutes_are_read_only_and_say_why(qtbot, db, world, status, monkeypatch):
    editor = _open(qtbot, db, world, status)
    assert editor.editor.isReadOnly()
    assert editor.editor.placeholderText() == ""  # no "They save themselves as you type" where nothing can be typed
    said = f"This meeting is marked {status.label.lower()}, so it did not take place"
    assert editor.state.text().startswith(said)
    assert not editor.decision_edit.isEnabled() and editor.decision_edit.toolTip().startswith(said)
    assert not editor.new_action_button.isEnabled() and editor.new_action_button.toolTip().startswith(said)
    assert not editor.add_decision_button.isEnabled()
    monkeypatch.setattr(ActionDialog, "exec", lambda _box: pytest.fail("New action offered"))
    editor.new_action()  # Ctrl+Shift+A
    type_text(editor.editor, "The meeting went ahead after all.")
    assert editor.editor.toPlainText() == "" and not editor.dirty()
