"""Importing bookings, evaluations and registrations from the window.

Choose the file; the program matches its headings to the columns it reads. When a required
column is not found (another LMS names it differently), or when asked, a mapping dialog lets the
team say which heading holds which column. The file is read as chosen there, and nothing else: a
column chosen for a field is the only one read as it, and a field "not in this file" is read from
no column. Remembered, a field's choice replaces the one saved for it before and is used for every
later file, from the window or the command line; the dialog can forget the choices saved before.
When no heading of the first row is one the program knows, the dialog says which row (and sheet)
it read, so a title above the list, or a list on another sheet, is seen for what it is. The check
(a dry run) shows what would be added and updated, every problem row, and the courses and
sessions that would be created; the import itself runs in a worker thread, all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from bscp_desktop.services.training import settings as st
from bscp_desktop.ui.common.file_import import IMPORT_FILTER, FileImporter
from bscp_desktop.ui.common.form import FieldsScroll
from bscp_desktop.ui.common.import_result import ImportResultDialog
from bscp_desktop.ui.common.labels import plain_label
from bscp_desktop.ui.common.messages import show_error
from bscp_desktop.ui.common.outputs import export_folder, remember_folder
from bscp_desktop.ui.common.worker import run_in_background

TITLES = {"bookings": "Import bookings", "evaluations": "Import evaluations", "registrations": "Import registrations"}
NOUNS = {"bookings": ("booking", "bookings"), "evaluations": ("evaluation", "evaluations")}
NOT_IN_FILE = "(not in this file)"
#: Fields named here as the booking dialog names them, where the file's own heading (the
#: template's, which an import reads and must not change) reads otherwise.
SHOWN_AS = {"_as_booked": "Organisation (as they wrote it)"}


class MappingDialog(QDialog):
    """Which heading of the file holds each column the program reads."""

    def __init__(self, kind: str, headings: list[str], found: dict[str, str | None], parent: QWidget | None = None,
                 where: str = "", holds: str = "", forget: Callable[[], dict[str, str | None]] | None = None):
        """`where` and `holds`: the row read for the headings and what it holds (said when none of
        them is known); `forget`: forgets the columns saved before and returns what each field
        would be read from without them (the button shows only when some are saved)."""
        from bscp_desktop.importers import field_labels
        super().__init__(parent)
        self.kind = kind
        self.setWindowTitle(f"{TITLES[kind]}: match the columns")
        self.intro = intro = QLabel("Say which column of the file holds each of these. Columns marked * are "
                                    "needed. The choice is remembered for the next file from the same system.", self)
        intro.setWordWrap(True)
        # no heading known: which row was read (quoting the file), and what to do if it is not the headings
        self.note = plain_label("", self, wrap=True)
        if where and not any(found.values()):
            self.note.setText(
                f"{where[0].upper()}{where[1:]} holds: {holds or 'nothing'}; none of it is a heading this import "
                "knows. If the list's headings are lower down or the list is on another sheet, cancel, put the "
                "headings in the first row of the list's sheet, save the workbook showing that sheet and import "
                "it again. If they are another system's headings, choose them below.")
        self.note.setVisible(bool(self.note.text()))
        # the columns scroll when the screen has no room for them all (a laptop at 150%), the
        # buttons in view below them
        self.fields_area = FieldsScroll(self)
        form = QFormLayout(self.fields_area.widget())
        form.setContentsMargins(0, 0, 4, 0)  # a little room before the scroll bar
        self.combos: dict[str, QComboBox] = {}
        self.required: dict[str, str] = {}
        for key, label, required in field_labels(kind):
            label = SHOWN_AS.get(key, label)
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
        self.forget_button = QPushButton("Forget the columns chosen before", self)
        self.forget_button.setToolTip("Files from other systems are read by the program's own headings again, "
                                      "until columns are chosen and remembered anew.")
        self.forget_button.setVisible(forget is not None)
        self.forget_button.clicked.connect(lambda: self._forget(forget))
        self.error = plain_label("", self, wrap=True)  # names the file's headings
        self.error.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Check the file")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.note)
        layout.addWidget(self.fields_area, 1)
        remembering = QHBoxLayout()
        remembering.addWidget(self.remember)
        remembering.addStretch(1)
        remembering.addWidget(self.forget_button)
        layout.addLayout(remembering)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._around_fields: tuple[int, ...] = ()
        self._check()

    def event(self, event: QEvent) -> bool:
        """When the words around the columns take more or fewer lines (fitted once shown), the
        columns are given the room left by them again, so the buttons stay on screen."""
        if event.type() == QEvent.Type.LayoutRequest:
            around = tuple(label.minimumHeight() for label in (self.intro, self.note, self.error))
            if around != self._around_fields:
                self._around_fields = around
                self.fields_area.updateGeometry()
        return super().event(event)

    def _forget(self, forget: Callable[[], dict[str, str | None]]) -> None:
        """Forget the saved columns at once; each field shows the column it is read from without them."""
        found = forget()
        for key, combo in self.combos.items():
            combo.setCurrentIndex(max(combo.findData(found.get(key)), 0))
        self.forget_button.setEnabled(False)
        self.forget_button.setText("The columns chosen before are forgotten")

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
            from bscp_desktop.importers import read_headings
            return read_headings(self.db, kind, path)

        self.reading = run_in_background(self.parent, f"Reading {path.name}…", read,
                                         on_done=lambda row: self._matched(kind, path, always_map, row),
                                         on_error=lambda exc: show_error(self.parent, TITLES[kind], exc))

    def _matched(self, kind: str, path: Path, always_map: bool, row) -> None:
        """The file's headings are read (`importers.HeadingRow`): ask for the columns if needed,
        then check the file (as chosen in the dialog, if it was shown)."""
        from bscp_desktop.importers import field_labels
        from bscp_desktop.importers.training_columns import remembered
        missing = [key for key, _label, required in field_labels(kind) if required and row.found.get(key) is None]
        mapping = None
        if missing or always_map:
            forget = (lambda: self._forget(kind, row.headings)) if st.load_mapping(self.db, kind) else None
            dialog = MappingDialog(kind, row.headings, row.found, self.parent, where=row.where, holds=row.holds,
                                   forget=forget)
            if not dialog.exec():
                return
            mapping = dialog.mapping()
            if dialog.remember.isChecked():
                st.update_mapping(self.db, kind, lambda saved: remembered(saved, mapping, row.headings))
        self.importing = self.importers[kind]
        self.importing.check(path, mapping)

    def _forget(self, kind: str, headings: list[str]) -> dict[str, str | None]:
        """Forget the columns saved for the kind; which heading each field is read from without them."""
        from bscp_desktop.importers import headings_found
        st.forget_mapping(self.db, kind)
        return headings_found(kind, headings, {})
