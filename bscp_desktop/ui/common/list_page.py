"""The shape of every list: toolbar, filter bar, sortable table, empty state.

A page is given its columns, a loader (returning DTOs), and the dialogs and commands for
New, Edit, Archive and Restore. It reloads when `records_changed` names its area.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from bscp_desktop.ui.common.columns import (
    ColumnChooser,
    FullTextOnHover,
    detail_text,
    keep_full_text,
)
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.messages import confirm, show_error
from bscp_desktop.ui.common.signals import ReloadsWhenShown, notify_changed
from bscp_desktop.ui.common.table_model import Column, FilterProxy, RecordTableModel

MAX_COLUMN_WIDTH = 260  # longer text is elided; the full text shows as a tooltip
SIZE_SAMPLE_ROWS = 200


class RecordListPage(ReloadsWhenShown, QWidget):
    def __init__(
        self,
        *,
        noun: str,
        area: str,
        columns: Sequence[Column],
        load: Callable[[bool], Sequence[Any]],
        empty_text: str,
        new_dialog: Callable[[QWidget], FormDialog] | None = None,
        edit_dialog: Callable[[QWidget, Any], FormDialog] | None = None,
        archive: Callable[[Any], None] | None = None,
        restore: Callable[[Any], None] | None = None,
        areas: Sequence[str] = (),
        parent: QWidget | None = None,
        hidden_columns: Sequence[str] = (),
        detail: bool = True,
    ):
        """`hidden_columns` start hidden (the header's menu shows them, remembered per user);
        `detail` shows the selected record in full under the list."""
        super().__init__(parent)
        self.noun = noun
        self.area = area
        self.areas = {area, *areas}
        self.load = load
        self.new_dialog = new_dialog
        self.edit_dialog = edit_dialog
        self.archive_fn = archive
        self.restore_fn = restore
        self.empty_text = empty_text

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_action = self._action(f"New {noun}", self.on_new, QKeySequence.StandardKey.New)
        self.edit_action = self._action("Edit", self.on_edit)
        self.archive_action = self._action("Archive", self.on_archive)
        self.restore_action = self._action("Restore", self.on_restore)
        self.new_action.setEnabled(new_dialog is not None)
        self.new_action.setVisible(new_dialog is not None)
        self.archive_action.setVisible(archive is not None)
        self.restore_action.setVisible(restore is not None)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(f"Search {noun_plural(noun)}…")
        self.search.setAccessibleName(f"Search {noun_plural(noun)}")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(140)
        self.show_archived = QCheckBox("Show archived", self)
        self.show_archived.setVisible(archive is not None)
        self.filter_bar = QHBoxLayout()
        self.filter_bar.addWidget(QLabel("Search:", self))
        self.filter_bar.addWidget(self.search, 1)
        self.filter_bar.addWidget(self.show_archived)

        self.model = RecordTableModel(columns, self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(noun_plural(noun).capitalize())
        self._sized = False
        self._kept_id = None  # the selected record, kept across reloads and re-sorting
        self.model.modelAboutToBeReset.connect(self._keep_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Widths come from a sample of rows, so a list of thousands opens quickly.
        self.table.horizontalHeader().setResizeContentsPrecision(SIZE_SAMPLE_ROWS)
        self.table.doubleClicked.connect(lambda _i: self.on_edit())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.table.setItemDelegate(FullTextOnHover(self.table))
        self.columns_menu = ColumnChooser(
            self.table, [c.header for c in columns], f"{area}/{noun}", hidden_columns
        )
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAccessibleName(f"Selected {noun}")
        self.detail.setStyleSheet("color: #333333; padding: 2px 4px;")
        self.detail.hide()
        self._detail_wanted = detail
        self._refit: list[Callable[[], None]] = []
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_detail())

        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #555555; font-size: 12pt; padding: 24px;")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.detail)

        # Ctrl+F is the window's search box (searching this tab's records, minutes included);
        # the box above the list filters the rows shown.
        edit_key = QAction("Edit selected", self)
        edit_key.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        edit_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        edit_key.triggered.connect(self.on_edit)
        self.table.addAction(edit_key)

        self.search.textChanged.connect(self._filter_changed)
        self.show_archived.toggled.connect(lambda _c: self.reload())
        self.watch(*self.areas)
        self.refresh()  # loads now if on screen, else when first shown

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.toolbar.addAction(action)
        self.addAction(action)
        return action

    def _show_detail(self) -> None:
        row = self.selected() if self._detail_wanted else None
        if row is None or self.stack.currentWidget() is not self.table:
            self.detail.hide()
            return
        columns = self.model.columns
        self.detail.setText(detail_text([c.header for c in columns], [c.value(row) for c in columns]))
        self.detail.show()

    def add_filter_widget(self, widget: QWidget, label: str | None = None) -> None:
        if label:
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            self.filter_bar.insertWidget(self.filter_bar.count() - 1, caption)
        if isinstance(widget, QComboBox) and not widget.isEditable():
            self._refit.append(keep_full_text(widget))  # a filter keeps its full text; the search box gives way
        self.filter_bar.insertWidget(self.filter_bar.count() - 1, widget)

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        self.proxy.set_predicate(predicate)
        self._show_state()

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._show_state()

    def _keep_selection(self) -> None:
        row = self.selected()
        self._kept_id = getattr(row, "id", None) if row is not None else None

    def _restore_selection(self) -> None:
        if self._kept_id is not None:
            self.select_id(self._kept_id)

    def reload(self) -> None:
        try:
            rows = self.load(self.show_archived.isChecked())
        except Exception as exc:  # a broken database must not take the window down
            show_error(self, "Could not load records", exc)
            rows = []
        self.model.set_rows(rows)
        if not self._sized and rows:
            self.size_columns()
        self._show_state()

    def size_columns(self) -> None:
        """Fit the columns to their contents once, on the first load with rows; after that
        widths stay put (filtering does not make columns jump, and a user's widths are kept)."""
        self._sized = True
        self.table.resizeColumnsToContents()
        for col in range(self.model.columnCount()):
            if self.table.columnWidth(col) > MAX_COLUMN_WIDTH:
                self.table.setColumnWidth(col, MAX_COLUMN_WIDTH)

    def _show_state(self) -> None:
        if self.proxy.rowCount() == 0:
            if self.model.rowCount() == 0:
                self.empty.setText(self.empty_text)
            else:
                self.empty.setText(f"No {noun_plural(self.noun)} match the filter. Clear the search to see them all.")
            self.stack.setCurrentWidget(self.empty)
        else:
            self.stack.setCurrentWidget(self.table)
        self._update_actions()
        if hasattr(self, "detail"):
            self._show_detail()
            for fit in self._refit:  # filters refilled with their signals blocked
                fit()

    def selected(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.proxy.row_at(rows[0].row())

    def select_id(self, record_id: int | None) -> None:
        if record_id is None:
            return
        for r in range(self.proxy.rowCount()):
            if getattr(self.proxy.row_at(r), "id", None) == record_id:
                self.table.selectRow(r)
                return

    def _update_actions(self) -> None:
        row = self.selected()
        archived = bool(getattr(row, "archived", False)) if row is not None else False
        self.edit_action.setEnabled(row is not None and self.edit_dialog is not None)
        self.archive_action.setEnabled(row is not None and not archived)
        self.restore_action.setEnabled(row is not None and archived)

    def on_new(self) -> None:
        if self.new_dialog is None:
            return
        dialog = self.new_dialog(self)
        if dialog.exec():
            self.select_id(getattr(dialog.result_value, "id", None))

    def on_edit(self) -> None:
        row = self.selected()
        if row is None or self.edit_dialog is None:
            return
        dialog = self.edit_dialog(self, row)
        dialog.exec()

    def on_archive(self) -> None:
        row = self.selected()
        if row is None or self.archive_fn is None:
            return
        name = getattr(row, "name", None) or getattr(row, "person_name", None) or f"this {self.noun}"
        if not confirm(
            self,
            f"Archive {self.noun}",
            f"Archive {name}? It stays in the records and the history, and can be restored "
            "with 'Show archived'.",
        ):
            return
        self._run(self.archive_fn, row)

    def on_restore(self) -> None:
        row = self.selected()
        if row is not None and self.restore_fn is not None:
            self._run(self.restore_fn, row)

    def _run(self, fn, row) -> None:
        try:
            fn(row)
        except Exception as exc:
            show_error(self, f"Could not change the {self.noun}", exc)
            return
        notify_changed(self.area)


def noun_plural(noun: str) -> str:
    if noun.endswith("y") and not noun.endswith(("ay", "ey", "oy")):
        return noun[:-1] + "ies"
    if noun == "person":
        return "people"
    return noun + "s"
