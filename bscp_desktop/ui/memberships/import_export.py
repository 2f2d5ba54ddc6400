"""Importing people and organisations, blank templates, and the memberships and history
workbooks (File > Export), for the Memberships tab.

An import runs in the background and is all or nothing: the result dialog says what was added
and updated, or lists every problem row when nothing was imported.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bscp_desktop.importers import ImportRejected, run_import, write_template
from bscp_desktop.ui.common.messages import show_error
from bscp_desktop.ui.common.outputs import (
    XLSX,
    export_folder,
    may_write,
    output_action,
    remember_folder,
)
from bscp_desktop.ui.common.signals import notify_changed
from bscp_desktop.ui.common.worker import run_in_background

AREA = "memberships"
IMPORT_FILTER = "Spreadsheets (*.xlsx *.csv);;Excel workbook (*.xlsx);;CSV file (*.csv);;All files (*)"
TEMPLATE_FILTER = "Excel workbook (*.xlsx);;CSV file (*.csv)"
NOUNS = {"people": "people", "organisations": "organisations"}


def _folder() -> str:
    return export_folder()


def _remember_folder(path: str | Path) -> None:
    remember_folder(Path(path))


def _tell(parent: QWidget, text: str) -> None:
    """A short confirmation: in the status bar if there is one, else a small message."""
    window = parent.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 15000)
        return
    box = QMessageBox(QMessageBox.Icon.Information, "Done", text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


class ImportResultDialog(QDialog):
    """What an import did, or every problem row when it was refused."""

    def __init__(self, kind: str, summary: str, bad_rows: list[str], notes: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Import {NOUNS[kind]}")
        self.setAccessibleName(f"Import {NOUNS[kind]} result")
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
        if not bad_rows:
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
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        if bad_rows:
            copy = QPushButton("Copy the list", self)
            copy.setAccessibleName("Copy the list of problems")
            copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.details.toPlainText()))
            buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(buttons)
        self.resize(640, 360 if bad_rows else 160)


class ImportBar(QWidget):
    """Buttons: Import people…, Import organisations…, Blank template… (people or organisations)."""

    def __init__(self, db, parent=None, on_imported: Callable[[str], None] | None = None):
        super().__init__(parent)
        self.db = db
        self.on_imported = on_imported
        self.result_dialog: ImportResultDialog | None = None
        self.task = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 2)
        self.import_people_button = self._button("Import people…", lambda: self.import_file("people"),
                                                 "Add or update people from an Excel or CSV file")
        self.import_organisations_button = self._button(
            "Import organisations…", lambda: self.import_file("organisations"),
            "Add or update organisations from an Excel or CSV file")
        self.template_button = self._button("Blank template…", None,
                                            "Save an empty file with the right column headings")
        menu = QMenu(self.template_button)
        self.people_template_action = menu.addAction("People template…", lambda: self.save_template("people"))
        self.organisations_template_action = menu.addAction(
            "Organisations template…", lambda: self.save_template("organisations"))
        self.template_button.setMenu(menu)
        self.template_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        for button in (self.import_people_button, self.import_organisations_button, self.template_button):
            layout.addWidget(button)

    def _button(self, text: str, slot, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.rstrip("…"))
        button.setAutoRaise(True)
        if slot is not None:
            button.clicked.connect(slot)
        return button

    # ------------------------------------------------------------ import
    def import_file(self, kind: str) -> None:
        name, _ = QFileDialog.getOpenFileName(self, f"Import {NOUNS[kind]}", _folder(), IMPORT_FILTER)
        if not name:
            return
        _remember_folder(name)
        path = Path(name)
        self.task = run_in_background(
            self,
            f"Importing {NOUNS[kind]} from {path.name}…",
            lambda progress: run_import(self.db, kind, path, progress=progress),
            on_done=lambda report: self._imported(kind, report),
            on_error=lambda exc: self._failed(kind, exc),
        )

    def _imported(self, kind: str, report) -> None:
        notify_changed(AREA)
        if self.on_imported is not None:
            self.on_imported(kind)
        self._show_result(kind, report.summary(), [], report.notes)

    def _failed(self, kind: str, exc: Exception) -> None:
        if isinstance(exc, ImportRejected):
            self._show_result(kind, exc.report.summary(), exc.report.bad_rows, exc.report.notes)
        else:
            show_error(self, f"Could not import {NOUNS[kind]}", exc)

    def _show_result(self, kind: str, summary: str, bad_rows: list[str], notes: list[str]) -> None:
        self.result_dialog = ImportResultDialog(kind, summary, bad_rows, notes, self)
        self.result_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.result_dialog.destroyed.connect(lambda *_: setattr(self, "result_dialog", None))
        self.result_dialog.open()

    # ------------------------------------------------------------ template
    def save_template(self, kind: str) -> None:
        start = str(Path(_folder()) / f"{NOUNS[kind]} import template.xlsx")
        name, chosen = QFileDialog.getSaveFileName(self, f"Blank {NOUNS[kind]} template", start, TEMPLATE_FILTER)
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_suffix(".csv" if chosen.startswith("CSV") else ".xlsx")
        if not may_write(self, path, asked=path == Path(name)):
            return
        try:
            write_template(kind, path)
        except Exception as exc:
            show_error(self, "Could not save the template", exc)
            return
        _remember_folder(path)
        _tell(self, f"Blank {NOUNS[kind]} template saved to {path}")


def export_actions(parent: QWidget, db) -> list[QAction]:
    """File > Export entries: the memberships workbook and the change history workbook."""
    return [
        output_action(parent, db, "Memberships workbook…", "Memberships.xlsx", XLSX, "xlsx", "memberships"),
        output_action(parent, db, "Change history workbook…", "Change history.xlsx", XLSX, "xlsx", "history",
                      note="It is marked OFFICIAL-SENSITIVE: store and share it accordingly."),
    ]
