"""Live minutes with two officers on one database (two connections to one file): who else is
editing the item is shown, and minutes someone else saved meanwhile are never overwritten
without the officer choosing to."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bscp_desktop.db.base import utcnow
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import editing
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.common.conflict import ConflictDialog
from bscp_desktop.ui.meetings.tab import MeetingsTab
from tests.meetings_world import meeting
from tests.ui.helpers import type_text


@pytest.fixture
def editor(qtbot, db, world):
    tab = MeetingsTab(db)
    qtbot.addWidget(tab)
    tab.resize(1200, 760)
    tab.show()
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Safeguarding partners' update"))
    ws = tab.open_meeting(m.id)
    ws.pages.setCurrentWidget(ws.minutes)
    ws.minutes.timer.setInterval(60_000)  # saves below are made by flush()
    return ws.minutes


def test_the_minutes_view_shows_who_else_is_editing_the_item(editor, theirs, tmp_path):
    item = editor.current_item()
    assert editor.presence_note.isHidden()
    assert editing.heartbeat(theirs, "agenda_item", item.id, editing.new_key(), "Jane Smith") == ()
    editor.presence.look()
    assert not editor.presence_note.isHidden()
    assert editor.presence_note.text().startswith("Jane Smith is also editing these minutes")
    editor.window().grab().save(str(tmp_path / "minutes-editing.png"))
    # their claim goes stale after a minute without a heartbeat
    later = utcnow() + timedelta(minutes=2)
    assert editing.editing_now(theirs, "agenda_item", [item.id], now=later) == {}


def test_typing_claims_the_item_and_moving_away_gives_it_up(editor, theirs, db):
    item = editor.current_item()
    type_text(editor.editor, "Jane's report was noted.")
    editor.flush()
    mine = editing.editing_now(theirs, "agenda_item", [item.id])
    assert list(mine) == [item.id]
    # another program sees the claim; the editor itself does not see its own
    assert editor.presence.look() == ()
    other_key = editing.new_key()
    (seen,) = editing.heartbeat(theirs, "agenda_item", item.id, other_key, "Jane Smith")
    assert seen.holder == mine[item.id][0].holder
    editor.hide()  # gives up its own claim, not Jane's
    assert [e.holder for e in editing.editing_now(theirs, "agenda_item", [item.id])[item.id]] == ["Jane Smith"]
    editing.stop_editing(theirs, "agenda_item", item.id, other_key)
    assert editing.editing_now(theirs, "agenda_item", [item.id]) == {}


def test_the_officer_who_started_first_sees_everyone_who_joins_them(editor, theirs):
    item = editor.current_item()
    type_text(editor.editor, "Jane's report was noted.")
    editor.flush()  # this officer claims the item first
    editing.heartbeat(theirs, "agenda_item", item.id, editing.new_key(), "Ben Smith")
    editor.presence.look()
    assert editor.presence_note.text().startswith("Ben Smith is also editing these minutes (since ")
    jo = editing.new_key()
    editing.heartbeat(theirs, "agenda_item", item.id, jo, "Jo Bloggs")
    editing.heartbeat(theirs, "agenda_item", item.id, editing.new_key(), "Ben Smith")  # his other computer
    editor.presence._renew()  # the editor's own heartbeat says who else is there too
    assert [e.holder for e in editor.presence.others] == ["Ben Smith", "Jo Bloggs", "Ben Smith"]
    assert editor.presence_note.text() == (
        "Ben Smith and Jo Bloggs are also editing these minutes. "
        "If two of you change them, the second save is refused and nothing is lost."
    )
    editing.stop_editing(theirs, "agenda_item", item.id, jo)
    editor.presence.look()
    assert editor.presence_note.text().startswith("Ben Smith is also editing these minutes")


def test_minutes_someone_else_saved_meanwhile_are_not_overwritten(editor, theirs, monkeypatch, tmp_path):
    item = editor.current_item()
    type_text(editor.editor, "Tom's first line.")
    assert editor.flush()
    theirs.user = "Jane Smith"
    mt.save_item_minutes(theirs, item.id, "Jane's minutes of the item.")
    shown: list[ConflictDialog] = []
    answer = {"value": 0}

    def exec_(box):
        shown.append(box)
        box.compare()
        box.grab().save(str(tmp_path / "minutes-conflict.png"))
        return answer["value"]

    monkeypatch.setattr(ConflictDialog, "exec", exec_)
    type_text(editor.editor, " Tom's second line.")
    assert editor.flush() is False  # refused: kept on screen, not saved
    assert "Jane Smith changed the agenda item" in shown[0].message.text()
    assert shown[0].table.item(0, 2).text() == "Jane's minutes of the item."
    assert "Jane Smith" in editor.state.text() and "not been saved" in editor.state.text()
    assert mt.get_agenda_item(theirs, item.id).minutes == "Jane's minutes of the item."
    # Reload: Jane's minutes on screen, and the next words save on top of them
    answer["value"] = ConflictDialog.RELOAD
    type_text(editor.editor, ".")
    editor.flush()
    assert editor.editor.toPlainText() == "Jane's minutes of the item."
    type_text(editor.editor, " Agreed.")
    assert editor.flush()
    assert mt.get_agenda_item(theirs, item.id).minutes == "Jane's minutes of the item. Agreed."
    assert len(shown) == 2


def test_save_mine_over_theirs_is_a_choice_and_theirs_stays_in_the_history(editor, theirs, monkeypatch):
    item = editor.current_item()
    type_text(editor.editor, "Tom's.")
    assert editor.flush()
    mt.save_item_minutes(theirs, item.id, "Jane's.")
    monkeypatch.setattr(ConflictDialog, "exec", lambda box: ConflictDialog.OVERWRITE)
    type_text(editor.editor, " More.")
    assert editor.flush()
    assert mt.get_agenda_item(theirs, item.id).minutes == "Tom's. More."
