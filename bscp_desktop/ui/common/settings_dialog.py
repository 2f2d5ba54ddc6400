"""An area's settings dialog: its pages in tabs, one red line saying why nothing was saved, and
Save and Cancel (Ctrl+S saves).

A subclass adds each page with `add_page` (a key names the page, so a menu entry can open the
dialog on it, and the fields name the settings the page shows), and writes everything in
`save()`: when the service refuses, `refuse()` shows the reason on the page it concerns
(`page_of` finds it from the fields refused) and the dialog stays open with nothing saved; when
the save went through, `accept()`. A cell still being edited when Save is pressed (Ctrl+S does
not move the focus) is kept as typed before `save()` reads the pages.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QAbstractItemDelegate, QAbstractItemView, QDialog, QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from bscp_desktop.ui.common.labels import ERROR_STYLE


class SettingsDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.tabs = QTabWidget(self)
        self._pages: dict[str, int] = {}
        self._field_pages: dict[str, str] = {}
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setAccessibleName("Settings error")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button.setToolTip("Save (Ctrl+S)")
        self.buttons.accepted.connect(self._save_pressed)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self._save_pressed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    @property
    def save_button(self) -> QAbstractButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def add_page(self, page: QWidget, title: str, key: str = "", fields: Iterable[str] = ()) -> QWidget:
        """Add a page as a tab; `key` lets `open_page` show it first, and a refusal of one of
        `fields` (the service's names of the settings on the page) shows it."""
        index = self.tabs.addTab(page, title)
        if key:
            self._pages[key] = index
            for field in fields:
                self._field_pages[field] = key
        return page

    def page_of(self, fields: Iterable[str]) -> str:
        """The key of the page showing the first of `fields` a page names ("rules.review.amount"
        is on the page of "rules"), or "" when none does."""
        for field in fields:
            parts = str(field).split(".")
            for end in range(len(parts), 0, -1):
                key = self._field_pages.get(".".join(parts[:end]))
                if key:
                    return key
        return ""

    def open_page(self, key: str) -> None:
        """Show the page added under `key` (nothing happens for a key no page has)."""
        if key in self._pages:
            self.tabs.setCurrentIndex(self._pages[key])

    def refuse(self, message: str, page: str = "") -> None:
        """Say why nothing was saved, on the page it concerns; the dialog stays open."""
        self.open_page(page)
        self.error.setText(message)
        self.error.show()

    def finish_editing(self) -> None:
        """Keep the text of a table or list cell still being edited, as leaving the cell would."""
        for view in self.findChildren(QAbstractItemView):
            editor = view.indexWidget(view.currentIndex())  # the cell's editor while it is edited
            if view.state() == QAbstractItemView.State.EditingState and editor is not None:
                view.commitData(editor)
                view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _save_pressed(self) -> None:
        self.finish_editing()
        self.save()

    def save(self) -> None:
        """Write every page through the area's service: `refuse()` or `accept()`."""
        raise NotImplementedError
