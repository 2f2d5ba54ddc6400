"""Importing bookings, evaluations and registrations from the window.

Choose the file; the program matches its headings to the columns it reads. When a required
column is not found (another LMS names it differently), or when asked, a mapping dialog lets the
team say which heading holds which column; the mapping is saved and used for every later file,
from the window or the command line. The check (a dry run) shows what would be added and
updated, every problem row, and the courses and sessions that would be created; the import
itself runs in a worker thread, all or nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from bscp_desktop.services.training import settings as st
from bscp_desktop.ui.common.file_import import IMPORT_FILTER, FileImporter
from bscp_desktop.ui.common.form import FieldsScroll
from bscp_desktop.ui.common.import_result import ImportResultDialog
from bscp_desktop.ui.common.messages import show_error
from bscp_desktop.ui.common.outputs import export_folder, remember_folder
from bscp_desktop.ui.common.worker import run_in_background

TITLES = {"bookings": "Import bookings", "evaluations": "Import evaluations", "registrations": "Import registrations"}
NOUNS = {"bookings": ("booking", "bookings"), "evaluations": ("evaluation", "evaluations")}
NOT_IN_FILE = "(not in this file)"


class MappingDialog(QDialog):
    """Which heading of the file holds each column the program reads."""

    def __init__(self, kind: str, headings: list[str], found: dict[str, str | None], parent: QWidget | None = None):
        from bscp_desktop.importers import field_labels
        super().__init__(parent)
        self.kind = kind
        self.setWindowTitle(f"{TITLES[kind]}: match the columns")
        self.intro = intro = QLabel("Say which column of the file holds each of these. Columns marked * are "
                                    "needed. The choice is remembered for the next file from the same system.", self)
        intro.setWordWrap(True)
        # the columns scroll when the screen has no room for them all (a laptop at 150%), the
        # buttons in view below them
        self.fields_area = FieldsScroll(self)
        form = QFormLayout(self.fields_area.widget())
        form.setContentsMargins(0, 0, 4, 0)  # a little room before the scroll bar
        self.combos: dict[str, QComboBox] = {}
        self.required: dict[str, str] = {}
        for key, label, required in field_labels(kind):
            combo = QComboBox(self)
            combo.addItem(NOT_IN_FILE, None)
            for heading in headings:
                combo.addItem(heading, heading)
            combo.setCurrentIndex(max(combo.findData(found.get(key)), 0))
            combo.setAccessibleName(label)
            combo.currentIndexChanged.connect(lambda _i: self._check())
            form.addRow(f"{label}{' *' if required else ''}:", combo)
            self.combos[key] = combo
            if required:
                self.required[key] = label
        self.remember = QCheckBox("Remember these columns for the next file", self)
        self.remember.setChecked(True)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Check the file")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.fields_area, 1)
        layout.addWidget(self.remember)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._around_fields: tuple[int, ...] = ()
        self._check()

    def event(self, event: QEvent) -> bool:
        """When the words around the columns take more or fewer lines (fitted once shown), the
        columns are given the room left by them again, so the buttons stay on screen."""
        if event.type() == QEvent.Type.LayoutRequest:
            around = tuple(label.minimumHeight() for label in (self.intro, self.error))
            if around != self._around_fields:
                self._around_fields = around
                self.fields_area.updateGeometry()
        return super().event(event)

    def _check(self) -> None:
        missing = [label for key, label in self.required.items() if self.combos[key].currentData() is None]
        chosen = [c.currentData() for c in self.combos.values() if c.currentData() is not None]
        twice = sorted({h for h in chosen if chosen.count(h) > 1})
        problems = []
        if missing:
            problems.append(f"Choose the column for: {', '.join(missing)}.")
        if twice:
            problems.append(f"One column cannot hold two things: {', '.join(twice)}.")
        self.error.setText(" ".join(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)

    def mapping(self) -> dict[str, str]:
        """{heading: field key} for the columns chosen."""
        return {combo.currentData(): key for key, combo in self.combos.items() if combo.currentData() is not None}


class TrainingImporter:
    """Runs one import from the window: file, columns, then the shared check and import
    (`ui/common/file_import.py`)."""

    def __init__(self, db, parent: QWidget):
        self.db = db
        self.parent = parent
        self.importers = {kind: FileImporter(db, parent, kind, title, NOUNS.get(kind, ("row", "rows")))
                          for kind, title in TITLES.items()}
        self.importing: FileImporter | None = None
        self.reading = None  # the file's headings being read

    @property
    def dialog(self) -> ImportResultDialog | None:
        """The check's or the import's result, as last shown."""
        return self.importing.result_dialog if self.importing is not None else None

    @dialog.setter
    def dialog(self, value: ImportResultDialog | None) -> None:
        if self.importing is not None:
            self.importing.result_dialog = value

    def start(self, kind: str, path: Path | None = None, always_map: bool = False) -> None:
        """Choose the file (unless given), read its headings in a worker thread, then go on."""
        if path is None:
            name, _ = QFileDialog.getOpenFileName(self.parent, TITLES[kind], export_folder(), IMPORT_FILTER)
            if not name:
                return
            path = Path(name)
            remember_folder(path)

        def read(_progress):
            from bscp_desktop.importers import match_headings
            return match_headings(self.db, kind, path)

        self.reading = run_in_background(self.parent, f"Reading {path.name}…", read,
                                         on_done=lambda found: self._matched(kind, path, always_map, *found),
                                         on_error=lambda exc: show_error(self.parent, TITLES[kind], exc))

    def _matched(self, kind: str, path: Path, always_map: bool, headings: list[str], found: dict[str, str | None]) -> None:
        """The file's headings are read: ask for the columns if needed, then check the file."""
        from bscp_desktop.importers import field_labels
        missing = [key for key, _label, required in field_labels(kind) if required and found.get(key) is None]
        mapping = None
        if missing or always_map:
            dialog = MappingDialog(kind, headings, found, self.parent)
            if not dialog.exec():
                return
            mapping = dialog.mapping()
            if dialog.remember.isChecked():
                st.save_mapping(self.db, kind, {**st.load_mapping(self.db, kind), **mapping})
        self.importing = self.importers[kind]
        self.importing.check(path, mapping)
