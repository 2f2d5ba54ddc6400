"""One dialog class per record for both add and edit: live validation, Save only when valid.

A subclass adds its fields with `add_field`, returns cheap checks from `check()` (using the
domain's Checker, so the rules are the service's own), and writes in `save()`. If the service
still refuses (a duplicate, an overlap), its ValidationError is shown beside each field and
the dialog stays open with nothing saved. So it does when the database itself fails (another
program holding the file, a team database out of reach): the status line says why in words
(`services.failures.database_words`), never the SQL or the values typed, and Save tries again.

No silent overwrite: a dialog editing a saved record (`record` with an `id`, and
`history_table`) saves from the version it opened (the record's DTO `version`, or the version
saved when the dialog was first shown). If someone else saved the record since, the service
refuses (RecordChanged) and the dialog says who and when, offering Reload (the saved values
in the fields) or Compare (the user's values beside the saved ones).

A long form can be shown before all of it is made: `build_later(*parts)` adds its lower
sections after the dialog opens, a part per turn of the event loop, so the window answers in
between. Until they exist Save waits for them; anything that needs every field builds them at
once (a save, a check once something is typed, reading one of the names in `later_names`), so
no value, check or save differs from a form built whole.

Nothing typed is lost by a slip: Escape, or the window's close button, on a form whose fields
differ from how it opened asks before closing ("Discard changes" or "Keep editing", the
default), as every dialog keeping typed work does (`closing.AsksBeforeClosing`). Cancel is a
choice made on purpose and closes it at once.

Enter in a one-line field presses Save. While Save is greyed (something missing or wrong),
Enter does what Ctrl+S does: the line above the buttons says why it is not saved and the first
field in the way takes the focus, never nothing at all.

A form taller than the screen scrolls: its fields are in a `FieldsScroll`, as tall as they
need up to what the screen leaves beside the dialog's note and buttons, which stay in view
below them.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date, time
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from bscp_desktop.domain.validation import RecordChanged, ValidationError
from bscp_desktop.services import versions
from bscp_desktop.ui.common.closing import AsksBeforeClosing, input_state, inputs_of, save_and_cancel
from bscp_desktop.ui.common.conflict import ComparedField, ConflictDialog, history_text, restore_state, set_from_text, widget_state, widget_text
from bscp_desktop.ui.common.editors import DateEdit, RecordCombo
from bscp_desktop.ui.common.fields_scroll import FieldsScroll
from bscp_desktop.ui.common.labels import ERROR_COLOUR, HINT_COLOUR, as_written, plain_label, tinted
from bscp_desktop.ui.common.permissions import guard_dialog_save, refusal
from bscp_desktop.ui.common.turns import next_turn


def _holds_a_value(widget: QWidget) -> bool:
    """Whether a field holds something typed or chosen (what it holds may then be wrong)."""
    if isinstance(widget, QComboBox):
        return widget.currentData() is not None
    if isinstance(widget, (QCheckBox, QSpinBox)):
        return False  # never empty: its error waits until it is touched
    return bool(widget_text(widget).strip())


class FormDialog(AsksBeforeClosing, QDialog):
    #: The table of the record the dialog edits (its `__tablename__`): editing a saved record,
    #: the dialog has a History… button opening that record's own change history.
    history_table: str | None = None
    #: The attributes the sections given to `build_later` set: reading one before they are
    #: built builds them at once.
    later_names: frozenset[str] = frozenset()
    #: the field that shows a refusal the service names by another name (its "starts_at" beside
    #: the dialog's Date, which with Starts at makes it)
    error_places: dict[str, str] = {}
    #: how "To save, fill in" names an empty field where its label alone would mislead (an
    #: action's Owner, which an owning organisation also satisfies)
    fill_in_names: dict[str, str] = {}
    #: a sentence the status line keeps while it has nothing else to say (a list the dialog
    #: could not read: "The list of meetings could not be read: …")
    standing_note: str = ""
    _later: list[Callable[[], None]] | None = None  # the parts still to build (`build_later`)
    _building = False  # a part is being added: no check until it is whole

    def __init__(self, title: str, parent: QWidget | None = None, *, db: Any = None, record: Any = None):
        super().__init__(parent)
        self.db = db  # the database the dialog saves to
        self.record = record  # the record it edits (its DTO), None for a new one
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(480)
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, str] = {}
        self.error_labels: dict[str, QLabel] = {}
        self._checked: dict[str, str] = {}  # what `check` said at the last `revalidate`
        self.hints: dict[str, str] = {}  # read out with its field (its accessible description) until an error replaces it
        self.touched: set[str] = set()
        self.result_value: Any = None
        self.opened_version: int | None = None  # the version of `record` the user is editing
        self._opened: dict[str, object] | None = None  # the fields as first shown (`remember_shown`)

        self.fields_area = FieldsScroll(self)
        self.form = QFormLayout(self.fields_area.widget())
        self.form.setContentsMargins(0, 0, 4, 0)  # a little room before the scroll bar
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.status = tinted(plain_label("", self, wrap=True), HINT_COLOUR)  # may quote what was typed
        self.buttons = save_and_cancel(self, self._on_save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields_area, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def history_name(self) -> str:
        """How the record is named in its history window's title."""
        return str(getattr(self.record, "name", "") or "")

    @property
    def save_button(self) -> QAbstractButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def add_field(self, name: str, label: str, widget: QWidget, hint: str = "") -> QWidget:
        box = QWidget(self)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(2)
        inner.addWidget(widget)
        if not inner.expandingDirections() & Qt.Orientation.Horizontal:
            # a field of its own width (a drop-down, a number): its hint and error under it take
            # the whole width of the fields, not a narrow column of many lines
            inner.setAlignment(widget, Qt.AlignmentFlag.AlignLeft)
            box.setSizePolicy(QSizePolicy.Policy.Expanding, box.sizePolicy().verticalPolicy())
        if hint:
            inner.addWidget(tinted(plain_label(hint, box, wrap=True), HINT_COLOUR))
        error = tinted(plain_label("", box, wrap=True), ERROR_COLOUR)  # may quote what was typed
        error.setObjectName(f"error_{name}")
        error.setAccessibleName(f"{label} error")
        error.hide()
        inner.addWidget(error)
        widget.setAccessibleName(label)
        widget.setAccessibleDescription(hint)
        widget.setObjectName(name)
        self.hints[name] = hint
        caption = QLabel(as_written(label) + ":", self)
        caption.setBuddy(widget)
        self.form.addRow(caption, box)
        self.fields[name] = widget
        self.labels[name] = label
        self.error_labels[name] = error
        self._watch(name, widget)
        return widget

    def _watch(self, name: str, widget: QWidget) -> None:
        def changed(*_args) -> None:
            self.touched.add(name)
            self.revalidate()

        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            widget.textChanged.connect(changed)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(changed)
            if widget.isEditable():
                widget.editTextChanged.connect(changed)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(changed)
        elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
            widget.valueChanged.connect(changed)
        elif isinstance(widget, QDateTimeEdit):  # a TimeEdit
            widget.dateTimeChanged.connect(changed)
        elif isinstance(widget, DateEdit):
            widget.changed.connect(changed)

    # -- a long form made in turns
    def build_later(self, *parts: Callable[[], None]) -> None:
        """Add the form's lower sections by calling each of `parts`, in order, one per turn of
        the event loop (see the module's note); each adds its fields with `add_field` as usual."""
        self._later = list(parts)
        next_turn(self, self._next_part)

    def whole(self) -> bool:
        """Every section of the form is built."""
        return not self._later and not self._building

    def complete(self) -> None:
        """Build the sections left for later now, if any, and check the whole form."""
        if self._later:
            self._build_the_rest()
            self.revalidate()

    def _next_part(self) -> None:
        if not self._later:
            return  # built at once meanwhile
        self._build(self._later.pop(0))
        if self._later:
            next_turn(self, self._next_part)
        else:
            self.revalidate()

    def _build_the_rest(self) -> None:
        while self._later:
            self._build(self._later.pop(0))

    def _build(self, build: Callable[[], None]) -> None:
        had, rows = set(self.fields), self.form.rowCount()
        self._building = True
        try:
            build()
        finally:
            self._building = False
        if self.isVisible():  # rows added on screen show now (Qt would on its next turn)
            for row in range(rows, self.form.rowCount()):
                for role in (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole,
                             QFormLayout.ItemRole.SpanningRole):
                    item = self.form.itemAt(row, role)
                    widget = item.widget() if item is not None else None
                    if widget is not None and not widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
                        widget.show()
        if self._opened is not None:  # shown already: the new fields as they were opened
            self._opened.update({n: field_state(w) for n, w in self.fields.items() if n not in had})

    def __getattr__(self, name: str) -> Any:  # only for a name not found otherwise
        if self._later and not self._building and name in type(self).later_names:
            self.complete()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    # -- subclass API
    def check(self) -> dict[str, str]:
        """Cheap checks of the current values: {field: message}. No database access."""
        return {}

    def save(self) -> Any:
        """Write through a service; raise ValidationError to refuse."""
        raise NotImplementedError

    # -- behaviour
    def date_value(self, name: str, errors: dict[str, str]):
        widget = self.fields[name]
        assert isinstance(widget, DateEdit)
        try:
            return widget.value()
        except ValueError as exc:
            errors.setdefault(name, f"{self.labels[name]}: {exc}")
            return None

    def required_date(self, name: str, errors: dict[str, str], missing: str):
        """The date typed in field `name`, or None with `missing` beside an empty field."""
        value = self.date_value(name, errors)
        if value is None:
            errors.setdefault(name, missing)
        return value

    def revalidate(self) -> bool:
        if self._building:
            return False
        if self._later:  # the lower sections are not built yet
            if not self.touched:  # nothing typed: the whole form is checked once they are
                self.save_button.setEnabled(False)
                return False
            self._build_the_rest()
        errors = self._checked = self.check()
        # beside a field once it is touched, or at once where it holds something (a date now
        # before another changed): only an empty field waits, named in "To save, fill in"
        shown = {n for n in errors if n in self.touched or (n in self.fields and _holds_a_value(self.fields[n]))}
        for name, label in self.error_labels.items():
            self._show_error(name, label, errors.get(name) if name in shown else None)
        self.save_button.setEnabled(not errors)
        hidden = [self.fill_in_names.get(n) or self.labels.get(n, n) for n in errors if n not in shown]
        wrong = self._first_problem([n for n in self.fields if n in shown], errors)  # its field may be out of view
        fill_in = f"To save, fill in: {', '.join(hidden)}." if hidden else ""
        self.status.setText(self.refused or " ".join(filter(None, (wrong, fill_in))) or self.standing_note)
        return not errors

    def _first_problem(self, names: list[str], errors: dict[str, str]) -> str:
        """The first of the fields `names` in the way of a save, naming its field, and how many more ('' for none)."""
        if not names:
            return ""
        message, label, more = errors[names[0]].rstrip("."), self.labels.get(names[0], names[0]), len(names) - 1
        message = message if label.casefold() in message.casefold() else f"{label}: {message}"
        return f"{message}." + (f" {more} more {'field needs' if more == 1 else 'fields need'} changing too." if more else "")

    def show_errors(self, errors: dict[str, str]) -> None:
        errors = {self.error_places.get(name, name): message for name, message in errors.items()}
        unplaced = {}
        for name, message in errors.items():
            label = self.error_labels.get(name)
            if label is None:
                unplaced[name] = message
                continue
            self._show_error(name, label, message)
        placed = [n for n in self.fields if n in errors and n not in unplaced]  # beside fields maybe out of view
        self.status.setText(ValidationError(unplaced).sentence() if unplaced else  # one sentence each
                            f"Not saved. {self._first_problem(placed, errors)}" if placed else "")
        first = next((self.fields[n] for n in errors if n in self.fields), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            self.fields_area.ensureWidgetVisible(first)

    def _show_error(self, name: str, label: QLabel, message: str | None) -> None:
        """Show `message` under field `name` (none: hide its error); the fields are laid out afresh."""
        if (label.text(), label.isHidden()) != (message or "", not message):
            label.setText(message or "")
            label.setVisible(bool(message))
            self.fields_area.messages_changed()
        self._describe(name, message)

    def _describe(self, name: str, message: str | None) -> None:
        """A field's accessible description: its error while it has one (a screen reader reads it
        with the field), else its hint."""
        if (field := self.fields.get(name)) is not None:
            field.setAccessibleDescription(message or self.hints.get(name, ""))

    def _point_at_the_first_problem(self) -> None:
        """A save its checks stopped (Ctrl+S with Save greyed): the first field in the way takes
        the focus and is scrolled into view, and the line above the buttons says why."""
        errors = self._checked  # as `revalidate` found them just now
        first = next((n for n in self.fields if n in errors), None)
        if first is None:
            return
        field = self.fields[first]
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # sections just built (`complete`) placed now
        self.fields_area.ensureWidgetVisible(self.error_labels[first].parentWidget())
        self.status.setText(f"Not saved. {self._first_problem([first, *(n for n in errors if n != first)], errors)}")

    @property
    def refused(self) -> str:
        """Why this login may not save here ('' when it may): ui/common/permissions.py."""
        return refusal(self.db)

    def _on_save(self) -> None:
        self.complete()
        self.touched.update(self.fields)
        try:
            self._check_and_save()
        except Exception as exc:  # the database's own failure, in a check or the save: all rolled back, said in words, never its SQL
            from bscp_desktop.services.failures import database_words

            words = database_words(exc)
            if not words:
                raise  # a fault of the program: the error hook logs it for support
            self.status.setText(f"Not saved. {words}")

    def _check_and_save(self) -> None:
        if not self.revalidate():  # a check may read the database (a name already taken, say)
            if not self._later:
                self._point_at_the_first_problem()
            return
        if self.refused:
            self.status.setText(f"Not saved. {self.refused}")
            return
        record_id = getattr(self.record, "id", None)
        try:
            with versions.expecting(self.history_table, record_id, self.opened_version):
                self.result_value = self.save()
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        except RecordChanged as exc:
            self.show_conflict(exc)
            return
        except PermissionError as exc:  # a team database's grants refused it: nothing was saved
            self.status.setText(f"Not saved. {exc}")
            return
        self.accept()

    # -- closing a changed form by a slip (closing.AsksBeforeClosing asks)
    # (a field counts as changed when its value differs from the one it opened with, whether or
    # not it was touched: Save on an empty form marks every field touched and changes none)
    def shown_state(self) -> dict[str, object]:
        return {name: field_state(widget) for name, widget in self.fields.items()}

    def part_label(self, key: str) -> str:
        return self.labels[key]

    # -- someone else saved the record first
    def compared(self, refusal: RecordChanged) -> list[ComparedField]:
        """The fields saved since the user opened the record: the user's value beside the one
        saved now (fields this dialog has no box for are named as the history names them)."""
        rows = []
        for change in refusal.later:
            widget = self.fields.get(change.field)
            if widget is None:
                label = change.field.replace("_", " ").capitalize()
                rows.append(ComparedField(label, "", change.value or ""))
            else:
                rows.append(ComparedField(self.labels[change.field], widget_text(widget),
                                          history_text(widget, change.value)))
        return rows

    def show_conflict(self, refusal: RecordChanged) -> int:
        self.status.setText(refusal.sentence())
        box = ConflictDialog(refusal, self.compared(refusal), self)
        answer = box.exec()
        if answer == ConflictDialog.RELOAD:
            self.reload_saved(refusal)
        return answer

    def saved_record(self) -> Any:
        """The record this dialog edits as saved now, read again (its DTO, parts included: a
        case's themes and agencies, an organisation's other names), for Reload to show; None
        where the dialog does not read it, and Reload then puts back what the change history
        names. A dialog whose record has parts returns it, e.g. `cr.get_case_review(self.db,
        self.record.id)`."""
        return None

    def reload_saved(self, refusal: RecordChanged) -> None:
        """Show the record as saved now, every field the dialog shows (its parts too, when the
        dialog reads the record again: `saved_record`); later saves start from the version
        saved now."""
        saved = self.saved_record() if getattr(self.record, "id", None) is not None else None
        self.complete()  # the sections not built yet are filled too
        if saved is not None:
            self.record = saved
            for name, widget in self.fields.items():
                if hasattr(saved, name):
                    _show_value(widget, getattr(saved, name), saved, name)
        else:
            for name, state in (self._opened or {}).items():
                restore_state(self.fields[name], state)
            for change in refusal.later:
                if change.field in self.fields:
                    set_from_text(self.fields[change.field], change.value)
        self.remember_shown()
        self.opened_version = refusal.current
        self.status.setText(
            f"Reloaded: these are the values saved by {refusal.changed_by or 'someone else'}. "
            "Make your changes again and save."
        )

    def _focus_first_field(self) -> None:
        """A form opens with its first field ready for typing, not with Save, Cancel or History
        (the buttons, made before the fields, come first in the order of focus): unless the
        dialog chose a field itself."""
        chosen = self.focusWidget()
        if chosen is not None and not isinstance(chosen, QAbstractButton):
            return
        for widget in self.fields.values():
            target = widget.focusProxy() or widget
            if target.isEnabled() and not target.isHidden() and target.focusPolicy() & Qt.FocusPolicy.TabFocus:
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        """Enter where it would press Save while Save is greyed does what Ctrl+S does: says why
        the form is not saved and takes the officer to the first field in the way (Qt would do
        nothing at all)."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        save = self.save_button
        if enter and plain and save.isDefault() and save.isVisible() and not save.isEnabled():
            self._on_save()
            return
        super().keyPressEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        record = self.record
        if self._opened is None:
            self._focus_first_field()
            self.remember_shown()
            if self.history_table and getattr(record, "id", None) is not None:
                self.opened_version = getattr(record, "version", 0) or versions.current_version(
                    self.db, self.history_table, record.id)
        if (self.history_table and getattr(self, "history_button", None) is None
                and getattr(record, "id", None) is not None):
            from bscp_desktop.ui.common.history import add_history_button  # loaded when a record is first opened

            add_history_button(self, self.db, self.history_table, record.id, self.history_name())
        guard_dialog_save(self.save_button, self.db)
        super().showEvent(event)
        self.revalidate()


def field_state(widget: QWidget) -> object:
    """A field's value, to tell whether it changed since the dialog opened: a box's or a
    drop-down's value (`conflict.widget_state`), a tick list's ticked choices, a table's rows, and
    for a field made of several inputs (a table with its Add and Remove, a box with its Browse…)
    the rows of its tables and lists, else the values of its inputs."""
    state = widget_state(widget)
    if state is not None:
        return state
    if isinstance(widget, QListWidget):
        items = [widget.item(row) for row in range(widget.count())]
        if any(item.flags() & Qt.ItemFlag.ItemIsUserCheckable for item in items):
            return tuple(item.data(Qt.ItemDataRole.UserRole) if item.data(Qt.ItemDataRole.UserRole) is not None
                         else item.text() for item in items if item.checkState() == Qt.CheckState.Checked)
        return tuple(item.text() for item in items)
    if isinstance(widget, QTableWidget):
        return input_state(widget)
    rows = [part for part in widget.findChildren(QWidget) if isinstance(part, (QTableWidget, QListWidget))]
    if rows:  # what the field holds, not the choice waiting to be added
        return tuple(field_state(part) for part in rows)
    return inputs_of(widget)


def _show_value(widget: QWidget, value: Any, record: Any, name: str) -> None:
    """Put a record's saved value into its field: a list of ticks (themes, agencies) ticks what
    is saved, adding a choice it did not list yet; other fields take it as the history writes it."""
    if isinstance(widget, QListWidget):
        chosen = list(value or ())
        labels = dict(zip(chosen, getattr(record, name.removesuffix("_ids") + "_names", chosen), strict=False))
        listed = set()
        for row in range(widget.count()):
            item = widget.item(row)
            data = item.data(Qt.ItemDataRole.UserRole)
            listed.add(data)
            item.setCheckState(Qt.CheckState.Checked if data in chosen else Qt.CheckState.Unchecked)
        for data in chosen:
            if data not in listed:
                item = QListWidgetItem(str(labels.get(data, data)), widget)
                item.setData(Qt.ItemDataRole.UserRole, data)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
        return
    if isinstance(value, (list, tuple)):  # an organisation's other names: one a line
        text: str | None = "\n".join(str(v) for v in value)
    elif value is None:
        text = None
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, enum.Enum):
        text = str(value.value)
    elif isinstance(value, (date, time)):
        text = value.isoformat()
    else:
        text = str(value)
    if isinstance(widget, RecordCombo) and widget.current_id() == value:
        return  # the record shown already (a meeting's list may still be on its way)
    if text is None and isinstance(widget, QComboBox) and widget.count() and widget.itemData(0) is None:
        widget.setCurrentIndex(0)  # the blank choice ("Choose…", "(not considered yet)")
        return
    set_from_text(widget, text)
