"""The Section 11 page: choose a cycle; its grid (agencies by standards, coloured with the word
in every cell) beside the earlier cycle's; the returns with late ones flagged and the chase
list; and the agencies' improvement actions from the shared action log."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QMenu, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget

from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.section11 import TIMELINESS_COLOURS, RatingScale, average_text, no_standards_problem, opened_word
from bscp_desktop.services import actions as al
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.services.audits.s11_follow_on import no_return_after, not_to_chase, opened_after
from bscp_desktop.ui.actions.dialogs import ActionDialog
from bscp_desktop.ui.audits import tables
from bscp_desktop.ui.audits.grid import S11GridView
from bscp_desktop.ui.audits.returns import ReturnImport, choose_agency, write_return
from bscp_desktop.ui.audits.s11_dialogs import AddAgenciesDialog, CycleDialog, ParticipantDialog, RatingDialog, StandardsDialog, remove_from_cycle
from bscp_desktop.ui.common.empty_choices import AddFirst
from bscp_desktop.ui.common.keys import buttons_menu, menu_keys_anywhere, tab_along
from bscp_desktop.ui.common.labels import empty_state, plain_label
from bscp_desktop.ui.common.layout import WrappingRow
from bscp_desktop.ui.common.list_page import offer_tool
from bscp_desktop.ui.common.messages import confirm, done, explain, show_error
from bscp_desktop.ui.common.notices import ReloadsWhenShown
from bscp_desktop.ui.common.permissions import refusal
from bscp_desktop.ui.common.table_model import opens_on_enter
from bscp_desktop.ui.common.worker import LatestRead

EMPTY = "No Section 11 cycles yet: press New cycle to start one (for example 2024-26)."
#: The same for a login that may read but not add records: New cycle is greyed for it.
EMPTY_READ_ONLY = ("No Section 11 cycles yet. Your login can read but not change records, so a cycle is started by "
                   "someone whose login can change them.")
#: Said in place of the cycle while the cycles are read (a team database, a slow machine), and
#: why the cycle's tools are greyed meanwhile.
LOADING = "Reading the Section 11 cycles…"
STILL_LOADING = "Wait a moment: the Section 11 cycles are still being read."
#: Why the tools of an archived cycle are not offered (the services refuse it too).
ARCHIVED_CYCLE = "The cycle is archived: restore it first (Restore cycle)."
#: The grid's heading, for a cycle whose ratings can change and for an archived one.
RATE = "This cycle: double-click a cell, or press Enter on it, to enter or change its rating"
READ = "This cycle is archived: its ratings can only be read (double-click a cell, or press Enter on it)"
#: The grid's heading while no agency takes part: there is no cell to rate yet.
NO_AGENCIES = "No agencies are taking part in this cycle yet, so there is nothing to rate: press Add agencies first."
NO_AGENCIES_ARCHIVED = "This cycle is archived: no agencies took part in it, so it has no ratings."


class Section11Page(ReloadsWhenShown, QWidget):
    """Reloads when Section 11 records, actions or names change (change notices). As on every
    list page, Ctrl+N adds a cycle (New cycle…) and the Menu key or Shift+F10 anywhere on the page
    opens its tools as a menu (`show_tools_menu`)."""

    def __init__(self, db, parent=None, today: date | None = None):
        super().__init__(parent)
        self.db = db
        self.fixed_today = today
        self.cycle_combo = QComboBox(self)
        self.cycle_combo.setAccessibleName("Section 11 cycle")
        self.cycle_combo.setMinimumContentsLength(12)
        self.new_cycle = QPushButton("New cycle…", self)
        self.edit_cycle = QPushButton("Edit cycle…", self)
        self.archive_cycle = QPushButton("Archive cycle", self)
        self.restore_cycle = QPushButton("Restore cycle", self)
        self.show_archived = QCheckBox("Show archived cycles", self)
        self.standards_button = QPushButton("Standards…", self)
        self.add_agencies = QPushButton("Add agencies…", self)
        self.write_return = QPushButton("Write an agency's return…", self)
        self.import_return = QPushButton("Import a return…", self)
        self.tools = WrappingRow()
        caption = QLabel("Cycle:", self)
        caption.setBuddy(self.cycle_combo)
        self.tools.addWidget(caption)
        self.tools.addWidget(self.cycle_combo)
        self.tools.addWidget(self.show_archived)
        for button in (self.new_cycle, self.edit_cycle, self.archive_cycle, self.restore_cycle,
                       self.standards_button, self.add_agencies, self.write_return, self.import_return):
            self.tools.addWidget(button)
        self.tools.addStretch(1)
        tab_along([self.cycle_combo, self.show_archived, self.new_cycle, self.edit_cycle, self.archive_cycle,
                   self.restore_cycle, self.standards_button, self.add_agencies, self.write_return, self.import_return])

        self.summary = plain_label("", self, wrap=True, name="About the cycle")  # the cycle's name, as typed
        self.empty = QLabel(LOADING, self)  # until the cycles are read: then what to do when there are none
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)  # never wider than the window: a large font or display scaling
        empty_state(self.empty)

        self.grid = S11GridView(self)
        self.earlier = S11GridView(self, earlier=True, name="The earlier cycle's ratings, row for row")
        self.earlier_heading = plain_label("", self, wrap=True)  # the earlier cycle's name
        self.legend = plain_label("", self, wrap=True)  # the standards' titles
        self.legend.setStyleSheet("color: #333333; font-size: small;")
        current_box = QWidget(self)
        current_layout = QVBoxLayout(current_box)
        current_layout.setContentsMargins(0, 0, 0, 0)
        self.grid_heading = QLabel(RATE, self)
        self.grid_heading.setWordWrap(True)
        # in its place while no agency takes part: what to do first, with its button
        self.add_first = AddFirst(NO_AGENCIES, "Add agencies…", self)
        self.add_first.button.setToolTip("Choose the agencies taking part in the cycle")
        self.add_first.hide()
        current_layout.addWidget(self.grid_heading)
        current_layout.addWidget(self.add_first)
        current_layout.addWidget(self.grid, 1)
        earlier_box = QWidget(self)
        earlier_layout = QVBoxLayout(earlier_box)
        earlier_layout.setContentsMargins(0, 0, 0, 0)
        earlier_layout.addWidget(self.earlier_heading)
        earlier_layout.addWidget(self.earlier, 1)
        self.grids = QSplitter(Qt.Orientation.Horizontal, self)
        self.grids.addWidget(current_box)
        self.grids.addWidget(earlier_box)
        self.grids.setStretchFactor(0, 5)
        self.grids.setStretchFactor(1, 3)
        self.grids.setChildrenCollapsible(True)
        # scrolling one grid up or down scrolls the other: their rows are the same agencies
        self.grid.verticalScrollBar().valueChanged.connect(self.earlier.verticalScrollBar().setValue)
        self.earlier.verticalScrollBar().valueChanged.connect(self.grid.verticalScrollBar().setValue)

        self.returns = tables.table("Returns", ["Agency", "Return", "Sent", "Returned", "Moderated", "On time?", "Completed by"])
        self.chase = plain_label("", self, wrap=True, name="Chase list")  # names agencies
        self.remove_agency = QPushButton("Remove agency from the cycle…", self)
        self.remove_agency.setToolTip("Take the agency chosen in the list out of the cycle (one added by mistake)")
        returns_tools = WrappingRow()
        returns_tools.addWidget(self.remove_agency)
        returns_tools.addStretch(1)
        returns_box = QWidget(self)
        returns_layout = QVBoxLayout(returns_box)
        returns_layout.setContentsMargins(0, 0, 0, 0)
        returns_layout.addWidget(self.chase)
        returns_layout.addLayout(returns_tools)
        returns_layout.addWidget(self.returns, 1)
        self.actions_table = tables.table("Improvement actions", ["Agency", "Standard", "Action", "Due", "Status",
                                                             "Evidence of impact"])
        self.counts = tables.table("Counts per agency", ["Agency", "Red", "Amber", "Green", "Not applicable",
                                                   "Not rated"])
        self.lower = QTabWidget(self)
        self.lower.setAccessibleName("Section 11 cycle pages")
        self.lower.tabBar().setAccessibleName(self.lower.accessibleName())  # a screen reader names the row of tabs
        self.lower.addTab(returns_box, "Returns and chase list")
        self.lower.addTab(self.actions_table, "Improvement actions")
        self.lower.addTab(self.counts, "Counts per agency")

        self.body = QSplitter(Qt.Orientation.Vertical, self)
        self.body.addWidget(self.grids)
        self.body.addWidget(self.lower)
        self.body.setStretchFactor(0, 3)
        self.body.setStretchFactor(1, 2)
        self.body.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(self.tools)
        layout.addWidget(self.summary)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.legend)

        self.cycle_combo.currentIndexChanged.connect(lambda _i: self._show_cycle())
        self.new_cycle.clicked.connect(self.on_new_cycle)
        self.edit_cycle.clicked.connect(self.on_edit_cycle)
        self.archive_cycle.clicked.connect(self.on_archive_cycle)
        self.restore_cycle.clicked.connect(self.on_restore_cycle)
        self.show_archived.toggled.connect(lambda _on: self.reload())
        self.remove_agency.clicked.connect(self.on_remove_agency)
        self.returns.itemSelectionChanged.connect(self._offer_remove)
        self.add_agencies.clicked.connect(self.on_add_agencies)
        self.add_first.button.clicked.connect(self.on_add_agencies)
        self.standards_button.clicked.connect(self.on_standards)
        self.write_return.clicked.connect(self.on_write_return)
        self.import_return.clicked.connect(lambda: ReturnImport(self, self.db, "s11").start())
        self.new_cycle.setToolTip("Start a new Section 11 cycle (Ctrl+N)")
        # Ctrl+N while the page or its row of sub-tabs has the keyboard (area_tab.new_from_the_tab_bar)
        self.new_cycle_action = QAction("New cycle…", self)
        self.new_cycle_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.new_cycle_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_cycle_action.triggered.connect(self.new_cycle.click)  # as the button: not when it is refused
        self.addAction(self.new_cycle_action)
        menu_keys_anywhere(self, self.show_tools_menu, self.empty)
        opens_on_enter(self.grid, "Open the chosen rating", self._grid_double_clicked)
        opens_on_enter(self.returns, "Open the chosen return", lambda _index: self.edit_return())
        opens_on_enter(self.actions_table, "Open the chosen action", lambda _index: self.edit_action())
        self.actions_table.setToolTip("Double-click an action, or press Enter on it, to record its progress, status "
                                      "and evidence of impact")
        self.grid_data: sr.Grid | None = None
        self.participants: list[s11.ParticipantDTO] = []
        self._wanted_cell: tuple[int, int, int] | None = None  # a search hit's (cycle, agency, standard)
        self.reading = LatestRead(self, "Section 11", self._arrived, self._read_failed)
        # the settings too: the closure days count in how many working days late a return is
        self.watch(db, RecordKind.AUDITS, RecordKind.ACTIONS, RecordKind.MEMBERSHIPS, RecordKind.SETTINGS)
        self._stale = True  # loads when first shown
        self._say_instead(LOADING, STILL_LOADING)

    def today(self) -> date:
        return self.fixed_today or date.today()

    # ------------------------------------------------------------------ loading

    def selected_cycle(self) -> s11.CycleDTO | None:
        return self.cycle_combo.currentData()

    def cycle_for_outputs(self) -> s11.CycleDTO | None:
        """The cycle chosen; before the page has read its cycles (not yet shown), the one it
        shows first, read at once (the short list of cycles); None when there is no cycle."""
        cycle = self.selected_cycle()
        if cycle is None and not self.cycle_combo.count():
            _cycles, cycle = _cycles_shown(self.db, self.show_archived.isChecked())
        return cycle

    def loading(self) -> bool:
        """True while the cycles or a cycle's grid are being read."""
        return self.reading.loading()

    def reload(self) -> None:
        """Read the cycles, and the grid and improvement actions of the one shown, in a worker
        thread (a grid adds up every rating of the cycle and the one before); shown when they
        arrive."""
        current = self.selected_cycle()
        self._read_cycles(current.id if current is not None else None)

    def _read_cycles(self, wanted: int | None, found: bool = False) -> None:
        """Read the cycles (the archived ones too while Show archived is ticked, or the one
        `found` by a search), showing cycle `wanted` (else the first)."""
        self._stale = False
        db, everything, today = self.db, self.show_archived.isChecked(), self.today()

        def read():
            cycles, chosen = _cycles_shown(db, everything, wanted, found)
            return (cycles, *_cycle_read(db, chosen), _opened_after(db, chosen, today))

        if not self.cycle_combo.count():  # nothing shown yet (or none found last time): not "none yet" until read
            self._say_instead(LOADING, STILL_LOADING)
        self.reading.start(read)

    def _say_instead(self, words: str, why_not: str) -> None:
        """`words` in place of a cycle (while the cycles are read, or when they could not be),
        the tools that need a cycle greyed saying `why_not` (New cycle stays offered)."""
        self.empty.setText(words)
        self.empty.show()
        self.body.hide()
        self.legend.hide()
        self.summary.setText("")
        for button in (self.edit_cycle, self.archive_cycle, self.restore_cycle, self.standards_button,
                       self.add_agencies, self.write_return, self.import_return, self.remove_agency):
            offer_tool(button, why_not)

    def _show_cycle(self) -> None:
        """Another cycle chosen: its grid and actions are read in a worker thread."""
        cycle, db, today = self.selected_cycle(), self.db, self.today()
        self.reading.start(lambda: (None, *_cycle_read(db, cycle), _opened_after(db, cycle, today)))

    def _read_failed(self, exc: Exception) -> None:
        if not self.cycle_combo.count():  # said in place of the cycle, never "none yet" nor still reading
            self._say_instead("The Section 11 cycles could not be read, so none are shown (nothing was changed): "
                              f"{explain(exc).rstrip('.')}.", "The Section 11 cycles could not be read.")
        show_error(self, "Could not read the Section 11 cycles", exc)

    def _arrived(self, answer) -> None:
        cycles, cycle, grid, actions, later = answer
        if cycle is not None and cycle.archived and not self.show_archived.isChecked():
            self.show_archived.blockSignals(True)  # an archived cycle shown for a search hit
            self.show_archived.setChecked(True)
            self.show_archived.blockSignals(False)
        if cycles is not None:
            self.cycle_combo.blockSignals(True)
            self.cycle_combo.clear()
            for each in cycles:
                self.cycle_combo.addItem(each.name, each)
            self.cycle_combo.setCurrentIndex(next((i for i, c in enumerate(cycles) if c == cycle), -1))
            self.cycle_combo.blockSignals(False)
        has = cycle is not None
        self.empty.setText(EMPTY_READ_ONLY if refusal(self.db) else EMPTY)
        self.empty.setVisible(not has)
        self.body.setVisible(has)
        self.legend.setVisible(has)
        no_cycle = "" if has else "Start a Section 11 cycle first (New cycle…)."
        closed = no_cycle or (ARCHIVED_CYCLE if cycle.archived else "")
        for button in (self.edit_cycle, self.add_agencies, self.import_return):
            offer_tool(button, closed)
        offer_tool(self.standards_button, no_cycle)  # an archived cycle's standards can be read
        offer_tool(self.write_return, closed or (no_return_after(cycle.name, later) if later else "") or (
            "Add the agencies taking part first (Add agencies…)." if not grid.agencies else
            f"{no_standards_problem(cycle.name, cycle.opens_on, self.today())}." if not grid.standards else ""))
        offer_tool(self.archive_cycle, no_cycle or ("The cycle is already archived." if cycle.archived else ""))
        offer_tool(self.restore_cycle, no_cycle or (
            "" if cycle.archived else "The cycle is not archived: only an archived one can be restored."))
        if not has:
            self.summary.setText("")
            self.grid_data = None
            self.participants = []
            self._offer_remove()
            return
        today = self.today()
        shown = self.grid.current_cell() if self.grid_data is not None and self.grid_data.cycle.id == cycle.id else None
        self.grid_data = grid
        self.participants = list(self.grid_data.agencies)
        self.grid.set_grid(self.grid_data)
        if shown is not None:  # read again (a rating saved): the officer's place kept for the arrow keys
            self.grid.select_cell(shown.rating.participant_id, shown.rating.standard_id)
        earlier = self.grid_data.previous
        self.earlier.set_grid(self.grid_data if earlier is not None else None)
        self.grids.widget(1).setVisible(earlier is not None)
        if earlier is not None:
            self.earlier_heading.setText(f"The same agencies in {earlier.name}")
        self._head_grid(cycle)
        opened = opened_word(cycle.opens_on, today)
        returned = sum(1 for p in self.participants if p.returned_on)
        self.summary.setText(
            ("Archived. " if cycle.archived else "") + f"{cycle.name}: {opened} {cycle.opens_on:%d/%m/%Y}, returns due {cycle.due_on:%d/%m/%Y}. "
            f"{returned} of {len(self.participants)} agencies have returned. "
            + _compared(cycle, earlier)
            + ("Scored 0 (not met) to 3 (fully met). " if cycle.rating_scale is RatingScale.SCORE else "")
            + "The moderated rating, where there is one, is the one that counts."
        )
        self.legend.setText("Standards: " + "; ".join(f"{s.number}. {s.title}" for s in self.grid_data.standards) + "."
                            if self.grid_data.standards else f"The cycle {cycle.name} has no standards." if cycle.archived
                            else f"{no_standards_problem(cycle.name, cycle.opens_on, today)}.")
        self._fill_returns(today, cycle.name, later, cycle.archived)
        self._fill_actions(actions, today)
        self._fill_counts()
        self._offer_remove()
        wanted, self._wanted_cell = self._wanted_cell, None
        if wanted is not None and wanted[0] == cycle.id:
            self.grid.select_cell(wanted[1], wanted[2])
            self.grid.scrollTo(self.grid.currentIndex())

    def _head_grid(self, cycle: s11.CycleDTO) -> None:
        """The line above the grid: how to rate its cells, or, while no agency takes part (no
        cells), to add them first with the button that does it."""
        adding = not self.participants and not cycle.archived
        self.add_first.setVisible(adding)
        self.grid_heading.setVisible(not adding)
        self.grid_heading.setText(NO_AGENCIES_ARCHIVED if not self.participants else READ if cycle.archived else RATE)

    def _fill_returns(self, today: date, cycle_name: str, later: str, archived: bool = False) -> None:
        """The returns, and who to chase for theirs; once `later` (compared with this cycle) has
        opened, or while the cycle is `archived`, none is chased: their returns could not be imported."""
        self.returns.setRowCount(0)
        for p in self.participants:
            r = self.returns.rowCount()
            self.returns.insertRow(r)
            state = p.timeliness(today)
            for c, (text, colour) in enumerate((
                (p.organisation_name, None), (p.status.label, None),
                (f"{p.sent_on:%d/%m/%Y}" if p.sent_on else "", None),
                (f"{p.returned_on:%d/%m/%Y}" if p.returned_on else "", None),
                (f"{p.moderated_on:%d/%m/%Y}" if p.moderated_on else "", None),
                (p.lateness(today), TIMELINESS_COLOURS[state] if state.flagged else None),
                (p.contact, None),
            )):
                self.returns.setItem(r, c, tables.item(text, colour, p if c == 0 else None))
        tables.fit(self.returns)
        waiting = [p for p in self.participants if p.returned_on is None]
        overdue = [p for p in waiting if p.timeliness(today).flagged]
        if not self.participants:
            self.chase.setText("No agencies are taking part yet: press Add agencies.")
        elif not waiting:
            self.chase.setText("Every agency has returned.")
        elif archived:
            self.chase.setText(f"Nothing to chase while {cycle_name} is archived: its returns cannot be imported. "
                               f"Press Restore cycle to chase the {len(waiting)} not returned.")
        elif later:
            self.chase.setText(not_to_chase(cycle_name, later, [f"{p.organisation_name} ({p.status.label.lower()})" for p in waiting]))
        else:
            self.chase.setText(
                f"To chase ({len(waiting)} not returned"
                + (f", {len(overdue)} overdue" if overdue else "") + "): "
                + "; ".join(f"{p.organisation_name} ({p.status.label.lower()})" for p in waiting)
                + ". Double-click an agency, or press Enter on it, to record its return."
            )

    def _fill_counts(self) -> None:
        """Each agency's count of each rating on the cycle's scale; on a scored cycle, its average."""
        self.counts.setRowCount(0)
        scale = self.grid_data.scale
        scored = scale is RatingScale.SCORE
        headers = ["Agency", *scale.count_headers, *(["Average score"] if scored else [])]
        if scored:
            headers[1:5] = [f"Score {h}" for h in headers[1:5]]
        self.counts.setColumnCount(len(headers))
        self.counts.setHorizontalHeaderLabels(headers)
        for p in self.participants:
            c = self.grid_data.counts_for_agency(p.id)
            r = self.counts.rowCount()
            self.counts.insertRow(r)
            for column, value in enumerate((p.organisation_name, *c.on_scale(scale),
                                            *([average_text(c)] if scored else []))):
                item = tables.item(str(value))
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.counts.setItem(r, column, item)
        tables.fit(self.counts)

    def _fill_actions(self, actions: list, today: date) -> None:
        self.actions_table.setRowCount(0)
        for row in actions:
            a = row.action
            r = self.actions_table.rowCount()
            self.actions_table.insertRow(r)
            overdue = a.overdue_on(today)
            for c, text in enumerate((row.organisation_name, f"{row.standard_number}. {row.standard_title}",
                                      a.description, f"{a.due_date:%d/%m/%Y}" if a.due_date else "",
                                      "Overdue" if overdue else a.status.label, a.evidence)):
                self.actions_table.setItem(r, c, tables.item(text, "#F4B6B6" if overdue and c == 4 else None,
                                                       row if c == 0 else None))
        tables.fit(self.actions_table)
        self.lower.setTabText(1, f"Improvement actions ({self.actions_table.rowCount()})")

    # ------------------------------------------------------------------ commands

    def show_tools_menu(self, at: QWidget | None = None) -> QMenu | None:
        """The page's buttons as a menu under `at` (what has the keyboard), as a list's tools are:
        those of its row of tools (the tab's outputs added there too), then the returns' own."""
        row = [self.tools.itemAt(i).widget() for i in range(self.tools.count())]
        return buttons_menu(self, [*(w for w in row if isinstance(w, QPushButton)), None, self.remove_agency], at or self)

    def _grid_double_clicked(self, index) -> None:
        model = self.grid.grid_model
        if not index.isValid():
            return
        if index.column() == 0 and not model.is_count_row(index.row()):
            self.edit_return(model.agencies[index.row()])
            return
        cell = model.cell(index)
        if cell is not None:
            self.edit_rating(cell)

    def rating_dialog(self, cell: sr.GridCell) -> RatingDialog:
        rating = cell.rating
        standard = next(s for s in self.grid_data.standards if s.id == rating.standard_id)
        return RatingDialog(self.db, rating, standard.questions, self, cycle=self.grid_data.cycle)

    def return_dialog(self, participant: s11.ParticipantDTO) -> ParticipantDialog:
        return ParticipantDialog(self.db, participant, self, self.today())

    def edit_rating(self, cell: sr.GridCell) -> bool:
        rating = cell.rating
        dialog = self.rating_dialog(cell)
        if dialog.exec():
            self.grid.select_cell(rating.participant_id, rating.standard_id)
            return True
        return False

    def edit_return(self, participant: s11.ParticipantDTO | None = None) -> None:
        if participant is None:
            row = self.returns.currentRow()
            if row < 0:
                return
            participant = self.returns.item(row, 0).data(Qt.ItemDataRole.UserRole)
        self.return_dialog(participant).exec()

    def show_rating(self, cycle_id: int, participant_id: int, standard_id: int) -> None:
        """Show one answer: its cycle (read again, an archived one too), with its cell selected
        once the cycle's grid is shown."""
        self._wanted_cell = (cycle_id, participant_id, standard_id)
        self._read_cycles(cycle_id, found=True)

    def edit_action(self) -> None:
        """An agency's improvement action, in the action dialog every area uses."""
        row = tables.row_data(self.actions_table)
        if row is not None:
            ActionDialog(self.db, row.action, self).exec()

    def on_new_cycle(self) -> None:
        dialog = CycleDialog(self.db, None, self)
        if dialog.exec():
            self.cycle_combo.setCurrentIndex(max(self.cycle_combo.findText(dialog.result_value.name), 0))

    def on_edit_cycle(self) -> None:
        cycle = self.selected_cycle()
        if cycle is not None:
            CycleDialog(self.db, cycle, self).exec()

    def on_archive_cycle(self) -> None:
        cycle = self.selected_cycle()
        if cycle is None or cycle.archived:
            return
        try:  # the agencies' improvement actions still to do, left in the action log
            left = al.open_actions_note(self.db, "s11_rating_id", [cycle.id], through=("s11_agency_id", "cycle_id"))
        except Exception as exc:
            show_error(self, "Could not archive the cycle", exc)
            return
        if not confirm(self, "Archive cycle",
                       f"Archive the Section 11 cycle {cycle.name}? Its agencies, ratings and standards are kept "
                       f"with it.{' ' + left if left else ''}\n\nIt stays in the records and the history, and can be "
                       "restored: tick Show archived cycles, choose it, then press Restore cycle."):
            return
        done(self, "Could not archive the cycle", lambda: s11.archive_cycle(self.db, cycle.id))

    def on_restore_cycle(self) -> None:
        cycle = self.selected_cycle()
        if cycle is None or not cycle.archived:
            return
        done(self, "Could not restore the cycle", lambda: s11.restore_cycle(self.db, cycle.id))

    def _chosen_participant(self) -> s11.ParticipantDTO | None:
        return tables.row_data(self.returns)

    def _offer_remove(self) -> None:
        cycle = self.selected_cycle()
        offer_tool(self.remove_agency,
                   "Start a Section 11 cycle first (New cycle…)." if cycle is None else
                   ARCHIVED_CYCLE if cycle.archived else
                   "No agencies are taking part yet." if not self.participants else
                   "Choose an agency in the list of returns first." if self._chosen_participant() is None else "")

    def on_remove_agency(self) -> None:
        participant = self._chosen_participant()
        if participant is not None:
            remove_from_cycle(self, self.db, participant)

    def on_add_agencies(self) -> None:
        cycle = self.selected_cycle()
        if cycle is not None:
            AddAgenciesDialog(self.db, cycle, self).exec()

    def on_standards(self) -> None:
        cycle = self.selected_cycle()
        if cycle is not None:
            StandardsDialog(self.db, cycle, self, self.today()).exec()

    def on_write_return(self) -> None:
        cycle = self.selected_cycle()
        if cycle is None:
            return
        agencies = [(p.organisation_name, p.organisation_id) for p in self.participants]
        chosen = self._chosen_agency() or choose_agency(self, "Write an agency's return", agencies)
        if chosen is not None:
            agency = next(a for a in agencies if a[1] == chosen)
            participant = next(p for p in self.participants if p.organisation_id == chosen)
            write_return(self, self.db, "s11", cycle.id, agency, f"Section 11 {cycle.name}",
                         lambda: self._sent_today(participant))

    def _sent_today(self, participant: s11.ParticipantDTO) -> str:
        """A return written for an agency not yet sent one goes out today: its Sent date says so
        (not for one whose return is already back: written again, it was not sent then)."""
        if participant.sent_on is not None or participant.returned_on is not None:
            return ""
        today = self.today()
        recorded: list[int] = []
        if not done(self, "Could not record the date the return was sent",
                    lambda: recorded.extend(s11.mark_sent(self.db, [participant.id], today))) or not recorded:
            return ""
        return (f" Its Sent date is recorded as {today:%d/%m/%Y}: change it on the agency's row if the return "
                "goes out later.")

    def _chosen_agency(self) -> int | None:
        """The agency whose row is selected in the returns table, if any."""
        row = self.returns.currentRow()
        if row < 0 or not self.returns.hasFocus():
            return None
        return self.returns.item(row, 0).data(Qt.ItemDataRole.UserRole).organisation_id


def _compared(cycle: s11.CycleDTO, earlier: s11.CycleDTO | None) -> str:
    """What the marks beside each rating say; nothing is marked against a cycle on another scale."""
    if earlier is None:
        return ""
    if earlier.rating_scale is not cycle.rating_scale:
        return (f"Shown beside {earlier.name}, rated on another scale ({earlier.rating_scale.label.lower()}): a "
                "rating has no one equal on the other scale, so none is marked improved, same or declined. ")
    return f"Compared with {earlier.name}: ▲ improved, = same, ▼ declined. "


def _cycles_shown(db, everything: bool, wanted: int | None = None,
                  found: bool = False) -> tuple[list[s11.CycleDTO], s11.CycleDTO | None]:
    """The cycles the page lists (the archived ones too when `everything`, or the one `found` by
    a search), newest first, and the one it shows: cycle `wanted`, else the first."""
    cycles = [c for c in s11.list_cycles(db, include_archived=True)
              if everything or not c.archived or (found and c.id == wanted)]
    return cycles, next((c for c in cycles if c.id == wanted), cycles[0] if cycles else None)


def _cycle_read(db, cycle: s11.CycleDTO | None) -> tuple:
    """(cycle, its grid, its improvement actions) for a page's worker thread; (None, None, None)
    with no cycle."""
    if cycle is None:
        return None, None, None
    return cycle, sr.grid(db, cycle.id), sr.cycle_actions(db, cycle.id)


def _opened_after(db, cycle: s11.CycleDTO | None, today: date) -> str:
    """The later cycle compared with `cycle` that has opened, after which no return of it is imported ('')."""
    return "" if cycle is None or cycle.archived else opened_after(db, cycle.id, today)
