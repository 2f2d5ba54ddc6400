"""File > Open recent: the database files opened last, newest first, kept in the settings. A file
on the list that can no longer be found (moved, renamed, deleted, or on a drive not connected now)
is said when it is chosen, with a button to take it off the list; it stays there otherwise, for a
drive connected again later."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget

from bscp_desktop.ui.common.labels import as_written
from bscp_desktop.ui.common.settings_store import recalled, remember, remember_all

MAX_RECENT = 8
TITLE = "Could not open the database"
REMOVE = "Remove from the list"


def recent_files() -> list[str]:
    """The files on the list, newest first."""
    value = recalled("recent", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or [])]


def remember_opened(path: Path | None) -> None:
    """`path` was opened: first on the list, and the file the next start opens."""
    if path is None:
        return
    items = [str(path)] + [p for p in recent_files() if p != str(path)]
    remember_all({"recent": items[:MAX_RECENT], "last_database": str(path)})  # written to disk in the background


def fill_menu(menu: QMenu, items: list[str], current: Path | None, open_file: Callable[[Path], object]) -> None:
    """The menu's entries, one a file of `items` but the one open (`current`); `open_file(path)`
    opens the one chosen."""
    menu.clear()
    items = [p for p in items if current is None or Path(p) != current]
    if not items:
        menu.addAction("No other recent databases").setEnabled(False)
    for p in items:
        action = menu.addAction(as_written(p))  # a folder named "Safeguarding & QA" shown as it is
        action.triggered.connect(lambda _checked=False, p=p: open_file(Path(p)))


def offer_to_remove(parent: QWidget, path: Path, reason: str) -> bool:
    """`path` could not be opened for `reason`: if it is on the list and no longer there, say so
    with a button to take it off the list (True); False, saying nothing, otherwise."""
    if os.path.exists(path) or not any(Path(p) == path for p in recent_files()):
        return False
    box = QMessageBox(QMessageBox.Icon.Warning, TITLE,
                      f"{reason} It may have been moved, renamed or deleted, or be on a drive that is not "
                      "connected now.", parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the path, as written
    remove = box.addButton(REMOVE, QMessageBox.ButtonRole.DestructiveRole)
    ok = box.addButton(QMessageBox.StandardButton.Ok)
    box.setDefaultButton(ok)
    box.setEscapeButton(ok)
    box.exec()
    if box.clickedButton() is remove:
        remember("recent", [p for p in recent_files() if Path(p) != path])
        window = parent.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(f"{path} was taken off the Open recent list.", 10000)
    return True
