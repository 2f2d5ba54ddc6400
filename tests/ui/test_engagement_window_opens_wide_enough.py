"""Partner engagement opens as wide as its bar of dates and buttons and its table's columns need,
within the screen: on a 1280 x 800 laptop it takes the screen's width, its buttons read in full
and the columns in view end at the window's edge (none cut through); on a small screen at a
large text size it still fits the screen, its dates read in full, the workbook button on a line
of its own."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFont, QScreen
from PySide6.QtWidgets import QPushButton, QStyle

from bscp_desktop.ui.common.dialog_fit import largest_on_screen, screen_room
from bscp_desktop.ui.common.table_model import HEADER_PADDING
from bscp_desktop.ui.yearly_report.engagement import COLUMNS, open_engagement


@pytest.fixture
def screen(request, qapp, monkeypatch):
    """The screen's room as the program counts it, and the application's font at that size
    (None: the usual size)."""
    (width, height), points = request.param
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, width, height))
    before = QFont(qapp.font())
    if points is not None:
        font = QFont(before)
        font.setPointSizeF(points)
        qapp.setFont(font)
    yield QRect(0, 0, width, height)
    qapp.setFont(before)


def _opened(qtbot, db):
    window = open_engagement(None, db)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.loading() and window.model.rowCount() > 5, timeout=20000)
    qtbot.wait(50)  # the columns fitted to the width the window has
    return window


def _buttons_read_in_full(window) -> None:
    for button in (window.show_button, window.workbook_button):
        assert button.width() >= button.sizeHint().width(), button.text()
        assert window.rect().contains(QRect(button.mapTo(window, QPoint(0, 0)), button.size())), button.text()


def _dates_read_in_full(window) -> None:
    for field in (window.date_from, window.date_to):
        line = field.line
        frame = line.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, line)
        room = line.width() - 2 * frame - 4  # less the frame and the line's own margin
        assert line.fontMetrics().horizontalAdvance(line.text()) <= room, line.text()


@pytest.mark.parametrize("screen", [((1280, 800), None)], indirect=True)
def test_on_a_laptop_it_opens_as_wide_as_the_screen_allows_its_buttons_whole(qtbot, demo_db, screen):
    window = _opened(qtbot, demo_db)
    header = window.table.horizontalHeader()
    headings = sum(header.fontMetrics().horizontalAdvance(c.header) + HEADER_PADDING for c in COLUMNS)
    assert headings > screen.width()  # the table alone is wider than the screen
    assert window.width() == largest_on_screen(window).width()
    assert screen_room(window).contains(window.frameGeometry())
    _buttons_read_in_full(window)
    _dates_read_in_full(window)
    assert window.workbook_button.y() == window.show_button.y()  # on the dates' line
    room, ends = window.table.viewport().width(), 0
    for column in range(header.count()):  # the columns in view end at the edge: none cut through
        if ends >= room:
            break
        ends += header.sectionSize(column)
    assert ends == room


@pytest.mark.parametrize("screen", [((1024, 600), 14), ((853, 480), 14)], indirect=True,
                         ids=["1024x600 at 14 points", "1280x720 at 150% at 14 points"])
def test_on_a_small_screen_at_a_large_font_it_fits_and_its_dates_and_buttons_read_in_full(qtbot, demo_db, screen):
    window = _opened(qtbot, demo_db)
    most = largest_on_screen(window)
    assert window.width() <= most.width() and window.height() <= most.height()
    assert window.minimumSizeHint().width() <= most.width()
    assert screen_room(window).contains(window.frameGeometry())
    _buttons_read_in_full(window)
    _dates_read_in_full(window)
    assert all(b.isVisible() for b in window.findChildren(QPushButton))
