"""Ctrl+Tab by keyboard alone: in an open meeting it moves between the meeting's own Agenda,
Attendance and Minutes from anywhere in it, the heading's ‹ All meetings (where the focus is
when a meeting is opened with Enter) included; before, from there it left the meeting for the
Meetings tab's Action log. And a page made the first time Ctrl+Tab shows it takes the focus on
its first field, not on the unnamed place it is made in (a screen reader said nothing there)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bscp_desktop.ui.meetings.tab import MeetingsTab
from tests.ui.helpers import held_meeting_open

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _page_titles(ws) -> tuple[str, str]:
    tab = ws.parentWidget()
    while not isinstance(tab, MeetingsTab):
        tab = tab.parentWidget()
    return tab.sections.tabText(tab.sections.currentIndex()), ws.pages.tabText(ws.pages.currentIndex())


def test_ctrl_tab_anywhere_in_an_open_meeting_moves_its_own_pages(qtbot, db, world):
    ws = held_meeting_open(qtbot, db, world)
    ws.back.setFocus()
    qtbot.waitUntil(ws.back.hasFocus)
    assert _page_titles(ws) == ("Meetings", "Agenda")

    qtbot.keyClick(ws.back, Qt.Key.Key_Tab, CTRL)  # from the heading
    assert _page_titles(ws) == ("Meetings", "Attendance")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab, CTRL | SHIFT)
    assert _page_titles(ws) == ("Meetings", "Agenda")
    assert ws.isVisible()  # still in the meeting

    table = ws.agenda.table  # from inside a page, as before
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Tab, CTRL)
    assert _page_titles(ws) == ("Meetings", "Attendance")


def test_a_page_first_shown_by_ctrl_tab_takes_the_focus_on_its_first_field(qtbot, db):
    tab = MeetingsTab(db)
    qtbot.addWidget(tab)
    tab.resize(1200, 760)
    tab.show()
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    search = tab.meetings.search
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    assert tab.sections.built_page("action_log") is None

    qtbot.keyClick(search, Qt.Key.Key_Tab, CTRL)

    qtbot.waitUntil(lambda: tab.sections.built_page("action_log") is not None)
    focus = QApplication.focusWidget()
    assert tab.sections.built_page("action_log").isAncestorOf(focus)
    assert focus.accessibleName() == "Search actions"
