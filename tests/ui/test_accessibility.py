"""Every control a person uses has a name that a screen reader can say."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QAbstractSpinBox, QCalendarWidget, QComboBox, QHeaderView, QLineEdit, QPlainTextEdit, QTabBar, QTextEdit

from bscp_desktop.app import make_application, open_database
from tests.ui.helpers import start_window

CONTROLS = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QPlainTextEdit, QTextEdit, QAbstractButton, QTabBar)


def _qt_internal(widget) -> bool:
    """Parts Qt builds inside its own widgets (header views, pop-up lists, clear buttons...);
    a tab widget's row of tabs (named "qt_tabwidget_tabbar") is one a person uses."""
    if isinstance(widget, QTabBar):
        return False
    if widget.objectName().startswith("qt_") or isinstance(widget, QHeaderView):
        return True
    parent = widget.parent()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QLineEdit, QCalendarWidget)):
            return True
        parent = parent.parent()
    return False


@pytest.fixture
def window(qtbot, tmp_path, demo_file):
    make_application()
    db = open_database(shutil.copyfile(demo_file, tmp_path / "demo.sqlite3"), create=False)
    win = start_window(qtbot, db)
    yield win
    win.db.close()


@pytest.mark.slow
def test_every_control_on_every_tab_has_an_accessible_name(window, qapp):
    unnamed = []
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        qapp.processEvents()
        found = {id(w): w for cls in CONTROLS for w in window.tabs.widget(i).findChildren(cls)}
        for widget in found.values():
            if widget.accessibleName() or _qt_internal(widget):
                continue
            if isinstance(widget, QAbstractButton) and widget.text().strip():
                continue  # a button's own text is its name
            unnamed.append(f"{window.tabs.tabText(i)}: {type(widget).__name__} {widget.objectName()!r}")
    assert unnamed == []
