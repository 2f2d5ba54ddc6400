"""Case-review settings: the deadline rules, local closure days, themes and the reference
prefix, saved together (the rules table is `rules_editor`); a save after someone else changed
one of them is refused, offering Reload or Compare (`SettingsDialog`). Add closure day and Add
theme refuse at once what the save would (the service's own checks); a theme renamed in the list
is renamed on every case holding it as the settings are saved."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from bscp_desktop.domain.case_reviews import check_reference_prefix
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services.case_review_settings import closure_days_problem, themes_problem
from bscp_desktop.ui.case_reviews.rules_editor import RulesEditor
from bscp_desktop.ui.common.dialog_fit import fit_to_screen
from bscp_desktop.ui.common.editors import DateEdit
from bscp_desktop.ui.common.labels import ERROR_STYLE, plain_label
from bscp_desktop.ui.common.messages import tell
from bscp_desktop.ui.common.settings_dialog import SettingsDialog, enter_adds
from bscp_desktop.ui.common.table_model import tab_moves_on

#: a theme's name as saved when the dialog read it (none for a theme added here): its renames
SAVED_NAME = Qt.ItemDataRole.UserRole + 1


class CaseReviewSettingsDialog(SettingsDialog):
    def __init__(self, db, parent=None):
        super().__init__("Case reviews: deadline rules and settings", parent)
        self.db = db
        fit_to_screen(self, QSize(1360, 560))  # room for the rules' columns; no wider than the screen
        current = cr.load_settings(db)

        self.rules = RulesEditor((), self)  # the rules are shown with the rest, by _show
        self.rules.table.itemChanged.connect(lambda item: item.column() == 0 and self.rules.refresh_anchors())
        self.add_page(self.rules, "Deadline rules", "rules", ("rules",))

        # closure days
        closures = QWidget(self)
        self.closures = QTableWidget(0, 2, closures)
        self.closures.setHorizontalHeaderLabels(("Date", "Reason"))
        self.closures.setAccessibleName("Local closure days")
        tab_moves_on(self.closures)
        self.closures.verticalHeader().hide()
        self.closures.horizontalHeader().setStretchLastSection(True)
        self.closures.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.closures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.closure_date = DateEdit()
        self.closure_date.setAccessibleName("Closure date")
        self.closure_reason = QLineEdit()
        self.closure_reason.setPlaceholderText("Reason, e.g. council closure between Christmas and New Year")
        self.closure_reason.setAccessibleName("Closure reason")
        self.add_closure_button = QPushButton("Add closure day")
        self.remove_closure_button = QPushButton("Remove selected")
        self.add_closure_button.clicked.connect(self.add_closure)
        for box in (self.closure_date.line, self.closure_reason):  # Enter adds the day, as its button does
            enter_adds(box, self.add_closure)
        self.remove_closure_button.clicked.connect(self.remove_closure)
        self.closure_error = plain_label()  # may quote what was typed
        self.closure_error.setStyleSheet(ERROR_STYLE)
        self.closure_error.setAccessibleName("Closure day error")
        adder = QHBoxLayout()
        adder.addWidget(QLabel("Date:"))
        adder.addWidget(self.closure_date)
        adder.addWidget(self.closure_reason, 1)
        adder.addWidget(self.add_closure_button)
        adder.addWidget(self.remove_closure_button)
        closure_note = QLabel(
            "Days the team's offices are closed on a weekday that is not a bank holiday. Working-day "
            "clocks skip them, like bank holidays."
        )
        closure_note.setWordWrap(True)
        box = QVBoxLayout(closures)
        box.addWidget(closure_note)
        box.addWidget(self.closures, 1)
        box.addLayout(adder)
        box.addWidget(self.closure_error)
        self.add_page(closures, "Local closure days", "closures", ("closures",))

        # themes
        themes = QWidget(self)
        self.themes = QListWidget(themes)
        self.themes.setAccessibleName("Themes")
        self.new_theme = QLineEdit()
        self.new_theme.setPlaceholderText("A new theme, e.g. Neglect")
        self.new_theme.setAccessibleName("New theme")
        self.add_theme_button = QPushButton("Add theme")
        self.remove_theme_button = QPushButton("Remove selected")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.add_theme_button.clicked.connect(self.add_theme)
        enter_adds(self.new_theme, self.add_theme)  # Enter adds the theme; the settings stay open
        self.remove_theme_button.clicked.connect(lambda: self.themes.takeItem(self.themes.currentRow()))
        self.up_button.clicked.connect(lambda: self._move_theme(-1))
        self.down_button.clicked.connect(lambda: self._move_theme(1))
        theme_note = QLabel(
            "The themes offered on each case. Removing one here keeps it on cases that already have it. "
            "Double-click a theme to rename it."
        )
        theme_note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.new_theme, 1)
        for button in (self.add_theme_button, self.remove_theme_button, self.up_button, self.down_button):
            row.addWidget(button)
        self.theme_error = plain_label(wrap=True)  # quotes the theme typed
        self.theme_error.setStyleSheet(ERROR_STYLE)
        self.theme_error.setAccessibleName("Theme error")
        self.themes.itemChanged.connect(self._theme_renamed)
        tbox = QVBoxLayout(themes)
        tbox.addWidget(theme_note)
        tbox.addWidget(self.themes, 1)
        tbox.addLayout(row)
        tbox.addWidget(self.theme_error)
        self.add_page(themes, "Themes", "themes", ("themes",))

        # reference
        reference = QWidget(self)
        self.prefix = QLineEdit()
        self.prefix.setAccessibleName("Reference prefix")
        self.prefix.setMaxLength(12)
        self.prefix_example = plain_label()  # the prefix typed
        self.prefix.textChanged.connect(self._prefix_changed)
        form = QFormLayout(reference)
        form.addRow("Reference prefix:", self.prefix)
        form.addRow("New cases look like:", self.prefix_example)
        form.addRow(QLabel("Existing references do not change."))
        self.add_page(reference, "References", "references", ("reference_prefix",))
        self._show(current)

        for button in (self.add_closure_button, self.remove_closure_button, self.add_theme_button,
                       self.remove_theme_button, self.up_button, self.down_button):
            button.setAccessibleName(button.text())

    def _show(self, current: cr.CaseReviewSettings) -> None:
        self.opened = current.opened
        self.rules.set_rules(current.rules)
        self.closures.setRowCount(0)
        for closure in current.closures:
            self._add_closure_row(closure)
        self.themes.clear()
        for theme in current.themes:
            self._add_theme_item(theme).setData(SAVED_NAME, theme)
        self.prefix.setText(current.reference_prefix)
        self._prefix_changed(self.prefix.text())

    def show_settings(self) -> None:
        self._show(cr.load_settings(self.db))

    # ---------------------------------------------------------------- closures
    def _add_closure_row(self, closure: cr.ClosureDay) -> None:
        for row in range(self.closures.rowCount()):
            if self.closures.item(row, 0).data(Qt.ItemDataRole.UserRole) == closure.day:
                self.closures.item(row, 1).setText(closure.reason)
                return
        days = [self.closures.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(self.closures.rowCount())]
        row = next((r for r, day in enumerate(days) if day > closure.day), len(days))  # in date order, not as text
        self.closures.insertRow(row)
        item = QTableWidgetItem(f"{format_date(closure.day)} ({closure.day:%A})")
        item.setData(Qt.ItemDataRole.UserRole, closure.day)
        self.closures.setItem(row, 0, item)
        self.closures.setItem(row, 1, QTableWidgetItem(closure.reason))
        self.closures.resizeColumnToContents(0)

    def add_closure(self) -> str:
        """Add the day typed, or say beside it why it cannot be (a weekend, a bank holiday...,
        as the save would refuse it): '' when added, else the reason."""
        try:
            day = self.closure_date.value()
        except ValueError as exc:
            problem = f"Closure date: {exc}"
        else:
            closure = cr.ClosureDay(day, self.closure_reason.text().strip())
            problem = "Enter the date of the closure day (dd/mm/yyyy)" if day is None else closure_days_problem((closure,))
        self.closure_error.setText(problem)
        if problem:
            return problem
        self._add_closure_row(closure)
        self.closure_date.set_value(None)
        self.closure_reason.clear()
        return ""

    def remove_closure(self) -> None:
        rows = self.closures.selectionModel().selectedRows()
        if rows:
            self.closures.removeRow(rows[0].row())

    def closure_days(self) -> tuple[cr.ClosureDay, ...]:
        return tuple(
            cr.ClosureDay(self.closures.item(r, 0).data(Qt.ItemDataRole.UserRole), self.closures.item(r, 1).text())
            for r in range(self.closures.rowCount())
        )

    # ---------------------------------------------------------------- themes
    def _add_theme_item(self, theme: str) -> QListWidgetItem:
        item = QListWidgetItem(theme, self.themes)
        item.setData(Qt.ItemDataRole.UserRole, theme)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        return item

    def _theme_taken(self, text: str, besides: QListWidgetItem | None = None) -> bool:
        return any(
            self.themes.item(i) is not besides and self.themes.item(i).text().casefold() == text.casefold()
            for i in range(self.themes.count())
        )

    def add_theme(self) -> str:
        """Add the theme typed, or say beside it why it cannot be: '' when added (or nothing
        was typed), else the reason."""
        text = " ".join(self.new_theme.text().split())
        if not text:
            return ""
        if self._theme_taken(text):
            problem = f"'{text}' is already a theme"
        else:
            problem = themes_problem((text,))  # as the save would refuse it
        self.theme_error.setText(f"{problem}." if problem else "")
        if problem:
            return problem
        self._add_theme_item(text)
        self.new_theme.clear()
        return ""

    def _theme_renamed(self, item: QListWidgetItem) -> None:
        """A rename to nothing or to another theme's name is put back, saying why: removing
        a theme is Remove selected's work, never a side effect of clearing its name."""
        was = item.data(Qt.ItemDataRole.UserRole)
        text = " ".join(item.text().split())
        if not text:
            problem = f"A theme needs a name: to take '{was}' off the list, select it and choose Remove selected."
        elif self._theme_taken(text, besides=item):
            problem = f"'{text}' is already a theme, so '{was}' keeps its name."
        elif problem := themes_problem((text,)):
            problem = f"{problem}, so '{was}' keeps its name."
        else:
            problem, was = "", text
        self.theme_error.setText(problem)
        self.themes.blockSignals(True)
        item.setText(was)
        item.setData(Qt.ItemDataRole.UserRole, was)
        self.themes.blockSignals(False)

    def _move_theme(self, step: int) -> None:
        row = self.themes.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.themes.count():
            return
        item = self.themes.takeItem(row)
        self.themes.insertItem(target, item)
        self.themes.setCurrentRow(target)

    def theme_list(self) -> tuple[str, ...]:
        return tuple(self.themes.item(i).text() for i in range(self.themes.count()))

    def renamed_themes(self) -> dict[str, str]:
        """{name as saved: name now} of the themes renamed here (renamed twice, from the first
        name to the last; renamed back, not at all), to rename on the cases holding them."""
        items = (self.themes.item(i) for i in range(self.themes.count()))
        return {item.data(SAVED_NAME): item.text() for item in items
                if item.data(SAVED_NAME) and item.data(SAVED_NAME) != item.text()}

    # ---------------------------------------------------------------- reference
    def _prefix_changed(self, text: str) -> None:
        message = check_reference_prefix(text.strip())
        self.prefix_example.setText(message or f"{text.strip()}-2024-01")

    # ---------------------------------------------------------------- saving
    def current(self) -> cr.CaseReviewSettings:
        return cr.CaseReviewSettings(
            rules=self.rules.rules(),
            closures=self.closure_days(),
            themes=self.theme_list(),
            reference_prefix=self.prefix.text(),
            opened=self.opened,
        )

    def _take_typed(self) -> bool:
        """Add a closure day and a theme typed but not added, as their Add buttons would; or say
        on its page why the day or theme cannot be (False): nothing typed is lost without a word."""
        closure_typed = bool(self.closure_date.line.text().strip() or self.closure_reason.text().strip())
        theme = " ".join(self.new_theme.text().split())
        if closure_typed:
            problem = ""
            try:
                day = self.closure_date.value()
            except ValueError as exc:
                problem = f"Closure date: {exc}"
            else:  # a day the save would refuse is refused here, as by Add closure day
                problem = ("Closure date: enter the date of the closure day, or clear the reason"
                           if day is None else self.add_closure())
            if problem:
                self.closure_error.setText(problem)
                self.refuse(f"{problem}. Correct it and press Add closure day, or clear it, before saving.", "closures")
                return False
        if theme and not self._theme_taken(theme):  # a theme already listed loses nothing
            if problem := self.add_theme():
                self.refuse(f"{problem}. Correct it and press Add theme, or clear it, before saving.", "themes")
                return False
        return True

    def save(self) -> None:
        if not self._take_typed():
            return
        try:
            saved = cr.save_settings(self.db, self.current(), self.renamed_themes())
        except ValidationError as exc:
            self.refuse(self._explain(exc.errors), self.page_of(exc.errors))
            return
        self.accept()
        said = []
        if saved.cases_renamed:
            count = saved.cases_renamed
            said.append(f"The renamed theme{'s' if len(self.renamed_themes()) > 1 else ''} changed on "
                        f"{count} case{'s' if count != 1 else ''}.")
        if saved.remarked.sentence:  # new closure days: Training's cancellations counted again
            said.append(saved.remarked.sentence)
        if said:
            tell(self.parentWidget() or self, " ".join(["Settings saved.", *said]))

    def _explain(self, errors: dict[str, str]) -> str:
        labels = dict(zip(self.rules.keys, self.rules._labels(), strict=True))
        lines = []
        for field, message in errors.items():
            parts = field.split(".")
            if parts[0] == "rules" and len(parts) >= 2 and parts[1] in labels:
                message = message if message.startswith(labels[parts[1]]) else f"{labels[parts[1]]}: {message}"
            lines.append(message if message.endswith(".") else message + ".")
        return " ".join(lines)
