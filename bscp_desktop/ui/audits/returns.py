"""Writing one agency's return workbook and reading a returned one back, from the window.

The workbook is small and written at once; an import runs in the background and is all or
nothing (the shared `FileImporter`): the result says what changed, or lists every problem row
when nothing was imported.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QWidget

from bscp_desktop.ui.common.file_import import FileImporter
from bscp_desktop.ui.common.list_page import a_or_an
from bscp_desktop.ui.common.messages import show_error, tell
from bscp_desktop.ui.common.outputs import XLSX, choose_save_path

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


def write_return(parent: QWidget, db, kind: str, record_id: int, agency: tuple[str, int], label: str,
                 written: Callable[[], str] | None = None) -> Path | None:
    """Save one agency's return workbook (Section 11 for a cycle, or a case audit's);
    `written()`, once it is saved, records what follows from that and says it in a sentence."""
    from bscp_desktop.importers import audits as returns
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
    said = written() if written is not None else ""
    tell(parent, f"The {WHAT[kind]} of {name} was saved to {path}. Send it to the agency; import it when it "
                  f"comes back.{said}")
    return path


class ReturnImport(FileImporter):
    """Import a returned workbook in the background (`ui/common/file_import.py`): straight
    to the import, all or nothing; `on_done()` after a successful import."""

    def __init__(self, parent: QWidget, db, kind: str, on_done: Callable[[], None] | None = None):
        super().__init__(db, parent, kind, f"Import {a_or_an(WHAT[kind])} {WHAT[kind]}", file_filter=OPEN_FILTER, check_first=False,
                         on_done=on_done)

    def start(self) -> None:
        self.choose_file()
