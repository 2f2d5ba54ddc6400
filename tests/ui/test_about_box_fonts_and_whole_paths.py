"""Help > About names the fonts the program brings, their licences and the folder holding them,
and shows every path whole (never broken inside a folder's name), copied exactly as it is."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from bscp_desktop import paths
from bscp_desktop.ui import about_box
from bscp_desktop.ui.main_window import MainWindow

DATABASE = r"C:\Users\officer\OneDrive - London Borough of Brent\BSCP records 2025.sqlite3"


@pytest.fixture
def about(qtbot, monkeypatch):
    monkeypatch.setenv("BSCP_DATA_DIR", "/home/officer/.local/share/BSCP Desktop")  # named only, never written
    shown: list[about_box.AboutBox] = []

    def exec_(box):
        shown.append(box)
        box.show()
        qtbot.waitExposed(box)
        return 0

    monkeypatch.setattr(about_box.AboutBox, "exec", exec_)
    window = MainWindow(None, lambda *a, **k: None, opening="records.sqlite3")
    qtbot.addWidget(window)
    window.about()
    [box] = shown
    qtbot.addWidget(box)
    return box


def _words(box) -> str:
    return " ".join(label.text() for label in box.findChildren(QLabel))


def test_about_names_the_bundled_fonts_and_their_licences(about):
    words = _words(about)
    for font in ("DejaVu Sans", "Noto Sans", "NanumSquare", "Droid Sans Fallback"):
        assert font in words
    for licence in ("Bitstream Vera licence", "SIL Open Font Licence 1.1", "Apache Licence 2.0"):
        assert licence in words
    folder = about.paths["Fonts folder"].text()
    assert folder == str(paths.resource("fonts"))
    names = {p.name for p in paths.resource("fonts").glob("LICENSE-*.txt")}
    assert {"LICENSE-DejaVu.txt", "LICENSE-Noto.txt", "LICENSE-Nanum.txt", "LICENSE-DroidSansFallback.txt"} <= names


def test_about_shows_each_folder_whole_as_it_is(about):
    expected = {
        "Database": "opening…",
        "Data folder": str(paths.data_dir()),
        "Backups": str(paths.backup_dir()),
        "Logs": str(paths.log_dir()),
        "Fonts folder": str(paths.resource("fonts")),
    }
    assert {caption: box.text() for caption, box in about.paths.items()} == expected
    for caption, box in about.paths.items():
        assert box.isReadOnly() and box.accessibleName() == caption and box.toolTip() == expected[caption]
        assert box.fontMetrics().horizontalAdvance(box.text()) < box.width()  # on one line, not cut short


def test_a_path_copied_from_about_is_the_path_itself(about):
    box = about.paths["Data folder"]
    box.selectAll()
    box.copy()
    assert QApplication.clipboard().text() == str(paths.data_dir())
    assert " " in box.text() and "\u200b" not in box.text()  # "BSCP Desktop" as it is named


def test_a_path_longer_than_the_screen_scrolls_in_its_box_from_its_start(qtbot):
    box = about_box.AboutBox(None, DATABASE * 4)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    database = box.findChild(QLineEdit)
    assert database.text() == DATABASE * 4 and database.toolTip() == DATABASE * 4
    assert box.width() <= box.screen().availableGeometry().width()
    assert database.cursorPosition() == 0
