"""When a save is refused because someone else saved the record first (RecordChanged).

`ConflictDialog` says who changed the record and when, and offers:

- **Reload**: show the record as it is saved now (the user's changes are dropped);
- **Compare…**: each field saved since the user opened the record, the user's value beside
  the one saved now (text can be selected and copied from both);
- **Keep editing**: close this message; nothing has been saved;
- for the live minutes, also **Save mine over theirs**: a knowing choice, theirs stays in the
  change history.

`FormDialog` uses it for every dialog that edits a record; the live minutes use it with the
two texts. The helpers below read and set a form's fields from the change history's text
(`widget_text`, `set_from_text`), so one piece serves every area's dialogs.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bscp_desktop.domain.validation import RecordChanged, local_time
from bscp_desktop.ui.common.autosave import editor_text
from bscp_desktop.ui.common.editors import DateEdit, RecordCombo, TimeEdit
from bscp_desktop.ui.common.labels import ERROR_STYLE, as_typed, plain_label

_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")  # the time of a datetime as the history keeps it


@dataclass(frozen=True)
class ComparedField:
    label: str
    yours: str
    saved: str


class ConflictDialog(QDialog):
    """The refusal, with Reload, Compare… and Keep editing (and, given `overwrite`, a button
    with that text to save the user's version over theirs knowingly). `exec()` returns RELOAD
    or OVERWRITE for those choices, else 0."""

    RELOAD = 2
    OVERWRITE = 3

    def __init__(self, refusal: RecordChanged, compared: list[ComparedField], parent: QWidget | None = None,
                 overwrite: str | None = None):
        super().__init__(parent)
        self.setWindowTitle("Someone else saved this first")
        self.setModal(True)
        self.setMinimumWidth(520)
        self.refusal = refusal
        compared = [_in_words(field, refusal) for field in compared]
        self.message = plain_label(refusal.sentence(), self, wrap=True, name="Why it was not saved")  # names the record
        self.message.setStyleSheet(ERROR_STYLE)
        self.table = QTableWidget(len(compared), 3, self)
        self.table.setAccessibleName("Your version and the saved version")
        who = refusal.changed_by or "someone else"
        when = f" ({local_time(refusal.changed_at):%d/%m/%Y %H:%M})" if refusal.changed_at else ""
        self.table.setHorizontalHeaderLabels(["Field", "Your version", f"Saved by {who}{when}"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, field in enumerate(compared):
            for column, text in enumerate((field.label, field.yours, field.saved)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(as_typed(text))  # a value typed, shown as typed
                if column and field.yours != field.saved:
                    cell.setForeground(Qt.GlobalColor.darkRed if column == 1 else Qt.GlobalColor.darkGreen)
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()
        self.table.hide()
        self.empty = QLabel("The history does not show which fields they changed.", self)
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.compared = compared

        buttons = QDialogButtonBox(self)
        self.reload_button = QPushButton("Reload", self)
        self.reload_button.setToolTip("Show the record as it is saved now; your changes are dropped")
        self.compare_button = QPushButton("Compare…", self)
        self.compare_button.setToolTip("Show your version beside the saved one")
        self.keep_button = QPushButton("Keep editing", self)
        self.keep_button.setToolTip("Close this message; nothing has been saved")
        buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.compare_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.overwrite_button = None
        if overwrite:
            self.overwrite_button = QPushButton(overwrite, self)
            self.overwrite_button.setToolTip("Save your version; theirs stays in the change history")
            buttons.addButton(self.overwrite_button, QDialogButtonBox.ButtonRole.DestructiveRole)
            self.overwrite_button.clicked.connect(lambda: self.done(self.OVERWRITE))
        self.reload_button.clicked.connect(lambda: self.done(self.RELOAD))
        self.compare_button.clicked.connect(self.compare)
        self.keep_button.clicked.connect(self.reject)
        # The question can come up while the officer is typing (text that saves itself): their
        # next Space or Enter must keep their words, so only Keep editing takes the keyboard
        # at first, and no other button becomes the default by taking the focus.
        for button in buttons.buttons():
            button.setAutoDefault(False)
        self.keep_button.setDefault(True)
        self.keep_button.setFocus()

        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)

    def compare(self) -> None:
        """Show the two versions side by side (the button then hides)."""
        self.table.setVisible(bool(self.compared))
        self.empty.setVisible(not self.compared)
        self.compare_button.hide()
        if self.compared:
            self.setMinimumWidth(720)
            self.table.resizeRowsToContents()
            rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
            self.table.setFixedHeight(min(self.table.horizontalHeader().sizeHint().height() + rows
                                          + 2 * self.table.frameWidth() + 2, 360))
            self.resize(max(self.width(), 720), self.sizeHint().height())


def _in_words(field: ComparedField, refusal: RecordChanged) -> ComparedField:
    """The row of a record archived (or restored) since, in words and local dates, not the
    moment as the history keeps it."""
    change = next((c for c in refusal.later if c.field == "archived_at"), None)
    if change is None or field.label != "Archived at" or field.saved != (change.value or ""):
        return field
    on = f" (on {local_time(change.changed_at):%d/%m/%Y})" if change.changed_at else ""
    if change.value:
        return ComparedField("Archived", "No", f"Yes, archived by {change.changed_by}{on}")
    return ComparedField("Archived", "Yes", f"No, restored by {change.changed_by}{on}")


def ask_about_text(parent: QWidget | None, refusal: RecordChanged, label: str, yours: str, theirs: str) -> int:
    """Text that saves itself (live minutes, a report's section) that someone else saved first:
    the refusal, the two texts side by side on Compare, and "Save mine over theirs". Returns
    RELOAD, OVERWRITE or 0 (keep editing: nothing saved)."""
    box = ConflictDialog(refusal, [ComparedField(label, yours, theirs)], parent, overwrite="Save mine over theirs")
    return box.exec()


def saved_value(refusal: RecordChanged, field: str) -> str | None:
    """A field's value as saved now, if it is among what was saved since (else None)."""
    return next((change.value or "" for change in refusal.later if change.field == field), None)


# ------------------------------------------------------------------ a form's fields as text


def _typed(widget: QWidget) -> str | None:
    """The text of a field typed as text (a line, a date, a box of text), else None."""
    if isinstance(widget, (DateEdit, QLineEdit)):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return editor_text(widget)  # as typed: a no-break space stays one
    return None


def widget_text(widget: QWidget) -> str:
    """What a field shows, as one line of text for the comparison."""
    if (typed := _typed(widget)) is not None:
        return typed
    if isinstance(widget, QCheckBox):
        return "yes" if widget.isChecked() else "no"
    if isinstance(widget, (QSpinBox, TimeEdit)):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return ""


def widget_state(widget: QWidget) -> object:
    """A field's value, to put back with `restore_state`."""
    if (typed := _typed(widget)) is not None:
        return typed
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, TimeEdit):
        return widget.value()
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText())
    return None


def restore_state(widget: QWidget, state: object) -> None:
    if isinstance(widget, DateEdit):
        widget.line.setText(str(state))
    elif isinstance(widget, QLineEdit):
        widget.setText(str(state))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(str(state))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(state))
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(state))  # type: ignore[call-overload]
    elif isinstance(widget, TimeEdit) and isinstance(state, time):
        widget.set_value(state)
    elif isinstance(widget, QComboBox) and isinstance(state, tuple):
        index, text = state
        widget.setCurrentIndex(index)
        if widget.isEditable():
            widget.setEditText(text)


def _combo_index(combo: QComboBox, text: str | None) -> int:
    """The item of a drop-down whose data the history's text names (a record's id, a choice's
    value), or whose label is that text; -1 if none."""
    for index in range(combo.count()):
        data = combo.itemData(index)
        value = data.value if isinstance(data, enum.Enum) else data
        if (text is None and data is None) or (text is not None and value is not None and str(value) == text):
            return index
    return combo.findText(text or "", Qt.MatchFlag.MatchFixedString) if text else -1


def history_text(widget: QWidget, text: str | None) -> str:
    """A value as the change history keeps it (ids, choice values, ISO dates), as the field
    would show it."""
    if isinstance(widget, QComboBox):
        index = _combo_index(widget, text)
        return widget.itemText(index) if index >= 0 else (text or "")
    if isinstance(widget, DateEdit) and text:
        try:
            return date.fromisoformat(text[:10]).strftime("%d/%m/%Y")
        except ValueError:
            return text
    if isinstance(widget, TimeEdit) and text and (at := _CLOCK.search(text)):
        return f"{int(at.group(1)):02d}:{at.group(2)}"
    return text or ""


def set_from_text(widget: QWidget, text: str | None) -> None:
    """Put a value as the change history keeps it into a field."""
    if isinstance(widget, DateEdit):
        widget.line.setText(history_text(widget, text))
    elif isinstance(widget, QLineEdit):
        widget.setText(text or "")
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(text or "")
    elif isinstance(widget, QCheckBox):
        widget.setChecked(text == "yes")
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(text) if text and text.lstrip("-").isdigit() else widget.minimum())
    elif isinstance(widget, TimeEdit):
        if text and (at := _CLOCK.search(text)):
            widget.set_value(time(int(at.group(1)), int(at.group(2))))
    elif isinstance(widget, RecordCombo):
        widget.set_current_id(int(text) if text and text.isdigit() else None)
    elif isinstance(widget, QComboBox):
        index = _combo_index(widget, text)
        if index >= 0:
            widget.setCurrentIndex(index)
