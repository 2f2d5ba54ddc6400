"""Words typed into an item's minutes while another officer approves them are not lost: the
Minutes page says they are not saved and points to the amendment, which starts from them;
a failed save asked about on leaving reads as one sentence."""

from __future__ import annotations

from datetime import datetime

import pytest

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.meetings.tab import MeetingsTab
from tests.meetings_world import meeting
from tests.ui.helpers import type_text


@pytest.fixture
def tab(qtbot, db, world):
    widget = MeetingsTab(db)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    return widget


def test_words_typed_as_the_minutes_are_approved_elsewhere_are_pointed_to_the_amendment(tab, qtbot, db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("First"))
    later = meeting(db, world.forum, datetime(2024, 5, 14, 10))
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.minutes)
    editor = ws.minutes
    editor.timer.setInterval(60_000)
    type_text(editor.editor, "Saved part. ")
    assert editor.flush()
    type_text(editor.editor, "Words typed as the chair approved them")
    mt.approve_minutes(db, m.id, later.id)  # by another officer, in another window
    ws.reload()
    qtbot.waitUntil(lambda: not editor.amend_button.isHidden(), timeout=3000)
    assert not editor.flush()  # the officer clicks away
    state = editor.state.text()
    assert state.startswith("Not saved: these minutes were approved meanwhile")
    assert "Amend the minutes of this item… starts from what you typed" in state
    assert "copy what you typed" not in state
    assert editor.editor.toPlainText() == "Saved part. Words typed as the chair approved them"


def test_a_save_refused_before_the_lock_is_said_again_as_the_amendment(tab, qtbot, db, world, monkeypatch):
    """Typed words refused by the save (the minutes approved a moment before it), then the page
    reloaded, locked: the line points to the amendment rather than repeating the refusal."""
    from bscp_desktop.domain.validation import ValidationError
    from bscp_desktop.ui.meetings import minutes_editor

    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("First"))
    later = meeting(db, world.forum, datetime(2024, 5, 14, 10))
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.minutes)
    editor = ws.minutes
    editor.timer.setInterval(60_000)
    type_text(editor.editor, "Late words")

    def approved_meanwhile(*args, **kwargs):
        raise ValidationError({"minutes": "The minutes of this meeting were approved, so they are locked"})

    monkeypatch.setattr(minutes_editor.mt, "save_item_minutes", approved_meanwhile)
    assert not editor.flush() and editor.state.text().startswith("Not saved: The minutes of this meeting were approved")
    monkeypatch.undo()
    mt.approve_minutes(db, m.id, later.id)
    ws.reload()
    qtbot.waitUntil(lambda: not editor.amend_button.isHidden(), timeout=3000)
    qtbot.waitUntil(lambda: editor.state.text().startswith("Not saved: these minutes were approved meanwhile"),
                    timeout=3000)
    assert editor.editor.toPlainText() == "Late words"


def test_a_failed_save_asked_about_reads_as_one_sentence(qtbot, monkeypatch):
    from bscp_desktop.ui.common import autosave

    asked = []
    monkeypatch.setattr(autosave, "choose", lambda parent, title, text, *a, **k: asked.append(text) or True)
    autosave.keep_unsaved(None, "The minutes of this item",
                          "Not saved: The change could not be saved: the folder holding the database is full.")
    assert asked[0].startswith("The minutes of this item are not saved: the change could not be saved: the folder")
    autosave.keep_unsaved(None, "The minutes of this item", "Not saved: NHS login refused.")
    assert asked[1].startswith("The minutes of this item are not saved: NHS login refused.")
