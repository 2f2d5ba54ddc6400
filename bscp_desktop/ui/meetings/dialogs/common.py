"""Pieces the Meetings dialogs share: asking why approved minutes are being
changed. People, organisations and groups are picked with `ui/common/pickers.py`."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from bscp_desktop.domain.validation import Checker
from bscp_desktop.ui.common.form import FormDialog


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
