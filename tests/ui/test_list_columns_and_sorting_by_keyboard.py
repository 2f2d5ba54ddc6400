"""A list's columns chosen and its rows sorted from the keyboard: the list's tools menu (the Menu
key or Shift+F10) offers Columns, the same entries as a right-click on the header, and Sort by,
the columns shown; the header takes no keyboard, so without them only a mouse could do either."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from bscp_desktop.services import case_reviews as cr
from bscp_desktop.ui.case_reviews.tab import TrackerPage
from bscp_desktop.ui.common.settings_store import written

TODAY = date(2024, 2, 1)
ALIASES = ["Child B", "Child A", "Child C"]


def _tracker(qtbot, db, rows: int) -> TrackerPage:
    page = TrackerPage(db, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    qtbot.waitUntil(lambda: not page.loading() and page.proxy.rowCount() == rows)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


@pytest.fixture
def tracker(qtbot, db):
    for day, alias in enumerate(ALIASES, start=10):
        cr.create_case_review(db, cr.CaseReviewFields(alias, "death", date(2024, 1, day)))
    return _tracker(qtbot, db, len(ALIASES))


def _tools_menu(qtbot, page, on=None) -> QMenu:
    """The menu Shift+F10 opens with the keyboard on `on` (the list when not given)."""
    on = on or page.table
    on.setFocus()
    qtbot.waitUntil(on.hasFocus)
    QTest.keyClick(on, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    return QApplication.activePopupWidget()


def _submenu(menu: QMenu, title: str) -> QMenu:
    return next(a.menu() for a in menu.actions() if a.menu() is not None and a.menu().title() == title)


def _entry(menu: QMenu, text: str):
    return next(a for a in menu.actions() if a.text() == text)


def _close(qtbot, menu: QMenu) -> None:
    menu.close()
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


def _column(page, header: str) -> int:
    return [c.header for c in page.model.columns].index(header)


def _aliases(page) -> list[str]:
    return [page.proxy.row_at(r).case.alias for r in range(page.proxy.rowCount())]


def test_a_hidden_column_is_shown_from_the_tools_menu_and_remembered(qtbot, db, tracker):
    themes = _column(tracker, "Themes")
    assert tracker.table.isColumnHidden(themes)
    menu = _tools_menu(qtbot, tracker)
    assert tracker.new_action in menu.actions()  # the list's own tools stay first
    columns = _submenu(menu, "Columns")
    entry = _entry(columns, "Themes")
    assert entry.isCheckable() and not entry.isChecked()
    assert _entry(columns, "Alias").isChecked()
    entry.trigger()
    _close(qtbot, menu)
    assert not tracker.table.isColumnHidden(themes)

    written()  # in the settings file, as the header's choice is
    assert "Themes" not in (QSettings().value(tracker.columns_menu.key) or [])
    again = _tracker(qtbot, db, len(ALIASES))  # a new window remembers it
    assert not again.table.isColumnHidden(themes)
    assert again.table.isColumnHidden(_column(again, "Rule"))


def test_show_the_usual_columns_from_the_tools_menu(qtbot, tracker):
    tracker.columns_menu.set_shown("Incident", True)
    tracker.columns_menu.set_shown("Alias", False)
    menu = _tools_menu(qtbot, tracker)
    _entry(_submenu(menu, "Columns"), "Show the usual columns").trigger()
    _close(qtbot, menu)
    assert tracker.table.isColumnHidden(_column(tracker, "Incident"))
    assert not tracker.table.isColumnHidden(_column(tracker, "Alias"))


def test_the_tools_menus_columns_are_the_headers_own(qtbot, tracker):
    header = tracker.columns_menu.menu()
    menu = _tools_menu(qtbot, tracker)
    columns = _submenu(menu, "Columns")
    assert [(a.text(), a.isChecked()) for a in columns.actions()] == [(a.text(), a.isChecked()) for a in header.actions()]
    _close(qtbot, menu)


def test_sort_by_a_column_then_the_same_one_again_turns_the_order_round(qtbot, tracker):
    menu = _tools_menu(qtbot, tracker)
    sort = _submenu(menu, "Sort by")
    shown = [a.text() for a in sort.actions()]
    assert "Alias" in shown and "Themes" not in shown  # the columns shown, not the hidden ones
    assert [a.text() for a in sort.actions() if a.isChecked()] == ["Reference"]  # as the list opens
    _entry(sort, "Alias").trigger()
    _close(qtbot, menu)
    assert _aliases(tracker) == ["Child A", "Child B", "Child C"]

    menu = _tools_menu(qtbot, tracker)
    sort = _submenu(menu, "Sort by")
    assert [a.text() for a in sort.actions() if a.isChecked()] == ["Alias"]
    _entry(sort, "Alias").trigger()
    _close(qtbot, menu)
    assert _aliases(tracker) == ["Child C", "Child B", "Child A"]
    assert tracker.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder

    menu = _tools_menu(qtbot, tracker)
    _entry(_submenu(menu, "Sort by"), "Became aware").trigger()  # another column: first to last
    _close(qtbot, menu)
    assert _aliases(tracker) == ["Child B", "Child A", "Child C"]
    assert tracker.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.AscendingOrder


def test_a_column_shown_from_the_menu_can_then_be_sorted_by(qtbot, tracker):
    menu = _tools_menu(qtbot, tracker)
    assert "Themes" not in [a.text() for a in _submenu(menu, "Sort by").actions()]
    _entry(_submenu(menu, "Columns"), "Themes").trigger()
    _close(qtbot, menu)
    menu = _tools_menu(qtbot, tracker)
    assert "Themes" in [a.text() for a in _submenu(menu, "Sort by").actions()]
    _close(qtbot, menu)


def test_an_empty_lists_menu_offers_its_columns_too(qtbot, db):
    page = _tracker(qtbot, db, 0)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.empty)
    menu = _tools_menu(qtbot, page, page.search)
    assert "Themes" in [a.text() for a in _submenu(menu, "Columns").actions()]
    _close(qtbot, menu)
