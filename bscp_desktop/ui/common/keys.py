"""Reaching a page's tools from the keyboard: a list's menu of its toolbar's own actions and of
its columns and sorting (the Menu key, Shift+F10 or a right-click on the list, and the keys
anywhere else on its page), the same menu of a page whose tools are a row of buttons, and Tab
along a bar of widgets in the order they show."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QMenu, QTableView, QToolBar, QWidget

from bscp_desktop.ui.common.columns import ColumnChooser

#: The keys that open what has the keyboard's menu.
MENU_KEYS = (QKeySequence(Qt.Key.Key_Menu), QKeySequence("Shift+F10"))


def tools_menu(parent: QWidget, table: QTableView, toolbar: QToolBar, pos: QPoint | None = None,
               at: QWidget | None = None, columns: ColumnChooser | None = None) -> QMenu | None:
    """`toolbar`'s visible actions as a menu at `pos` in `table`'s viewport, or under its chosen
    row, or under `at` when the keyboard is elsewhere on the page (the search box, a filter, an
    empty list's note); the same actions: their enabled state and why-not tooltips follow. Then
    `columns`' Columns and Sort by menus, what the list's header offers the mouse. None when it
    has none."""
    tools = [action for action in toolbar.actions() if action.isVisible()]
    if columns is None and all(action.isSeparator() for action in tools):
        return None
    if at is not None and at is not table and not table.isAncestorOf(at):
        where = _under(at)
    else:
        rect = table.visualRect(table.currentIndex())
        pos = pos if pos is not None else (rect.bottomLeft() if rect.isValid() and table.viewport().rect().intersects(rect) else QPoint(0, 0))
        where = table.viewport().mapToGlobal(pos)
    menu = QMenu(parent)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    menu.setToolTipsVisible(True)
    menu.addActions(tools)
    if columns is not None:
        columns.add_to(menu)
    menu.popup(where)
    return menu


def buttons_menu(parent: QWidget, buttons: Sequence[QAbstractButton | None], at: QWidget) -> QMenu | None:
    """A page's row of buttons as its tools menu under `at` (what has the keyboard): an entry for
    each button shown, in its words, offered as the button is (with its why-not tooltip), and
    pressing it; None a separator. None when no button shows."""
    shown = [b for b in buttons if b is None or not b.isHidden()]
    if all(b is None for b in shown):
        return None
    menu = QMenu(parent)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    menu.setToolTipsVisible(True)
    for button in shown:
        if button is None:
            menu.addSeparator()
            continue
        entry = QAction(button.text(), menu)
        entry.setEnabled(button.isEnabled())
        entry.setToolTip(button.toolTip() or button.text().rstrip("…"))
        entry.triggered.connect(button.click)
        menu.addAction(entry)
    menu.popup(_under(at))
    return menu


def _under(at: QWidget) -> QPoint:
    """Where a menu opens for the widget with the keyboard: under a box's cursor, else near its top."""
    return at.mapToGlobal(at.cursorRect().bottomLeft() if isinstance(at, QLineEdit)
                          else QPoint(0, min(at.height(), 2 * at.fontMetrics().height())))


def menu_keys_anywhere(page: QWidget, show: Callable[[QWidget], QMenu | None], *notes: QWidget) -> None:
    """The Menu key and Shift+F10 anywhere on `page` call `show(what has the keyboard)`, wherever
    no shortcut takes them first: the list's own keys, or a page's host that offers a menu of its
    own (an open meeting) keep theirs, so no key does two things. A click on one of `notes` (an
    empty list's note) gives it the keyboard, so the keys work from there too."""
    for note in notes:
        note.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    _MenuKeys(page, show)


class _MenuKeys(QObject):
    """Catches the menu keys no widget of the page used (a key press goes on to the widget's
    parents when the widget ignores it)."""

    def __init__(self, page: QWidget, show: Callable[[QWidget], QMenu | None]):
        super().__init__(page)
        self.page, self.show = page, show
        page.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.KeyPress or QKeySequence(event.keyCombination()) not in MENU_KEYS:
            return False
        focus = QApplication.focusWidget()
        return self.show(focus if focus is not None and self.page.isAncestorOf(focus) else self.page) is not None


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
