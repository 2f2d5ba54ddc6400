"""Saving the Case reviews tab's files (tracker workbook and PDFs, case summary, themes) in
the background. Every file is marked OFFICIAL-SENSITIVE by the job that writes it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from bscp_desktop import jobs
from bscp_desktop.ui.common.messages import show_error
from bscp_desktop.ui.common.worker import run_in_background

PDF = "PDF document (*.pdf)"
XLSX = "Excel workbook (*.xlsx)"
_SUFFIX = {PDF: ".pdf", XLSX: ".xlsx"}
_FOLDER_KEY = "case_reviews/export_folder"


def _folder() -> str:
    saved = QSettings().value(_FOLDER_KEY)
    if saved and Path(str(saved)).is_dir():
        return str(saved)
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())


def safe_file_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", text).strip()[:120] or "output"


def choose_path(parent: QWidget | None, title: str, file_name: str, file_filter: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, str(Path(_folder()) / safe_file_name(file_name)), file_filter)
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != _SUFFIX[file_filter]:
        path = path.with_name(path.name + _SUFFIX[file_filter])
    QSettings().setValue(_FOLDER_KEY, str(path.parent))
    return path


def save_in_background(
    parent: QWidget | None, title: str, file_name: str, file_filter: str, job: Callable[[Path, Callable], Path]
):
    """Ask where to save, then write the file in a worker thread (the window stays usable)."""
    path = choose_path(parent, title, file_name, file_filter)
    if path is None:
        return None
    return run_in_background(
        parent,
        f"Writing {path.name}…",
        lambda progress: job(path, progress),
        on_done=lambda out: QMessageBox.information(
            parent, title, f"Saved {out}\n\nIt is marked OFFICIAL-SENSITIVE: store and share it accordingly."
        ),
        on_error=lambda exc: show_error(parent, f"Could not save {path.name}", exc),
    )


def output_actions(parent: QWidget, db, selected_case: Callable[[], object | None]) -> list[QAction]:
    """File > Export entries for the tab. `selected_case()` gives the tracker's selected row."""

    def report(text: str, name: str, file_name: str, file_filter: str, **options) -> QAction:
        action = QAction(text, parent)
        action.triggered.connect(
            lambda _checked=False: save_in_background(
                parent, text.rstrip("…"), file_name, file_filter,
                lambda path, progress: jobs.write_report(db, name, path, progress=progress, **options),
            )
        )
        return action

    workbook = QAction("Case review tracker (Excel)…", parent)
    workbook.triggered.connect(
        lambda _checked=False: save_in_background(
            parent, "Case review tracker", "Case review tracker.xlsx", XLSX,
            lambda path, progress: jobs.export_workbook(db, "case-reviews", path, progress=progress),
        )
    )

    summary = QAction("Case summary of the selected case (PDF)…", parent)

    def case_summary(_checked=False) -> None:
        row = selected_case()
        if row is None:
            QMessageBox.information(parent, "Case summary", "Select a case in the tracker first.")
            return
        save_in_background(
            parent, "Case summary", f"Case summary {row.case.reference}.pdf", PDF,
            lambda path, progress: jobs.write_report(db, "case", path, progress=progress, record_id=row.id),
        )

    summary.triggered.connect(case_summary)
    return [
        workbook,
        report("Case review tracker (PDF)…", "case-tracker", "Case review tracker.pdf", PDF),
        summary,
        report("Case review themes (PDF)…", "case-themes", "Case review themes.pdf", PDF),
        report("Case review themes (Excel)…", "case-themes", "Case review themes.xlsx", XLSX, xlsx=True),
    ]
