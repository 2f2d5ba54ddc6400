"""Deadline rules, local closure days, themes and the reference prefix, saved together."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bscp_desktop.domain.case_review_clocks import ANCHOR_CHOICES, MET_BY_CHOICES
from bscp_desktop.domain.case_reviews import CaseKind, check_reference_prefix
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.deadlines import DEFAULT_RULES, FIXED_RULE_KEYS, MAX_AMOUNT, UNITS, DeadlineRule, DeadlineRuleError
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.ui.common.editors import DateEdit
from bscp_desktop.ui.common.form import ERROR_STYLE

RULE_HEADERS = (
    "Deadline", "Amount", "Unit", "Before or after", "Counts from", "Met by the date of", "Applies to",
    "Rule as it reads",
)
APPLIES_COLUMN = 6
TEXT_COLUMN = 7
FIXED_TIP = "A requirement of Working Together 2023, not a local choice: it cannot be changed or removed."


class KindsButton(QPushButton):
    """Which kinds of case a rule applies to: a menu of check boxes; none ticked means every case."""

    def __init__(self, kinds: tuple[str, ...], label: str, parent=None):
        super().__init__(parent)
        self.setAccessibleName(f"Applies to, for {label}")
        self.setMenu(QMenu(self))
        self.kind_actions: dict[str, QAction] = {}
        for kind in CaseKind:
            action = self.menu().addAction(kind.label)
            action.setCheckable(True)
            action.setChecked(kind.value in kinds)
            action.toggled.connect(lambda _on: self.refresh())
            self.kind_actions[kind.value] = action
        self.refresh()

    def kinds(self) -> tuple[str, ...]:
        return tuple(k for k, a in self.kind_actions.items() if a.isChecked())

    def set_kinds(self, kinds) -> None:
        for key, action in self.kind_actions.items():
            action.setChecked(key in kinds)

    def refresh(self) -> None:
        chosen = self.kinds()
        every = not chosen or len(chosen) == len(self.kind_actions)
        self.setText("Every case" if every else f"{len(chosen)} kinds of case" if len(chosen) > 1
                     else CaseKind(chosen[0]).label)
        self.setToolTip("Applies to every kind of case" if every else
                        "Applies to: " + "; ".join(CaseKind(k).label for k in chosen))
UNIT_LABELS = {"working_days": "Working days", "months": "Months", "calendar_days": "Calendar days"}


def _slug(label: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or "rule"
    if not base[0].isalpha():
        base = "rule_" + base
    base = base[:40]
    key, n = base, 2
    while key in taken:
        key = f"{base}_{n}"
        n += 1
    return key


class RulesEditor(QWidget):
    """A table of rules; each row edits one rule with spin boxes and combos."""

    def __init__(self, rules, parent=None):
        super().__init__(parent)
        self.keys: list[str] = []
        self.table = QTableWidget(0, len(RULE_HEADERS), self)
        self.table.setHorizontalHeaderLabels(RULE_HEADERS)
        self.table.setAccessibleName("Deadline rules")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TEXT_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.add_button = QPushButton("Add rule", self)
        self.remove_button = QPushButton("Remove rule", self)
        self.defaults_button = QPushButton("Restore the statutory defaults", self)
        for button in (self.add_button, self.remove_button, self.defaults_button):
            button.setAccessibleName(button.text())
        self.add_button.clicked.connect(self.add_rule)
        self.remove_button.clicked.connect(self.remove_rule)
        self.defaults_button.clicked.connect(lambda: self.set_rules(DEFAULT_RULES))
        note = QLabel(
            "Each date the tracker shows is worked out from these rules and shown with the rule "
            "next to it. Working days skip weekends, England and Wales bank holidays and the "
            "local closure days. A rule can apply to some kinds of case only (Applies to). Rules "
            "shown greyed are requirements, not local choices.",
            self,
        )
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.defaults_button)
        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName("The selected rule as it reads")
        self.table.itemSelectionChanged.connect(self.show_preview)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)
        self.set_rules(rules)

    def set_rules(self, rules) -> None:
        self.table.setRowCount(0)
        self.keys = []
        for rule in rules:
            self._append(rule)
        self.refresh_anchors()
        self.table.setColumnWidth(0, 220)
        self.table.setColumnWidth(TEXT_COLUMN, 360)

    def _append(self, rule: DeadlineRule) -> None:
        self.table.blockSignals(True)  # no 'label changed' while the row is half built
        try:
            self._build_row(rule)
        finally:
            self.table.blockSignals(False)

    def _build_row(self, rule: DeadlineRule) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.keys.append(rule.key)
        label = QTableWidgetItem(rule.label)
        label.setToolTip("The deadline's name; press F2 or double-click to edit")
        self.table.setItem(row, 0, label)
        amount = QSpinBox()
        amount.setRange(0, MAX_AMOUNT)
        amount.setValue(rule.amount)
        amount.setAccessibleName(f"Amount for {rule.label}")
        unit = QComboBox()
        for value in UNITS:
            unit.addItem(UNIT_LABELS[value], value)
        unit.setCurrentIndex(unit.findData(rule.unit))
        unit.setAccessibleName(f"Unit for {rule.label}")
        direction = QComboBox()
        direction.addItem("after", 1)
        direction.addItem("before", -1)
        direction.setCurrentIndex(direction.findData(rule.direction))
        direction.setAccessibleName(f"Before or after for {rule.label}")
        anchor = QComboBox()
        anchor.setAccessibleName(f"Counts from, for {rule.label}")
        anchor.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        anchor.setMinimumContentsLength(20)
        anchor.setProperty("wanted", rule.anchor)
        met_by = QComboBox()
        met_by.addItem("(nothing recorded: a reminder only)", "")
        for key, text in MET_BY_CHOICES.items():
            met_by.addItem(text, key)
        met_by.setCurrentIndex(max(met_by.findData(rule.met_by), 0))
        met_by.setAccessibleName(f"Met by, for {rule.label}")
        kinds = KindsButton(rule.applies_to, rule.label)
        met_by.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        met_by.setMinimumContentsLength(16)
        for column, widget in (
            (1, amount), (2, unit), (3, direction), (4, anchor), (5, met_by), (APPLIES_COLUMN, kinds),
        ):
            self.table.setCellWidget(row, column, widget)
            if rule.fixed:
                widget.setEnabled(False)
                widget.setToolTip(FIXED_TIP)
        self.table.setItem(row, TEXT_COLUMN, QTableWidgetItem(""))
        if rule.fixed:
            label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
            label.setToolTip(FIXED_TIP)
        amount.valueChanged.connect(lambda _v: self.refresh_texts())
        for combo in (unit, direction, anchor, met_by):
            combo.currentIndexChanged.connect(lambda _i: self.refresh_texts())

    def show_preview(self) -> None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            self.preview.setText("Select a rule to read it in full.")
            return
        row = rows[0].row()
        label, text = self.table.item(row, 0), self.table.item(row, TEXT_COLUMN)
        kinds = self.table.cellWidget(row, APPLIES_COLUMN)
        self.preview.setText(
            f"{label.text() if label else ''}: {text.text() if text else ''}. "
            f"{kinds.toolTip() if kinds else ''}."
        )

    def refresh_anchors(self) -> None:
        """Fill each 'counts from' list: the case's dates and the other rules' due dates."""
        labels = self._labels()
        for row in range(self.table.rowCount()):
            combo: QComboBox | None = self.table.cellWidget(row, 4)
            if combo is None:
                continue
            wanted = combo.currentData() if combo.count() else combo.property("wanted")
            combo.blockSignals(True)
            combo.clear()
            for key, text in ANCHOR_CHOICES.items():
                combo.addItem(text, key)
            due_labels = {}
            for other_row, key in enumerate(self.keys):
                due_labels[f"due:{key}"] = f"the due date for '{labels[other_row]}'"
                if other_row != row:
                    combo.addItem(due_labels[f"due:{key}"], f"due:{key}")
            if wanted and "|" in wanted and combo.findData(wanted) < 0:  # alternatives, e.g. the fixed rule's
                parts = [ANCHOR_CHOICES.get(p) or due_labels.get(p, p) for p in wanted.split("|")]
                combo.addItem(", or until it is known, ".join(parts), wanted)
            index = combo.findData(wanted)
            combo.setCurrentIndex(index if index >= 0 else 0)
            combo.blockSignals(False)
        self.refresh_texts()

    def _labels(self) -> list[str]:
        return [(self.table.item(r, 0).text() if self.table.item(r, 0) else "").strip() for r in range(self.table.rowCount())]

    def refresh_texts(self) -> None:
        labels = dict(ANCHOR_CHOICES)
        labels.update({f"due:{k}": f"the due date for '{t}'" for k, t in zip(self.keys, self._labels(), strict=True)})
        for row in range(self.table.rowCount()):
            item = self.table.item(row, TEXT_COLUMN)
            if item is None:
                continue
            try:
                text = self.rule_at(row).describe(labels)
            except DeadlineRuleError as exc:
                text = f"Not valid: {exc.message}"
            item.setText(text)
            item.setToolTip(text)
            label = self.table.item(row, 0)
            if label is not None and not label.toolTip().startswith("A requirement"):
                label.setToolTip(f"{label.text()}: {text}. Press F2 or double-click to rename.")
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.show_preview()

    def rule_at(self, row: int) -> DeadlineRule:
        w = self.table.cellWidget
        return DeadlineRule(
            key=self.keys[row],
            label=self.table.item(row, 0).text().strip(),
            anchor=w(row, 4).currentData() or "",
            amount=w(row, 1).value(),
            unit=w(row, 2).currentData(),
            direction=w(row, 3).currentData(),
            met_by=w(row, 5).currentData() or "",
            applies_to=w(row, APPLIES_COLUMN).kinds(),
        )

    def rules(self) -> tuple[DeadlineRule, ...]:
        """The rules as edited; raises ValidationError naming the row if one cannot be built."""
        result = []
        for row in range(self.table.rowCount()):
            try:
                result.append(self.rule_at(row))
            except DeadlineRuleError as exc:
                name = self.table.item(row, 0).text().strip() or f"Rule {row + 1}"
                raise ValidationError({f"rules.{self.keys[row]}.{exc.field}": f"{name}: {exc.message}"}) from None
        return tuple(result)

    def add_rule(self) -> None:
        label = "New deadline"
        key = _slug(label, set(self.keys))
        self._append(DeadlineRule(key, label, "became_aware", 10, "working_days", 1))
        self.refresh_anchors()
        self.table.selectRow(self.table.rowCount() - 1)
        self.table.editItem(self.table.item(self.table.rowCount() - 1, 0))

    def remove_rule(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        row = rows[0].row()
        key = self.keys[row]
        if key in FIXED_RULE_KEYS:
            QMessageBox.information(
                self, "Remove rule", f"'{self.table.item(row, 0).text().strip()}' cannot be removed. {FIXED_TIP}"
            )
            return
        users = [
            self.table.item(r, 0).text().strip()
            for r in range(self.table.rowCount())
            if r != row and f"due:{key}" in str(self.table.cellWidget(r, 4).currentData() or "").split("|")
        ]
        if users:
            QMessageBox.information(
                self, "Remove rule",
                f"'{self.table.item(row, 0).text().strip()}' cannot be removed: "
                f"{', '.join(repr(u) for u in users)} counts from its due date. Change that rule first.",
            )
            return
        self.table.removeRow(row)
        del self.keys[row]
        self.refresh_anchors()


class CaseReviewSettingsDialog(QDialog):
    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Case reviews: deadline rules and settings")
        self.setModal(True)
        self.resize(1180, 560)
        current = cr.load_settings(db)
        self.tabs = QTabWidget(self)

        self.rules = RulesEditor(current.rules, self)
        self.rules.table.itemChanged.connect(lambda item: item.column() == 0 and self.rules.refresh_anchors())
        self.tabs.addTab(self.rules, "Deadline rules")

        # closure days
        closures = QWidget(self)
        self.closures = QTableWidget(0, 2, closures)
        self.closures.setHorizontalHeaderLabels(("Date", "Reason"))
        self.closures.setAccessibleName("Local closure days")
        self.closures.verticalHeader().hide()
        self.closures.horizontalHeader().setStretchLastSection(True)
        self.closures.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.closures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for closure in current.closures:
            self._add_closure_row(closure)
        self.closure_date = DateEdit()
        self.closure_date.setAccessibleName("Closure date")
        self.closure_reason = QLineEdit()
        self.closure_reason.setPlaceholderText("Reason, e.g. council closure between Christmas and New Year")
        self.closure_reason.setAccessibleName("Closure reason")
        self.add_closure_button = QPushButton("Add closure day")
        self.remove_closure_button = QPushButton("Remove selected")
        self.add_closure_button.clicked.connect(self.add_closure)
        self.remove_closure_button.clicked.connect(self.remove_closure)
        self.closure_error = QLabel()
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
        self.tabs.addTab(closures, "Local closure days")

        # themes
        themes = QWidget(self)
        self.themes = QListWidget(themes)
        self.themes.setAccessibleName("Themes")
        for theme in current.themes:
            self._add_theme_item(theme)
        self.new_theme = QLineEdit()
        self.new_theme.setPlaceholderText("A new theme, e.g. Neglect")
        self.new_theme.setAccessibleName("New theme")
        self.add_theme_button = QPushButton("Add theme")
        self.remove_theme_button = QPushButton("Remove selected")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.add_theme_button.clicked.connect(self.add_theme)
        self.new_theme.returnPressed.connect(self.add_theme)
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
        tbox = QVBoxLayout(themes)
        tbox.addWidget(theme_note)
        tbox.addWidget(self.themes, 1)
        tbox.addLayout(row)
        self.tabs.addTab(themes, "Themes")

        # reference
        reference = QWidget(self)
        self.prefix = QLineEdit(current.reference_prefix)
        self.prefix.setAccessibleName("Reference prefix")
        self.prefix.setMaxLength(12)
        self.prefix_example = QLabel()
        self.prefix.textChanged.connect(self._prefix_changed)
        form = QFormLayout(reference)
        form.addRow("Reference prefix:", self.prefix)
        form.addRow("New cases look like:", self.prefix_example)
        form.addRow(QLabel("Existing references do not change."))
        self.tabs.addTab(reference, "References")
        self._prefix_changed(self.prefix.text())

        for button in (self.add_closure_button, self.remove_closure_button, self.add_theme_button,
                       self.remove_theme_button, self.up_button, self.down_button):
            button.setAccessibleName(button.text())

        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setAccessibleName("Settings error")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    @property
    def save_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    # ---------------------------------------------------------------- closures
    def _add_closure_row(self, closure: cr.ClosureDay) -> None:
        for row in range(self.closures.rowCount()):
            if self.closures.item(row, 0).data(Qt.ItemDataRole.UserRole) == closure.day:
                self.closures.item(row, 1).setText(closure.reason)
                return
        row = self.closures.rowCount()
        self.closures.insertRow(row)
        item = QTableWidgetItem(f"{format_date(closure.day)} ({closure.day:%A})")
        item.setData(Qt.ItemDataRole.UserRole, closure.day)
        self.closures.setItem(row, 0, item)
        self.closures.setItem(row, 1, QTableWidgetItem(closure.reason))
        self.closures.sortItems(0)
        self.closures.resizeColumnToContents(0)

    def add_closure(self) -> None:
        try:
            day = self.closure_date.value()
        except ValueError as exc:
            self.closure_error.setText(f"Closure date: {exc}")
            return
        if day is None:
            self.closure_error.setText("Enter the date of the closure day (dd/mm/yyyy)")
            return
        self.closure_error.setText("")
        self._add_closure_row(cr.ClosureDay(day, self.closure_reason.text().strip()))
        self.closure_date.set_value(None)
        self.closure_reason.clear()

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
    def _add_theme_item(self, theme: str) -> None:
        item = QListWidgetItem(theme, self.themes)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)

    def add_theme(self) -> None:
        text = " ".join(self.new_theme.text().split())
        if not text:
            return
        existing = {self.themes.item(i).text().casefold() for i in range(self.themes.count())}
        if text.casefold() not in existing:
            self._add_theme_item(text)
        self.new_theme.clear()

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
        )

    def save(self) -> None:
        try:
            cr.save_settings(self.db, self.current())
        except ValidationError as exc:
            self.error.setText(self._explain(exc.errors))
            self.error.show()
            return
        self.accept()

    def _explain(self, errors: dict[str, str]) -> str:
        labels = dict(zip(self.rules.keys, self.rules._labels(), strict=True))
        lines = []
        for field, message in errors.items():
            parts = field.split(".")
            if parts[0] == "rules" and len(parts) >= 2 and parts[1] in labels:
                message = message if message.startswith(labels[parts[1]]) else f"{labels[parts[1]]}: {message}"
            lines.append(message if message.endswith(".") else message + ".")
        return " ".join(lines)
