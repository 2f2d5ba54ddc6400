"""A table model driven by column specs over a list of DTOs, its filter proxy, and the one
way a table of records behaves (`read_only_rows`).

Lists of tens of thousands of rows (ten years of expenditure) stay quick on the window's
thread: the model sorts and filters its rows in Python in one go (one reset, never a call per
row from Qt). The worker thread that read the rows also sorts them, works out the text each is
searched by, narrows them to the search and filter set when the read began and adds up what a
page says of them (`summarise`, `prepared_rows`). Sorting a long list by another column, and
searching or filtering a long list, run in a worker thread too (`working()` is True
meanwhile), each bringing the order, the rows shown and their `summary` up to date together.
"""

from __future__ import annotations

import heapq
import logging
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from bscp_desktop.ui.common.column_widths import SharedWidths, _room, for_the_text_size, heading_widths
from bscp_desktop.ui.common.format import display, sort_key
from bscp_desktop.ui.common.labels import as_typed
from bscp_desktop.ui.common.worker import answer_later

T = TypeVar("T")
log = logging.getLogger(__name__)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

WARNING_BACKGROUND = QColor("#fde7c2")
MUTED_FOREGROUND = QColor("#777777")

# The roles a record's cell answers, as the plain numbers views ask with: a view asks each cell
# for a dozen roles as it sizes or paints it, and comparing with Qt's enum members each time
# cost more than the answer.
_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)
_BACKGROUND, _FOREGROUND = int(Qt.ItemDataRole.BackgroundRole), int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT, _SORT, _ROW = int(Qt.ItemDataRole.TextAlignmentRole), int(SORT_ROLE), int(ROW_ROLE)
_ANSWERED = frozenset((_DISPLAY, _TOOLTIP, _BACKGROUND, _FOREGROUND, _ALIGNMENT, _SORT, _ROW))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
#: Lists longer than this are sorted in a worker thread when the user sorts by another column.
SORT_IN_BACKGROUND_ROWS = 1_000
#: The most rows one call of Python's sort is given: it holds Python's lock throughout, the
#: window's thread waiting meanwhile (some milliseconds for this many rows).
SORT_PIECE_ROWS = 2_000
#: Lists longer than this are searched and filtered in a worker thread.
FILTER_IN_BACKGROUND_ROWS = 5_000
CELL_PADDING = 14  # pixels around a cell's text (margins and the grid line)
SIZE_SAMPLE_ROWS = 200  # columns are sized from this many rows spread over the list
MEASURED_TEXTS = 12  # of a column's texts in that sample, the longest in characters are measured
HEADER_PADDING = 28  # around a header's text, with room for the sort arrow
HEADER_PADDING_NO_ARROW = CELL_PADDING  # around the header's text of a table not sorted by its headings
#: On a narrow window, a column of long text is cut short (whole on hover) down to this many characters' width.
SHARED_LEAST_CHARS = 14


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    value: Callable[[T], Any]
    tooltip: Callable[[T], str] | None = None
    background: Callable[[T], QColor | None] | None = None
    align_right: bool = False
    #: what the column sorts by, where that is not the value shown ("3 working days overdue"
    #: sorts as -3): a number or date, None for a blank
    sort: Callable[[T], Any] | None = None

    @property
    def sorts_by(self) -> Callable[[T], Any]:
        return self.sort or self.value


def attribute_columns(*pairs: tuple[str, str], right: Sequence[str] = ()) -> list[Column]:
    """A column for each (header, attribute) pair, showing that attribute of the row as it is;
    the headers named in `right` aligned right (amounts, counts)."""
    return [Column(header, attrgetter(name), align_right=header in right) for header, name in pairs]


def _ordered(key: object) -> tuple:
    """A sort key (`sort_key`) that never compares unlike types: blanks first, then numbers,
    then text."""
    if key == "" or key is None:
        return (0, 0)
    if isinstance(key, (int, float)):
        return (1, key)
    return (2, str(key))


def _sorted(columns: Sequence[Column], rows: Sequence[T], column: int, order) -> list[T]:
    """`rows` sorted by one column (blanks first), as a new list; unsorted for no column.

    Keys of one kind (all text, blanks included, or all numbers) are compared as they are, which
    Python sorts several times faster than the (kind, key) pairs unlike kinds need. A long list
    is sorted in pieces (`_sorted_numbers`): every thread, the window's too, waits while one
    call of Python's sort runs, so no such call is over more than `SORT_PIECE_ROWS` rows."""
    rows = list(rows)
    if not 0 <= column < len(columns):
        return rows
    value, keys = columns[column].sorts_by, []
    for start in range(0, len(rows), SORT_PIECE_ROWS):  # a column read in C (attrgetter) holds the lock too
        keys += map(sort_key, map(value, rows[start:start + SORT_PIECE_ROWS]))
    kinds = set(map(type, keys))
    if not (kinds <= {str} or kinds <= {int, float}):
        keys = list(map(_ordered, keys))
    return [rows[n] for n in _sorted_numbers(keys, order == Qt.SortOrder.DescendingOrder)]


def _sorted_numbers(keys: list, reverse: bool) -> list[int]:
    """The row numbers 0..len(keys)-1 in the order of their keys, equal keys in their first
    order, exactly as one `sorted` call gives them. A long list is sorted in pieces of
    `SORT_PIECE_ROWS` that are then merged one row at a time (`heapq.merge` keeps equal keys
    of an earlier piece first), so the window's thread gets its turns between them."""
    key, count = keys.__getitem__, len(keys)
    if count <= SORT_PIECE_ROWS:
        return sorted(range(count), key=key, reverse=reverse)
    pieces = [sorted(range(start, min(start + SORT_PIECE_ROWS, count)), key=key, reverse=reverse)
              for start in range(0, count, SORT_PIECE_ROWS)]
    return list(heapq.merge(*pieces, key=key, reverse=reverse))


def _narrowed(rows: list[T], texts: dict[int, str] | None, search: str,
              predicate: Callable[[T], bool] | None) -> list[T]:
    """The rows that `predicate` accepts and whose text (`texts`, by id()) holds every word of
    `search`, in any order, read as every search reads it (`domain.search.finds_every_term`):
    "Named GP Brent" finds "Named GP for Safeguarding, Brent", "Metro" finds "Metropolitan",
    "Child B" finds the case (not the b of "BSCP"), "BSCP-2024-01" and "14/03/2024" are looked
    for as written; "£", with no word, as typed."""
    if predicate is None and not search:
        return rows
    shown = rows if predicate is None else [row for row in rows if predicate(row)]
    if search:
        from bscp_desktop.domain.search import finds_every_term

        finds = finds_every_term(search)
        shown = [row for row in shown if finds(texts.get(id(row), ""))]
    return shown


def search_texts(columns: Sequence[Column], rows: Sequence) -> dict[int, str]:
    """Every column's text of each row, folded as the program searches (any case, without
    accents: `domain.search.fold`), for searching (by the row's id())."""
    from bscp_desktop.domain.search import fold  # its Unicode tables are read when first searched, not at start

    return {id(row): fold("\u0001".join(display(c.value(row)) for c in columns)) for row in rows}


@dataclass
class Prepared(Generic[T]):
    """Rows made ready for a model away from the window's thread: sorted as the model sorts
    them, with the text each is searched by, and (`filtered_by` the search and filter then)
    those shown with their summary (`RecordTableModel.prepared_rows`)."""

    rows: list[T]
    sorted_by: tuple[int, object]
    texts: dict[int, str]
    filtered_by: tuple[str, object, object] | None = None  # search, predicate, summarise
    shown: list[T] | None = None
    summary: Any = None
    longest: list[list[str]] | None = None  # each column's longest texts shown, to size it by (`fit_columns`)


@dataclass
class _View(Generic[T]):
    """What a model shows, worked out together: its rows in order, what each is searched by,
    the rows shown and their summary."""

    rows: list[T]
    sorted_by: tuple[int, object]
    texts: dict[int, str] | None
    filtered_by: tuple[str, object, object] | None
    shown: list[T]
    summary: Any


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """Rows are DTOs; each column reads one value from a row.

    `rows` holds every row set, sorted; `shown` those that pass the search and the predicate
    (the model's rows as views see them); `summary` is what `summarise` (set by a page) makes of
    the shown rows, worked out whenever they change (a totals line under the list reads it at
    each reset). Sorting and filtering are done here on the rows themselves, in one go, and the
    text each row is searched by is worked out once per load: lists of tens of thousands of rows
    stay quick. `summarise` runs in worker threads too: it must touch no widget, and not depend
    on the rows' order.
    """

    def __init__(self, columns: Sequence[Column[T]], parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[T] = []
        self.shown: list[T] = self.rows
        self.summarise: Callable[[Sequence[T]], Any] | None = None
        self.summary: Any = None
        self.muted: Callable[[T], bool] = lambda row: bool(getattr(row, "archived", False))
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._rows_sorted_by: tuple[int, object] = (self._sort_column, self._sort_order)
        self._texts: dict[int, str] | None = None
        self._search = ""
        self._predicate: Callable[[T], bool] | None = None
        self._filtered_by: tuple[str, object, object] | None = None  # what `shown` and `summary` were made for
        self._generation = 0
        self._working = False

    # ------------------------------------------------------------ rows
    def prepared_rows(self) -> Callable[[Sequence[T]], Prepared[T]]:
        """A function, safe to call in a worker thread, that makes rows ready for `set_rows`
        (sorted as the model is sorted now, with their search texts, narrowed to the search and
        filter as they are now, with their summary)."""
        columns, sorted_by = list(self.columns), (self._sort_column, self._sort_order)
        filtered_by = self._filter_now()
        summarise = filtered_by[2]

        def prepare(rows: Sequence[T]) -> Prepared[T]:
            if len(rows) > min(SORT_IN_BACKGROUND_ROWS, FILTER_IN_BACKGROUND_ROWS):
                _rows_thread()  # sorting or searching this list will need it
            rows = _sorted(columns, rows, *sorted_by)
            texts = search_texts(columns, rows)
            shown = _narrowed(rows, texts, *filtered_by[:2])
            return Prepared(rows, sorted_by, texts, filtered_by, shown, summarise(shown) if summarise else None,
                            longest_texts(columns, shown))

        return prepare

    def search_texts(self, rows: Sequence[T]) -> dict[int, str]:
        """What each row is searched by (every column's text, folded). It reads only the
        columns, so a worker thread can work it out with the rows it reads."""
        return search_texts(self.columns, rows)

    def set_rows(self, rows: Sequence[T] | Prepared[T], texts: dict[int, str] | None = None) -> None:
        """Show these rows (sorted and searched as before); `texts` is their `search_texts`,
        when worked out in the worker that read them. `Prepared` rows are not sorted, narrowed
        or summed up again unless the user chose another sort, search or filter since they were
        made ready."""
        given = rows
        if not isinstance(rows, Prepared):
            rows = Prepared(list(rows), (-2, None), texts)  # (-2, None): in no order yet
        if rows.filtered_by == self._filter_now() and rows.sorted_by == self._wanted_order():
            self._generation += 1  # work still running in the background is for rows no longer shown
            self._working = False
            self._show(_View(rows.rows, rows.sorted_by, rows.texts, rows.filtered_by, rows.shown, rows.summary))
        else:  # rows handed over as they are are shown at once; a long list made ready for another sort is sorted aside
            self._refresh(rows.rows, rows.sorted_by, rows.texts, at_once=given is not rows)

    def working(self) -> bool:
        """True while a long list is being sorted, searched or filtered in a worker thread."""
        return self._working

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows in one go (views see a reset; a list page keeps its selection). A long
        list is sorted in a worker thread and shown sorted when it is done."""
        self._sort_column, self._sort_order = column, order
        self._refresh()

    # ------------------------------------------------------------ searching and filtering
    def set_filter(self, search: str | None = None, predicate: Callable[[T], bool] | None | type = ...) -> None:
        """Show only the rows whose text holds each word of `search`, in any order (folded as the
        rows' text: "Jose" finds "José"; `_narrowed`) and that `predicate` accepts; a value left
        out is kept. A long list is narrowed in a worker thread."""
        if search is not None:
            self._search = search.strip()  # as typed: a capital A is a case's letter ("Child A review")
        if predicate is not ...:
            self._predicate = predicate
        self._refresh()

    def _wanted_order(self) -> tuple[int, object]:
        return self._sort_column, self._sort_order

    def _filter_now(self) -> tuple[str, object, object]:
        """The search, the predicate and the summary's function asked for now."""
        return self._search, self._predicate, self.summarise

    def _refresh(self, rows: list[T] | None = None, sorted_by: tuple[int, object] | None = None,
                 texts: dict[int, str] | None = None, at_once: bool = False) -> None:
        """Bring the order of the rows (these, else those shown now), the rows shown and their
        summary up to the sort, search and filter asked for: at once for a short list, in a
        worker thread for a long one, the view keeping what it shows until then (only the latest
        answer is shown; each works everything out from the rows, so none is lost)."""
        if rows is None:
            rows, sorted_by, texts = self.rows, self._rows_sorted_by, self._texts
        columns, summarise, wanted = self.columns[:], self.summarise, self._wanted_order()
        filtered_by = self._filter_now()
        # only the order changes: the same rows are shown, and their summary holds
        kept = (self.summary,) if rows is self.rows and filtered_by == self._filtered_by else None

        def work() -> _View:
            ordered = rows if sorted_by == wanted else _sorted(columns, rows, *wanted)
            found = texts if texts is not None or not filtered_by[0] else search_texts(columns, ordered)
            shown = _narrowed(ordered, found, *filtered_by[:2])
            summary = kept[0] if kept else summarise(shown) if summarise else None
            return _View(ordered, wanted, found, filtered_by, shown, summary)

        self._generation += 1
        limit = SORT_IN_BACKGROUND_ROWS if sorted_by != wanted else FILTER_IN_BACKGROUND_ROWS
        if at_once or len(rows) <= limit:
            self._working = False
            self._show(work())
            return
        generation, emit = self._generation, answer_later(self, "_arrived")
        self._working = True

        def run() -> None:
            if generation != self._generation:
                return  # asked again since: that answer is the one wanted
            try:
                done = work()
            except Exception:  # a column or summary that fails on a row: the list stays as it was
                log.exception("Sorting or filtering a list failed")
                done = None
            emit((generation, done))  # dropped if the model went with its page meanwhile

        _in_background(run)

    def _arrived(self, answer) -> None:
        generation, view = answer
        if generation == self._generation:  # else newer rows, or another sort or search, since
            self._working = False
            if view is not None:
                self._show(view)

    def _show(self, view: _View) -> None:
        self.beginResetModel()
        self.rows, self._rows_sorted_by, self._texts = view.rows, view.sorted_by, view.texts
        self._filtered_by, self.shown, self.summary = view.filtered_by, view.shown, view.summary
        self.endResetModel()

    def search_text(self, row_number: int) -> str:
        """Every column's text of one shown row, folded, for searching."""
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

    def data(self, index, role=_DISPLAY):
        if role not in _ANSWERED or not index.isValid():
            return None
        row = self.shown[index.row()]
        col = self.columns[index.column()]
        if role == _DISPLAY:
            return display(col.value(row))
        if role == _SORT:
            return sort_key(col.sorts_by(row))
        if role == _ROW:
            return row
        if role == _TOOLTIP:
            text = col.tooltip(row) if col.tooltip else display(col.value(row))  # as typed, never markup
            return as_typed(text) if text and (col.tooltip or len(text) > 40) else None
        if role == _BACKGROUND:
            colour = col.background(row) if col.background else None
            return QBrush(colour) if colour is not None else None
        if role == _FOREGROUND:
            return QBrush(MUTED_FOREGROUND) if self.muted(row) else None
        return _RIGHT if col.align_right else None  # _ALIGNMENT


_jobs: queue.SimpleQueue | None = None
_jobs_lock = threading.Lock()


def _in_background(job: Callable[[], None]) -> None:
    """Run `job` in the one thread that sorts and filters long lists: the window hands the work
    over and carries on, without waiting for a new thread to start (which on a busy machine can
    take it tens of milliseconds)."""
    _rows_thread().put(job)


def _rows_thread() -> queue.SimpleQueue:
    """The queue of the thread that sorts and filters long lists, started on first use (by the
    worker that reads a long list, so the window's thread does not wait for it to start)."""
    global _jobs
    with _jobs_lock:
        if _jobs is None:
            _jobs = queue.SimpleQueue()
            threading.Thread(target=_serve, args=(_jobs,), name="sort and filter rows", daemon=True).start()
        return _jobs


def _serve(jobs: queue.SimpleQueue) -> None:
    while True:
        jobs.get()()


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
    alternate rows shaded, no row numbers, the last column taking the room left, Tab moving on
    past it (`tab_moves_on`); sorted by its first column when `sort`, long text wrapped when
    `wrap`."""
    view.setAccessibleName(name)
    tab_moves_on(view)
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


def tab_moves_on(*views: QAbstractItemView) -> None:
    """Tab and Shift+Tab leave each table for the next (or previous) field or button, as
    everywhere else in the program; the arrow keys move within it. (Qt's tables keep Tab to move
    from cell to cell, so someone using the keyboard could never get past one.)"""
    for view in views:
        view.setTabKeyNavigation(False)


def opens_on_enter(view: QAbstractItemView, name: str, open_at: Callable[[QModelIndex], None]) -> QAction:
    """A double-click on a row or cell of `view`, or Return, Enter or F2 on the chosen one, opens
    it (`open_at(index)`, the one clicked or the view's current one), as on every list page: a
    keyboard user opens a rating, a return, a decision or an action as a mouse user does. The
    keys are the view's own, taken only while it has focus. Returns the action (named `name`)."""
    view.doubleClicked.connect(open_at)
    enter = QAction(name, view)
    enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter), QKeySequence(Qt.Key.Key_F2)])
    enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    enter.triggered.connect(lambda _checked=False: open_at(view.currentIndex()))
    view.addAction(enter)
    return enter


def as_tall_as_its_rows(view: QTableView, most: int | None = None, room: int = 2) -> int:
    """Fix the table's height to its header and its rows (the first `most` of them, the rest
    scrolled to), each row as tall as its text at the columns' widths: whole at any font size,
    where a height in pixels cuts rows short at a large one. Call it again when the columns'
    widths change (a resize). Returns the height."""
    view.resizeRowsToContents()
    model = view.model()
    rows = model.rowCount() if model is not None else 0
    shown = rows if most is None else min(rows, most)
    header = view.horizontalHeader()
    height = (0 if header.isHidden() else header.sizeHint().height()) + 2 * view.frameWidth() + room
    height += sum(view.rowHeight(r) for r in range(shown))
    view.setFixedHeight(height)
    return height


def longest_texts(columns: Sequence[Column], rows: Sequence, sample: int = SIZE_SAMPLE_ROWS) -> list[list[str]]:
    """For each column, its longest texts (in characters) in a sample of `rows` spread over the
    whole list: what `fit_columns` measures. Reads only the columns, so a worker thread can work
    it out with the rows it reads."""
    step = max(1, len(rows) // sample)
    chosen = rows[::step][:sample]
    return [heapq.nlargest(MEASURED_TEXTS, {display(column.value(row)) for row in chosen}, key=len)
            for column in columns]


def fit_columns(view: QTableView, columns: Sequence[Column], rows: Sequence, most: int, sample: int = SIZE_SAMPLE_ROWS,
                texts: list[list[str]] | None = None, arrows: bool = True, least_chars: int = SHARED_LEAST_CHARS,
                spare_to: int | None = None) -> None:
    """Widen each column to its header and the longest text in a sample of `rows` spread over
    the whole list (`texts`, when a worker worked them out: `longest_texts`), up to `most`
    pixels at the usual text size, more at a larger one (`for_the_text_size`; a longer text is
    elided and shows in full on hover). Measured from the text itself, never by asking the model
    cell by cell, so a list of thousands sizes in a few milliseconds.

    On a window with room to spare, the columns whose text is cut take it first, up to what
    their text needs, and the last column only what is left (`given_spare`). On a window too
    narrow for them all (a laptop at 150%), the columns of long text (names, descriptions)
    share the room the short ones (dates, statuses, amounts, yes or no) leave, down to
    `least_chars` characters each (`shared_widths`): the short ones stay whole and in view
    rather than pushed off to the right. No column is ever narrower than its heading whole as
    the header draws it once a row is chosen, in bold (`heading_widths`). A column is of long
    text by what it holds, words (`of_words`), not by its width alone: a column of amounts
    (£1,000,000.00), counts, dates or references keeps its header and its widest value whole
    however long they are. Without `arrows` (a table not sorted by its headings) no room is
    kept beside a heading for the sort arrow. With `spare_to`, the room left once every column has what its text needs goes to
    that column (a table's names; `SpareToOneColumn`), not to the last."""
    if texts is None:
        texts = longest_texts(columns, rows, sample)
    cells, header = view.fontMetrics(), view.horizontalHeader().fontMetrics()
    content = [max((cells.horizontalAdvance(text) for text in longest), default=0) + CELL_PADDING for longest in texts]
    padding = HEADER_PADDING if arrows else HEADER_PADDING_NO_ARROW
    bold = heading_widths(view.horizontalHeader(), [column.header for column in columns], arrows)
    headings = [max(header.horizontalAdvance(column.header) + padding, whole) for column, whole in zip(columns, bold, strict=True)]
    wanted = [max(widest, heading) for widest, heading in zip(content, headings, strict=True)]
    cap = for_the_text_size(most, view.font())
    widths = [max(min(width, cap), heading) for width, heading in zip(wanted, headings, strict=True)]
    least = least_chars * cells.averageCharWidth() + CELL_PADDING
    for earlier in view.findChildren(SharedWidths):
        earlier.let_go()
    for number, width in enumerate(widths):
        view.setColumnWidth(number, width)
    wide = [widest > least and of_words(column, longest) for column, widest, longest in zip(columns, content, texts, strict=True)]
    floors = [max(least, heading) for heading in headings]  # a heading is never cut
    if spare_to is None:
        SharedWidths(view, widths, wanted, wide, floors).share()
    else:
        SpareToOneColumn(view, widths, wanted, wide, floors, spare_to).share()


class SpareToOneColumn(SharedWidths):
    """`SharedWidths` for a table whose room to spare, once each column has what its text needs,
    goes to one column (`column`, a table's names) rather than to the last (such a table does
    not stretch its last column)."""

    def __init__(self, view: QTableView, widths: list[int], wanted: list[int], wide: list[bool], least: list[int], column: int):
        super().__init__(view, widths, wanted, wide, least)
        self.column = column

    def share(self) -> None:
        super().share()
        view, room = self.view, _room(self.view)
        if room is None or view.isColumnHidden(self.column):
            return
        spare = room - sum(view.columnWidth(number) for number in range(len(self.widths)) if not view.isColumnHidden(number))
        if spare > 0:
            view.setColumnWidth(self.column, view.columnWidth(self.column) + spare)
            if self.column in self.set_to:
                self.set_to[self.column] = view.columnWidth(self.column)


#: A text with no space longer than this is of words too (a link, a sentence in a script
#: written without spaces): a date, an amount or a reference is shorter.
FIGURE_MOST_CHARS = 24


def of_words(column: Column, longest: Sequence[str]) -> bool:
    """Whether a column holds words (names, descriptions, reasons, e-mail addresses, links),
    which may be cut short on a narrow window, whole on hover: a column aligned right (amounts,
    counts) never does, nor one whose longest texts are each a single short word or figure (a
    status, a date, a year, a reference) or a figure of parts that each hold a digit (a date and
    time)."""
    def words(text: str) -> bool:
        parts = text.split()
        return "@" in text or len(text) > FIGURE_MOST_CHARS or (
            len(parts) > 1 and not all(any(ch.isdigit() for ch in part) for part in parts))

    return not column.align_right and any(words(text) for text in longest)


@contextmanager
def measured_once(view: QTableView) -> Iterator[None]:
    """Fill a table whose columns fit their contents, measuring them once at the end: left
    fitting, each cell set measures its whole column again (half a millisecond a cell for a
    table of a few dozen). Rows that fit their text are sized by the caller after the fill
    (`resizeRowsToContents`), not by the vertical header, for the same reason."""
    header = view.horizontalHeader()
    modes = [header.sectionResizeMode(i) for i in range(header.count())]
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    try:
        yield
    finally:
        for i, mode in enumerate(modes):
            header.setSectionResizeMode(i, mode)
