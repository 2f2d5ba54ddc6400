"""Training settings: course topics, the notice that makes a cancellation late, the charges
per financial year, and linking the organisation names bookings give to organisations (as their
other names, kept in Memberships and used by every import)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem, QMessageBox, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from bscp_desktop.domain.dates import financial_year_label, financial_year_of, parse_financial_year_label
from bscp_desktop.domain.finance import FIRST_YEAR
from bscp_desktop.domain.money import MoneyError, format_plain, parse_money
from bscp_desktop.domain.training import ChargeRates
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services.training import settings as st
from bscp_desktop.ui.common.autosave import editor_text
from bscp_desktop.ui.common.dialog_fit import fit_to_screen
from bscp_desktop.ui.common.editors import text_box
from bscp_desktop.ui.common.labels import as_typed, note_label
from bscp_desktop.ui.common.messages import confirm, done
from bscp_desktop.ui.common.pickers import organisation_picker
from bscp_desktop.ui.common.settings_dialog import SettingsDialog


class RatesTable(QTableWidget):
    """Financial year, no-show charge, late-cancellation charge: one row per year."""

    def __init__(self, rates: list[ChargeRates]):
        super().__init__(0, 3)
        self.setHorizontalHeaderLabels(["Financial year", "No-show", "Late cancellation"])
        self.setTabKeyNavigation(False)  # Tab leaves the grid, as everywhere else (arrows move in it)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setAccessibleName("Charges per financial year")
        for r in rates:
            self.add_year(r.financial_year, r.no_show, r.late_cancellation)

    def add_year(self, year: int, no_show: Decimal = Decimal("0.00"), late: Decimal = Decimal("0.00")) -> None:
        row = self.rowCount()
        self.insertRow(row)
        self.setItem(row, 0, QTableWidgetItem(financial_year_label(year)))
        self.setItem(row, 1, QTableWidgetItem(format_plain(no_show) or "0.00"))
        self.setItem(row, 2, QTableWidgetItem(format_plain(late) or "0.00"))

    def rates(self) -> list[ChargeRates]:
        """The rows as rates; ValueError names the row and the column when one cannot be read."""
        result = []
        for row in range(self.rowCount()):
            label = self.item(row, 0).text()
            try:
                year = parse_financial_year_label(label)
            except ValueError as exc:
                raise ValueError(f"Row {row + 1}: {exc}") from exc
            try:
                no_show = parse_money(self.item(row, 1).text(), f"The no-show charge for {label}")
                late = parse_money(self.item(row, 2).text(), f"The late-cancellation charge for {label}")
            except MoneyError as exc:
                raise ValueError(str(exc)) from exc
            result.append(ChargeRates(year, no_show, late))
        return result


class TrainingSettingsDialog(SettingsDialog):
    def __init__(self, db, parent: QWidget | None = None, page: str = ""):
        super().__init__("Training settings", parent)
        self.db = db
        fit_to_screen(self, QSize(620, 520))  # no larger than the screen: Save and Cancel in view
        settings, rates = st.load_all(db)  # read together: what a save is checked against

        general = QWidget()
        form = QFormLayout(general)
        self.topics = text_box("", 200)
        self.topics.setAccessibleName("Course topics")
        form.addRow("Course topics:", self.topics)
        form.addRow(note_label("One a line. Courses choose their topic from this list; figures and charts count by topic."))
        self.notice = QSpinBox()
        self.notice.setRange(0, st.MAX_LATE_DAYS)
        self.notice.setSuffix(" working days")
        self.notice.setAccessibleName("Late cancellation notice")
        form.addRow("A cancellation is late within:", self.notice)
        form.addRow(note_label("A cancellation is late when the session falls within this many working days after it "
                          "(weekends, bank holidays and the team's closure days do not count). A new notice counts "
                          "from the start of this financial year: cancellations of earlier years keep what they "
                          "were charged."))
        self.add_page(general, "Topics and notice", "general", ("topics", "late_cancellation_days"))

        charges = QWidget()
        box = QVBoxLayout(charges)
        box.addWidget(note_label("What a no-show and a late cancellation cost, per financial year (£0.00 when the "
                            "programme is free), up to next financial year. A year without a row charges nothing."))
        self.rates = RatesTable([])
        box.addWidget(self.rates, 1)
        add = QPushButton("Add a year")
        add.clicked.connect(self._add_year)
        remove = QPushButton("Remove the selected year")
        remove.clicked.connect(self._remove_year)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        box.addLayout(row)
        self.add_page(charges, "Charges", "charges", ("rates",))

        names = QWidget()
        names_box = QVBoxLayout(names)
        names_box.addWidget(note_label("Organisation names in bookings that match no organisation record. Link a name "
                                  "to its organisation once: it becomes one of the organisation's other names in "
                                  "Memberships, and every booking with that name, now and later, counts for the "
                                  "organisation. A link made, or a name forgotten, here is saved at once (Cancel "
                                  "does not take it back)."))
        self.unmatched = QListWidget()
        self.unmatched.setAccessibleName("Organisation names not matched")
        names_box.addWidget(self.unmatched, 1)
        link_row = QHBoxLayout()
        self.organisation = organisation_picker(db, None, "Choose the organisation…")
        self.organisation.setAccessibleName("Organisation to link to")
        link = QPushButton("Link the selected name")
        link.clicked.connect(self._link)
        link_row.addWidget(self.organisation, 1)
        link_row.addWidget(link)
        names_box.addLayout(link_row)
        names_box.addWidget(QLabel("Other names of organisations (kept with each organisation in Memberships):"))
        self.aliases = QListWidget()
        self.aliases.setAccessibleName("Other names of organisations")
        names_box.addWidget(self.aliases, 1)
        forget = QPushButton("Forget the selected name")
        forget.clicked.connect(self._forget)
        names_box.addWidget(forget)
        self.add_page(names, "Organisation names", "names")
        self._fill_names()
        self._show(settings, rates)

        self.open_page(page)

    def _show(self, settings: st.TrainingSettings, rates: list[ChargeRates]) -> None:
        self.opened = settings.opened
        self.topics.setPlainText("\n".join(settings.topics))
        self.notice.setValue(settings.late_cancellation_days)
        self.rates.setRowCount(0)
        for r in rates:
            self.rates.add_year(r.financial_year, r.no_show, r.late_cancellation)

    def show_settings(self) -> None:
        self._show(*st.load_all(self.db))

    def _fill_names(self) -> None:
        self.unmatched.clear()
        for name, count in st.unmatched_organisation_names(self.db):
            item = QListWidgetItem(f"{name} ({count} booking{'s' if count != 1 else ''})")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.unmatched.addItem(item)
        self.aliases.clear()
        for alias in st.list_aliases(self.db):
            item = QListWidgetItem(f"{alias.alias} → {alias.organisation_name}")
            item.setData(Qt.ItemDataRole.UserRole, alias.id)
            self.aliases.addItem(item)

    def _link(self) -> None:
        item = self.unmatched.currentItem()
        org_id = self.organisation.current_id()
        if item is None or org_id is None:
            QMessageBox.information(self, "Link a name", "Select a name in the list and choose its organisation.")
            return
        if not confirm(self, "Link a name", f"Every booking with the name {item.text()} will count for "
                       f"{self.organisation.currentText()}, now and later. Link it now (saved at once)?"):
            return
        if not done(self, "Could not link the name", lambda: st.map_organisation_name(self.db, item.data(Qt.ItemDataRole.UserRole), org_id)):
            return
        self._fill_names()

    def _remove_year(self) -> None:
        if self.rates.currentRow() < 0:
            QMessageBox.information(self, "Remove a year", "Select a year in the table first." if self.rates.rowCount()
                                    else "There is no year to remove: no charges are set.")
            return
        self.rates.removeRow(self.rates.currentRow())

    def _forget(self) -> None:
        item = self.aliases.currentItem()
        if item is None:
            QMessageBox.information(self, "Forget a name", "Select a name in the list of other names first."
                                    if self.aliases.count() else "There is no other name to forget.")
            return
        if not confirm(self, "Forget a name", f"Forget {item.text()}? Bookings with that name will "
                                       "no longer count for the organisation and are listed again as not matched (saved at once)."):
            return
        if not done(self, "Could not forget the name", lambda: st.remove_alias(self.db, item.data(Qt.ItemDataRole.UserRole))):
            return
        self._fill_names()

    def _add_year(self) -> None:
        """A row for the year after the latest listed, up to next financial year (the last a
        charge can be set for); past it, the latest year before it not listed yet."""
        years = set()
        try:
            years = {r.financial_year for r in self.rates.rates()}
        except ValueError:
            pass
        latest = financial_year_of(date.today()) + 1
        year = max(years) + 1 if years else latest - 1
        if year > latest:
            year = next((y for y in range(latest, FIRST_YEAR - 1, -1) if y not in years), None)
        if year is None:
            QMessageBox.information(self, "Add a year", "Every financial year up to next year has a row already.")
            return
        self.rates.add_year(year)

    def save(self) -> None:
        try:
            rates = self.rates.rates()
        except ValueError as exc:
            self.refuse(str(exc), "charges")
            return
        try:
            _settings, changed = st.save_all(
                self.db, st.TrainingSettings(tuple(editor_text(self.topics).splitlines()), self.notice.value(),
                                             self.opened), rates)
        except ValidationError as exc:
            self.refuse(exc.sentence(), self.page_of(exc.errors))
            return
        if changed.sentence:
            QMessageBox.information(self, "Training settings", as_typed(changed.sentence))  # may name topics
        self.accept()
