"""Help > About: the program's name and version, where its files are (the database open, the
data, backup and log folders), and the fonts it brings with their licences and where those are.

Each path is shown whole in a read-only box of its own, never broken inside a folder's name
("BSCP" on one line, "Desktop" on the next): the box is as wide as the longest path needs, as
far as the screen allows, and a longer path scrolls within its box (its tooltip shows it whole).
A path can be selected and copied exactly as it is: nothing is added to it for the layout."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from bscp_desktop import APP_NAME, __version__, paths
from bscp_desktop.ui.common.dialog_fit import largest_on_screen
from bscp_desktop.ui.common.labels import TITLE, heading_label, plain_label

#: The bundled fonts (resources/fonts) and their licences, as each LICENSE-*.txt there says.
FONTS = ("Fonts: DejaVu Sans (Bitstream Vera licence), Noto Sans and NanumSquare (SIL Open Font Licence 1.1), "
         "Droid Sans Fallback (Apache Licence 2.0). Their licences are in the program's fonts folder, named above.")
#: The share of the screen's width the path boxes may take, at most.
SCREEN_SHARE = 0.75


def about_paths(database: str) -> list[tuple[str, str]]:
    """(caption, path) for each place the About box names, `database` naming the database open."""
    return [
        ("Database", database),
        ("Data folder", str(paths.data_dir())),
        ("Backups", str(paths.backup_dir())),
        ("Logs", str(paths.log_dir())),
        ("Fonts folder", str(paths.resource("fonts"))),
    ]


class AboutBox(QDialog):
    def __init__(self, parent: QWidget | None, database: str):
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        icon = QLabel(self)
        icon.setPixmap(QApplication.windowIcon().pixmap(64, 64))
        title = heading_label(self, TITLE)
        title.setText(f"{APP_NAME} {__version__}")
        form = QFormLayout()
        self.paths: dict[str, QLineEdit] = {}
        for caption, path in about_paths(database):
            box = QLineEdit(path, self)
            box.setReadOnly(True)
            box.setAccessibleName(caption)
            box.setToolTip(path)
            box.setCursorPosition(0)  # the start of a path too long for its box in view
            form.addRow(f"{caption}:", box)
            self.paths[caption] = box
        self.fonts = plain_label(FONTS, self, wrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.accepted.connect(self.accept)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setFocus()  # Enter or Escape closes it at once
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(plain_label("Records for a Local Safeguarding Children Partnership.", self, wrap=True))
        text.addLayout(form)
        text.addWidget(self.fonts)
        row = QHBoxLayout()
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self._wide_enough()

    def _wide_enough(self) -> None:
        """The path boxes as wide as the longest path, up to a share of the screen's width."""
        boxes = list(self.paths.values())
        widest = max(b.fontMetrics().horizontalAdvance(b.text()) for b in boxes) + 16  # the box's frame and margins
        width = min(widest, int(largest_on_screen(self).width() * SCREEN_SHARE))
        for box in boxes:
            box.setMinimumWidth(width)


def show_about(parent: QWidget | None, database: str) -> None:
    box = AboutBox(parent, database)
    box.exec()
    box.deleteLater()
