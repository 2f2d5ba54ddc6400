"""Dense lists made readable: full text on hover where a cell is cut short, columns shown or
hidden from the header's menu or the list's tools menu (remembered for each user), the list
sorted from the tools menu as by a click on the header, and a line under the list with the
selected record in full."""

from __future__ import annotations

import heapq
import html
from collections.abc import Callable, Iterable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QFontMetrics
from PySide6.QtWidgets import QComboBox, QHeaderView, QMenu, QStyle, QStyledItemDelegate, QStyleOptionComboBox, QTableView, QToolTip, QWidget

from bscp_desktop.ui.common.format import display
from bscp_desktop.ui.common.labels import as_typed
from bscp_desktop.ui.common.settings_store import forget, recalled, remember

SETTINGS_PREFIX = "columns"
MEASURED_ENTRIES = 40  # of a drop-down's entries, the longest in characters are measured for its width


class FullTextOnHover(QStyledItemDelegate):
    """Shows a cell's whole text as a tooltip when the cell is too narrow for it, as typed (a
    tooltip the model gives, for example the rule behind a deadline, is shown as it is: a model
    gives it as typed, `as_typed`, as Qt shows it where no such delegate is set)."""

    def helpEvent(self, event, view, option, index) -> bool:  # noqa: N802 - Qt API
        if event is None or view is None:
            return super().helpEvent(event, view, option, index)
        own = index.data(Qt.ItemDataRole.ToolTipRole)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        shown = view.visualRect(index).width() - 8
        cut = QFontMetrics(option.font).horizontalAdvance(text) > shown
        tip = own or (as_typed(text) if cut else "")  # a cell's text, as typed
        if tip:
            QToolTip.showText(event.globalPos(), tip, view)
            return True
        QToolTip.hideText()
        event.ignore()
        return True


class ColumnChooser:
    """Right-click the header to show or hide columns; the choice is kept per user under
    `key`. Columns named in `hidden` start hidden until the user chooses otherwise. The same
    menu, and one to sort by a column, join the list's tools menu (`add_to`), so the keyboard
    reaches everything the header offers."""

    def __init__(self, view: QTableView, headers: list[str], key: str, hidden: Iterable[str] = ()):
        self.view = view
        self.headers = headers
        self.key = f"{SETTINGS_PREFIX}/{key}/hidden"
        self.default_hidden = [h for h in hidden if h in headers]
        header = view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.show_menu)
        header.setToolTip("Right-click to choose which columns to show")
        self.apply(self.hidden())

    def hidden(self) -> list[str]:
        saved = recalled(self.key)
        if saved is None:
            return list(self.default_hidden)
        names = [saved] if isinstance(saved, str) else list(saved or [])
        return [h for h in names if h in self.headers]

    def apply(self, hidden: list[str]) -> None:
        for column, name in enumerate(self.headers):
            self.view.setColumnHidden(column, name in hidden)

    def set_shown(self, name: str, shown: bool) -> None:
        hidden = [h for h in self.hidden() if h != name] + ([] if shown else [name])
        if len(hidden) >= len(self.headers):
            return  # one column always stays
        remember(self.key, hidden or [""])
        self.apply(hidden)

    def menu(self, parent: QWidget | None = None) -> QMenu:
        """The columns, each ticked when shown, and "Show the usual columns"."""
        menu = QMenu(parent or self.view)
        menu.setTitle("Columns")
        hidden = self.hidden()
        for name in self.headers:
            action = QAction(name, menu)
            action.setCheckable(True)
            action.setChecked(name not in hidden)
            action.toggled.connect(lambda on, n=name: self.set_shown(n, on))
            menu.addAction(action)
        menu.addSeparator()
        reset = menu.addAction("Show the usual columns")
        reset.triggered.connect(self.reset)
        return menu

    def reset(self) -> None:
        forget(self.key)
        self.apply(self.hidden())

    def sort_menu(self, parent: QWidget | None = None) -> QMenu:
        """The columns shown, the one the list is sorted by ticked: choosing a column sorts by
        it, first to last; choosing the ticked one again reverses the order."""
        menu = QMenu(parent or self.view)
        menu.setTitle("Sort by")
        menu.setToolTipsVisible(True)
        header = self.view.horizontalHeader()
        current = header.sortIndicatorSection() if self.view.isSortingEnabled() else -1
        one_of = QActionGroup(menu)  # one column at a time: shown as a choice of one
        for column, name in enumerate(self.headers):
            if self.view.isColumnHidden(column):
                continue
            action = QAction(name, one_of)
            action.setCheckable(True)
            action.setChecked(column == current)
            if column == current:
                action.setToolTip("Choose again to reverse the order")
            action.triggered.connect(lambda _on, c=column: self.sort_by(c))
            menu.addAction(action)
        return menu

    def sort_by(self, column: int) -> None:
        """Sort the list by `column`, first to last; by the column it is sorted by, the other way round."""
        header = self.view.horizontalHeader()
        order = Qt.SortOrder.AscendingOrder
        if self.view.isSortingEnabled() and header.sortIndicatorSection() == column:
            ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
            order = Qt.SortOrder.DescendingOrder if ascending else Qt.SortOrder.AscendingOrder
        self.view.sortByColumn(column, order)

    def add_to(self, menu: QMenu) -> None:
        """The columns menu and, for a list that sorts, the sort menu, at the end of `menu`."""
        menu.addSeparator()
        menu.addMenu(self.menu(menu))
        if self.view.isSortingEnabled():
            menu.addMenu(self.sort_menu(menu))

    def show_menu(self, pos) -> None:
        header: QHeaderView = self.view.horizontalHeader()
        self.menu().exec(header.mapToGlobal(pos))


def detail_text(headers: list[str], values: list[object]) -> str:
    """The selected record in full, as rich text: "<b>Action:</b> … · <b>From:</b> …"."""
    parts = []
    for header, value in zip(headers, values, strict=True):
        text = display(value).strip()
        if text:
            parts.append(f"<b>{html.escape(header)}:</b> {html.escape(text).replace(chr(10), '<br>')}")
    return " &nbsp;·&nbsp; ".join(parts)


def keep_full_text(combo: QComboBox) -> Callable[[], None]:
    """A filter's drop-down as wide as its current choice: its text is never cut short, and it
    takes no more room than that (the list that drops down is as wide as its longest entry).
    Returns the fitting, for a page that refills the choices with the combo's signals blocked."""

    widest = {"text": 0}

    def fit_width() -> None:
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        text = QFontMetrics(combo.font()).horizontalAdvance(combo.currentText() or " ")
        size = combo.style().sizeFromContents(
            QStyle.ContentsType.CT_ComboBox, option, QSize(text, combo.fontMetrics().height()), combo
        )
        combo.setFixedWidth(size.width() + 6)

    def longest(first: int, last: int) -> int:
        # the entries longest in characters are measured, not all: 5,000 owners stay quick
        texts = heapq.nlargest(MEASURED_ENTRIES, (combo.itemText(i) for i in range(first, last + 1)), key=len)
        metrics = combo.fontMetrics()
        return max((metrics.horizontalAdvance(text) for text in texts), default=0)

    def fit(*_args) -> None:
        fit_width()
        widest["text"] = longest(0, combo.count() - 1)
        combo.view().setMinimumWidth(widest["text"] + 40)

    def inserted(_parent, first: int, last: int) -> None:
        # only the new entries are measured: filling a list of thousands stays linear
        if first == 0:
            fit_width()
        widest["text"] = max(widest["text"], longest(first, last))
        combo.view().setMinimumWidth(widest["text"] + 40)

    combo.currentTextChanged.connect(fit_width)
    combo.model().modelReset.connect(fit)
    combo.model().rowsRemoved.connect(fit)
    combo.model().rowsInserted.connect(inserted)
    fit()
    return fit_width  # the list's own width follows its model's signals, which blocking the combo's does not stop
