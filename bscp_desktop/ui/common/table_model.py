"""A table model driven by column specs over a list of DTOs, its filter proxy, and the one
way a table of records behaves (`read_only_rows`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from bscp_desktop.ui.common.format import display, sort_key

T = TypeVar("T")

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

WARNING_BACKGROUND = QColor("#fde7c2")
MUTED_FOREGROUND = QColor("#777777")


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    value: Callable[[T], Any]
    tooltip: Callable[[T], str] | None = None
    background: Callable[[T], QColor | None] | None = None
    align_right: bool = False


def attribute_columns(*pairs: tuple[str, str], right: Sequence[str] = ()) -> list[Column]:
    """A column for each (header, attribute) pair, showing that attribute of the row as it is;
    the headers named in `right` aligned right (amounts, counts)."""
    return [Column(header, attrgetter(name), align_right=header in right) for header, name in pairs]


def _ordered(value: object) -> tuple:
    """A sort key that never compares unlike types: blanks first, then numbers, then text."""
    key = sort_key(value)
    if key == "" or key is None:
        return (0, 0)
    if isinstance(key, (int, float)):
        return (1, key)
    return (2, str(key))


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """Rows are DTOs; each column reads one value from a row.

    Sorting happens here, on the rows themselves (one Python sort), and the text each row is
    searched by is worked out once per load: lists of thousands of rows stay quick.
    """

    def __init__(self, columns: Sequence[Column[T]], parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[T] = []
        self.muted: Callable[[T], bool] = lambda row: bool(getattr(row, "archived", False))
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._texts: dict[int, str] | None = None

    def set_rows(self, rows: Sequence[T], texts: dict[int, str] | None = None) -> None:
        """Show `rows`; `texts` is their `search_texts`, when worked out in the worker that read them."""
        self.beginResetModel()
        self.rows = list(rows)
        self._texts = texts
        self._sort_rows()
        self.endResetModel()

    def _sort_rows(self) -> None:
        if 0 <= self._sort_column < len(self.columns):
            value = self.columns[self._sort_column].value
            self.rows.sort(
                key=lambda row: _ordered(value(row)),
                reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
            )

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows in one go; views see a reset (a list page keeps its selection)."""
        self.beginResetModel()
        self._sort_column, self._sort_order = column, order
        self._sort_rows()
        self.endResetModel()

    def search_text(self, row_number: int) -> str:
        """Every column's text of one row, case-folded, for searching."""
        if self._texts is None:
            self._texts = self.search_texts(self.rows)
        return self._texts.get(id(self.rows[row_number]), "")

    def search_texts(self, rows: Sequence[T]) -> dict[int, str]:
        """What each row is searched by (every column's text, case-folded). It reads only the
        columns, so a worker thread can work it out with the rows it reads."""
        return {id(row): "\u0001".join(display(c.value(row)) for c in self.columns).casefold() for row in rows}

    def rowCount(self, parent=None) -> int:  # noqa: N802 - Qt API
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent=None) -> int:  # noqa: N802 - Qt API
        return 0 if parent is not None and parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(col.value(row))
        if role == SORT_ROLE:
            return sort_key(col.value(row))
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            if col.tooltip:
                return col.tooltip(row) or None
            text = display(col.value(row))
            return text if len(text) > 40 else None
        if role == Qt.ItemDataRole.BackgroundRole and col.background:
            colour = col.background(row)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and self.muted(row):
            return QBrush(MUTED_FOREGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class FilterProxy(QSortFilterProxyModel):
    """Filters by free-text search and an optional row predicate; sorting is passed to the
    source model, which sorts its rows in one go (the proxy keeps the source's order)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._search = ""
        self._predicate: Callable[[Any], bool] | None = None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def set_search(self, text: str) -> None:
        self._change_filter(lambda: setattr(self, "_search", text.strip().casefold()))

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        self._change_filter(lambda: setattr(self, "_predicate", predicate))

    def _change_filter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            change()
            self.endFilterChange()
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row, source_parent) -> bool:  # noqa: N802 - Qt API
        model = self.sourceModel()
        if self._predicate is not None:
            rows = getattr(model, "rows", None)  # a RecordTableModel's rows, read straight (called once a row)
            row = rows[source_row] if rows is not None else model.data(model.index(source_row, 0, source_parent), ROW_ROLE)
            if not self._predicate(row):
                return False
        return not self._search or self._search in model.search_text(source_row)

    def row_at(self, proxy_row: int):
        return self.data(self.index(proxy_row, 0), ROW_ROLE)


def read_only_rows(view: QTableView, name: str, *, sort: bool = False, wrap: bool = False,
                   resize: QHeaderView.ResizeMode = QHeaderView.ResizeMode.Interactive) -> QTableView:
    """A table of records as every list shows one: read only, one whole row chosen at a time,
    alternate rows shaded, no row numbers, the last column taking the room left; sorted by its
    first column when `sort`, long text wrapped when `wrap`."""
    view.setAccessibleName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(wrap)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(resize)
    view.horizontalHeader().setStretchLastSection(True)
    if sort:
        view.setSortingEnabled(True)
        view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    return view
