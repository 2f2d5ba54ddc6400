"""Importing people and organisations, blank templates, and the memberships outputs (File >
Export), for the Memberships tab.

An import runs in the background and is all or nothing (the shared `FileImporter`, straight
to the import): the result dialog says what was added and updated, or lists every problem row
when nothing was imported.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QWidget

from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.ui.common.messages import tell

if TYPE_CHECKING:
    from bscp_desktop.ui.common.file_import import FileImporter
    from bscp_desktop.ui.common.import_result import ImportResultDialog

NOUNS = {"people": "people", "organisations": "organisations"}


class ImportBar(QWidget):
    """Buttons: Import people…, Import organisations…, Blank template… (people or organisations)."""

    def __init__(self, db, parent=None, on_imported: Callable[[str], None] | None = None):
        super().__init__(parent)
        self.db = db
        self.on_imported = on_imported
        self.importers: dict[str, FileImporter] = {}  # made when first used (the importers load then)
        self.importing: FileImporter | None = None
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
        """Choose a file and import it at once (all or nothing), with the shared importer."""
        from bscp_desktop.ui.common.file_import import FileImporter

        if kind not in self.importers:
            self.importers[kind] = FileImporter(
                self.db, self, kind, f"Import {NOUNS[kind]}", check_first=False,
                on_done=lambda k=kind: self.on_imported(k) if self.on_imported else None)
        self.importing = self.importers[kind]
        self.importing.choose_file()

    @property
    def result_dialog(self) -> ImportResultDialog | None:
        return self.importing.result_dialog if self.importing is not None else None

    # ------------------------------------------------------------ template
    def save_template(self, kind: str) -> None:
        from bscp_desktop.ui.common.import_result import save_template

        path = save_template(self, kind, f"Blank {NOUNS[kind]} template", f"{NOUNS[kind]} import template.xlsx")
        if path is not None:
            tell(self, f"Blank {NOUNS[kind]} template saved to {path}")


def export_actions(parent: QWidget, db, as_on: Callable[[], date | None]) -> list[QAction]:
    """File > Export entries: the memberships workbook and the members of each group (on the
    date `as_on()` gives, the Memberships page's 'As on' date, else today). The change history
    belongs to no area: File > Export offers it with the other shared outputs (`ui.export_menu`)."""
    from bscp_desktop.ui.common.outputs import area_actions

    return area_actions(parent, db, RecordKind.MEMBERSHIPS, ask={"members": lambda: {"date_from": as_on()}})
