"""Asking why approved minutes are being changed: every change to what they record (an agenda
item, a decision, the register, an action raised at the meeting) is an amendment with a reason,
kept with the change history. The services refuse such a change without one (a refusal naming
the field "reason"); the window then asks for it and tries again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from bscp_desktop.domain.validation import Checker, ValidationError
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.labels import plain_label
from bscp_desktop.ui.common.messages import Cancelled


class ReasonDialog(FormDialog):
    """Asks why approved minutes are being changed; `result_value` is the reason."""

    def __init__(self, what: str, parent=None):
        super().__init__("Amend approved minutes", parent)
        intro = plain_label(
            f"These minutes are approved and locked. {what} is an amendment: give the reason. "
            "It is kept with the change history.", self, wrap=True,
        )
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


def asking_reason(parent: QWidget | None, what: str, command: Callable[[str | None], Any]) -> Any:
    """Run `command(None)`; refused for want of an amendment's reason, ask for it (`what`:
    "Archiving the action") and run `command(reason)`. Cancelled, raises `Cancelled` (nothing
    more to say); any other refusal is raised as it is."""
    try:
        return command(None)
    except ValidationError as exc:
        if "reason" not in exc.errors:
            raise
    reason = ask_reason(parent or QApplication.activeWindow(), what)
    if reason is None:
        raise Cancelled
    return command(reason)
