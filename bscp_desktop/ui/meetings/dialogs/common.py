"""Pieces the Meetings dialogs share: time fields, pickers, and asking why approved
minutes are being changed."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QTimeEdit,
    QWidget,
)

from bscp_desktop.domain.validation import Checker
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.editors import RecordCombo
from bscp_desktop.ui.common.form import FormDialog

AREA = "meetings"




def time_edit(value: time | None) -> QTimeEdit:
    edit = QTimeEdit()
    edit.setDisplayFormat("HH:mm")
    if value is not None:
        edit.setTime(QTime(value.hour, value.minute))
    return edit


def qtime_value(edit: QTimeEdit) -> time:
    t = edit.time()
    return time(t.hour(), t.minute())


def combo_check(c: Checker, combo: RecordCombo, field: str, what: str, required: bool) -> None:
    if combo.has_unknown_text():
        c.add(field, f"'{combo.currentText().strip()}' is not in the list of {what}")
    elif required and combo.current_id() is None:
        c.add(field, f"Choose the {what} from the list")


def _show_start(combo: RecordCombo) -> RecordCombo:
    if combo.lineEdit() is not None:
        combo.lineEdit().setCursorPosition(0)
    return combo


def people_combo(db, current: int | None, blank: str | None = "(nobody)") -> RecordCombo:
    combo = RecordCombo(blank=blank)
    people, _orgs = mt.owner_choices(db)
    combo.set_items(people, current)
    return _show_start(combo)


def organisations_combo(db, current: int | None, blank: str | None = "(none)") -> RecordCombo:
    combo = RecordCombo(blank=blank)
    _people, orgs = mt.owner_choices(db)
    combo.set_items(orgs, current)
    return _show_start(combo)


def groups_combo(db, current: int | None) -> RecordCombo:
    combo = RecordCombo()
    combo.set_items([(g.name, g.id) for g in ms.list_groups(db)], current)
    return combo


class ReasonDialog(FormDialog):
    """Asks why approved minutes are being changed; `result_value` is the reason."""

    def __init__(self, what: str, parent=None):
        super().__init__("Amend approved minutes", parent)
        intro = QLabel(
            f"These minutes are approved and locked. {what} is an amendment: give the reason. "
            "It is kept with the change history.", self,
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.reason = self.add_field("reason", "Reason", QLineEdit())

    def check(self):
        c = Checker()
        c.required("reason", self.reason.text(), "Reason", 5000)
        return c.errors

    def save(self):
        return self.reason.text().strip()


def ask_reason(parent: QWidget | None, what: str) -> str | None:
    """Ask for an amendment reason; None if the user cancels."""
    dialog = ReasonDialog(what, parent)
    if dialog.exec():
        return dialog.result_value
    return None
