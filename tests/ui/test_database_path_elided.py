"""The status bar's database path, when too long for its place, leaves out its middle: the file's
name stays in view, the whole path is in the tooltip, and the path takes at most half the bar,
leaving the rest to the program's messages."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from bscp_desktop.ui.main_window import MainWindow

FOLDER = ("C:\\Users\\officer\\OneDrive - London Borough of Brent\\Documents\\Safeguarding Children Partnership"
          "\\Strategic Partnerships Team\\BSCP Desktop")
FILE = "Partnership records.sqlite3"
PATH = f"Database: {FOLDER}\\Brent Safeguarding Children {FILE}"


def on_screen(label: QLabel) -> str:
    """The words the label paints (its `text()` is the whole path)."""
    return QLabel.text(label)


def frame(qtbot, width: int) -> MainWindow:
    window = MainWindow(None, lambda *args, **kwargs: None, opening="records.sqlite3")
    qtbot.addWidget(window)
    window.resize(width, 470)
    window.show()
    qtbot.waitExposed(window)
    window.db_label.setText(PATH)
    window.db_label.setToolTip(PATH)
    return window


def test_a_long_path_keeps_its_start_and_its_file_name_and_leaves_half_the_bar_to_messages(qtbot):
    window = frame(qtbot, 895)  # a 1366x768 laptop at 150%
    label, bar = window.db_label, window.statusBar()
    qtbot.waitUntil(lambda: on_screen(label).endswith(FILE))  # once the bar has laid it out
    shown = on_screen(label)
    assert "…" in shown and shown.startswith("Database: C:\\Users\\officer")
    assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()  # not cut mid-word
    assert label.width() <= bar.width() // 2
    assert label.text() == PATH and label.toolTip() == PATH
    assert window.minimumSizeHint().width() < 895  # the path does not make the window wider than the screen


def test_the_path_is_shown_again_as_the_window_is_widened_and_whole_when_it_fits(qtbot):
    window = frame(qtbot, 895)
    label = window.db_label
    qtbot.waitUntil(lambda: on_screen(label).endswith(FILE))
    narrow = on_screen(label)
    window.resize(1800, 470)
    qtbot.waitUntil(lambda: len(on_screen(label)) > len(narrow))
    assert on_screen(label).endswith(FILE) and label.width() <= window.statusBar().width() // 2
    label.setText("Database: C:\\Records\\records.sqlite3")
    qtbot.waitUntil(lambda: on_screen(label) == "Database: C:\\Records\\records.sqlite3")
    assert label.text() == "Database: C:\\Records\\records.sqlite3"
