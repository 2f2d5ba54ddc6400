"""Writing one agency's return workbook and reading a returned one back, from the window.

The workbook is small and written at once; an import runs in the background and is all or
nothing: the result says what changed, or lists every problem row when nothing was imported.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.importers import audits as returns
from bscp_desktop.ui.common.import_result import ImportResultDialog
from bscp_desktop.ui.common.messages import show_error, tell
from bscp_desktop.ui.common.outputs import XLSX, choose_save_path, export_folder, remember_folder
from bscp_desktop.ui.common.worker import run_in_background

OPEN_FILTER = "Excel workbook (*.xlsx);;All files (*)"
WHAT = {"s11": "Section 11 return", "audit-return": "audit return"}



def choose_agency(parent: QWidget, title: str, agencies: list[tuple[str, int]]) -> int | None:
    """Ask which agency (by name); None when cancelled or there is none to choose."""
    if not agencies:
        show_error(parent, title, "There is no agency to write a return for yet.")
        return None
    names = [name for name, _ in agencies]
    name, ok = QInputDialog.getItem(parent, title, "Write the return of which agency?", names, 0, False)
    if not ok:
        return None
    return agencies[names.index(name)][1]


def write_return(parent: QWidget, db, kind: str, record_id: int, agency: tuple[str, int], label: str) -> Path | None:
    """Save one agency's return workbook (Section 11 for a cycle, or a case audit's)."""
    name, agency_id = agency
    out = choose_save_path(parent, f"Save the {WHAT[kind]}", f"{label} return {name}.xlsx", XLSX,
                           getattr(db, "path", None))
    if out is None:
        return None
    try:
        if kind == "s11":
            path = returns.write_s11_template(db, record_id, agency_id, out)
        else:
            path = returns.write_audit_template(db, record_id, agency_id, out)
    except Exception as exc:
        show_error(parent, f"Could not save the {WHAT[kind]}", exc)
        return None
    tell(parent, f"The {WHAT[kind]} of {name} was saved to {path}. Send it to the agency; import it when it "
                  "comes back.")
    return path


class ReturnImport:
    """Import a returned workbook in the background; `on_done()` after a successful import."""

    def __init__(self, parent: QWidget, db, kind: str, on_done: Callable[[], None] | None = None):
        self.parent = parent
        self.db = db
        self.kind = kind
        self.on_done = on_done
        self.task = None
        self.result_dialog: ImportResultDialog | None = None

    def start(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.parent, f"Import a {WHAT[self.kind]}", export_folder(), OPEN_FILTER)
        if not name:
            return
        remember_folder(Path(name))
        path = Path(name)
        self.task = run_in_background(
            self.parent, f"Importing {path.name}…",
            lambda progress: run_import(self.db, self.kind, path, progress=progress),
            on_done=self._imported, on_error=self._failed,
        )

    def _imported(self, report) -> None:
        if self.on_done is not None:
            self.on_done()
        self._show(report.summary(), [], report.notes)

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, ImportRejected):
            self._show(exc.report.summary(), exc.report.bad_rows, exc.report.notes)
        else:
            show_error(self.parent, f"Could not import the {WHAT[self.kind]}", exc)

    def _show(self, summary: str, bad_rows: list[str], notes: list[str]) -> None:
        self.result_dialog = ImportResultDialog(f"Import a {WHAT[self.kind]}", summary, bad_rows, notes, self.parent)
        self.result_dialog.open()
