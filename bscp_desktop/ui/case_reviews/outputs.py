"""The Case reviews tab's files (tracker workbook and PDFs, case summary, themes), written by
the shared output runner. Every file is marked OFFICIAL-SENSITIVE by the job that writes it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from bscp_desktop.ui.common.outputs import PDF, XLSX, output_action

NOTE = "It is marked OFFICIAL-SENSITIVE: store and share it accordingly."


def output_actions(parent: QWidget, db, selected_case: Callable[[], object | None]) -> list[QAction]:
    """File > Export entries for the tab. `selected_case()` gives the tracker's selected row."""

    def report(text: str, name: str, file_name, file_filter: str, options=None) -> QAction:
        return output_action(parent, db, text, file_name, file_filter, "report", name, options, note=NOTE)

    chosen: list = []

    def selected_case_options() -> dict | None:
        row = selected_case()
        if row is None:
            QMessageBox.information(parent, "Case summary", "Select a case in the tracker first.")
            return None
        chosen[:] = [row]
        return {"record_id": row.id}

    summary = report(
        "Case summary of the selected case (PDF)…", "case",
        lambda: f"Case summary {chosen[0].case.reference}.pdf", PDF, selected_case_options,
    )
    return [
        output_action(parent, db, "Case review tracker (Excel)…", "Case review tracker.xlsx", XLSX, "xlsx",
                      "case-reviews", note=NOTE),
        report("Case review tracker (PDF)…", "case-tracker", "Case review tracker.pdf", PDF),
        summary,
        report("Case review themes (PDF)…", "case-themes", "Case review themes.pdf", PDF),
        report("Case review themes (Excel)…", "case-themes", "Case review themes.xlsx", XLSX, {"xlsx": True}),
    ]
