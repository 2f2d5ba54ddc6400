"""An open meeting is read in a worker thread: its frame shows at once, saying it is being
read, and is filled when the read arrives. A read still in flight never shows in another
meeting, nor after the officer has gone back to the list, and a read made before the last
save of the minutes never takes back what was typed."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.meetings.tab import MeetingsTab
from tests.meetings_world import meeting
from tests.ui.helpers import table_texts, type_text


class HeldReads:
    """`mt.meeting_workspace`, whose reads of the meetings in `held` wait for `release()`
    (each read as it was when it started, as a slow read of a large file would be)."""

    def __init__(self, monkeypatch, *held: int):
        self.held = set(held)
        self.gate = threading.Event()
        self.started: list[int] = []
        real = mt.meeting_workspace

        def read(database, meeting_id):
            data = real(database, meeting_id)
            self.started.append(meeting_id)
            if meeting_id in self.held:
                self.held.discard(meeting_id)  # the next read of it is not held
                assert self.gate.wait(30)
            return data

        monkeypatch.setattr(mt, "meeting_workspace", read)

    def release(self) -> None:
        self.gate.set()


@pytest.fixture
def tab(qtbot, db, world, background_lists):
    widget = MeetingsTab(db)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    return widget


def two_meetings(db, world):
    first = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    second = meeting(db, world.executive, datetime(2024, 5, 9, 14), status=MeetingStatus.HELD)
    for title in ("Welcome", "Neglect strategy"):
        mt.add_agenda_item(db, first.id, mt.AgendaItemFields(title))
    mt.add_agenda_item(db, second.id, mt.AgendaItemFields("Budget 2024-25"))
    return mt.get_meeting(db, first.id), mt.get_meeting(db, second.id)


def test_the_frame_shows_at_once_and_is_filled_when_the_read_arrives(tab, qtbot, db, world, monkeypatch):
    first, _second = two_meetings(db, world)
    reads = HeldReads(monkeypatch, first.id)
    ws = tab.open_meeting(first.id)
    assert ws is tab.workspace and tab.stack.currentWidget() is ws and ws.isVisible()
    assert ws.loading()
    assert ws.title.text() == "Loading the meeting…"
    assert ws.waiting.isVisible() and "Reading" in ws.waiting.text()
    assert not ws.pages.isVisible() and not ws.toolbar.isEnabled()
    assert ws.pages.built() == []  # no page is made before there is something to show
    ws.flush()  # nothing typed, nothing read: nothing to do, no error

    reads.release()
    qtbot.waitUntil(lambda: not ws.loading(), timeout=5000)
    assert ws.title.text().startswith(first.label)
    assert not ws.waiting.isVisible() and ws.pages.isVisible() and ws.toolbar.isEnabled()
    qtbot.waitUntil(lambda: ws.pages.built_page("agenda") is not None and not ws.agenda.loading(), timeout=5000)
    assert table_texts(ws.agenda, 1) == ["Welcome", "Neglect strategy"]
    assert ws.pages.built_page("minutes") is None  # made when first shown
    assert reads.started == [first.id]


@pytest.mark.slow
def test_a_read_in_flight_never_shows_in_the_next_meeting_opened(tab, qtbot, db, world, monkeypatch):
    first, second = two_meetings(db, world)
    reads = HeldReads(monkeypatch, first.id)
    slow = tab.open_meeting(first.id)
    assert slow.loading()
    ws = tab.open_meeting(second.id)  # before the first arrives
    qtbot.waitUntil(lambda: not ws.loading(), timeout=5000)
    reads.release()
    qtbot.waitUntil(lambda: reads.started.count(first.id) == 1, timeout=5000)
    qtbot.wait(100)  # the first read's result has had every chance to arrive
    assert tab.workspace is ws and tab.stack.currentWidget() is ws
    assert ws.meeting_id == second.id and ws.data.meeting.id == second.id
    assert ws.title.text().startswith(second.label)
    qtbot.waitUntil(lambda: not ws.agenda.loading(), timeout=5000)
    assert table_texts(ws.agenda, 1) == ["Budget 2024-25"]


@pytest.mark.slow
def test_back_to_the_list_while_the_meeting_is_read(tab, qtbot, db, world, monkeypatch):
    first, _second = two_meetings(db, world)
    reads = HeldReads(monkeypatch, first.id)
    ws = tab.open_meeting(first.id)
    ws.back.click()
    assert tab.workspace is None and tab.stack.currentWidget() is tab.meetings
    reads.release()
    qtbot.waitUntil(lambda: first.id in reads.started, timeout=5000)
    qtbot.wait(100)
    assert tab.workspace is None and tab.stack.currentWidget() is tab.meetings
    assert tab.stack.count() == 1


def test_a_search_hit_opens_the_item_once_the_meeting_is_read(tab, qtbot, db, world, monkeypatch):
    first, _second = two_meetings(db, world)
    item = mt.list_agenda(db, first.id)[1]
    reads = HeldReads(monkeypatch, first.id)
    tab.show_record("meeting", first.id, item.id)
    ws = tab.workspace
    assert ws.loading()
    reads.release()
    qtbot.waitUntil(lambda: not ws.loading(), timeout=5000)
    assert ws.pages.currentWidget() is ws.minutes
    assert ws.minutes.heading.text() == "2. Neglect strategy"


@pytest.mark.slow
def test_a_read_made_before_the_last_save_never_takes_back_what_was_typed(tab, qtbot, db, world, monkeypatch):
    first, _second = two_meetings(db, world)
    item = mt.list_agenda(db, first.id)[0]
    ws = tab.open_meeting(first.id)
    qtbot.waitUntil(lambda: not ws.loading(), timeout=5000)
    ws.pages.setCurrentWidget(ws.minutes)
    editor = ws.minutes
    assert editor.heading.text() == "1. Welcome"
    type_text(editor.editor, "The Chair welcomed everyone. ")
    assert editor.flush()
    qtbot.waitUntil(lambda: not ws.loading(), timeout=5000)

    reads = HeldReads(monkeypatch, first.id)
    ws.reload()  # another change to the meeting: read again, slowly
    assert ws.loading()
    type_text(editor.editor, "Apologies were noted.")  # typed while that read is in flight
    shown: list[str] = []
    editor.editor.textChanged.connect(lambda: shown.append(editor.editor.toPlainText()))
    reads.release()  # it arrives holding the text as it was before the words above were saved
    qtbot.waitUntil(lambda: reads.started.count(first.id) == 2 and not ws.loading(), timeout=5000)
    qtbot.wait(100)
    whole = "The Chair welcomed everyone. Apologies were noted."
    assert shown == []  # the text on screen was never taken back, not even for a moment
    assert editor.editor.toPlainText() == whole
    assert mt.get_agenda_item(db, item.id).minutes == whole  # saved before that read was shown
    type_text(editor.editor, " Minutes of the last meeting agreed.")
    assert editor.flush()
    assert mt.get_agenda_item(db, item.id).minutes == whole + " Minutes of the last meeting agreed."


@pytest.mark.slow
def test_a_meeting_that_cannot_be_read_says_so_and_the_list_shows(tab, qtbot, db, world, monkeypatch):
    first, second = two_meetings(db, world)
    said: list[tuple[str, str]] = []
    monkeypatch.setattr("bscp_desktop.ui.meetings.workspace.show_error",
                        lambda _parent, title, exc: said.append((title, str(exc))))
    gate = threading.Event()
    real = mt.meeting_workspace

    def read(database, meeting_id):
        if meeting_id == first.id:
            assert gate.wait(30)
            raise OSError("disk I/O error")
        return real(database, meeting_id)

    monkeypatch.setattr(mt, "meeting_workspace", read)
    ws = tab.open_meeting(first.id)
    gate.set()
    qtbot.waitUntil(lambda: not ws.loading(), timeout=5000)
    assert said == [("Could not open the meeting", "disk I/O error")]
    assert tab.workspace is None and tab.stack.currentWidget() is tab.meetings

    # a read that fails after the officer has opened another meeting closes nothing
    gate.clear()
    tab.open_meeting(first.id)
    ws = tab.open_meeting(second.id)
    qtbot.waitUntil(lambda: not ws.loading(), timeout=5000)
    gate.set()
    qtbot.wait(200)
    assert tab.workspace is ws and tab.stack.currentWidget() is ws
    assert len(said) == 1
