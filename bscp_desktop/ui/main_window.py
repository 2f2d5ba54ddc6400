"""The main window: six tabs, File and Help menus, remembered geometry and recent files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from bscp_desktop import APP_NAME, __version__, paths
from bscp_desktop.services import backups
from bscp_desktop.ui.common.messages import confirm, show_error
from bscp_desktop.ui.common.notices import notices
from bscp_desktop.ui.tabs import TABS, build_tab

MAX_RECENT = 8
DB_FILTER = "BSCP Desktop database (*.sqlite3 *.db);;All files (*)"


class MainWindow(QMainWindow):
    """`opener(path, create)` opens a database (raising with a plain message if it cannot)."""

    def __init__(self, db, opener: Callable[[Path, bool], object], parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.opener = opener
        self.settings = QSettings()
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Areas")
        self.setCentralWidget(self.tabs)
        self.db_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.db_label)
        self._build_menus()
        self._build_tabs()
        self._restore_geometry()
        self._remember(db.path)

    # ------------------------------------------------------------ building
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._add(file_menu, "&New database…", self.new_database)
        self._add(file_menu, "&Open database…", self.open_database, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self._add(file_menu, "&Back up now", self.backup_now)
        self._add(file_menu, "Re&store from a backup…", self.restore_backup)
        file_menu.addSeparator()
        self.export_menu = file_menu.addMenu("&Export")
        file_menu.addSeparator()
        self._add(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        view_menu = self.menuBar().addMenu("&View")
        self._add(view_menu, "&Reload", lambda: notices().announce(self.db), QKeySequence(Qt.Key.Key_F5))

        help_menu = self.menuBar().addMenu("&Help")
        self._add(help_menu, f"&About {APP_NAME}", self.about)

    def _add(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
        menu.addAction(action)
        return action

    def _build_tabs(self) -> None:
        current = self.tabs.currentIndex()
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.deleteLater()
        for spec in TABS:
            self.tabs.addTab(build_tab(spec, self.db, self.tabs), spec.title)
        self.tabs.setCurrentIndex(max(current, 0) if current >= 0 else self._saved_tab())
        self._fill_export_menu()
        self.setWindowTitle(f"{APP_NAME}: {self.db.path.name if self.db.path else self.db.url}")
        self.db_label.setText(f"Database: {self.db.path or self.db.url}")

    def _fill_export_menu(self) -> None:
        self.export_menu.clear()
        for i in range(self.tabs.count()):
            for action in getattr(self.tabs.widget(i), "export_actions", lambda: [])():
                self.export_menu.addAction(action)
        self.export_menu.setEnabled(not self.export_menu.isEmpty())

    def tab(self, title: str) -> QWidget:
        for i in range(self.tabs.count()):
            if self.tabs.tabText(i) == title:
                return self.tabs.widget(i)
        raise KeyError(title)

    # ------------------------------------------------------------ settings
    def _saved_tab(self) -> int:
        return int(self.settings.value("window/tab", 1))

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 760)

    def recent_files(self) -> list[str]:
        value = self.settings.value("recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def _remember(self, path: Path | None) -> None:
        if path is None:
            return
        items = [str(path)] + [p for p in self.recent_files() if p != str(path)]
        self.settings.setValue("recent", items[:MAX_RECENT])
        self.settings.setValue("last_database", str(path))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        items = [p for p in self.recent_files() if Path(p) != self.db.path]
        if not items:
            empty = self.recent_menu.addAction("No other recent databases")
            empty.setEnabled(False)
        for p in items:
            action = self.recent_menu.addAction(p)
            action.triggered.connect(lambda _checked=False, p=p: self.switch_to(Path(p), create=False))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        for i in range(self.tabs.count()):
            flush = getattr(self.tabs.widget(i), "flush", None)
            if flush:
                flush()
        super().closeEvent(event)

    # ------------------------------------------------------------ databases
    def switch_to(self, path: Path, create: bool) -> bool:
        if self.db.path and Path(path).absolute() == self.db.path:
            return True
        for i in range(self.tabs.count()):
            flush = getattr(self.tabs.widget(i), "flush", None)
            if flush:
                flush()
        try:
            new_db = self.opener(Path(path), create)
        except Exception as exc:
            show_error(self, "Could not open the database", exc)
            return False
        old = self.db
        self.db = new_db
        self._build_tabs()
        old.close()
        self._remember(new_db.path)
        return True

    def new_database(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "New database", str(paths.data_dir() / "new.sqlite3"), DB_FILTER
        )
        if not name:
            return
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".sqlite3")
        if path.exists() and path.stat().st_size > 0:
            show_error(self, "New database", f"{path} already exists; use Open database to open it.")
            return
        self.switch_to(path, create=True)

    def open_database(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open database", str(paths.data_dir()), DB_FILTER)
        if name:
            self.switch_to(Path(name), create=False)

    def backup_now(self) -> None:
        try:
            target = backups.backup_now(self.db.path)
        except Exception as exc:
            show_error(self, "Backup failed", exc)
            return
        self.statusBar().showMessage(f"Backed up to {target}", 10000)

    def restore_backup(self) -> None:
        found = backups.list_backups(self.db.path)
        choices = [f"{b.label()}  ({b.path.name})" for b in found]
        choices.append("Choose a backup file…")
        choice, ok = QInputDialog.getItem(
            self, "Restore from a backup",
            f"Backups of {self.db.path}, newest first. The current file is backed up first.",
            choices, 0, False,
        )
        if not ok:
            return
        if choice == choices[-1]:
            name, _ = QFileDialog.getOpenFileName(self, "Choose a backup", str(paths.backup_dir()), DB_FILTER)
            if not name:
                return
            source = Path(name)
        else:
            source = found[choices.index(choice)].path
        if not confirm(
            self, "Restore from a backup",
            f"Replace everything in {self.db.path.name} with the backup {source.name}? "
            "A copy of the current file is kept in the backup folder.",
        ):
            return
        path = self.db.path
        try:  # checked in a copy first: a broken or foreign backup leaves everything as it is
            prepared = backups.prepare_restore(source, path)
        except Exception as exc:
            show_error(self, "Restore failed", exc)
            return
        for i in range(self.tabs.count()):
            flush = getattr(self.tabs.widget(i), "flush", None)
            if flush:
                flush()
        self.db.close()
        try:
            safety = prepared.swap_in()
        except Exception as exc:
            show_error(self, "Restore failed", exc)
            safety = None
        try:
            self.db = self.opener(path, False)
        except Exception as exc:
            show_error(self, "Could not reopen the database", exc)
            self.close()
            return
        self._build_tabs()
        if safety:
            self.statusBar().showMessage(f"Restored. The previous file was kept as {safety}", 15000)

    def about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME}</b> {__version__}<br>"
            "Records for a Local Safeguarding Children Partnership.<br><br>"
            f"Database: {_html(str(self.db.path or self.db.url))}<br>"
            f"Data folder: {_html(str(paths.data_dir()))}<br>"
            f"Backups: {_html(str(paths.backup_dir()))}<br>"
            f"Logs: {_html(str(paths.log_dir()))}",
        )


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
