"""A gentle warning where a real name may have been typed in a record that takes aliases only
(a case review, a recommendation): a note above the dialog's buttons while it is typed, and a
question when it is saved. Never a refusal: the officer may know it is no one's name.

The words looked for are found by the services (`domain.case_reviews.name_warnings`); this is
only how the window says them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from bscp_desktop.ui.common.labels import plain_label


class NameWarning:
    """The note in `dialog`, above its status line: `records` says what takes aliases only, as
    in "Case records use aliases only"."""

    def __init__(self, dialog: QDialog, records: str):
        self.dialog = dialog
        self.records = records
        self.note = plain_label("", dialog, wrap=True, name="Possible real name")  # quotes the words typed
        self.note.setStyleSheet("background: #fff4d6; color: #5c3d00; padding: 4px; border: 1px solid #e0c27a;")
        self.note.hide()
        outer = dialog.layout()
        outer.insertWidget(outer.indexOf(dialog.status), self.note)

    def show(self, warnings: list[str]) -> list[str]:
        """Say `warnings` in the note (hidden when there are none); returns them."""
        self.note.setText(f"Check for real names: {'; '.join(warnings)}. {self.records} use aliases only."
                          if warnings else "")
        self.note.setVisible(bool(warnings))
        return warnings

    def saved_anyway(self, warnings: list[str], kept: str = "") -> bool:
        """Whether to save with `warnings` said: asked, "Go back and change it" the default;
        True at once when there are none. `kept` ends the question (what becomes of the warning)."""
        if not warnings:
            return True
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Is that a real name?",
            "\n".join(f"• {w}." for w in warnings)
            + f"\n\n{self.records} use aliases only (for example Child A), never a child's or family "
            f"member's real name. Save anyway?{' ' + kept if kept else ''}",
            parent=self.dialog,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        back = box.addButton("Go back and change it", QMessageBox.ButtonRole.RejectRole)
        box.addButton("Save anyway", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(back)
        box.exec()
        return box.clickedButton() is not back
