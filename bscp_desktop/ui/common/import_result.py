"""What an import did (or would do), or every problem row when it was refused: one dialog for
every area's imports. With `confirm_text` it is the check before an import: the button starts
the import itself (the dialog is accepted). `save_template` saves any import's blank file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from bscp_desktop.ui.common.messages import done
from bscp_desktop.ui.common.outputs import export_folder, may_write, remember_folder

TEMPLATE_FILTER = "Excel workbook (*.xlsx);;CSV file (*.csv)"


def save_template(parent: QWidget, kind: str, title: str, file_name: str) -> Path | None:
    """Ask where, then write the blank import file for `kind` (.xlsx or .csv); the path, or None
    when cancelled or refused (the reason is shown)."""
    from bscp_desktop.importers import write_template
    start = str(Path(export_folder()) / file_name)
    name, chosen = QFileDialog.getSaveFileName(parent, title, start, TEMPLATE_FILTER)
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in (".xlsx", ".csv"):
        path = path.with_name(path.name + (".csv" if chosen.startswith("CSV") else ".xlsx"))  # "2023.24" kept
    if not may_write(parent, path, asked=path == Path(name)):  # never over a database; ask to replace
        return None
    if not done(parent, "Could not save the template", lambda: write_template(kind, path)):
        return None
    remember_folder(path)
    return path


class ImportResultDialog(QDialog):
    def __init__(self, title: str, summary: str, bad_rows: list[str], notes: list[str], parent=None,
                 confirm_text: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(f"{title} result")
        self.bad_rows = list(bad_rows)
        layout = QVBoxLayout(self)
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName("Import summary")
        if bad_rows:
            self.summary.setStyleSheet("font-weight: bold; color: #8a1c1c;")
        layout.addWidget(self.summary)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Problems by row" if bad_rows else "Import notes")
        self.details.setPlainText("\n".join([*bad_rows, *notes]))
        self.details.setVisible(bool(bad_rows or notes))
        self.details.setMinimumSize(560, 180 if bad_rows else 48)
        if not bad_rows and len(notes) < 3:
            self.details.setMaximumHeight(90)
        if bad_rows:
            hint = QLabel(
                "Correct these rows in the file (row numbers are as Excel shows them), then "
                "import it again.", self,
            )
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        self.confirm_button: QPushButton | None = None
        if confirm_text and not bad_rows:
            close.setText("Cancel")
            close.setAccessibleName("Cancel")
            self.confirm_button = buttons.addButton(confirm_text, QDialogButtonBox.ButtonRole.AcceptRole)
            self.confirm_button.setAccessibleName(confirm_text)
            self.confirm_button.setDefault(True)
            buttons.accepted.connect(self.accept)
        if bad_rows:
            copy = QPushButton("Copy the list", self)
            copy.setAccessibleName("Copy the list of problems")
            copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.details.toPlainText()))
            buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(buttons)
        self.resize(640, 360 if bad_rows or len(notes) > 2 else 180)
