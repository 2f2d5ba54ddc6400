"""Ctrl+Tab and Ctrl+Shift+Tab move the sub-tabs of the page in front wherever the focus is,
the window's own row of tabs included (where it sits when the window opens); the window's tabs
move on Ctrl+PgDown and Ctrl+PgUp only (`area_tab.SubTabKeys`)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import start_window

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.mark.slow
def test_ctrl_tab_on_the_windows_row_of_tabs_moves_the_pages_sub_tabs(qtbot, db):
    window = start_window(qtbot, db)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.tabs.setCurrentIndex(0)
    sections = window.tabs.currentWidget().sections
    sections.setCurrentIndex(0)
    bar = window.tabs.tabBar()
    bar.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bar)

    qtbot.keyClick(bar, Qt.Key.Key_Tab, CTRL)
    assert (window.tabs.currentIndex(), sections.currentIndex()) == (0, 1)
    qtbot.keyClick(bar, Qt.Key.Key_Backtab, CTRL | SHIFT)  # as a keyboard sends Ctrl+Shift+Tab
    assert (window.tabs.currentIndex(), sections.currentIndex()) == (0, 0)
    qtbot.keyClick(bar, Qt.Key.Key_Tab, CTRL | SHIFT)
    assert (window.tabs.currentIndex(), sections.currentIndex()) == (0, sections.count() - 1)  # round to the last

    window.search_button.setFocus()  # beside the row of tabs
    qtbot.keyClick(window.search_button, Qt.Key.Key_Tab, CTRL)
    assert (window.tabs.currentIndex(), sections.currentIndex()) == (0, 0)

    qtbot.keyClick(bar, Qt.Key.Key_PageDown, CTRL)  # the window's own tabs: Ctrl+PgDown
    assert window.tabs.currentIndex() == 1
