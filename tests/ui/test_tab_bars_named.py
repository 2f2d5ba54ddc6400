"""Every row of tabs has a name a screen reader says, the same as its tab widget's: the
window's areas, each area's own pages, and a settings dialog's pages."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTabWidget

from bscp_desktop.ui.common.settings_dialog import SettingsDialog
from bscp_desktop.ui.main_window import MainWindow
from bscp_desktop.ui.tabs import TABS
from tests.ui.helpers import start_window


def test_the_windows_row_of_areas_is_named(qtbot):
    window = MainWindow(None, lambda *a, **k: None, opening="records.sqlite3")
    qtbot.addWidget(window)
    assert window.tabs.tabBar().accessibleName() == window.tabs.accessibleName() == "Areas"


@pytest.mark.slow  # every area's tab built
def test_each_areas_row_of_pages_is_named_for_the_area(qtbot, db):
    window = start_window(qtbot, db)
    named = {}
    for spec in TABS:
        if not spec.available:
            continue
        sections = getattr(window.tab(spec.title), "sections", None)
        if isinstance(sections, QTabWidget):
            assert sections.tabBar().accessibleName() == sections.accessibleName()
            named[spec.title] = sections.accessibleName()
    assert named and all(name.startswith(title) for title, name in named.items())
    assert named.get("Memberships") == "Memberships pages"


def test_a_settings_dialogs_row_of_pages_is_named_for_the_dialog(qtbot):
    dialog = SettingsDialog("Meeting settings")
    qtbot.addWidget(dialog)
    assert dialog.tabs.accessibleName() == "Meeting settings pages"
    assert dialog.tabs.tabBar().accessibleName() == "Meeting settings pages"
