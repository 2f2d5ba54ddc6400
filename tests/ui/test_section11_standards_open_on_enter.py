"""A cycle's standards with the keyboard: Enter (or F2) on the chosen standard edits it, as a
double-click does, and no button of the dialog is pressed by an Enter meant for the list."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.ui.audits import s11_dialogs
from bscp_desktop.ui.audits.s11_dialogs import StandardsDialog

TODAY = date(2024, 10, 1)


@pytest.fixture
def dialog(qtbot, db, monkeypatch):
    """The standards of a cycle that opens in the future (so they may change), shown; each
    standard dialog it opens is noted by its title and closed."""
    cycle = s11.create_cycle(db, s11.CycleFields("2026-28", date(2026, 4, 1), date(2026, 6, 30)))
    opened: list[str] = []
    monkeypatch.setattr(s11_dialogs.StandardDialog, "exec", lambda self: opened.append(self.windowTitle()) or 0)
    shown = StandardsDialog(db, s11.get_cycle(db, cycle.id), None, TODAY)
    qtbot.addWidget(shown)
    shown.show()
    shown.activateWindow()
    shown.list.setFocus()
    qtbot.waitUntil(shown.list.hasFocus, timeout=2000)
    shown.opened = opened
    return shown


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2])
def test_enter_on_the_chosen_standard_edits_it(qtbot, dialog, key):
    dialog.list.setCurrentRow(2)
    chosen = dialog._selected()
    qtbot.keyClick(dialog.list, key)
    assert dialog.opened == [f"Edit standard {chosen.number}"]
    assert dialog.isVisible()


def test_a_double_click_on_a_standard_still_edits_it(qtbot, dialog):
    dialog.list.setCurrentRow(1)
    chosen = dialog._selected()
    where = dialog.list.visualItemRect(dialog.list.item(1)).center()
    qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert dialog.opened == [f"Edit standard {chosen.number}"]


def test_no_button_of_the_standards_dialog_is_pressed_by_enter(dialog):
    assert [b.text() for b in dialog.findChildren(QPushButton) if b.autoDefault() or b.isDefault()] == []
