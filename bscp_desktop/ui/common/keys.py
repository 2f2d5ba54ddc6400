"""Reaching a page's tools from the keyboard: a list's menu of its toolbar's own actions (the
Menu key, Shift+F10 or a right-click), and Tab along a bar of widgets in the order they show."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu, QTableView, QToolBar, QWidget


def tools_menu(parent: QWidget, table: QTableView, toolbar: QToolBar, pos: QPoint | None = None) -> QMenu | None:
    """`toolbar`'s visible actions as a menu at `pos` in `table`'s viewport, or under its chosen
    row (the same actions: their enabled state and why-not tooltips follow); None when it has none."""
    tools = [action for action in toolbar.actions() if action.isVisible()]
    if all(action.isSeparator() for action in tools):
        return None
    rect = table.visualRect(table.currentIndex())
    pos = pos if pos is not None else (rect.bottomLeft() if rect.isValid() and table.viewport().rect().intersects(rect) else QPoint(0, 0))
    menu = QMenu(parent)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    menu.setToolTipsVisible(True)
    menu.addActions(tools)
    menu.popup(table.viewport().mapToGlobal(pos))
    return menu


def tab_along(widgets: Sequence[QWidget | None]) -> None:
    """Tab goes from each of `widgets` to the next; a field made of parts (a date) takes focus for the move."""
    stops = [stop for widget in widgets if widget is not None for stop in tab_stops(widget)]
    made_of_parts = [(w, w.focusProxy(), w.focusProxy().focusPolicy()) for w in stops if w.focusPolicy() == Qt.FocusPolicy.NoFocus]
    for widget, _part, _policy in made_of_parts:
        widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    for first, second in zip(stops, stops[1:], strict=False):
        QWidget.setTabOrder(first, second)
    for widget, part, policy in made_of_parts:
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # which Qt passes on to its part: the part's own back
        part.setFocusPolicy(policy)


def tab_stops(widget: QWidget) -> list[QWidget]:  # where Tab stops: the widget (a field made of parts too), or those in it
    if widget.focusProxy() is not None or widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value:
        return [widget]
    return [stop for child in widget.children() if isinstance(child, QWidget) for stop in tab_stops(child)]
