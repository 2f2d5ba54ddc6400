"""Saving the Meetings tab's files (PDF, Excel, calendar) in the background."""

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
ICS = "Calendar file (*.ics)"
_SUFFIX = {PDF: ".pdf", XLSX: ".xlsx", ICS: ".ics"}


def _folder() -> str:
    saved = QSettings().value("meetings/export_folder")
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
    suffix = _SUFFIX[file_filter]
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    QSettings().setValue("meetings/export_folder", str(path.parent))
    return path


def save_in_background(
    parent: QWidget | None,
    title: str,
    file_name: str,
    file_filter: str,
    job: Callable[[Path, Callable], Path],
    on_saved: Callable[[Path], None] | None = None,
):
    """Ask where to save, then write the file in a worker thread (the window stays usable)."""
    path = choose_path(parent, title, file_name, file_filter)
    if path is None:
        return None

    def done(out: Path) -> None:
        if on_saved is not None:
            on_saved(out)
        else:
            QMessageBox.information(parent, title, f"Saved {out}")

    return run_in_background(
        parent, f"Writing {path.name}…", lambda progress: job(path, progress), on_done=done,
        on_error=lambda exc: show_error(parent, f"Could not save {path.name}", exc),
    )


def report_action(parent: QWidget, db, text: str, report: str, file_name: str, file_filter: str, **options) -> QAction:
    action = QAction(text, parent)
    action.triggered.connect(
        lambda _checked=False: save_in_background(
            parent, text.rstrip("…"), file_name, file_filter,
            lambda path, progress: jobs.write_report(db, report, path, progress=progress, **options),
        )
    )
    return action


def workbook_action(parent: QWidget, db, text: str, area: str, file_name: str) -> QAction:
    action = QAction(text, parent)
    action.triggered.connect(
        lambda _checked=False: save_in_background(
            parent, text.rstrip("…"), file_name, XLSX,
            lambda path, progress: jobs.export_workbook(db, area, path, progress=progress),
        )
    )
    return action
