"""A table model driven by column specs over a list of DTOs, its filter proxy, and the one
way a table of records behaves (`read_only_rows`).

Lists of tens of thousands of rows (ten years of expenditure) stay quick on the window's
thread: the model sorts and filters its rows in Python in one go (one reset, never a call per
row from Qt), the text each row is searched by and its first sort can be worked out in the
worker thread that read the rows (`prepared_rows`), and sorting a long list by another column
runs in a worker thread too (`sorting()` is True meanwhile).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from bscp_desktop.ui.common.format import display, sort_key

T = TypeVar("T")

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

WARNING_BACKGROUND = QColor("#fde7c2")
MUTED_FOREGROUND = QColor("#777777")
#: Lists longer than this are sorted in a worker thread when the user sorts by another column.
SORT_IN_BACKGROUND_ROWS = 1_000
CELL_PADDING = 14  # pixels around a cell's text (margins and the grid line)
HEADER_PADDING = 28  # around a header's text, with room for the sort arrow


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


def _sorted(columns: Sequence[Column], rows: Sequence[T], column: int, order) -> list[T]:
    """`rows` sorted by one column (blanks first), as a new list; unsorted for no column."""
    rows = list(rows)
    if 0 <= column < len(columns):
        value = columns[column].value
        rows.sort(key=lambda row: _ordered(value(row)), reverse=order == Qt.SortOrder.DescendingOrder)
    return rows


def search_texts(columns: Sequence[Column], rows: Sequence) -> dict[int, str]:
    """Every column's text of each row, case-folded, for searching (by the row's id())."""
    return {id(row): "\u0001".join(display(c.value(row)) for c in columns).casefold() for row in rows}


@dataclass
class Prepared(Generic[T]):
    """Rows made ready for a model away from the window's thread: sorted as the model sorts
    them, with the text each is searched by (`RecordTableModel.prepared_rows`)."""

    rows: list[T]
    sorted_by: tuple[int, object]
    texts: dict[int, str]


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """Rows are DTOs; each column reads one value from a row.

    `rows` holds every row set, sorted; `shown` those that pass the search and the predicate
    (the model's rows as views see them). Sorting and filtering are done here on the rows
    themselves, in one go, and the text each row is searched by is worked out once per load:
    lists of tens of thousands of rows stay quick.
    """

    _sorted_in_background = Signal(object)  # (generation, sorted rows), from a worker thread

    def __init__(self, columns: Sequence[Column[T]], parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[T] = []
        self.shown: list[T] = self.rows
        self.muted: Callable[[T], bool] = lambda row: bool(getattr(row, "archived", False))
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._texts: dict[int, str] | None = None
        self._search = ""
        self._predicate: Callable[[T], bool] | None = None
        self._generation = 0
        self._sorting = False
        self._sorted_in_background.connect(self._sorted_arrived)

    # ------------------------------------------------------------ rows
    def prepared_rows(self) -> Callable[[Sequence[T]], Prepared[T]]:
        """A function, safe to call in a worker thread, that makes rows ready for `set_rows`
        (sorted as the model is sorted now, with their search texts)."""
        columns, column, order = list(self.columns), self._sort_column, self._sort_order
        return lambda rows: Prepared(_sorted(columns, rows, column, order), (column, order), search_texts(columns, rows))

    def search_texts(self, rows: Sequence[T]) -> dict[int, str]:
        """What each row is searched by (every column's text, case-folded). It reads only the
        columns, so a worker thread can work it out with the rows it reads."""
        return search_texts(self.columns, rows)

    def set_rows(self, rows: Sequence[T] | Prepared[T], texts: dict[int, str] | None = None) -> None:
        """Show these rows (sorted and searched as before); `texts` is their `search_texts`,
        when worked out in the worker that read them. `Prepared` rows are not sorted again
        unless the user chose another sort since they were made ready."""
        if texts is not None and not isinstance(rows, Prepared):
            rows = Prepared(_sorted(self.columns, rows, self._sort_column, self._sort_order),
                            (self._sort_column, self._sort_order), texts)
        prepared = isinstance(rows, Prepared)
        resort = prepared and rows.sorted_by != (self._sort_column, self._sort_order)  # sorted again since
        self.beginResetModel()
        self._generation += 1  # a sort still running in the background is for rows no longer shown
        self._sorting = False
        if prepared:
            self.rows, self._texts = rows.rows, rows.texts
        else:
            self._texts = None
            self.rows = _sorted(self.columns, rows, self._sort_column, self._sort_order)
        self._filter()
        self.endResetModel()
        if resort:
            self.sort(self._sort_column, self._sort_order)

    def sorting(self) -> bool:
        """True while a long list is being sorted in a worker thread."""
        return self._sorting

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows in one go (views see a reset; a list page keeps its selection). A long
        list is sorted in a worker thread and shown sorted when it is done."""
        self._sort_column, self._sort_order = column, order
        if len(self.rows) <= SORT_IN_BACKGROUND_ROWS:
            self.beginResetModel()
            self.rows = _sorted(self.columns, self.rows, column, order)
            self._filter()
            self.endResetModel()
            return
        self._generation += 1
        generation, columns, rows = self._generation, list(self.columns), self.rows
        self._sorting = True
        emit = self._sorted_in_background.emit

        def work() -> None:
            done = _sorted(columns, rows, column, order)
            try:
                emit((generation, done))
            except RuntimeError:  # the model went with its page meanwhile
                pass

        threading.Thread(target=work, name="sort rows", daemon=True).start()

    def _sorted_arrived(self, answer) -> None:
        generation, rows = answer
        if generation != self._generation:
            return  # newer rows, or another sort, since
        self.beginResetModel()
        self._sorting = False
        self.rows = rows
        self._filter()
        self.endResetModel()

    # ------------------------------------------------------------ searching and filtering
    def set_filter(self, search: str | None = None, predicate: Callable[[T], bool] | None | type = ...) -> None:
        """Show only the rows whose text holds `search` (case-folded) and that `predicate`
        accepts; a value left out is kept."""
        self.beginResetModel()
        if search is not None:
            self._search = search.strip().casefold()
        if predicate is not ...:
            self._predicate = predicate
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        predicate, search = self._predicate, self._search
        if predicate is None and not search:
            self.shown = self.rows
            return
        shown = self.rows if predicate is None else [row for row in self.rows if predicate(row)]
        if search:
            if self._texts is None:
                self._texts = search_texts(self.columns, self.rows)
            texts = self._texts
            shown = [row for row in shown if search in texts.get(id(row), "")]
        self.shown = shown

    def search_text(self, row_number: int) -> str:
        """Every column's text of one shown row, case-folded, for searching."""
        if self._texts is None:
            self._texts = search_texts(self.columns, self.rows)
        return self._texts.get(id(self.shown[row_number]), "")

    def row_number(self, wanted: Callable[[T], bool]) -> int | None:
        """The number of the first shown row `wanted` accepts, if any."""
        return next((n for n, row in enumerate(self.shown) if wanted(row)), None)

    def rowCount(self, parent=None) -> int:  # noqa: N802 - Qt API
        return 0 if parent is not None and parent.isValid() else len(self.shown)

    def columnCount(self, parent=None) -> int:  # noqa: N802 - Qt API
        return 0 if parent is not None and parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.shown[index.row()]
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
    """The view's side of a `RecordTableModel`: searching, filtering by a row predicate and
    sorting are passed to the model, which does each over its rows in one go (the proxy keeps
    the model's rows and order, with no call into Python per row)."""

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def set_search(self, text: str) -> None:
        self.sourceModel().set_filter(search=text)

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        self.sourceModel().set_filter(predicate=predicate)

    def row_at(self, proxy_row: int):
        return self.data(self.index(proxy_row, 0), ROW_ROLE)

    def proxy_row(self, wanted: Callable[[Any], bool]) -> int | None:
        """The row of the view showing the first record `wanted` accepts, if any."""
        found = self.sourceModel().row_number(wanted)
        return None if found is None else self.mapFromSource(self.sourceModel().index(found, 0)).row()


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


def fit_columns(view: QTableView, columns: Sequence[Column], rows: Sequence, most: int, sample: int = 200) -> None:
    """Widen each column to its header and the longest text in a sample of `rows` spread over
    the whole list, up to `most` pixels (a longer text is elided and shows in full on hover).
    Measured from the text itself, never by asking the model cell by cell, so a list of
    thousands sizes in a few milliseconds."""
    step = max(1, len(rows) // sample)
    chosen = rows[::step][:sample]
    cells, header = view.fontMetrics(), view.horizontalHeader().fontMetrics()
    for number, column in enumerate(columns):
        texts = {display(column.value(row)) for row in chosen}
        widest = max((cells.horizontalAdvance(text) for text in texts), default=0) + CELL_PADDING
        view.setColumnWidth(number, min(max(widest, header.horizontalAdvance(column.header) + HEADER_PADDING), most))
