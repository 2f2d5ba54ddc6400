"""Nothing typed is lost by a slip: Escape, or the window's close button, on a dialog showing
something different from what it showed when it opened asks before closing ("Discard
changes" or "Keep editing", the default). Cancel is a choice made on purpose and closes it at
once; so does the program's own close (when the window goes).

A dialog mixes in `AsksBeforeClosing` ahead of QDialog and says in `shown_state()` what it
shows that the user may change: a name for each part and its value (a box's text, a grid's
marks). What it showed is kept when it is first shown; `changed_fields()` names the parts that
differ now, as `part_label()` words them ("the register", "Job title"). Every form
(`form.FormDialog`), the settings dialogs (`settings_dialog.SettingsDialog`) and the dialogs
that keep a list or a grid of their own ask this one way.

`save_and_cancel(dialog, save)` gives a form or a settings dialog its Save and Cancel: Save (or
Ctrl+S anywhere in it) calls `save`, Cancel closes it.

`input_state(widget)` is the value of any input a dialog holds (a box, a number, a drop-down,
a table's or list's texts), and `inputs_of(widget)` that of every input in a page of them, to
build `shown_state()` from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QDialog, QDialogButtonBox, QLineEdit, QListWidget, QMessageBox, QPlainTextEdit, QTableWidget, QWidget

from bscp_desktop.domain.validation import and_list
from bscp_desktop.ui.common.conflict import widget_state


def save_and_cancel(dialog: QDialog, save: Callable[[], None]) -> QDialogButtonBox:
    """The dialog's Save and Cancel buttons: Save, or Ctrl+S anywhere in the dialog, calls
    `save`; Cancel closes it at once (rejected)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip("Save (Ctrl+S)")
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    QShortcut(QKeySequence.StandardKey.Save, dialog, activated=save)
    return buttons


def input_state(widget: QWidget) -> object:
    """What `widget` holds that the user may change: a table's or list's texts (and any cell's
    own box), or a field's value (`conflict.widget_state`)."""
    if isinstance(widget, QTableWidget):
        cells = []
        for row in range(widget.rowCount()):
            for column in range(widget.columnCount()):
                item = widget.item(row, column)
                inside = widget.cellWidget(row, column)
                cells.append((item.text() if item is not None else None,
                              input_state(inside) if inside is not None else None))
        return tuple(cells)
    if isinstance(widget, QListWidget):
        return tuple(widget.item(i).text() for i in range(widget.count()))
    if isinstance(widget, QAbstractSpinBox):  # a number, an amount, a time
        return widget.text()
    if isinstance(widget, QAbstractButton):  # a tick box or a choice of several
        return widget.isChecked()
    return widget_state(widget)


def inputs_of(widget: QWidget) -> tuple[object, ...]:
    """The state of every input in `widget` (boxes, numbers, drop-downs, tables, lists), in the
    order they were made; the boxes inside a table or a drop-down are the table's own."""
    found = []
    for child in widget.findChildren(QWidget):
        if not isinstance(child, (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QAbstractButton,
                                  QTableWidget, QListWidget)):
            continue
        if isinstance(child, QAbstractButton) and not child.isCheckable():
            continue  # a push button holds nothing
        if _inside_another_input(child, widget):
            continue
        found.append(input_state(child))
    return tuple(found)


def _inside_another_input(child: QWidget, top: QWidget) -> bool:
    """A part of a table, list, drop-down or spin box (its editor, its line): the whole counts once."""
    parent = child.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, (QAbstractItemView, QComboBox, QAbstractSpinBox)):
            return True
        parent = parent.parentWidget()
    return False


class AsksBeforeClosing:
    """Mixed in ahead of QDialog: a changed dialog asks before Escape or the close button close
    it (see the module's note)."""

    #: how `_listed` counts the parts it does not name ("and 2 more fields")
    part_noun = "field"
    discard_question: QMessageBox | None = None  # open while Escape asks
    _discard_button: QAbstractButton | None = None  # its Discard changes
    _opened: dict[Any, object] | None = None  # what the dialog showed when first shown

    # -- what the dialog shows
    def shown_state(self) -> dict[Any, object]:
        """Each part the user may change, by a key, and its value now."""
        return {}

    def part_label(self, key: Any) -> str:
        """How "You have changed …" names the part under `key`."""
        return str(key)

    def part_changed(self, key: Any, state: object) -> bool:
        """Whether the part under `key`, now `state`, differs from when the dialog opened."""
        return self._opened is not None and state != self._opened.get(key)

    def remember_shown(self) -> None:
        """Keep what the dialog shows now as what it opened with (after a save that keeps it
        open, or a reload)."""
        self._opened = self.shown_state()

    def changed_fields(self) -> list[str]:
        """The labels of the parts changed since the dialog was shown, in its order."""
        if self._opened is None:
            return []
        return [self.part_label(key) for key, state in self.shown_state().items() if self.part_changed(key, state)]

    # -- Qt
    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._opened is None:
            self.remember_shown()
        super().showEvent(event)  # type: ignore[misc]

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if (event.key() == Qt.Key.Key_Escape and not event.modifiers()
                and self.ask_before_closing()):
            return
        super().keyPressEvent(event)  # type: ignore[misc]

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        # the window's close button (spontaneous); a close() from the program closes it at once
        if event.spontaneous() and self.ask_before_closing():
            event.ignore()
            return
        super().closeEvent(event)  # type: ignore[misc]

    def ask_before_closing(self) -> bool:
        """If something was changed, ask whether to discard it (without waiting: the answer
        closes the dialog or leaves it as it is) and return True; else False, to close now."""
        if self.discard_question is not None:
            return True
        changed = self.changed_fields()
        if not changed:
            return False
        dialog: Any = self
        box = QMessageBox(QMessageBox.Icon.Question, "Discard changes?",
                          f"You have changed {self._listed(changed)}. Close without saving?", parent=dialog)
        self._discard_button = box.addButton("Discard changes", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.discard_question = box
        # the dialog's own method, not a function holding the box: the box is deleted once answered
        box.finished.connect(self._discard_answered)
        box.open()
        return True

    def _discard_answered(self) -> None:
        """The question answered: close the dialog if the answer was Discard changes."""
        box, self.discard_question = self.discard_question, None
        if box is not None and box.clickedButton() is self._discard_button:
            dialog: Any = self
            dialog.reject()

    def _listed(self, labels: list[str]) -> str:
        # a label in the sentence: "Job title" is "job title", "DSL" stays as it is
        named = [label[:1].lower() + label[1:] if label[:2] != label[:2].upper() else label for label in labels[:3]]
        more = len(labels) - len(named)
        if more:
            return ", ".join(named) + f" and {more} more {self.part_noun}{'s' if more > 1 else ''}"
        return and_list(named)
