"""A small laptop screen and a large system font: every page fits a 1280-pixel screen at a
14-point font, its bars of filters and buttons going on to a second line rather than widening
the window past the screen or drawing their parts over each other."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from bscp_desktop.screenshots import _settle
from bscp_desktop.ui.common.layout import captioned, wrapping_row
from tests.ui.helpers import start_window

LAPTOP_WIDTH = 1280


@pytest.fixture
def large_font(qapp):
    """The application's font at 14 points, as an officer who sets a large system font sees it."""
    before = QFont(qapp.font())
    font = QFont(before)
    font.setPointSizeF(14)
    qapp.setFont(font)
    yield font
    qapp.setFont(before)


def _overlapping(widgets: list[QWidget]) -> list[tuple[str, str]]:
    shown = [w for w in widgets if w.isVisible()]
    return [(type(a).__name__, type(b).__name__) for n, a in enumerate(shown) for b in shown[n + 1:]
            if a.geometry().intersects(b.geometry())]


def test_a_row_too_wide_for_its_window_goes_on_to_a_second_line(qtbot):
    page = QWidget()
    qtbot.addWidget(page)
    search, group, status = QLineEdit(page), QComboBox(page), QComboBox(page)
    group.addItem("Every group of the partnership")
    status.addItem("Open or in progress")
    overdue = QCheckBox("Overdue only", page)
    row = wrapping_row(QLabel("Search:", page), (search, 1),
                       *captioned(page, ("Group:", group), ("Status:", status)), overdue)
    page.setLayout(row)
    page.resize(row.sizeHint().width() + 40, 40)
    page.show()
    qtbot.waitExposed(page)
    one_line = row.heightForWidth(page.width())
    parts = [page.layout().itemAt(i).widget() for i in range(row.count())]
    assert len({w.geometry().center().y() for w in parts}) == 1  # room enough: one line
    assert search.width() > search.sizeHint().width()  # the search box takes the spare width

    page.resize(row.minimumSize().width() + 10, 200)
    qtbot.waitUntil(lambda: overdue.y() > search.y())
    assert row.heightForWidth(page.width()) > one_line
    assert _overlapping(parts) == []
    assert all(w.geometry().right() < page.width() for w in parts)  # nothing past the edge
    status_caption = next(w for w in parts if isinstance(w, QLabel) and w.buddy() is status)
    assert status_caption.geometry().center().y() == status.geometry().center().y()  # a caption keeps to its field


@pytest.mark.slow  # the whole demo, every tab
def test_every_page_fits_a_laptop_screen_at_a_large_font(qtbot, demo_db, large_font):
    window = start_window(qtbot, demo_db, size=(LAPTOP_WIDTH, 720))
    app = QApplication.instance()
    too_wide = {}
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        tab = window.tabs.widget(i)
        sections = getattr(tab, "sections", None)
        for j in range(sections.count() if sections is not None else 1):
            if sections is not None:
                sections.setCurrentIndex(j)
            page = sections.currentWidget() if sections is not None else tab
            name = f"{window.tabs.tabText(i)}: {sections.tabText(j) if sections is not None else ''}"
            _settle(app, page, 5)
            needed = page.minimumSizeHint().width()
            if needed > LAPTOP_WIDTH - 40:
                too_wide[name] = needed
            bar = getattr(page, "filter_bar", None)
            if bar is not None:  # a list's filters, side by side or on two lines, never over each other
                window.resize(LAPTOP_WIDTH, 720)
                app.processEvents()
                widgets = [bar.itemAt(n).widget() for n in range(bar.count()) if bar.itemAt(n).widget()]
                assert _overlapping(widgets) == [], name
    assert too_wide == {}
    assert window.minimumSizeHint().width() <= LAPTOP_WIDTH
    assert window.minimumSizeHint().height() <= 720  # and no taller than a laptop's screen


@pytest.mark.slow  # the whole window
def test_the_checklist_keeps_every_step_whole_at_the_window_s_smallest_at_a_large_font(
        qtbot, tmp_path, empty_file, large_font):
    from bscp_desktop.app import open_database
    from bscp_desktop.ui.common.dialog_fit import shortfalls

    db = open_database(shutil.copyfile(empty_file, tmp_path / "new.sqlite3"))
    try:
        window = start_window(qtbot, db, size=(LAPTOP_WIDTH, 720))
        checklist = window.checklist
        assert checklist.isVisible()

        def at_its_smallest() -> bool:  # the steps take a share of the window's height: shrunk again until it holds
            window.resize(window.minimumSizeHint())
            return window.size() == window.minimumSize()

        qtbot.waitUntil(at_its_smallest)
        step = next(label for label in checklist.findChildren(QLabel) if label.text().startswith("4. "))
        assert step.heightForWidth(step.width()) > step.fontMetrics().lineSpacing() * 1.5  # on two lines here

        def whole_and_above_the_tabs() -> bool:  # once the window has grown to fit it
            return shortfalls(checklist) == [] and checklist.geometry().bottom() < window.tabs.geometry().top()

        qtbot.waitUntil(whole_and_above_the_tabs, timeout=3000)
        assert window.height() <= 720
    finally:
        db.close()


@pytest.fixture
def laptop_screen(monkeypatch):
    """A laptop's screen (1280 x 720, less a task bar), not the test platform's 800 x 800:
    windows are never larger than their screen."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, LAPTOP_WIDTH, 680))


@pytest.mark.slow  # the whole demo
def test_the_yearly_report_window_shows_the_report_s_title_and_its_checklist_heading_whole(qtbot, demo_db, large_font,
                                                                                            laptop_screen):
    from PySide6.QtWidgets import QLabel

    from bscp_desktop.ui.dialog_catalogue import clipped, settle
    from bscp_desktop.ui.yearly_report.window import YearlyReportWindow

    window = YearlyReportWindow(demo_db)
    qtbot.addWidget(window)
    window.resize(LAPTOP_WIDTH, 640)
    window.show()
    settle(window)
    assert "yearly report" in window.choice.currentText()
    assert clipped(window) == []  # the report's title in its drop-down, the buttons below it
    # the checklist's heading wraps above it (clipped() reads every label), so its pane can be narrow
    (expects,) = [label for label in window.findChildren(QLabel) if label.text().startswith("What Working Together")]
    assert expects.isVisible() and expects.wordWrap()


@pytest.mark.slow  # the whole demo
def test_an_evaluation_shows_each_learning_outcome_and_heading_whole_at_a_large_font(qtbot, demo_db, large_font):
    from PySide6.QtCore import Qt

    from bscp_desktop.ui.dialog_catalogue import Demo, settle
    from bscp_desktop.ui.training.booking_dialogs import EvaluationDialog

    dialog = EvaluationDialog(demo_db, None, session_id=Demo(demo_db).session.id)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(dialog)
    table, header = dialog.scores, dialog.scores.horizontalHeader()
    assert table.rowCount() >= 3
    for column in range(table.columnCount()):
        heading = table.horizontalHeaderItem(column).text()
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(heading), heading
    for row in range(table.rowCount()):
        outcome = table.item(row, 0).text()
        needed = table.fontMetrics().boundingRect(0, 0, header.sectionSize(0) - 8, 2000,
                                                  Qt.TextFlag.TextWordWrap, outcome).height()
        assert table.rowHeight(row) >= needed, outcome
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    assert table.height() >= header.height() + rows  # every row in view, none cut at the bottom


def test_the_change_log_shows_each_moment_and_heading_whole_at_a_large_font(qtbot, db, large_font):
    from bscp_desktop.ui.common.history import HEADERS, ChangeLogView

    view = ChangeLogView(db)
    qtbot.addWidget(view)
    table, header = view.table, view.table.horizontalHeader()
    assert table.columnWidth(0) >= table.fontMetrics().horizontalAdvance("03/12/2026 14:32")  # not '03/12/20…'
    for column, heading in enumerate(HEADERS[:-1]):  # the last takes what is left
        assert table.columnWidth(column) >= header.fontMetrics().horizontalAdvance(heading), heading


def test_a_page_taller_than_its_space_scrolls_instead_of_squeezing_its_table_and_sentence(qtbot):
    from PySide6.QtWidgets import QTableWidget, QVBoxLayout

    from bscp_desktop.ui.common.page_scroll import ROWS
    from bscp_desktop.ui.common.sections import Sections

    def make_page() -> QWidget:
        page = QWidget()
        page.note = QLabel("To chase (2 not returned, 2 overdue): " + "an agency that has not sent its return; " * 4)
        page.note.setWordWrap(True)
        page.table = QTableWidget(12, 3)
        layout = QVBoxLayout(page)
        for part in (QLabel("A heading above the grid"), page.table, page.note, QLabel("A legend below it")):
            layout.addWidget(part)
        return page

    sections = Sections({"grid": ("Grid", make_page)})
    qtbot.addWidget(sections)
    sections.resize(420, 220)  # shorter than the page: it scrolls
    sections.show()
    page = sections.page("grid")
    table, note = page.table, page.note
    qtbot.waitUntil(lambda: note.height() >= note.heightForWidth(note.width()) > note.fontMetrics().lineSpacing())
    rows = table.horizontalHeader().height() + ROWS * table.verticalHeader().defaultSectionSize()
    assert table.height() >= rows  # its heading and three rows, not one
    scroller = page.parentWidget().parentWidget()
    assert scroller.verticalScrollBar().maximum() > 0  # the page scrolls
    assert page.width() <= scroller.viewport().width()  # across, it fits: no sideways scrolling
    assert sections.minimumSizeHint().height() < 220  # and the window may still be as short as a laptop needs

    sections.resize(420, 900)  # room enough: the page fills the space and nothing scrolls
    qtbot.waitUntil(lambda: page.height() == scroller.viewport().height())
    assert scroller.verticalScrollBar().maximum() == 0
