"""The Meetings tab's files (PDF, Excel, calendar): menu entries over the shared output runner."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from bscp_desktop.ui.common.outputs import ICS, PDF, XLSX, output_action, save_output

__all__ = ["ICS", "PDF", "XLSX", "report_action", "save_output", "workbook_action"]


def report_action(parent: QWidget, db, text: str, report: str, file_name: str, file_filter: str, **options) -> QAction:
    return output_action(parent, db, text, file_name, file_filter, "report", report, options)


def workbook_action(parent: QWidget, db, text: str, area: str, file_name: str) -> QAction:
    return output_action(parent, db, text, file_name, XLSX, "xlsx", area)
