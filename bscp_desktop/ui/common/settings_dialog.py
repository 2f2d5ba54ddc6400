"""An area's settings dialog: its pages in tabs, one red line saying why nothing was saved, and
Save and Cancel (Ctrl+S saves).

A subclass adds each page with `add_page` (a key names the page, so a menu entry can open the
dialog on it), and writes everything in `save()`: when the service refuses, `refuse()` shows
the reason (on the page it concerns) and the dialog stays open with nothing saved; when the
save went through, `accept()`.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QDialog, QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from bscp_desktop.ui.common.labels import ERROR_STYLE


class SettingsDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.tabs = QTabWidget(self)
        self._pages: dict[str, int] = {}
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setAccessibleName("Settings error")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button.setToolTip("Save (Ctrl+S)")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    @property
    def save_button(self) -> QAbstractButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def add_page(self, page: QWidget, title: str, key: str = "") -> QWidget:
        """Add a page as a tab; `key` lets `open_page` show it first."""
        index = self.tabs.addTab(page, title)
        if key:
            self._pages[key] = index
        return page

    def open_page(self, key: str) -> None:
        """Show the page added under `key` (nothing happens for a key no page has)."""
        if key in self._pages:
            self.tabs.setCurrentIndex(self._pages[key])

    def refuse(self, message: str, page: str = "") -> None:
        """Say why nothing was saved, on the page it concerns; the dialog stays open."""
        self.open_page(page)
        self.error.setText(message)
        self.error.show()

    def save(self) -> None:
        """Write every page through the area's service: `refuse()` or `accept()`."""
        raise NotImplementedError
