"""The Section 11 page is used from the keyboard as every list page is: Ctrl+N adds a cycle
(New cycle…), from inside the page and from the Audits tab's row of sub-tabs, and the Menu key or
Shift+F10 anywhere on it opens its tools as a menu, each offered as its button is."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from bscp_desktop.ui.audits.section11_page import Section11Page
from bscp_desktop.ui.audits.tab import AuditsTab
from tests.ui.helpers import shown_tab, when_modal


def _empty_page(qtbot, db) -> Section11Page:
    page = shown_tab(qtbot, Section11Page(db), (1100, 700))
    page.activateWindow()
    qtbot.waitUntil(lambda: page.isActiveWindow() and page.empty.isVisible())
    return page


def _ctrl_n_opens_a_new_cycle(qtbot, where) -> None:
    seen: list[str] = []

    def close(dialog) -> None:
        seen.append(dialog.windowTitle())
        dialog.reject()

    when_modal(close, "New Section 11 cycle")
    where.setFocus()
    qtbot.waitUntil(where.hasFocus)
    QTest.keyClick(where, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == ["New Section 11 cycle"]


def test_ctrl_n_on_the_empty_page_starts_a_new_cycle(qtbot, db):
    page = _empty_page(qtbot, db)
    _ctrl_n_opens_a_new_cycle(qtbot, page.cycle_combo)


def test_ctrl_n_on_the_audits_row_of_sub_tabs_starts_a_new_cycle(qtbot, db):
    tab = shown_tab(qtbot, AuditsTab(db, None), (1100, 700))
    tab.activateWindow()
    page = tab.sections.show_page("section11")
    qtbot.waitUntil(lambda: tab.isActiveWindow() and page.empty.isVisible())
    _ctrl_n_opens_a_new_cycle(qtbot, tab.sections.tabBar())


@pytest.mark.parametrize(("key", "modifier"), [(Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier),
                                               (Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)])
def test_the_menu_key_and_shift_f10_open_the_pages_tools(qtbot, db, key, modifier):
    page = _empty_page(qtbot, db)
    page.cycle_combo.setFocus()
    qtbot.waitUntil(page.cycle_combo.hasFocus)
    QTest.keyClick(page.cycle_combo, key, modifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    entries = {a.text(): a for a in menu.actions() if not a.isSeparator()}
    assert list(entries)[:2] == ["New cycle…", "Edit cycle…"] and "Remove agency from the cycle…" in entries
    assert [text for text, a in entries.items() if a.isEnabled()] == ["New cycle…"]  # no cycle yet
    assert entries["Edit cycle…"].toolTip() == "Start a Section 11 cycle first (New cycle…)."
    menu.close()
