"""Importing the team's existing case tracker from the Case reviews tab: choose the file, see
what would be added and updated (and any alias that looks like a real name) before anything is
written, then import it all in one go. The checking and the import run in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.ui.common.import_result import ImportResultDialog, save_template
from bscp_desktop.ui.common.messages import show_error
from bscp_desktop.ui.common.outputs import export_folder, remember_folder
from bscp_desktop.ui.common.worker import run_in_background

KIND = "case-reviews"
TITLE = "Import case tracker"
IMPORT_FILTER = "Spreadsheets (*.xlsx *.csv);;Excel workbook (*.xlsx);;CSV file (*.csv);;All files (*)"


class TrackerImporter(QObject):
    def __init__(self, db, parent: QWidget):
        super().__init__(parent)
        self.db = db
        self.widget = parent
        self.result_dialog: ImportResultDialog | None = None
        self.task = None

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.widget, TITLE, export_folder(), IMPORT_FILTER)
        if name:
            remember_folder(Path(name))
            self.check(Path(name))

    def check(self, path: Path) -> None:
        """Dry run first: every row checked, nothing written."""
        self.task = run_in_background(
            self.widget, f"Checking {path.name}…",
            lambda progress: run_import(self.db, KIND, path, dry_run=True, progress=progress),
            on_done=lambda report: self._checked(path, report),
            on_error=self._failed,
        )

    def _checked(self, path: Path, report) -> None:
        summary = (
            f"{path.name}: {report.rows:,} row{'s' if report.rows != 1 else ''} checked. Importing it will add "
            f"{report.added:,} case{'s' if report.added != 1 else ''}, update {report.updated:,} and leave "
            f"{report.unchanged:,} unchanged."
        )
        self._show(summary, [], report.notes, confirm=lambda: self._import(path))

    def _import(self, path: Path) -> None:
        self.task = run_in_background(
            self.widget, f"Importing {path.name}…",
            lambda progress: run_import(self.db, KIND, path, progress=progress),
            on_done=self._imported,
            on_error=self._failed,
        )

    def _imported(self, report) -> None:
        self._show(report.summary(), [], report.notes)

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, ImportRejected):
            self._show(exc.report.summary(), exc.report.bad_rows, exc.report.notes)
        else:
            show_error(self.widget, "Could not import the case tracker", exc)

    def _show(self, summary: str, bad_rows: list[str], notes: list[str], confirm=None) -> None:
        dialog = ImportResultDialog(TITLE, summary, bad_rows, notes, self.widget,
                                    confirm_text="Import" if confirm else None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: setattr(self, "result_dialog", None))
        if confirm is not None:
            dialog.accepted.connect(confirm)
        self.result_dialog = dialog
        dialog.open()

    def save_template(self) -> None:
        path = save_template(self.widget, KIND, "Blank case tracker template", "Case tracker import template.xlsx")
        if path is not None:
            QMessageBox.information(self.widget, "Blank case tracker template", f"Saved {path}")
