"""After a file is saved: Open, Print and Show in folder, as council laptops do them.

The box does not hold up the window (it is not modal): the officer can carry on and use it
later, or close it. Opening uses the file's usual program; printing hands the file to it to
print (Windows' "print" verb, `lp` elsewhere); Show in folder opens the folder with the file
selected where the system can.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


def _start(command: list[str]) -> None:
    subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603


def open_file(path: Path) -> bool:
    """Open the file in its usual program."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def print_file(path: Path) -> bool:
    """Send the file to the printer through its usual program; where that cannot be done,
    open it so it can be printed from there. True when sent to the printer."""
    if sys.platform == "win32":
        try:
            os.startfile(str(path), "print")  # type: ignore[attr-defined]  # noqa: S606
            return True
        except OSError:
            pass
    elif shutil.which("lp"):
        _start(["lp", str(path)])
        return True
    open_file(path)
    return False


def show_in_folder(path: Path) -> None:
    """Open the file's folder, with the file selected where the system can do that."""
    if sys.platform == "win32":
        _start(["explorer", "/select,", str(path)])
    elif sys.platform == "darwin":
        _start(["open", "-R", str(path)])
    else:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


class SavedFileBox(QMessageBox):
    """'Saved Minutes.pdf, in C:\\...' with Open, Print, Show in folder and Close."""

    def __init__(self, parent: QWidget | None, title: str, path: Path, note: str = ""):
        super().__init__(QMessageBox.Icon.Information, title, f"Saved {path.name}", QMessageBox.StandardButton.Close,
                         parent)
        self.path = Path(path)
        self.setInformativeText(f"In {self.path.parent}" + (f"\n\n{note}" if note else ""))
        self.setTextFormat(Qt.TextFormat.PlainText)  # a file's name and folder, as the user chose them
        self.open_button = self.addButton("Open", QMessageBox.ButtonRole.ActionRole)
        self.print_button = self.addButton("Print", QMessageBox.ButtonRole.ActionRole)
        self.folder_button = self.addButton("Show in folder", QMessageBox.ButtonRole.ActionRole)
        self.open_button.setToolTip("Open the file in its usual program")
        self.print_button.setToolTip("Send the file to the printer")
        self.folder_button.setToolTip("Open the folder the file was saved in")
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button) -> None:
        if button is self.open_button:
            open_file(self.path)
        elif button is self.print_button:
            print_file(self.path)
        elif button is self.folder_button:
            show_in_folder(self.path)
