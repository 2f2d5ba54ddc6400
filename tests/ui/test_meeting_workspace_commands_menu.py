"""An open meeting's own commands (Edit details…, Approve minutes…, the PDFs...) from the keyboard:
Shift+F10 or the Menu key anywhere in the meeting shows them, after the list's own tools on the
agenda and the register, and after Cut, Copy and Paste in the minutes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMenu

from tests.ui.helpers import held_meeting_open

MEETING_COMMANDS = ["Edit details…", "Mark minutes circulated", "Back to draft", "Approve minutes…", "Agenda PDF…",
                    "Minutes PDF…", "Minutes for circulation PDF…", "Calendar file…", "Take offline…"]


@pytest.fixture
def workspace(qtbot, db, world):
    return held_meeting_open(qtbot, db, world)


def menu_on(qtbot, widget, key=Qt.Key.Key_F10, modifier=Qt.KeyboardModifier.ShiftModifier) -> list[str]:
    """The entries of the menu the key opens with the keyboard on `widget` (closed again)."""
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)
    qtbot.keyClick(widget, key, modifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=2000)
    menu = QApplication.activePopupWidget()
    entries = [a.text() for a in menu.actions() if not a.isSeparator()]
    menu.close()
    return entries


@pytest.mark.slow
def test_shift_f10_anywhere_in_an_open_meeting_offers_the_meetings_own_commands(qtbot, workspace):
    ws = workspace
    agenda = ws.pages.show_page("agenda")
    qtbot.waitUntil(lambda: not agenda.loading() and agenda.model.rowCount() == 2, timeout=5000)
    agenda.table.selectRow(0)
    entries = menu_on(qtbot, agenda.table)
    assert entries[:2] == ["New agenda item", "Edit"]  # the list's own tools first, as before
    assert entries[-len(MEETING_COMMANDS):] == MEETING_COMMANDS
    assert menu_on(qtbot, agenda.table, Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier) == entries
    agenda.table.customContextMenuRequested.emit(QPoint(5, 5))  # a right-click: the same menu
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=2000)
    menu = QApplication.activePopupWidget()
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == entries
    qtbot.keyClick(menu, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)  # pressed again over it: no second menu
    assert QApplication.activePopupWidget() is menu
    menu.close()

    register = ws.pages.show_page("attendance")
    qtbot.waitUntil(lambda: not register.loading() and register.model.rowCount() > 0, timeout=5000)
    register.table.selectRow(0)
    entries = menu_on(qtbot, register.table)
    assert "Present" in entries and entries[-len(MEETING_COMMANDS):] == MEETING_COMMANDS

    minutes = ws.pages.show_page("minutes")
    qtbot.waitUntil(minutes.item_list.isVisible, timeout=2000)
    assert menu_on(qtbot, minutes.item_list) == MEETING_COMMANDS
    in_the_text = menu_on(qtbot, minutes.editor)
    assert any("Paste" in entry for entry in in_the_text)  # the text box's own menu is kept
    assert in_the_text[-len(MEETING_COMMANDS):] == MEETING_COMMANDS
    assert menu_on(qtbot, ws.back) == MEETING_COMMANDS


@pytest.mark.slow
def test_the_meetings_menu_holds_its_toolbars_own_commands(qtbot, workspace):
    """The same commands, not copies: each is enabled, and says why not, as on the toolbar."""
    ws = workspace
    agenda = ws.pages.show_page("agenda")
    qtbot.waitUntil(lambda: not agenda.loading() and agenda.model.rowCount() == 2, timeout=5000)
    menu = ws.show_commands(agenda.table)
    try:
        assert {ws.edit_action, ws.approve_action, ws.agenda_pdf, ws.minutes_pdf} <= set(menu.actions())
    finally:
        menu.close()


@pytest.mark.slow
def test_in_an_open_meeting_the_lists_search_box_keeps_the_meetings_menu(qtbot, workspace):
    """A list page's menu keys reach its tools from anywhere on it; in a meeting the meeting's
    menu (which starts with them) keeps those keys: one menu, never two."""
    agenda = workspace.pages.show_page("agenda")
    qtbot.waitUntil(lambda: not agenda.loading() and agenda.model.rowCount() == 2, timeout=5000)
    agenda.show_tools_menu = lambda *args, **kwargs: pytest.fail("the list's own menu opened inside a meeting")
    in_the_search_box = menu_on(qtbot, agenda.search)
    assert any("Paste" in entry for entry in in_the_search_box)
    assert in_the_search_box[-len(MEETING_COMMANDS):] == MEETING_COMMANDS
