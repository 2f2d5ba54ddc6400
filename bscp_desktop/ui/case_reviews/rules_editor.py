"""The case-review deadline rules as an editable table: each row one rule (amount, unit, before
or after, what it counts from, what meets it, the kinds of case it applies to), with the rule
as it reads beside it. Rules that Working Together 2023 requires (the notification within 5
working days with the partners, the Secretary of State and Ofsted told, and the report sent before
publication) are shown greyed and cannot be changed or removed; Remove rule says so.

Every word of a rule is in view, at any text size: the columns share the table's width
(`RulesEditor.fit_columns`), measured in the table's own characters so they keep their
proportions: amount, unit and before or after as wide as their longest choice, the others as
wide as they would be (within reason) where there is room and no narrower than their longest
word where there is not. The deadline's name, what the rule counts from and what meets it
(`rule_fields`), the kinds of case it applies to and the rule as it reads wrap between words,
and each row is as tall as the longest of them needs (`fit_rows`). Narrower than every least
width, the table scrolls sideways."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bscp_desktop.domain.case_review_clocks import ANCHOR_CHOICES, MET_BY_CHOICES
from bscp_desktop.domain.deadlines import DEFAULT_RULES, FIXED_RULE_KEYS, MAX_AMOUNT, UNITS, DeadlineRule, DeadlineRuleError
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.ui.case_reviews.rule_fields import ChoiceCombo, KindsButton, text_height
from bscp_desktop.ui.common.keys import tab_along
from bscp_desktop.ui.common.labels import as_typed, plain_label
from bscp_desktop.ui.common.layout import when_resized
from bscp_desktop.ui.common.list_page import offer_tool
from bscp_desktop.ui.common.table_model import tab_moves_on

RULE_HEADERS = (
    "Deadline", "Amount", "Unit", "Before or after", "Counts from", "Met by the date of", "Applies to",
    "Rule as it reads",
)
APPLIES_COLUMN = 6
TEXT_COLUMN = 7
#: (least, most) widths, in the table's average character widths, of the columns that give way
#: on a narrow screen: the deadline's name, "counts from", "met by", "applies to" and the rule as
#: it reads, each wrapped between words below its whole width (never narrower than its longest
#: word) and its row as tall as it needs
DEADLINE_WIDTH = (16, 36)
CHOICE_WIDTH = (12, 66)
APPLIES_WIDTH = (12, 66)
TEXT_WIDTH = (14, 60)
#: the deadline's name is given up to this many characters before the other columns grow past
#: their least, so that a name, which a row is read by, takes fewer lines
DEADLINE_FIRST = 24
HEADER_PADDING = 24
CELL_PADDING = 12  # around a cell's text: the item's margins and the grid line
GRID = 1  # the grid line beside a cell's drop-down or button
FIXED_TIP = "A requirement of Working Together 2023, not a local choice: it cannot be changed or removed."
#: Under the table: which rules are requirements, and which the team sets.
RULES_NOTE = (
    "Each date the tracker shows is worked out from these rules and shown with the rule next to it. Working days "
    "skip weekends, England and Wales bank holidays and the local closure days. A rule can apply to some kinds of "
    "case only (Applies to). Rules shown greyed are requirements of Working Together 2023, not local choices, and "
    "cannot be changed or removed: the notification to the Panel, telling the safeguarding partners and telling "
    "the Secretary of State and Ofsted of a looked-after child's or care leaver's death (each within 5 working "
    "days), and the report sent to the Panel and Secretary of State before publication. The others, such as the "
    "rapid review's 15 working days (a Panel expectation) and the LCSPR's 6 months, are the team's to set."
)


class _CentredWidgets(QStyledItemDelegate):
    """Keeps each row's spin box, drop-downs and button at their own height (a wrapped choice's
    at its column's width), centred in a row made taller by a long name or choice, instead of
    stretched to the row's height."""

    def updateEditorGeometry(self, editor, option, index) -> None:  # noqa: N802 - Qt API
        if index.column() == 0:  # the name being renamed: as Qt places it
            super().updateEditorGeometry(editor, option, index)
            return
        rect = option.rect
        wanted = editor.height_for(rect.width()) if hasattr(editor, "height_for") else editor.sizeHint().height()
        height = min(rect.height(), wanted)
        editor.setGeometry(rect.x(), rect.y() + (rect.height() - height) // 2, rect.width(), height)


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
        tab_moves_on(self.table)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)  # a deadline's name on as many lines as it needs (`fit_columns`)
        self.table.setItemDelegate(_CentredWidgets(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # sized by fit_columns, or by hand
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)  # tall as `fit_columns` makes it
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._fitted_width = -1  # the table's width its columns were last shared out for
        # its width shared again; a new height may come with a width Qt gave it unannounced
        when_resized(self.table.viewport(), self._resized, self, width=True, height=True)
        self.add_button = QPushButton("Add rule", self)
        self.remove_button = QPushButton("Remove rule", self)
        self.defaults_button = QPushButton("Restore the statutory defaults", self)
        for button in (self.add_button, self.remove_button, self.defaults_button):
            button.setAccessibleName(button.text())
        self.add_button.clicked.connect(self.add_rule)
        self.remove_button.clicked.connect(self.remove_rule)
        self.defaults_button.clicked.connect(lambda: self.set_rules(DEFAULT_RULES))
        note = QLabel(RULES_NOTE, self)
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.defaults_button)
        self.preview = plain_label("", self, wrap=True, name="The selected rule as it reads")  # names typed
        self.table.itemSelectionChanged.connect(self.show_preview)
        self.table.itemSelectionChanged.connect(self.offer_remove)
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
        self.offer_remove()
        self.order_tabs()

    def order_tabs(self) -> None:
        """Tab goes down the page: the table, each row's fields from left to right (greyed
        ones skipped), then the buttons under it. Each row's fields are put in the table once
        its buttons exist, so without this Tab would reach them after the buttons."""
        columns = range(1, APPLIES_COLUMN + 1)
        fields = [self.table.cellWidget(row, column) for row in range(self.table.rowCount()) for column in columns]
        tab_along([self.table, *fields, self.add_button, self.remove_button, self.defaults_button])

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
        note = FIXED_TIP if rule.fixed else ""
        anchor = ChoiceCombo(note=note)
        anchor.setAccessibleName(f"Counts from, for {rule.label}")
        anchor.setProperty("wanted", rule.anchor)
        met_by = ChoiceCombo(note=note)
        met_by.addItem("(nothing recorded: a reminder only)", "")
        met_by.setItemData(
            0, "A reminder shows as due, then overdue only until the case moves on to a later stage "
            "or has every step done: no date can meet it.", Qt.ItemDataRole.ToolTipRole,
        )
        for key, text in MET_BY_CHOICES.items():
            met_by.addItem(text, key)
        met_by.setCurrentIndex(max(met_by.findData(rule.met_by), 0))
        met_by.setAccessibleName(f"Met by, for {rule.label}")
        kinds = KindsButton(rule.applies_to, rule.label)
        for column, widget in (
            (1, amount), (2, unit), (3, direction), (4, anchor), (5, met_by), (APPLIES_COLUMN, kinds),
        ):
            self.table.setCellWidget(row, column, widget)
            if rule.fixed:
                widget.setEnabled(False)
                if not isinstance(widget, ChoiceCombo):  # those say their choice too
                    widget.setToolTip(FIXED_TIP)
        text = QTableWidgetItem("")  # the rule as it reads, wrapped: its row as tall as it needs
        self.table.setItem(row, TEXT_COLUMN, text)
        if rule.fixed:
            label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
            label.setToolTip(FIXED_TIP)
        amount.valueChanged.connect(lambda _v: self.refresh_texts())
        for combo in (unit, direction, anchor, met_by):
            combo.currentIndexChanged.connect(lambda _i: self.refresh_texts())
        kinds.menu().triggered.connect(lambda _a: self.fit_columns())  # its text may take more room

    def offer_remove(self) -> None:
        """Remove rule for the chosen rule; greyed, saying why, for a requirement or no rule chosen."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        key = self.keys[rows[0].row()] if rows and rows[0].row() < len(self.keys) else None
        offer_tool(self.remove_button, "Choose a rule first." if key is None else FIXED_TIP if key in FIXED_RULE_KEYS else "")

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
            combo.refresh_tip()
        self.refresh_texts()
        self.fit_columns()

    def _heading(self, column: int) -> int:
        """The width that shows the longest word of the column's heading (it wraps between words)."""
        metrics = self.table.horizontalHeader().fontMetrics()
        return max(metrics.horizontalAdvance(word) for word in RULE_HEADERS[column].split()) + HEADER_PADDING

    def _widest(self, column: int) -> int:
        """The width column `column` needs to show each row's widget (or text) whole, and its heading's words."""
        widths = [self._heading(column)]
        for row in range(self.table.rowCount()):
            widget = self.table.cellWidget(row, column)
            if widget is not None:
                widths.append((widget.widest() if hasattr(widget, "widest") else widget.sizeHint().width()) + GRID)
        return max(widths)

    def _least(self, column: int) -> int:
        """The width column `column` needs to show each row's longest word whole ("applies to"
        what it says now on one line, unless that is long)."""
        widths = [0]
        for row in range(self.table.rowCount()):
            widget = self.table.cellWidget(row, column)
            if isinstance(widget, KindsButton):
                widths += [widget.least() + GRID, widget.one_line() + GRID]
            elif isinstance(widget, ChoiceCombo):
                widths.append(widget.least() + GRID)
        return max(widths)

    def _bounds(self) -> dict[int, tuple[int, int]]:
        """{column: (least, most)} in pixels of the columns that give way, from their widths in
        characters at the table's font, none narrower than its heading nor than its longest word
        (each wraps between words), the choices no wider than their longest."""
        char = max(1, self.table.fontMetrics().averageCharWidth())
        bounds = {}
        for column, (least, most) in ((0, DEADLINE_WIDTH), (4, CHOICE_WIDTH), (5, CHOICE_WIDTH),
                                      (APPLIES_COLUMN, APPLIES_WIDTH), (TEXT_COLUMN, TEXT_WIDTH)):
            least = max(least * char, self._heading(column))
            most = max(least, most * char)
            if column in (0, TEXT_COLUMN):
                least = max(least, self._longest_word(column) + CELL_PADDING)
                most = max(least, most)
            else:
                least = max(least, self._least(column))
                most = max(least, min(most, self._widest(column)))
            bounds[column] = (least, most)
        return bounds

    def _longest_word(self, column: int = 0) -> int:
        """The width of the longest word of any deadline's name (or rule as it reads): its column
        is no narrower, so the text wraps between words and is never cut in the middle of one."""
        metrics = self.table.fontMetrics()
        texts = [self.table.item(r, column).text() if self.table.item(r, column) else "" for r in range(self.table.rowCount())]
        return max((metrics.horizontalAdvance(word) for text in texts for word in text.split()), default=0)

    def fit_columns(self) -> None:
        """Share the table's width among its columns: amount, unit and before or after as wide as
        their longest choice; the others as wide as they would be (within reason) where there is
        room, narrower down to their longest word where there is not (their text wrapped); the
        rule as it reads takes the rest. Narrower than every least width, the table scrolls
        sideways, every column kept whole. The deadline's name is given its width first, then the
        spare goes where it saves the most lines (`_fewer_lines`). Then each row is made as tall
        as its text needs (`fit_rows`)."""
        room = self._fitted_width = self.table.viewport().width()
        whole = {column: self._widest(column) for column in (1, 2, 3)}
        bounds = self._bounds()
        widths = dict(whole)
        widths.update({column: least for column, (least, _most) in bounds.items()})
        spare = room - sum(widths.values())
        first = min(bounds[0][1], DEADLINE_FIRST * max(1, self.table.fontMetrics().averageCharWidth()))
        more = max(0, min(spare, first - widths[0]))  # the names first: fewer lines each
        widths[0] += more
        spare = self._fewer_lines(widths, bounds, spare - more)
        wanted = sum(most - widths[column] for column, (_least, most) in bounds.items())
        share = 1.0 if spare >= wanted else max(0.0, spare / max(1, wanted))
        for column, (_least, most) in bounds.items():
            widths[column] += int((most - widths[column]) * share)
        widths[TEXT_COLUMN] += max(0, room - sum(widths.values()))  # the rule as it reads takes what is left
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
        heading = self.table.horizontalHeader()
        margin = 2 * heading.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, heading) + 2
        heading.setMinimumHeight(max(  # each heading wrapped at its column's width
            text_height(heading.fontMetrics(), text, widths[column] - margin) for column, text in enumerate(RULE_HEADERS)
        ) + CELL_PADDING)
        self.fit_rows()

    def _height(self, row: int, column: int, width: int, known: dict) -> int:
        """The height the cell's text (or wrapped choice) needs at `width`."""
        if (row, column, width) not in known:
            widget, item = self.table.cellWidget(row, column), self.table.item(row, column)
            if hasattr(widget, "height_for"):
                known[row, column, width] = widget.height_for(width - GRID)
            else:
                text = item.text() if item is not None else ""
                known[row, column, width] = text_height(self.table.fontMetrics(), text, width - CELL_PADDING) + CELL_PADDING
        return known[row, column, width]

    def _fewer_lines(self, widths: dict[int, int], bounds: dict[int, tuple[int, int]], spare: int) -> int:
        """Give the spare width, a few characters at a time, to the wrapped column where it
        shortens the rows most for each pixel given (none past its most), until no more width
        shortens a row. Returns the width left."""
        step, known = 2 * max(1, self.table.fontMetrics().averageCharWidth()), {}
        rows = range(self.table.rowCount())

        def total(trial: dict[int, int]) -> int:
            return sum(max(self._height(row, column, trial[column], known) for column in bounds) for row in rows)

        now = total(widths)
        while spare > 0:
            best = None  # (height saved per pixel, column, pixels, height saved)
            for column, (_least, most) in bounds.items():
                for more in range(step, min(spare, most - widths[column], 4 * step) + 1, step):
                    saved = now - total({**widths, column: widths[column] + more})
                    if saved > 0:  # the least widening that saves a line in this column
                        if best is None or saved / more > best[0]:
                            best = (saved / more, column, more, saved)
                        break
            if best is None:
                return spare
            widths[best[1]] += best[2]
            spare, now = spare - best[2], now - best[3]
        return spare

    def fit_rows(self) -> None:
        """Make each row as tall as its tallest part needs at its column's width: the deadline's
        name and the rule as it reads wrapped, each choice wrapped in its drop-down."""
        self.table.resizeRowsToContents()  # the name and the rule as it reads, wrapped at their widths
        metrics, margin = self.table.fontMetrics(), CELL_PADDING // 2
        for row in range(self.table.rowCount()):
            heights = [self.table.rowHeight(row)]
            for column in range(self.table.columnCount()):
                widget, width = self.table.cellWidget(row, column), self.table.columnWidth(column)
                if hasattr(widget, "height_for"):
                    heights.append(widget.height_for(width - GRID) + 2)
                item = self.table.item(row, column)
                if item is not None and item.text():
                    heights.append(text_height(metrics, item.text(), width - 2 * margin) + 2 * margin)
            self.table.setRowHeight(row, max(heights))

    def _resized(self) -> None:
        if self.table.viewport().width() != self._fitted_width:
            self.fit_columns()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        """A new text size: the columns are measured again, in characters of the new font."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_columns()

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
            item.setToolTip(as_typed(text))  # names the deadlines typed
            label = self.table.item(row, 0)
            if label is not None and not label.toolTip().startswith("A requirement"):
                label.setToolTip(as_typed(f"{label.text()}: {text}. Press F2 or double-click to rename."))
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.show_preview()
        self.fit_rows()  # the rule as it reads, or a choice, may take more lines

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
        self.order_tabs()
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
                self, "Remove rule", as_typed(f"'{self.table.item(row, 0).text().strip()}' cannot be removed. {FIXED_TIP}")
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
                as_typed(f"'{self.table.item(row, 0).text().strip()}' cannot be removed: "
                         f"{', '.join(repr(u) for u in users)} counts from its due date. Change that rule first."),
            )
            return
        self.table.removeRow(row)
        del self.keys[row]
        self.refresh_anchors()
        self.offer_remove()
