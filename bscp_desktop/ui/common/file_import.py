"""Importing a file from a tab, the same way for every area: choose the file, see what would
be added and updated (every row checked in the background, nothing written), then import it
all in one go, or see every bad row. `save_template` saves the blank file.

    importer = FileImporter(db, page, "contributions", "Import contributions", ("contribution", "contributions"))
    page.toolbar.addAction("Import contributions…", importer.choose_file)

A file the team fills in from a blank the program wrote (an audit return) or a plain list
(people) may go straight to the import (`check_first=False`): it is still all or nothing, and
every bad row is listed. `on_done()` runs after a successful import.

An import's progress shows over its window, which waits for it: switching to another database
or closing the window meanwhile asks to wait for it (its summary then shown) or to stay.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from bscp_desktop.domain.text import counted
from bscp_desktop.ui.common.import_result import ImportResultDialog, save_template
from bscp_desktop.ui.common.labels import as_typed
from bscp_desktop.ui.common.messages import show_error
from bscp_desktop.ui.common.outputs import export_folder, remember_folder
from bscp_desktop.ui.common.worker import run_in_background

IMPORT_FILTER = "Spreadsheets (*.xlsx *.csv);;Excel workbook (*.xlsx);;CSV file (*.csv);;All files (*)"


def _run_import(*args, **kwargs):
    """In the worker thread: the importers (and openpyxl with them, about a second to import
    on a busy laptop the first time) are imported there, never on the window's thread."""
    from bscp_desktop.importers import run_import

    return run_import(*args, **kwargs)


def _as_saved(path: Path) -> tuple[int, int] | None:
    """The file's size and time saved (None when it is not there): to tell it was saved again."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns


class FileImporter(QObject):
    def __init__(self, db, parent: QWidget, kind: str, title: str, nouns: tuple[str, str] = ("row", "rows"),
                 template_title: str = "", template_file: str = "", *, file_filter: str = IMPORT_FILTER,
                 check_first: bool = True, on_done: Callable[[], None] | None = None):
        super().__init__(parent)
        self.db = db
        self.widget = parent
        self.kind = kind
        self.title = title
        self.nouns = nouns
        self.file_filter = file_filter
        self.check_first = check_first
        self.on_done = on_done
        self.template_title = template_title or f"Blank {kind} template"
        self.template_file = template_file or f"{kind.capitalize()} import template.xlsx"
        self.result_dialog: ImportResultDialog | None = None
        self.task = None
        self.working = False  # a check or an import is running

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.widget, self.title, export_folder(), self.file_filter)
        if name:
            remember_folder(Path(name))
            (self.check if self.check_first else self.import_file)(Path(name))

    def check(self, path: Path, mapping: dict[str, str] | None = None) -> None:
        """Dry run first: every row checked, nothing written. `mapping` ({heading: column})
        is for files whose headings the team matched by hand (the Training tab's LMS exports)."""
        self.working = True
        seen = _as_saved(path)  # before the check reads it: the import must read the file it checked
        self.task = run_in_background(
            self.widget, f"Checking {path.name}…",
            lambda progress: _run_import(self.db, self.kind, path, dry_run=True, progress=progress, mapping=mapping),
            on_done=lambda report: self._checked(path, report, mapping, seen),
            on_error=self._failed,
        )

    def _checked(self, path: Path, report, mapping: dict[str, str] | None, seen=None) -> None:
        self.working = False
        summary = (
            f"{path.name}: {report.rows:,} row{'s' if report.rows != 1 else ''} checked. Importing it will add "
            f"{counted(report.added, *self.nouns)}, update {report.updated:,} and leave {report.unchanged:,} unchanged."
        )
        self._show(summary, [], report.notes, confirm=lambda: self._import_checked(path, mapping, seen))

    def _import_checked(self, path: Path, mapping: dict[str, str] | None, seen) -> None:
        """Import the file checked; one saved again since (another row added in Excel meanwhile)
        is not imported unseen: it is checked again, and the officer told why."""
        if _as_saved(path) != seen:
            QMessageBox.information(self.widget, self.title, as_typed(
                f"{path.name} has changed since it was checked, so nothing was imported: it is checked again now."))
            self.check(path, mapping)
            return
        self.import_file(path, mapping)

    def import_file(self, path: Path, mapping: dict[str, str] | None = None) -> None:
        self.working = True
        self.task = run_in_background(
            self.widget, f"Importing {path.name}…",
            lambda progress: _run_import(self.db, self.kind, path, progress=progress, mapping=mapping),
            on_done=self._imported, writes=f"The import of {path.name}",
            on_error=self._failed,
        )
        # The window waits for it before it closes this database (MainWindow.ready_to_leave),
        # and nothing else starts in the window meanwhile.
        if self.task.dialog is not None:
            self.task.dialog.setWindowModality(Qt.WindowModality.WindowModal)

    def _imported(self, report) -> None:
        self.working = False
        if self.on_done is not None:
            self.on_done()
        self._show(report.summary(), [], report.notes)

    def _failed(self, exc: Exception) -> None:
        from bscp_desktop.importers import ImportRejected
        self.working = False
        if isinstance(exc, ImportRejected):
            self._show(exc.report.summary(), exc.report.bad_rows, exc.report.notes)
        else:
            show_error(self.widget, f"Could not {self.title[0].lower()}{self.title[1:]}", exc)

    def _closed(self, dialog) -> None:
        """A result closed: forgotten, unless work it started is still running (the import
        after its check), whose own result then takes its place."""
        if self.result_dialog is dialog and not self.working:
            self.result_dialog = None

    def _show(self, summary: str, bad_rows: list[str], notes: list[str], confirm=None) -> None:
        dialog = ImportResultDialog(self.title, summary, bad_rows, notes, self.widget,
                                    confirm_text="Import" if confirm else None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_, shown=dialog: self._closed(shown))
        if confirm is not None:
            dialog.accepted.connect(confirm)
        self.result_dialog = dialog
        dialog.open()

    def save_template(self) -> None:
        path = save_template(self.widget, self.kind, self.template_title, self.template_file)
        if path is not None:
            QMessageBox.information(self.widget, self.template_title, as_typed(f"Saved {path}"))
