"""Each area's workbook is on Ctrl+E and its printed report on Ctrl+P, for the tab in front only:
the keys reach the tab's own actions from any widget in it, never another tab's."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

TODAY = date(2024, 2, 1)


def _tab(area: str, db):
    if area == "case_reviews":
        from bscp_desktop.ui.case_reviews.tab import CaseReviewsTab

        return CaseReviewsTab(db, None, today=TODAY)
    if area == "finance":
        from bscp_desktop.ui.finance.tab import FinanceTab

        return FinanceTab(db, None, today=TODAY)
    from bscp_desktop.ui.audits.tab import AuditsTab

    return AuditsTab(db, None, today=TODAY)


@pytest.mark.parametrize(("area", "workbook", "printed"), [
    ("case_reviews", "Case review tracker (Excel)…", "Case summary of the selected case (PDF)…"),
    ("finance", "Finance workbook…", "Finance summary (PDF)…"),
    ("audits", "Audits workbook", None),
])
def test_the_workbook_and_report_keys_belong_to_their_tab(area, workbook, printed, qtbot, db):
    tab = _tab(area, db)
    qtbot.addWidget(tab)
    keyed = {a.shortcut().toString(): a for a in tab.actions() if not a.shortcut().isEmpty()}
    assert keyed["Ctrl+E"].text().startswith(workbook)
    ctrl_p = QKeySequence(QKeySequence.StandardKey.Print).toString()
    if printed is None:
        assert ctrl_p not in keyed
    else:
        assert keyed[ctrl_p].text() == printed
    for action in keyed.values():
        assert action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut


@pytest.mark.slow
def test_ctrl_page_down_and_up_move_between_the_main_tabs_from_inside_a_page(qtbot, db):
    """Ctrl+Tab moves the sub-tabs of the page in use; Ctrl+PgDown and Ctrl+PgUp (View > Next tab,
    Previous tab) move the window's own tabs from anywhere in it."""
    from PySide6.QtWidgets import QApplication

    from tests.ui.helpers import start_window

    window = start_window(qtbot, db)
    window.activateWindow()
    count = window.tabs.count()
    window.tabs.setCurrentIndex(0)
    inside = window.tabs.currentWidget()
    inside.setFocus()
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == count - 1  # round from the first to the last
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert {a.text(): a.shortcut() for a in menu.actions() if "tab" in a.text() and a.text() != "&Search this tab…"} == {
        "&Next tab": QKeySequence("Ctrl+PgDown"), "&Previous tab": QKeySequence("Ctrl+PgUp")}
