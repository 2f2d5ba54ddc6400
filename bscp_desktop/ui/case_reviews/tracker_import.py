"""Importing the team's existing case tracker from the Case reviews tab: choose the file, see
what would be added and updated (and any alias that looks like a real name) before anything is
written, then import it all in one go. The checking and the import run in the background
(`ui/common/file_import.py`, shared by every area's imports)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from bscp_desktop.ui.common.file_import import FileImporter

KIND = "case-reviews"
TITLE = "Import case tracker"


class TrackerImporter(FileImporter):
    def __init__(self, db, parent: QWidget):
        super().__init__(db, parent, KIND, TITLE, ("case", "cases"), "Blank case tracker template",
                         "Case tracker import template.xlsx")
