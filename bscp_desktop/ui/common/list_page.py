"""The shape of every list: toolbar, filter bar, sortable table, empty state.

A page is described, not programmed: a `PageSpec` gives its noun, the kinds of record it
shows, its columns, how to load its rows, its filters, the dialog that adds and edits a
record, and the archive and restore commands. For example, the Organisations page:

    ORGANISATIONS = PageSpec(
        noun="organisation", kinds=(RecordKind.MEMBERSHIPS,),
        columns=[Column("Name", lambda o: o.name), ...],
        load=lambda db, q: ms.list_organisations(db, include_archived=q.include_archived),
        empty_text="No organisations yet: press New organisation, or import a list.",
        dialog=OrganisationDialog, archive=ms.archive_organisation, restore=ms.restore_organisation,
    )
    page = RecordListPage(db, ORGANISATIONS, parent)

Rows are DTOs following the row protocol (`services.common.Row`: `id`, `archived`, `name`). Nothing loads while the page is built: it loads when first shown, and reloads when a kind of
record it shows changes (see `notices.py`). A load (the rows and the filters' choices) runs
in a worker thread with its own unit of work, which also sorts the rows and works out the text
each is searched by; the window waits for it up to `LOAD_WAIT_MS` (30 ms), so a short list shows
at once, and a longer one (ten years of meetings) arrives by a signal while the window stays free
(`loading()` is True meanwhile). "Today" is read at each load, so overdue flags are right after midnight. A page with more to it subclasses `RecordListPage`
and overrides the hooks: `activate(row)` (double-click or Enter; edits by default),
`update_actions(row)` (enable its own toolbar entries) and `loaded()` (after each load).

Dense lists stay readable (`columns.py`): a cell cut short shows its whole text on hover, the
selected record shows in full under the list (`detail=False` for a page showing it otherwise),
and the header's menu shows or hides columns, remembered for each user (`hidden_columns` start
hidden). Filters keep their full text; Tab reaches them in screen order. The toolbar, with Columns and
Sort by, is also the page's menu (a right-click on the list; the Menu key or Shift+F10 anywhere on the page, so an empty list's tools are reached too);
Delete archives (asking first). Ctrl+F is the window's search (this tab's records, minutes included); the box above the list filters the rows shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QComboBox, QLabel, QLineEdit, QMenu, QSplitter, QStackedWidget, QTableView, QToolBar, QVBoxLayout, QWidget

from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.services.common import Row
from bscp_desktop.ui.common.columns import ColumnChooser, FullTextOnHover, detail_text, keep_full_text
from bscp_desktop.ui.common.editors import refill_combo
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.keys import menu_keys_anywhere, tab_along, tools_menu
from bscp_desktop.ui.common.labels import empty_state, plain_label
from bscp_desktop.ui.common.layout import WrappingRow, split_below
from bscp_desktop.ui.common.messages import confirm, done, explain, show_error
from bscp_desktop.ui.common.notices import ReloadsWhenShown
from bscp_desktop.ui.common.permissions import changes
from bscp_desktop.ui.common.table_model import SIZE_SAMPLE_ROWS, Column, FilterProxy, Prepared, RecordTableModel, fit_columns, read_only_rows
from bscp_desktop.ui.common.worker import QUICK_READ_MS, LatestRead

#: A column's widest at the usual text size, wider at a larger one (`fit_columns`); longer text is
#: elided, whole on hover, unless the window has room to spare for it.
MAX_COLUMN_WIDTH = 260
#: How long the window waits for a page's load before letting it finish in the background.
LOAD_WAIT_MS = QUICK_READ_MS


@dataclass(frozen=True)
class Query:
    """What a page asks its loader for: archived rows too?, the filters' values, today."""

    include_archived: bool
    today: date
    filters: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.filters.get(name)


@dataclass(frozen=True)
class Filter:
    """A drop-down in the filter bar. `choices(db)` gives (label, value) pairs, refreshed at
    each load; the chosen value reaches the loader as `query[name]` (None for `everything`)."""

    name: str
    label: str
    choices: Callable[[Any], Sequence[tuple[str, Any]]]
    everything: str | None = "All"


@dataclass(frozen=True)
class PageSpec:
    noun: str
    kinds: tuple[RecordKind, ...]
    # a list of columns, or a function of `today()` for columns that depend on the date
    columns: Sequence[Column] | Callable[[Callable[[], date]], Sequence[Column]]
    load: Callable[[Any, Query], Sequence[Row]]
    empty_text: str
    dialog: Callable[..., FormDialog] | None = None  # dialog(db, record_or_None, parent)
    archive: Callable[[Any, int], None] | None = None  # archive(db, id)
    restore: Callable[[Any, int], None] | None = None
    archive_note: Callable[[Any, int], str] | None = None  # what still hangs on the record, asked before archiving
    filters: tuple[Filter, ...] = ()
    plural: str = ""  # when not the noun + "s"
    hidden_columns: tuple[str, ...] = ()  # less-used columns, hidden until the user shows them
    detail: bool = True  # the selected record in full under the list
    # filters set from the start (the action log's): none on record says `empty_text`, not "match"
    any_on_record: Callable[[Any], bool] | None = None


class _Load:
    """One load of a page, read in a worker thread."""

    def __init__(self, query: Query):
        self.query = query
        self.choices: list[Sequence[tuple[str, Any]]] = []
        self.rows: list[Row] = []
        self.prepared: Prepared | None = None
        self.more: Any = None
        self.error: Exception | None = None
        self.none_on_record = False  # nothing read, and nothing to read whatever the filters
        self.all_archived = False  # nothing read, but archived records are there to show


_USUAL_TIP = "usualTip"  # a tool's tooltip while it is offered (`offer_tool`)


def offer_tool(action: QAction | QAbstractButton, why_not: str = "") -> None:
    """Enable a tool (an action or a button, on a list page or anywhere), or disable it saying
    why (`why_not`, one sentence) in its tooltip; enabled again, it has its usual tooltip back."""
    if action.property(_USUAL_TIP) is None:  # the first time: what it says while offered
        action.setProperty(_USUAL_TIP, action.toolTip())
    action.setEnabled(not why_not)
    action.setToolTip(why_not or action.property(_USUAL_TIP) or action.text().rstrip("…"))


class RecordListPage(ReloadsWhenShown, QWidget):
    def __init__(self, db, spec: PageSpec, parent: QWidget | None = None, today: date | None = None):
        super().__init__(parent)
        self._current_load: _Load | None = None
        self._reading = LatestRead(self, spec.noun, self._apply_load, self._load_failed)
        self._wanted_id: int | None = None
        self._after_load: list[Callable[[], None]] = []
        self.more: Any = None  # what `read_more` read with the rows last shown
        self.db = db
        self.spec = spec
        self.noun = spec.noun
        self.fixed_today = today
        self.today = today or date.today()
        self.empty_text = spec.empty_text
        plural = spec.plural or noun_plural(spec.noun)

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_action = self._action(f"New {spec.noun}", self.on_new, QKeySequence.StandardKey.New)
        self.edit_action = self._action("Edit", self.on_edit)
        self.archive_action = self._action("Archive", self.on_archive)
        self.restore_action = self._action("Restore", self.on_restore)
        for action in (self.new_action, self.edit_action, self.archive_action, self.restore_action):
            changes(action)  # whatever a page renames them: refused to a read-only login (permissions.py)
        self.new_action.setVisible(spec.dialog is not None)
        self.edit_action.setVisible(spec.dialog is not None)
        self.archive_action.setVisible(spec.archive is not None)
        self.restore_action.setVisible(spec.restore is not None)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(f"Search {plural}…")
        self.search.setAccessibleName(f"Search {plural}")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(140)
        self.show_archived = QCheckBox("Show archived", self)
        self.show_archived.setVisible(spec.archive is not None)
        self.filter_bar = WrappingRow()  # on two lines when the window is narrow
        self.search_label = QLabel("Search:", self)
        self.search_label.setBuddy(self.search)
        self.filter_bar.addWidget(self.search_label)
        self.filter_bar.addWidget(self.search, 1)
        self.filter_bar.addWidget(self.show_archived)
        self._refit: list[Callable[[], None]] = []
        self.filters: dict[str, QComboBox] = {}
        for spec_filter in spec.filters:
            combo = QComboBox(self)
            combo.setAccessibleName(f"{spec_filter.label.rstrip(':')} filter")
            self.filters[spec_filter.name] = combo
            self.add_filter_widget(combo, spec_filter.label)
            combo.currentIndexChanged.connect(lambda _i: self.reload())

        columns = spec.columns(lambda: self.today) if callable(spec.columns) else spec.columns
        self.model = RecordTableModel(columns, self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        read_only_rows(self.table, plural.capitalize(), sort=True)
        self._sized = False
        self._kept_id = None  # the selected record, kept across reloads and re-sorting
        self._place_left: tuple[int, int] | None = None  # (id, row) of the record a command was run on
        self.model.modelAboutToBeReset.connect(self._keep_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Widths come from a sample of rows (`size_columns`), so a list of thousands opens quickly.
        self.table.horizontalHeader().setResizeContentsPrecision(SIZE_SAMPLE_ROWS)
        self.table.doubleClicked.connect(lambda _i: self._activate_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.table.setItemDelegate(FullTextOnHover(self.table))
        self.columns_menu = ColumnChooser(
            self.table, [c.header for c in columns], f"{type(self).__name__}/{spec.noun}", spec.hidden_columns
        )
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAccessibleName(f"Selected {spec.noun}")
        self.detail.setStyleSheet("color: #333333; padding: 2px 4px;")
        self.detail.hide()
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_detail())

        self.empty = plain_label("", self, wrap=True)  # may name the record chosen above the list
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_state(self.empty)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.detail)

        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self.show_tools_menu)
        enter, self.tools_action = QAction("Open selected", self), QAction("Show the list's tools", self)  # a host may take its keys
        enter.triggered.connect(self._activate_selected)
        self.tools_action.triggered.connect(lambda: self.show_tools_menu())
        for action, keys in ((enter, [Qt.Key.Key_Return, Qt.Key.Key_Enter]), (self.tools_action, [Qt.Key.Key_Menu, "Shift+F10"]), (self.archive_action, [Qt.Key.Key_Delete])):
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # keys of the list, not of the search box
            self.table.addAction(action)
        menu_keys_anywhere(self, lambda focus: self.show_tools_menu(at=focus), self.empty)  # the search box, filters, note

        self.search.textChanged.connect(self._filter_changed)
        self.show_archived.toggled.connect(lambda _c: self.reload())
        self.watch(db, *spec.kinds)
        self._stale = True  # nothing loads while the page is built: it loads when first shown
        self._none_on_record = self._all_archived = False  # as last read (`PageSpec.any_on_record`, archived only)
        self._load_error: Exception | None = None  # why the last read failed: said in place of the list, never "none yet"

    # ------------------------------------------------------------ hooks for pages with more
    def activate(self, row: Row) -> None:
        """Double-click or Enter on a row: edit it (a page may open it instead)."""
        self.on_edit()

    def update_actions(self, row: Row | None) -> None:
        """Enable the page's own toolbar entries for the selected row (or None)."""

    def loaded(self) -> None:
        """Called after each load (on the window's thread: what it needs from the database is
        read by `read_more`, and is in `self.more`)."""

    def read_more(self, db, shown: Sequence[Row]) -> Any:
        """Anything else the page shows beside its rows (`shown`: those it will show, in their
        order), read in the load's worker thread with the rows (so it must not touch a widget);
        `loaded()`, and whatever the rows' arrival sets off, find it in `self.more`."""
        return None

    # ------------------------------------------------------------ building
    def show_below(self, widget: QWidget, shares: tuple[int, int] = (1, 1)) -> QSplitter:
        """Put `widget` (what belongs to the chosen record: its payments, its timeline...) under
        the list and its detail line, sharing the height in `shares`; the user can move the line
        between them."""
        return split_below(self, (self.stack, self.detail), widget, shares)

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.toolbar.addAction(action)
        self.addAction(action)
        return action

    def add_tool(self, text: str, slot: Callable[[], Any], tip: str = "") -> QAction:
        """A toolbar entry of the page's own, after its New, Edit, Archive and Restore (a page
        enables it in `update_actions`)."""
        action = self._action(text, slot)
        action.setToolTip(tip or text.rstrip("…"))
        return action

    offer_tool = staticmethod(offer_tool)  # self.offer_tool(action, why_not) on a page

    def add_filter_widget(self, widget: QWidget, label: str | None = None) -> None:
        if label:
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            self.filter_bar.insertWidget(self.filter_bar.count() - 1, caption)
        if isinstance(widget, QComboBox) and not widget.isEditable():
            self._refit.append(keep_full_text(widget))  # a filter keeps its full text; the search box gives way
        self.filter_bar.insertWidget(self.filter_bar.count() - 1, widget)
        tab_along([self.filter_bar.itemAt(i).widget() for i in range(self.filter_bar.count())])

    def show_tools_menu(self, pos: QPoint | None = None, at: QWidget | None = None) -> QMenu | None:
        """The toolbar's actions, then Columns and Sort by, as a menu at `pos` in the list's viewport, under the chosen row, or under `at` elsewhere."""
        return tools_menu(self, self.table, self.toolbar, pos, at, self.columns_menu)

    def _show_detail(self) -> None:
        row = self.selected() if self.spec.detail else None
        if row is None or self.stack.currentWidget() is not self.table:
            self.detail.hide()
            return
        columns = self.model.columns
        self.detail.setText(detail_text([c.header for c in columns], [c.value(row) for c in columns]))
        self.detail.show()

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        self.proxy.set_predicate(predicate)
        self._show_state()

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._show_state()

    def _keep_selection(self) -> None:
        row = self.selected()
        self._kept_id = row.id if row is not None else None

    def _restore_selection(self) -> None:
        if self._kept_id is not None:
            self.select_id(self._kept_id)
        left, self._place_left = self._place_left, None
        if left is not None and left[0] == self._kept_id and self.selected() is None and self.proxy.rowCount():
            self.table.selectRow(min(left[1], self.proxy.rowCount() - 1))  # a command took it out: the one now in its place

    # ------------------------------------------------------------ loading
    def query(self) -> Query:
        return Query(
            self.show_archived.isChecked(), self.today,
            {name: combo.currentData() for name, combo in self.filters.items()},
        )

    def refill_filters(self) -> None:
        for spec_filter in self.spec.filters:
            first = (spec_filter.everything, None) if spec_filter.everything is not None else None
            refill_combo(self.filters[spec_filter.name], spec_filter.choices(self.db), first)

    def loading(self) -> bool:
        """True while a load is still being read in the background."""
        return self._reading.loading() or self.model.working()

    def reload(self, then: Callable[[], None] | None = None) -> None:
        """Read the rows (and the filters' choices) again in a worker thread; `then` runs once
        they are shown."""
        self._stale = False
        self.today = self.fixed_today or date.today()
        if then is not None:
            self._after_load.append(then)
        load = self._current_load = _Load(self.query())
        db, spec, read_more, prepare = self.db, self.spec, self.read_more, self.model.prepared_rows()
        # A filter with no 'All …' entry starts at its first choice: the first load reads that.
        unfilled = {f.name for f in spec.filters if f.everything is None and not self.filters[f.name].count()}

        def read() -> _Load:
            load.choices = [f.choices(db) for f in spec.filters]
            for spec_filter, choices in zip(spec.filters, load.choices, strict=True):
                if spec_filter.name in unfilled and choices:
                    load.query.filters[spec_filter.name] = choices[0][1]
            load.rows = list(spec.load(db, load.query))
            load.none_on_record = not load.rows and spec.any_on_record is not None and not spec.any_on_record(db)
            if not (load.rows or load.none_on_record or load.query.include_archived) and spec.archive is not None:
                load.all_archived = any(spec.load(db, replace(load.query, include_archived=True)))  # all archived?
            load.prepared = prepare(load.rows)  # sorted and made searchable here, not on the window's thread
            load.more = read_more(db, load.prepared.shown or [])
            return load

        self._reading.start(read, LOAD_WAIT_MS)

    def _load_failed(self, exc: Exception) -> None:
        self._current_load.error = exc
        self._apply_load(self._current_load)

    def _apply_load(self, load: _Load) -> None:
        rows, self._load_error = load.rows, load.error
        if load.error is not None:  # a broken database must not take the window down
            show_error(self, "Could not load records", load.error)
            rows = []
        else:
            for spec_filter, choices in zip(self.spec.filters, load.choices, strict=True):
                first = (spec_filter.everything, None) if spec_filter.everything is not None else None
                refill_combo(self.filters[spec_filter.name], choices, first)
        if rows and not isinstance(rows[0], Row):
            raise TypeError(f"{type(rows[0]).__name__} does not follow the row protocol (id, archived, name)")
        self.more = load.more  # before the rows: showing them (a selection kept) may use it
        self._none_on_record, self._all_archived = load.none_on_record, load.all_archived
        self.model.set_rows(load.prepared if rows and load.prepared is not None else rows)
        if not self._sized and rows:
            self.size_columns(load.prepared.longest if load.prepared is not None else None)
        self._show_state()
        if self._wanted_id is not None:
            wanted, self._wanted_id = self._wanted_id, None
            self.select_id(wanted)
        self.loaded()
        if load.error is None and self.query().filters != load.query.filters:
            self.reload()  # a filter's choice changed as its choices were filled: read that
            return
        after, self._after_load = self._after_load, []
        for then in after:
            then()

    def size_columns(self, longest: list[list[str]] | None = None) -> None:
        """Fit the columns to their contents once, on the first load with rows (`longest`: the
        texts to measure, when the load's worker picked them); after that widths stay put
        (filtering does not make columns jump, and a user's widths are kept)."""
        self._sized = True
        fit_columns(self.table, self.model.columns, self.model.shown, MAX_COLUMN_WIDTH, texts=longest)

    def filtered_away(self) -> bool:
        """Whether rows were read but the filters hide them all, or a filter applied as they are
        read is set (then the empty state says so, not that there is nothing)."""
        return bool(self.model.rows) or (self.filters_set() and not self._none_on_record)

    def filters_set(self) -> bool:
        """Whether a filter leaves records out: a drop-down not at its 'All …' choice (a page
        with filters of its own, such as tick boxes, adds them)."""
        return any(combo.currentData() is not None and (f.everything is not None or combo.findData(None) >= 0)
                   for f, combo in zip(self.spec.filters, self.filters.values(), strict=True))

    def clear_filters(self, record: Row | None = None) -> None:
        """Clear the search and set each filter to show everything, without reloading; a page
        with filters of its own clears them too (`record`, when known, is the one to show)."""
        self.search.clear()
        for spec_filter in self.spec.filters:
            combo = self.filters[spec_filter.name]
            everything = 0 if spec_filter.everything is not None else combo.findData(None)  # 'All statuses'
            combo.blockSignals(True)
            combo.setCurrentIndex(everything if everything >= 0 else combo.currentIndex())
            combo.blockSignals(False)

    def _show_state(self) -> None:
        if self.proxy.rowCount() == 0:
            plural = self.spec.plural or noun_plural(self.noun)
            if self._load_error is not None:
                why = explain(self._load_error).rstrip(".")
                self.empty.setText(f"The {plural} could not be read, so none are shown (nothing was changed): {why}.")
            elif self._all_archived:
                self.empty.setText(f"All the {plural} here are archived: tick 'Show archived' to see them.")
            elif self.filtered_away():
                self.empty.setText(f"No {plural} match the filter. Clear the search and filters to see them all.")
            else:
                self.empty.setText(self.empty_text)
            self.stack.setCurrentWidget(self.empty)
        else:
            self.stack.setCurrentWidget(self.table)
        self._update_actions()
        self._show_detail()
        self.refit_filters()

    def refit_filters(self) -> None:
        """Each drop-down of the filter bar as wide as its choice again, after it was set or
        refilled with its signals blocked (which keep it from fitting itself)."""
        for fit in self._refit:
            fit()

    # ------------------------------------------------------------ selection
    def selected(self) -> Row | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.proxy.row_at(rows[0].row())

    def show_record(self, record_id: int) -> None:
        """Select one record whatever the search and filters (for a search hit or a link): they
        are cleared, and archived records are shown when it is one of them."""
        self.clear_filters()
        self.reload(then=lambda: self._select_or_show_archived(record_id))

    def show_saved(self, record: Row) -> None:
        """Select a record just saved; when the search or the filters leave it out they are
        cleared (a page read by period widens it), so it is shown."""
        def select() -> None:
            self.select_id(record.id)
            if self.selected() is None or self.selected().id != record.id:
                self.clear_filters(record)
                self.reload(then=lambda: self.select_id(record.id))
        self.reload(then=select)

    def _select_or_show_archived(self, record_id: int) -> None:
        self.select_id(record_id)
        found = self.selected()
        if (found is None or found.id != record_id) and not self.show_archived.isChecked():
            self.show_archived.blockSignals(True)
            self.show_archived.setChecked(True)
            self.show_archived.blockSignals(False)
            self.reload(then=lambda: self._select_or_show_archived(record_id))  # with the archived records
            return
        if self.selected() is not None:
            self.table.scrollTo(self.table.currentIndex())

    def select_id(self, record_id: int | None) -> None:
        """Select a record; one asked for while the page loads is selected once it is shown."""
        if record_id is None:
            return
        if self.loading():
            self._wanted_id = record_id
        found = self.proxy.proxy_row(lambda row: row.id == record_id)
        if found is not None:
            self.table.selectRow(found)

    def _update_actions(self) -> None:
        """Offer Edit, Archive and Restore for the chosen record; each one not offered says why."""
        row = self.selected()
        noun = self.noun
        choose = f"Choose {a_or_an(noun)} {noun} first."
        self.offer_tool(self.edit_action, choose if row is None else "")
        self.offer_tool(self.archive_action, choose if row is None else
                        f"The {noun} is already archived." if row.archived else "")
        self.offer_tool(self.restore_action, choose if row is None else
                        "" if row.archived else f"The {noun} is not archived: only an archived one can be restored.")
        self.update_actions(row)

    def _activate_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.activate(row)

    # ------------------------------------------------------------ commands
    def new_dialog(self, parent: QWidget) -> FormDialog | None:
        """The dialog for a new record (a page may fill in defaults, e.g. the filtered group)."""
        return self.spec.dialog(self.db, None, parent) if self.spec.dialog is not None else None

    def edit_dialog(self, parent: QWidget, row: Row) -> FormDialog | None:
        return self.spec.dialog(self.db, row, parent) if self.spec.dialog is not None else None

    def on_new(self) -> None:
        dialog = self.new_dialog(self)
        if dialog is not None and dialog.exec():
            value = dialog.result_value
            if isinstance(value, Row):
                self.show_saved(value)

    def on_edit(self) -> None:
        row = self.selected()
        dialog = self.edit_dialog(self, row) if row is not None else None
        if dialog is not None and dialog.exec():
            self.edited(dialog.result_value)

    def edited(self, value: Any) -> None:
        """Called once a record is saved from its dialog (`value`: what the dialog's save
        returned), for what the change sets off (a session's places raised: someone waiting
        is offered one)."""

    def on_archive(self) -> None:
        row = self.selected()
        if row is None or self.spec.archive is None:
            return
        note = ""
        if self.spec.archive_note is not None:
            try:
                note = self.spec.archive_note(self.db, row.id)
            except Exception as exc:
                show_error(self, f"Could not archive the {self.noun}", exc)
                return
        lead = f"{note}\n\n" if note else ""
        back = (", and can be restored with 'Show archived'" if self.spec.restore is not None
                and not self.show_archived.isHidden() else "")  # promised only where the page offers it
        if not confirm(
            self,
            f"Archive {self.noun}",
            f"Archive {row.name or 'this ' + self.noun}? {lead}It stays in the records and the history{back}.",
        ):
            return
        self.run_command(lambda: self.spec.archive(self.db, row.id))

    def on_restore(self) -> None:
        row = self.selected()
        if row is not None and self.spec.restore is not None:
            self.run_command(lambda: self.spec.restore(self.db, row.id))

    def run_command(self, command: Callable[[], Any]) -> bool:
        """Run a service command, telling the user plainly if it is refused; whether it was
        done. The page reloads from the change notice, like every other page showing the record."""
        row, chosen = self.selected(), self.table.selectionModel().selectedRows()
        self._place_left = (row.id, chosen[0].row()) if row is not None and chosen else None
        ok = done(self, f"Could not change the {self.noun}", command)
        self._place_left = self._place_left if ok else None
        return ok


def a_or_an(noun: str) -> str:
    """'an' before a noun that starts with a vowel ("an overdue invoice"), else 'a'."""
    return "an" if noun[:1].lower() in ("a", "e", "i", "o", "u") else "a"


def noun_plural(noun: str) -> str:
    if noun.endswith("y") and not noun.endswith(("ay", "ey", "oy")):
        return noun[:-1] + "ies"
    if noun == "person":
        return "people"
    return noun + "s"
