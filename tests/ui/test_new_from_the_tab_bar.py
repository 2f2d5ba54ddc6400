"""Ctrl+N adds one on the tab in front even while the focus is on a row of tabs, where it sits
when the window opens or a tab is clicked (and on an empty list, whose table is hidden)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import start_window, when_modal


def _ctrl_n_opens(qtbot, bar, title: str) -> None:
    seen: list[str] = []

    def close(dialog) -> None:
        seen.append(dialog.windowTitle())
        dialog.reject()

    when_modal(close, title)
    bar.setFocus()
    qtbot.waitUntil(bar.hasFocus, timeout=5000)
    qtbot.keyClick(bar, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen[0].startswith(title)


@pytest.mark.slow
def test_ctrl_n_on_the_areas_tabs_adds_one_on_the_page_in_front(qtbot, db):
    window = start_window(qtbot, db)
    window.activateWindow()
    memberships = window.tab("Memberships")
    window.tabs.setCurrentWidget(memberships)
    page = memberships.sections.currentWidget()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10000)
    _ctrl_n_opens(qtbot, window.tabs.tabBar(), "New")


def test_ctrl_n_on_an_areas_own_tabs_adds_one_on_its_page_in_front(qtbot, db):
    window = start_window(qtbot, db)
    window.activateWindow()
    memberships = window.tab("Memberships")
    window.tabs.setCurrentWidget(memberships)
    sections = memberships.sections
    sections.setCurrentIndex(1)
    page = sections.currentWidget()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10000)
    _ctrl_n_opens(qtbot, sections.tabBar(), "New")
    assert QApplication.activeModalWidget() is None


@pytest.mark.slow
def test_ctrl_n_on_the_training_tabs_adds_one_on_its_page_in_front(qtbot, db):
    """Training lays its sub-tabs out beneath its own buttons, and they work as every tab's do."""
    window = start_window(qtbot, db)
    window.activateWindow()
    training = window.tab("Training")
    window.tabs.setCurrentWidget(training)
    sections = training.sections
    assert sections.documentMode()  # drawn flat, as the other tabs' rows
    sections.setCurrentIndex(2)  # Courses
    page = sections.currentWidget()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10000)
    _ctrl_n_opens(qtbot, sections.tabBar(), "New")
    assert QApplication.activeModalWidget() is None
