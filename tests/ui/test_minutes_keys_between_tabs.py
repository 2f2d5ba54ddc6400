"""Ctrl+PgDown and Ctrl+PgUp mean one thing everywhere in the window, the Minutes page of an open
meeting included: its next and previous tab (View > Next tab, Previous tab). Alt+Down and Alt+Up
move between the agenda items there."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt, qInstallMessageHandler

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting
from tests.ui.helpers import start_window


@pytest.fixture
def qt_messages():
    """What Qt says while the test runs (its warnings: "Ambiguous shortcut overload: ..."),
    whether or not pytest captures output."""
    said: list[str] = []
    previous = qInstallMessageHandler(lambda _kind, _context, message: said.append(message))
    yield said
    qInstallMessageHandler(previous)


@pytest.mark.slow  # the whole window, with a meeting open on its Minutes page
def test_ctrl_page_down_in_the_minutes_moves_to_the_next_tab_without_a_clash(qtbot, qt_messages, db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    for title in ("Welcome", "Neglect strategy", "Budget"):
        mt.add_agenda_item(db, m.id, mt.AgendaItemFields(title))
    window = start_window(qtbot, db)
    meetings = window.tab("Meetings")
    window.tabs.setCurrentWidget(meetings)
    ws = meetings.open_meeting(m.id)
    qtbot.waitUntil(lambda: ws.data is not None, timeout=5000)
    ws.pages.setCurrentWidget(ws.minutes)
    page = ws.minutes
    qtbot.waitUntil(lambda: page.item_list.count() == 3, timeout=5000)
    page.item_list.setCurrentRow(1)
    window.activateWindow()
    page.editor.setFocus()
    qtbot.waitUntil(page.editor.hasFocus, timeout=2000)
    at = window.tabs.currentIndex()

    qtbot.keyClick(page.editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == (at + 1) % window.tabs.count()
    assert page.item_list.currentRow() == 1
    assert not [m for m in qt_messages if "Ambiguous shortcut" in m]

    window.tabs.setCurrentWidget(meetings)
    page.editor.setFocus()
    qtbot.waitUntil(page.editor.hasFocus, timeout=2000)
    qtbot.keyClick(page.editor, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == (at - 1) % window.tabs.count()
    window.tabs.setCurrentWidget(meetings)
    page.editor.setFocus()
    qtbot.waitUntil(page.editor.hasFocus, timeout=2000)
    qtbot.keyClick(page.editor, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert (window.tabs.currentIndex(), page.item_list.currentRow()) == (at, 2)
    qtbot.keyClick(page.editor, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert page.item_list.currentRow() == 1
    assert not [m for m in qt_messages if "Ambiguous shortcut" in m]
