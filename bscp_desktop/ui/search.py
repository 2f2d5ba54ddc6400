"""The search box: Ctrl+F searches the tab you are on, Ctrl+K searches everything.

It finds words in what people wrote and the names they recorded (agenda items, minutes, decisions,
actions, case reviews, people, training bookings, registers, notes) through the full-text index,
newest first, each hit with the record as officers know it and the words found in [brackets].
Enter or a double-click opens the record in its tab. Archived records are searched when "Include archived records" is ticked; when nothing else is
found, the box says how many archived records mention the words. Words beyond the most looked
for are named as not searched for. When nothing is found, the records that can hold a name but are
not searched are named (`services.search_names`): a subject access request looks there too.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QHBoxLayout, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from bscp_desktop.domain.text import first_line
from bscp_desktop.services import search as finder
from bscp_desktop.ui.common.dialog_fit import open_beside
from bscp_desktop.ui.common.editors import after_a_pause
from bscp_desktop.ui.common.labels import plain_label
from bscp_desktop.ui.common.messages import explain
from bscp_desktop.ui.common.table_model import Column, FilterProxy, RecordTableModel, opens_on_enter, read_only_rows
from bscp_desktop.ui.common.worker import LatestRead

EVERYTHING = "Everything"
ARCHIVED = "Include archived records"
TYPE_DELAY_MS = 250
TERM_SHOWN = 40  # characters of each word looked for said in the status line (a pasted run of letters is cut)


class RowsSizedInView(QObject):
    """Gives a table's rows the height their wrapped text needs as they come into view: sizing
    every row at once asks the model for every cell of every hit (most of a second for the
    hundreds of hits a common word finds in ten years of minutes). Only the rows in view are
    sized: each asks the model for every role of every cell, on the window's thread."""

    def __init__(self, table: QTableView):
        super().__init__(table)
        self.table = table
        self.sized: set[int] = set()
        table.verticalScrollBar().valueChanged.connect(lambda _value: self.size_in_view())
        table.viewport().installEventFilter(self)  # taller: more rows in view

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize:
            self.size_in_view()
        return False

    def start(self) -> None:
        """New rows: size those in view (and the first few)."""
        self.sized.clear()
        self.size_in_view()

    def size_in_view(self) -> None:
        table = self.table
        count, bottom = table.model().rowCount(), table.viewport().height()
        row = max(table.rowAt(0), 0)
        while row < count:
            if row not in self.sized:
                table.resizeRowToContents(row)
                self.sized.add(row)
            if table.rowViewportPosition(row) + table.rowHeight(row) >= bottom:
                break  # the last row in view, or partly in view
            row += 1


class SearchDialog(QDialog):
    """Not modal: it stays open beside the window while hits are opened."""

    open_hit = Signal(object)  # a finder.SearchHit

    def __init__(self, db, area_titles: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        open_beside(self, "Search", QSize(980, 560))
        self.result: finder.SearchResult | None = None
        self.area_titles = dict(area_titles)
        #: said before every status while the box searches everything for a tab it cannot search
        self.scope_note = ""
        self.reading = LatestRead(self, "search", self._found, self._search_failed)

        self.box = QLineEdit(self)
        self.box.setPlaceholderText("Words or a question, e.g. When did we last discuss neglect?")
        self.box.setAccessibleName("Search for")
        self.box.setClearButtonEnabled(True)
        self.scope = QComboBox(self)
        self.scope.setAccessibleName("Search in")
        self.scope.addItem(EVERYTHING, None)
        searchable = finder.areas()
        for area, title in area_titles.items():
            if area in searchable:
                self.scope.addItem(f"{title} tab", area)
        self.scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.archived = QCheckBox(ARCHIVED, self)
        self.archived.setAccessibleName(ARCHIVED)
        top = QHBoxLayout()
        caption = QLabel("Search:", self)
        caption.setBuddy(self.box)
        top.addWidget(caption)
        top.addWidget(self.box, 1)
        in_caption = QLabel("in", self)
        in_caption.setBuddy(self.scope)
        top.addWidget(in_caption)
        top.addWidget(self.scope)
        top.addWidget(self.archived)

        self.model = RecordTableModel(
            [
                Column("Date", lambda h: h.date_shown, sort=lambda h: h.on),  # "due 31/03/2024": the date found by
                Column("Kind", lambda h: h.kind),
                Column("Record", lambda h: h.record),
                Column("Title", lambda h: h.shown_title, tooltip=lambda h: h.shown_title),  # "(confidential item)"
                Column("Words found", lambda h: h.snippet, tooltip=lambda h: h.snippet),
            ],
            self,
        )
        self.model.muted = lambda _row: False
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        read_only_rows(self.table, "Search results", wrap=True)
        for column, width in enumerate((110, 110, 230, 240)):
            self.table.setColumnWidth(column, width)
        self.rows_sized = RowsSizedInView(self.table)
        opens_on_enter(self.table, "Open the record", lambda _i: self.open_selected())  # once a double-click

        self.status = plain_label("", self, wrap=True, name="Search status")  # why a search failed may quote what was typed
        self.status.setStyleSheet("color: #555555;")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        hint = QLabel("Enter or double-click opens the record. Ctrl+F searches the tab you are on, Ctrl+K everything.",
                      self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555555; font-size: small;")
        layout.addWidget(hint)

        self.timer = after_a_pause(self, TYPE_DELAY_MS, self.run, self.box.textChanged)
        self.box.returnPressed.connect(self._enter)
        self.scope.currentIndexChanged.connect(self._scope_chosen)
        self.archived.toggled.connect(lambda _on: self.run())
        down = QShortcut(QKeySequence(Qt.Key.Key_Down), self.box)
        down.setContext(Qt.ShortcutContext.WidgetShortcut)
        down.activated.connect(self._to_results)
        self._say_empty()

    # ------------------------------------------------------------ use
    def start(self, area: str | None, text: str = "") -> None:
        """Show the box for one tab (`area`) or everything (None), ready to type. A tab whose
        records are not searched (Finance) searches everything, and the box says so."""
        index = self.scope.findData(area) if area is not None else 0
        self.scope.blockSignals(True)
        self.scope.setCurrentIndex(index if index >= 0 else 0)
        self.scope.blockSignals(False)
        title = self.area_titles.get(area, area or "")
        self.scope_note = f"{title} records are not searched: searching everything." if index < 0 else ""
        if not self.box.text().strip():
            self._say_empty()
        if text:
            self.box.setText(text)
        self.show()
        self.raise_()
        self.activateWindow()
        self.box.setFocus()
        self.box.selectAll()
        if self.box.text().strip():
            self.run()

    def _scope_chosen(self, _index: int) -> None:
        self.scope_note = ""  # the officer chose where to search
        self.run()

    def _say(self, text: str) -> None:
        self.status.setText(f"{self.scope_note} {text}" if self.scope_note else text)

    def run(self) -> None:
        """Search in a worker thread (the index of ten years of minutes); the window waits a
        moment for it, and shows the hits when they arrive, unless other words were asked for since."""
        self.timer.stop()
        text, area, archived = self.box.text(), self.scope.currentData(), self.archived.isChecked()
        where = self.scope.currentText().lower() if area else "everything"
        db = self.db
        if not text.strip():
            self.reading.start(lambda: None)  # nothing to search: any search still running is not shown
            return

        def read():
            started = time.perf_counter()
            result = finder.search(db, text, area=area, include_archived=archived)
            return result, where, (time.perf_counter() - started) * 1000

        self._say("Searching…")
        self.reading.start(read)

    def _search_failed(self, exc: Exception) -> None:  # a damaged index must not take the window down
        self.model.set_rows([])
        self.status.setText(f"Could not search: {explain(exc)}")

    def _found(self, answer) -> None:
        if answer is None:
            self.model.set_rows([])
            self._say_empty()
            return
        self.result, where, took = answer
        self.model.set_rows(list(self.result.hits))
        self.rows_sized.start()
        words = " and ".join(f"'{first_line(t, TERM_SHOWN)}'" for t in self.result.terms)
        # words not looked for, and on a team database what the login may not read: said after what was found
        left_out = "".join(f" {said}" for said in (self.result.not_searched_sentence, self.result.left_out_sentence) if said)
        if not self.result.terms:  # punctuation only ("%"): no word to look for
            self._say("There are no words to look for in what you typed: type a word, a name or a number.")
        elif self.result.only_left_out:  # nothing where it looked may be read: no "nothing mentions"
            self._say(self.result.left_out_sentence)
        elif not self.result.hits:
            typed = self.result.typed  # as typed ("21/3/2024", not "21 03 2024"), each word kept short
            wider = ", or search everything" if where != "everything" else ""  # only where one area was searched
            # records that can hold a name but are not searched are named, never said not to mention it
            unsearched = finder.unsearched_sentence(self.scope.currentData())
            nothing = (f"No record searched{'' if where == 'everything' else f' in the {where}'} mentions '{typed}'."
                       if unsearched else f"Nothing in {where} mentions '{typed}'.")
            left_out = f" {unsearched}{left_out}" if unsearched else left_out
            if self.result.archived:  # found only among the archived records, not searched
                them = "it" if self.result.archived == 1 else "them"
                self._say(f"{nothing} Archived records were not searched: "
                          f"{self.result.archived_mention}; tick {ARCHIVED} to see {them}.{left_out}")
            else:
                self._say(f"{nothing} Check the spelling or use fewer words{wider}.{left_out}")
        else:
            shown = len(self.result.hits)
            more = f"; the newest {shown} are shown" if self.result.total > shown else ""
            self._say(f"{self.result.total} record(s) in {where} mention {words}, newest first{more} "
                      f"({took:.0f} ms).{left_out}")
            self.table.selectRow(0)

    def loading(self) -> bool:
        """True while a search is running."""
        return self.reading.loading()

    def _say_empty(self) -> None:
        self._say("Type words to find in agenda items, minutes, decisions, actions, case reviews, people, training "
                  "bookings, registers and notes.")

    def _enter(self) -> None:
        if self.timer.isActive() or self.result is None or self.result.text != self.box.text():
            self.run()
            return
        self.open_selected()

    def _to_results(self) -> None:
        if self.proxy.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def selected(self) -> finder.SearchHit | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.row_at(rows[0].row()) if rows else None

    def open_selected(self) -> None:
        hit = self.selected()
        if hit is not None:
            self.open_hit.emit(hit)
