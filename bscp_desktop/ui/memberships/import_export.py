"""Importing people and organisations, blank templates, and the memberships and history
workbooks (File > Export), for the Memberships tab.

An import runs in the background and is all or nothing: the result dialog says what was added
and updated, or lists every problem row when nothing was imported.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMenu,
    QToolButton,
    QWidget,
)

from bscp_desktop import jobs
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.ui.common.import_result import ImportResultDialog, save_template
from bscp_desktop.ui.common.messages import show_error, tell
from bscp_desktop.ui.common.outputs import area_actions, export_folder, job_actions, remember_folder
from bscp_desktop.ui.common.worker import run_in_background

IMPORT_FILTER = "Spreadsheets (*.xlsx *.csv);;Excel workbook (*.xlsx);;CSV file (*.csv);;All files (*)"
NOUNS = {"people": "people", "organisations": "organisations"}


def _folder() -> str:
    return export_folder()


def _remember_folder(path: str | Path) -> None:
    remember_folder(Path(path))


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
        if self.on_imported is not None:
            self.on_imported(kind)
        self._show_result(kind, report.summary(), [], report.notes)

    def _failed(self, kind: str, exc: Exception) -> None:
        if isinstance(exc, ImportRejected):
            self._show_result(kind, exc.report.summary(), exc.report.bad_rows, exc.report.notes)
        else:
            show_error(self, f"Could not import {NOUNS[kind]}", exc)

    def _show_result(self, kind: str, summary: str, bad_rows: list[str], notes: list[str]) -> None:
        self.result_dialog = ImportResultDialog(f"Import {NOUNS[kind]}", summary, bad_rows, notes, self)
        self.result_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.result_dialog.destroyed.connect(lambda *_: setattr(self, "result_dialog", None))
        self.result_dialog.open()

    # ------------------------------------------------------------ template
    def save_template(self, kind: str) -> None:
        path = save_template(self, kind, f"Blank {NOUNS[kind]} template", f"{NOUNS[kind]} import template.xlsx")
        if path is not None:
            tell(self, f"Blank {NOUNS[kind]} template saved to {path}")


def export_actions(parent: QWidget, db) -> list[QAction]:
    """File > Export entries: the memberships workbook, the members of each group (on the
    Memberships page's 'As on' date, else today) and the change history workbook."""
    page = getattr(parent, "memberships", None)
    as_on = {"members": lambda: {"date_from": page.as_on_date()} if page is not None else {}}
    return [
        *area_actions(parent, db, RecordKind.MEMBERSHIPS, ask=as_on),
        *job_actions(parent, db, jobs.find("xlsx", "history")),
    ]
