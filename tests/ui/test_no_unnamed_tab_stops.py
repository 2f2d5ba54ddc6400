"""Tab never stops on something a screen reader cannot name: a scroll area that holds a page's
parts (Case reviews > Tracker's timeline, Training > Figures and charts) either lets Tab go on
to those parts or is named."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea, QPlainTextEdit, QTextEdit

from tests.ui.helpers import start_window


@pytest.mark.slow  # every page of every tab of the demo
def test_no_visible_scroll_area_is_an_unnamed_tab_stop(qtbot, demo_db):
    window = start_window(qtbot, demo_db, size=(1280, 800))
    unnamed = []
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        sections = window.tabs.widget(i).sections
        for s in range(sections.count()):
            sections.setCurrentIndex(s)
            qtbot.wait(50)
            for area in sections.currentWidget().findChildren(QAbstractScrollArea):
                if isinstance(area, QAbstractItemView | QPlainTextEdit | QTextEdit) or not area.isVisible():
                    continue
                if area.focusPolicy() & Qt.FocusPolicy.TabFocus and not area.accessibleName():
                    unnamed.append((window.tabs.tabText(i), sections.tabText(s), type(area).__name__))
    assert unnamed == []
