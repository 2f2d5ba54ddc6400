"""The change log view: every change recorded, newest first, a page at a time from SQL.

Filters (dates, person, area, one record) and free-text search narrow it; each change of a
filter asks for the first page again. One record's history is in that record's area: while the
record filter is on, the Area box shows the record's area and cannot be changed ('Show every
record' gives back the area chosen before). The page and its count are read in a worker thread and
shown when they arrive; an answer to a filter the user has already changed is thrown away, so
the window never waits and never shows stale rows. An answer that arrives after its view has gone
(the Audits tab closed, the database switched) is dropped (`worker.answer_later`), and the
program waits for a read still running before it ends. Read-only: nothing here can change history.

`HistoryDialog` shows one record's own history; every record dialog opens it from its
"History…" button.
"""

from __future__ import annotations

import atexit
import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QRunnable, QSize, Qt, QThreadPool, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QTableView, QVBoxLayout, QWidget

from bscp_desktop.domain.kinds import ALL_KINDS
from bscp_desktop.domain.validation import local_time
from bscp_desktop.services import history as hs
from bscp_desktop.ui.common.dialog_fit import fit_to_screen
from bscp_desktop.ui.common.editors import DateEdit, after_a_pause
from bscp_desktop.ui.common.labels import as_typed, empty_state, plain_label
from bscp_desktop.ui.common.layout import WrappingRow
from bscp_desktop.ui.common.list_page import offer_tool
from bscp_desktop.ui.common.messages import explain
from bscp_desktop.ui.common.notices import ReloadsWhenShown
from bscp_desktop.ui.common.table_model import CELL_PADDING, read_only_rows
from bscp_desktop.ui.common.worker import answer_later

SEARCH_DELAY_MS = 250
FOLLOW_UP_MS = 60  # the count waits until the new rows are drawn
EMPTY = "No changes match these filters. Clear the filters to see every change."
#: A search of punctuation only ("%", "£"), as the program-wide search says it.
NO_WORDS = "There are no words to look for in what you typed: type a word, a name or a number."
NOTHING_YET = "No changes recorded yet: every record added, changed or archived in the program will be listed here."
HEADERS = ("When", "Who", "Area", "Record", "What happened", "Field", "Old value", "New value")


def cells(change: hs.ChangeDTO) -> tuple[str, ...]:
    return (
        f"{local_time(change.changed_at):%d/%m/%Y %H:%M}", change.changed_by, hs.area_label(hs.area_of_table(change.table_name)),
        change.record_text, change.action_label, change.field_label, change.old_text, change.new_text,
    )


#: How wide each column starts, in characters of the table's font. The last also takes any room
#: left; where there is none (a large system font) it keeps its own width, as wide as Old value.
COLUMN_CHARACTERS = (16, 13, 14, 37, 15, 17, 24, 24)
AREA_COLUMN = 2


def area_names() -> list[str]:
    """Every name the Area column can show: each area's, and 'Other' for a table of none."""
    return [hs.area_label(key) for key in (*hs.area_tables(), "other")]


def size_change_columns(table: QTableView) -> None:
    """Each column as wide as its heading and its usual text at the table's font, so a larger
    system font widens them with it: 'When' shows its whole date and time, not '03/12/20…', and
    Area its longest area's name, not 'Membersh…'."""
    metrics = table.fontMetrics()
    header = table.horizontalHeader().fontMetrics()
    for column, characters in enumerate(COLUMN_CHARACTERS):
        width = max(metrics.averageCharWidth() * characters, header.horizontalAdvance(HEADERS[column]) + 24)
        if column == 0:  # the moment, in figures, wider than the average letter
            width = max(width, metrics.horizontalAdvance("00/00/0000 00:00") + 12)
        elif column == AREA_COLUMN:  # a few names, known in advance: the longest whole
            width = max(width, max(metrics.horizontalAdvance(name) for name in area_names()) + CELL_PADDING)
        table.setColumnWidth(column, width)


class ChangeTableModel(QAbstractTableModel):
    """One page of changes; the text of every cell is worked out once, when the page arrives."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[hs.ChangeDTO] = []
        self._texts: list[tuple[str, ...]] = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._texts = [cells(r) for r in self.rows]
        self.endResetModel()

    def rowCount(self, parent=None) -> int:  # noqa: N802 - Qt API
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent=None) -> int:  # noqa: N802 - Qt API
        return 0 if parent is not None and parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        text = self._texts[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text.replace("\n", " ⏎ ")
        if role == Qt.ItemDataRole.ToolTipRole and len(text) > 40:
            return as_typed(text)  # a value as typed, never markup
        return None


@dataclass(frozen=True)
class _Answer:
    generation: int
    page: hs.ChangePage | None = None
    count: int | None = None
    people: tuple[str, ...] | None = None
    error: str = ""


class _Read(QRunnable):
    """Reads a page, a count or the list of people off the UI thread; `answer` (from
    `answer_later`) takes it to the view on the window's thread, or drops it if the view has gone."""

    def __init__(self, answer: Callable[[_Answer], None], db, generation: int, what: str, query: hs.ChangeQuery,
                 cursor: int | None = None, limit: int = hs.PAGE_SIZE):
        super().__init__()
        self.answer, self.db, self.generation, self.what = answer, db, generation, what
        self.query, self.cursor, self.limit = query, cursor, limit

    def run(self) -> None:
        try:
            if self.what == "page":
                answer = _Answer(self.generation, page=hs.change_page(self.db, self.query, self.cursor, self.limit))
            elif self.what == "count":
                answer = _Answer(self.generation, count=hs.count_changes(self.db, self.query))
            else:
                answer = _Answer(self.generation, people=tuple(hs.people(self.db)))
        except Exception as exc:  # shown in the status line; the window carries on
            answer = _Answer(self.generation, error=explain(exc))  # in the program's words, never SQL
        self.answer(answer)


_POOL: QThreadPool | None = None


def _pool() -> QThreadPool:
    """Two reader threads for every change log view (a page and its count at once)."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(2)
        atexit.register(_reads_ended)
    return _POOL


def _reads_ended(timeout_ms: int = 30_000) -> None:
    """A read still running when the program ends (the window closed while the change log was
    searching) finishes first: its answer then goes nowhere, instead of to objects the program
    is already taking down."""
    if _POOL is not None:
        _POOL.waitForDone(timeout_ms)


class ChangeLogView(ReloadsWhenShown, QWidget):
    """Filters, the table of changes and Newer/Older paging. `fixed_record` narrows the view to
    one record for good (the record's own history). Any change recorded anywhere reloads the
    first page (at once when on screen, else when next shown)."""

    def __init__(self, db, parent=None, fixed_record: tuple[str, int] | None = None, record_name: str = ""):
        super().__init__(parent)
        self.db = db
        self.query = hs.ChangeQuery(record=fixed_record)
        self.record_name = record_name
        self._fixed = fixed_record is not None
        self._area_before: str | None = None  # the area chosen before the record filter, shown again after it
        self.page_size = hs.PAGE_SIZE
        self._want_people = False
        self._generation = itertools.count(1)
        self.filter_problem = ""  # why the filters as typed cannot be read, or ""
        self._current = 0
        self._waiting = False
        self._cursors: list[int | None] = [None]  # the cursor that starts each page seen so far
        self._firsts = [1]  # the number of each such page's first row (pages differ in rows)
        self._count: int | None = None
        self._next: int | None = None

        self.date_from = DateEdit(self)
        self.date_from.setAccessibleName("Changes from")
        self.date_to = DateEdit(self)
        self.date_to.setAccessibleName("Changes up to")
        self.person = QComboBox(self)
        self.person.setAccessibleName("Changed by")
        self.person.addItem("Everyone", None)
        self.area = QComboBox(self)
        self.area.setAccessibleName("Area")
        self.area.addItem("All areas", None)
        for key in hs.area_tables():
            self.area.addItem(hs.area_label(key), key)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search names and values…")
        self.search.setAccessibleName("Search the change log")
        self.search.setClearButtonEnabled(True)
        self.clear_button = QPushButton("Clear filters", self)
        self.record_label = plain_label("", self, name="Record shown")  # the record's name, as typed
        self.all_records = QPushButton("Show every record", self)
        self.all_records.setVisible(False)

        bar = WrappingRow()
        for caption, widget in (("From:", self.date_from), ("To:", self.date_to), ("Who:", self.person),
                                ("Area:", self.area), ("Search:", self.search)):
            label = QLabel(caption, self)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget, 2 if widget is self.search else 0)
            if widget is self.area:  # one record's history is in one area
                label.setVisible(not self._fixed)
                widget.setVisible(not self._fixed)
        bar.addWidget(self.clear_button)
        record_bar = QHBoxLayout()
        record_bar.addWidget(self.record_label, 1)
        record_bar.addWidget(self.all_records)

        self.model = ChangeTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        read_only_rows(self.table, "Changes, newest first")
        size_change_columns(self.table)
        if self._fixed:  # one record's history: its area and name are said above the table
            self.table.setColumnHidden(AREA_COLUMN, True)
            # but when it holds its rows' changes too (a case's agencies' returns, a rating's
            # action), the Record column says whose each change is
            self.table.setColumnHidden(3, fixed_record[0] not in hs.RECORD_CHILDREN)
        self.empty = QLabel(EMPTY, self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        empty_state(self.empty)
        self.empty.hide()

        self.status = plain_label("", self, wrap=True, name="Changes shown")  # may quote the search typed
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setAccessibleName("Loading")
        self.busy.hide()
        self.newer = QPushButton("◀ Newer", self)
        self.older = QPushButton("Older ▶", self)
        self.newer.setAccessibleName("Newer changes")
        self.older.setAccessibleName("Older changes")
        footer = WrappingRow()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.busy)
        footer.addWidget(self.newer)
        footer.addWidget(self.older)
        self.footer = footer

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(record_bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(footer)

        self._search_timer = after_a_pause(self, SEARCH_DELAY_MS, self._filters_changed, self.search.textChanged)
        # Enter in a filter shows its changes at once; no button here is pressed by it (in a
        # dialog, Enter would otherwise press Clear filters and wipe what was typed)
        for box in (self.search, self.date_from.line, self.date_to.line):
            box.returnPressed.connect(self._apply_now)
        for button in (self.clear_button, self.all_records, self.newer, self.older):
            button.setAutoDefault(False)
        self.date_from.changed.connect(self._filters_changed)
        self.date_to.changed.connect(self._filters_changed)
        self.person.currentIndexChanged.connect(lambda _i: self._filters_changed())
        self.area.currentIndexChanged.connect(lambda _i: self._filters_changed())
        self.clear_button.clicked.connect(self.clear_filters)
        self.all_records.clicked.connect(self.show_every_record)
        self.table.doubleClicked.connect(lambda index: self.show_changed_record(index.row()))
        if not self._fixed:
            self.table.setToolTip("Double-click a change to see only that record's history")
            enter = QAction("Only this record's history", self.table)
            enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
            enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            enter.triggered.connect(lambda: self.show_changed_record(self.table.currentIndex().row()))
            self.table.addAction(enter)
        self.newer.clicked.connect(self.previous_page)
        self.older.clicked.connect(self.next_page)
        self._show_record()
        self.watch(db, *ALL_KINDS)
        self._stale = True  # reads when first shown

    # ------------------------------------------------------------------ filters

    def reload(self) -> None:
        """Read the first page again with the current filters (and the list of people)."""
        self._start(reset=True, people=True)

    def _fill_people(self, people) -> None:
        current = self.person.currentData()
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItem("Everyone", None)
        for name in people:
            self.person.addItem(name, name)
        if current is not None and self.person.findData(current) < 0:
            self.person.addItem(current, current)
        self.person.setCurrentIndex(max(self.person.findData(current), 0))
        self.person.blockSignals(False)

    def _read_filters(self) -> hs.ChangeQuery | None:
        problems = []
        try:
            start = self.date_from.value()
        except ValueError as exc:
            start, _ = None, problems.append(f"From: {exc}")
        try:
            end = self.date_to.value()
        except ValueError as exc:
            end, _ = None, problems.append(f"To: {exc}")
        if start and end and end < start:
            problems.append("The 'To' date is before the 'From' date")
        self.filter_problem = ". ".join(problems) + "." if problems else ""
        if problems:  # nothing shown or saved for filters that cannot be read; a read under way is ignored
            self._current = next(self._generation)
            self._waiting = False
            self.busy.hide()
            self.model.set_rows([])
            self.table.hide()
            self.empty.setText(f"{self.filter_problem} Correct the dates to see the changes.")
            self.empty.show()
            self.status.setText(self.filter_problem)
            return None
        return replace(self.query, date_from=start, date_to=end, person=self.person.currentData(),
                       area=None if self._fixed else self.area.currentData(), search=self.search.text().strip())

    def _filters_changed(self) -> None:
        query = self._read_filters()
        if query is None:
            return
        self.query = query
        self._start(reset=True)

    def _apply_now(self) -> None:
        self._search_timer.stop()
        self._filters_changed()

    def clear_filters(self) -> None:
        for widget in (self.date_from, self.date_to, self.person, self.area, self.search):
            widget.blockSignals(True)
        self.date_from.set_value(None)
        self.date_to.set_value(None)
        self.person.setCurrentIndex(0)
        self.area.setCurrentIndex(0)
        self.search.clear()
        for widget in (self.date_from, self.date_to, self.person, self.area, self.search):
            widget.blockSignals(False)
        if self.query.record is not None:  # its own area stays shown while its history is
            self._area_before = None
            self._show_record()
        self._search_timer.stop()
        self._filters_changed()

    def set_dates(self, start: date | None, end: date | None) -> None:
        for widget, value in ((self.date_from, start), (self.date_to, end)):
            widget.blockSignals(True)
            widget.set_value(value)
            widget.blockSignals(False)
        self._filters_changed()

    def set_area(self, area: str | None) -> None:
        """Show one area's changes (every area's: None), every record's: a record filter on
        ends, as one record's history is in the record's own area."""
        if self.query.record is not None and not self._fixed:
            self._area_before = area
            self.show_every_record()
            return
        self.area.setCurrentIndex(max(self.area.findData(area), 0))

    def set_person(self, person: str | None) -> None:
        if person is not None and self.person.findData(person) < 0:
            self.person.addItem(person, person)
        self.person.setCurrentIndex(max(self.person.findData(person), 0))

    def show_record(self, table: str, record_id: int, name: str = "", key: str = "") -> None:
        """Narrow the view to one record's history (until 'Show every record'); a setting's by
        its `key` (`hs.ChangeQuery.record`), in the record's own area (the Area box shows it)."""
        if self.query.record is None:
            self._area_before = self.area.currentData()
        self.record_name = name
        self.query = replace(self.query, record=(table, int(record_id), key) if key else (table, int(record_id)))
        self._show_record()
        self._start(reset=True)

    def show_changed_record(self, row: int) -> None:
        """The history of the record changed in this row of the table (the record filter)."""
        if self._fixed or not 0 <= row < len(self.model.rows):
            return
        change = self.model.rows[row]  # named as its row names it: a setting by its words, not its key
        self.show_record(*change.record[:2], change.shown_name, *change.record[2:])

    def show_every_record(self) -> None:
        """End the record filter: every record's changes, of the area chosen before it."""
        if self.query.record is not None and not self._fixed:
            self.query = replace(self.query, record=None, area=self._area_before)
        self._show_record()
        self._start(reset=True)

    def _show_record(self) -> None:
        record = self.query.record
        self.record_label.setVisible(record is not None)
        self.all_records.setVisible(record is not None and not self._fixed)
        if record is not None:
            what = f"{hs.table_label(record[0]).lower()} {self.record_name}".strip()
            self.record_label.setText(f"History of {what}" if self._fixed else f"Showing only the history of {what}.")
        if not self._fixed:
            self._show_area(self.query.area, record is None)  # a record's: its own (`hs.ChangeQuery`)

    def _show_area(self, area: str | None, can_choose: bool) -> None:
        """The Area box showing `area`, without reading the changes again; fixed while one
        record's history is shown (the record's area)."""
        self.area.blockSignals(True)
        self.area.setCurrentIndex(max(self.area.findData(area), 0))
        self.area.blockSignals(False)
        self.area.setEnabled(can_choose)
        self.area.setToolTip("" if can_choose else "One record's history is in the record's own area. "
                             "Press 'Show every record' to choose another area.")

    # ------------------------------------------------------------------ paging

    def next_page(self) -> None:
        if self._next is not None and not self._waiting:
            self._cursors.append(self._next)
            self._firsts.append(self._firsts[-1] + self.model.rowCount())
            self._start(reset=False)

    def previous_page(self) -> None:
        if len(self._cursors) > 1 and not self._waiting:
            self._cursors.pop()
            self._firsts.pop()
            self._start(reset=False)

    def loading(self) -> bool:
        """True while a page is being read (or a search is about to be)."""
        return self._waiting or self._search_timer.isActive()

    def _start(self, reset: bool, people: bool = False) -> None:
        if reset:
            self._cursors, self._firsts = [None], [1]
            self._count = None
        self._current = next(self._generation)
        self._want_people = self._want_people or people
        self._waiting = True
        self.busy.show()
        offer_tool(self.newer, "Loading…")
        offer_tool(self.older, "Loading…")
        self.status.setText("Loading…")
        _pool().start(_Read(answer_later(self, "_arrived"), self.db, self._current, "page", self.query,
                            self._cursors[-1], self.page_size))

    def _follow_up(self, generation: int) -> None:
        """After the rows are on screen: their count, and the people to filter by. (Read later
        so that the worker is not busy while the window draws the new rows.)"""
        if generation != self._current:
            return
        if self._count is None:
            _pool().start(_Read(answer_later(self, "_arrived"), self.db, generation, "count", self.query))
        if self._want_people:
            self._want_people = False
            _pool().start(_Read(answer_later(self, "_arrived"), self.db, generation, "people", self.query))

    def _arrived(self, answer: _Answer) -> None:
        if answer.people is not None:  # whoever asked, the list of people is news
            self._fill_people(answer.people)
            return
        if answer.generation != self._current:
            return  # the filters changed since this was asked for
        if answer.error:
            self._waiting = False
            self.busy.hide()
            self.status.setText(f"The change log could not be read: {answer.error}")
            return
        if answer.page is not None:
            self._waiting = False
            self.busy.hide()
            self._next = answer.page.cursor
            self.model.set_rows(answer.page.rows)
            self.table.setVisible(bool(answer.page.rows))
            self.empty.setVisible(not answer.page.rows)
            unfiltered = self.query == hs.ChangeQuery(record=self.query.record)
            self.empty.setText(NOTHING_YET if unfiltered else NO_WORDS if hs.no_words(self.query) else EMPTY)
            if answer.page.rows:
                self.table.scrollToTop()
            # timed by the view itself: a view gone by then (its tab closed, the database
            # switched) asks for nothing more of a database that may be closed
            QTimer.singleShot(FOLLOW_UP_MS, self, lambda g=answer.generation: self._follow_up(g))
        if answer.count is not None:
            self._count = answer.count
        self._show_position()

    def _show_position(self) -> None:
        shown = self.model.rowCount()
        offer_tool(self.newer, "Loading…" if self._waiting else
                                  "" if len(self._cursors) > 1 else "These are the newest changes.")
        offer_tool(self.older, "Loading…" if self._waiting else
                                  "" if self._next is not None else "There are no older changes.")
        if not shown:
            self.status.setText("Loading…" if self._waiting else NO_WORDS if hs.no_words(self.query)
                                else "No changes to show.")
            return
        first = self._firsts[-1]
        if self._count is None:
            total = " (counting…)"
        elif self._count > hs.COUNT_CAP:
            total = f" of more than {hs.COUNT_CAP:,}"
        else:
            total = f" of {self._count:,}"
        self.status.setText(
            f"Changes {first:,} to {first + shown - 1:,}{total}, newest first: {hs.describe(self.query, self.record_name)}."
        )


class HistoryDialog(QDialog):
    """One record's own history, from its dialog's History… button. Read-only."""

    def __init__(self, db, table: str, record_id: int, name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        what = f"{hs.table_label(table)} {name}".strip()
        self.setWindowTitle(f"History: {what}")
        fit_to_screen(self, QSize(1000, 520))
        self.view = ChangeLogView(db, self, fixed_record=(table, record_id), record_name=name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)  # Enter in a filter applies it; Escape closes
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)


def add_history_button(dialog, db, table: str, record_id: int | None, name: str = "") -> QPushButton | None:
    """A "History…" button in a record dialog's button row (none for a record not saved yet):
    it opens the record's own history."""
    if record_id is None:
        return None
    button = QPushButton("History…", dialog)
    button.setAccessibleName("History of this record")
    button.setToolTip("Every change made to this record: when, who, and from what to what")
    dialog.buttons.addButton(button, QDialogButtonBox.ButtonRole.ResetRole)
    button.clicked.connect(lambda: HistoryDialog(db, table, record_id, name, dialog).exec())
    dialog.history_button = button
    return button
