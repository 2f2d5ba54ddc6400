"""On a council laptop with a larger system font (12 or 14 points) or at 150% scaling (a 1366 x 768
screen is 911 x 512 points, the task bar taking 40), nothing is cut short: Partner engagement's
headings once a row is chosen (drawn in bold), a case's timeline, the deadline rules' "kinds of
case" buttons, the Keep column of bringing a meeting back and the yearly report's title."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QScrollArea, QTableView

from bscp_desktop.ui import dialog_catalogue as dc
from bscp_desktop.ui.common.column_widths import heading_widths
from bscp_desktop.ui.common.table_model import CELL_PADDING

LAPTOP = QRect(0, 0, 1366, 728)
AT_150 = QRect(0, 0, 911, 472)
CELL_MARGINS = 6  # what Qt leaves either side of a cell's text, together


@pytest.fixture
def screen(monkeypatch):
    """Sets the screen's room for windows."""
    def set_room(room: QRect) -> None:
        monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(room))
    return set_room


def headings(view: QTableView, arrows: bool) -> list[tuple[str, int, int]]:
    """(heading, width it needs in bold, width it has) for each column shown."""
    model = view.model()
    titles = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())]
    needed = heading_widths(view.horizontalHeader(), titles, arrows)
    return [(title, need, view.columnWidth(c)) for c, (title, need) in enumerate(zip(titles, needed, strict=True))
            if not view.isColumnHidden(c)]


def cut_headings(view: QTableView, arrows: bool) -> list[tuple[str, int, int]]:
    return [(title, need, has) for title, need, has in headings(view, arrows) if has < need]


def cut_words(view: QTableView) -> list[tuple[str, int, int]]:
    """(word, width it needs, width its column has) for each word of a cell wider than its column
    (a table that wraps its text between words shows every word whole)."""
    metrics, model = view.fontMetrics(), view.model()
    found = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            for word in str(model.data(model.index(row, column)) or "").split():
                if metrics.horizontalAdvance(word) + CELL_MARGINS > view.columnWidth(column):
                    found.append((word, metrics.horizontalAdvance(word) + CELL_MARGINS, view.columnWidth(column)))
    return found


@pytest.mark.parametrize(("room", "points"), [(LAPTOP, 12), (LAPTOP, 14), (AT_150, 9), (AT_150, 14)])
def test_partner_engagement_headings_are_whole_in_bold_once_a_row_is_chosen(qtbot, demo_db, text_size, screen,
                                                                             room, points):
    from bscp_desktop.ui.yearly_report.engagement import EngagementWindow

    screen(room)
    text_size(points)
    window = EngagementWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.loading() and bool(window.model.rows), timeout=30_000)
    window.table.selectRow(0)
    assert len(headings(window.table, arrows=True)) == 15
    assert cut_headings(window.table, arrows=True) == []


def _timeline(qtbot, demo_db, width: int):
    from bscp_desktop.services import case_reviews as cr
    from bscp_desktop.ui.case_reviews.timeline import TimelinePanel

    row = max(cr.tracker(demo_db), key=lambda r: len(r.clocks))
    panel = TimelinePanel()
    area = QScrollArea()  # as the tracker holds it: as tall as it needs, as wide as the window
    area.setWidget(panel)
    area.setWidgetResizable(True)
    qtbot.addWidget(area)
    area.resize(width, 600)
    area.show()
    panel.show_row(row)
    qtbot.wait(100)  # the rows' heights follow the columns' widths on a later turn
    return area, panel


@pytest.mark.parametrize(("width", "points"), [(1326, 12), (1326, 14), (871, 9), (871, 14)])
def test_a_case_timeline_shows_every_heading_date_and_word_whole(qtbot, demo_db, text_size, width, points):
    text_size(points)
    _area, panel = _timeline(qtbot, demo_db, width)
    assert panel.table.rowCount() >= 5 and panel.stages.rowCount() >= 5
    for table in (panel.table, panel.stages):
        assert cut_headings(table, arrows=False) == [], table.accessibleName()
        assert cut_words(table) == [], table.accessibleName()
        rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
        assert table.viewport().height() >= rows  # every row in view, none under a scroll bar
    dates = panel.table.fontMetrics().horizontalAdvance("30/09/2024") + CELL_MARGINS
    assert min(panel.stages.columnWidth(1), panel.stages.columnWidth(3)) >= dates  # "Date or value"


@pytest.mark.parametrize(("room", "points"), [(LAPTOP, 12), (LAPTOP, 14), (AT_150, 14)])
def test_the_kinds_of_case_a_rule_applies_to_show_on_one_line_clear_of_the_arrow(qtbot, demo_db, text_size, screen,
                                                                                 room, points):
    from bscp_desktop.ui.case_reviews.rule_fields import KindsButton
    from bscp_desktop.ui.case_reviews.settings_dialog import CaseReviewSettingsDialog

    screen(room)
    text_size(points)
    dialog = CaseReviewSettingsDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    dc.settle(dialog)
    several = [b for b in dialog.findChildren(KindsButton) if "kinds of case" in b.text()]
    assert several
    for button in several:
        assert button.width() >= button.sizeHint().width(), button.text()  # as wide as the button asks
        assert button.height_for(button.width()) == button.height_for(10_000), button.text()  # on one line


@pytest.mark.parametrize(("room", "points"), [(AT_150, 9), (AT_150, 14), (LAPTOP, 14)])
def test_bringing_back_keeps_the_keep_column_wide_enough_for_every_choice(qtbot, demo_db, text_size, screen,
                                                                            room, points):
    from bscp_desktop.services import offline as off
    from bscp_desktop.ui.meetings.offline import KEEP_TEXT, CompareDialog

    screen(room)
    text_size(points)
    dialog = CompareDialog(dc._offline_plan(dc.Demo(demo_db)))
    qtbot.addWidget(dialog)
    dialog.show()
    dc.settle(dialog)
    table = dialog.table
    assert table.item(0, 2).text() == KEEP_TEXT[None]
    widest = max(table.fontMetrics().horizontalAdvance(text) for text in KEEP_TEXT.values())
    assert table.columnWidth(2) >= widest + CELL_PADDING
    assert cut_headings(table, arrows=False) == []
    dialog.choose_all(off.SERVER)  # the column stays as it was, the choice whole
    assert table.item(0, 2).text() == KEEP_TEXT[off.SERVER]
    assert table.columnWidth(2) >= widest + CELL_PADDING


def test_the_yearly_report_title_is_whole_at_150_percent_with_14_point_text(qtbot, demo_db, text_size, screen):
    from bscp_desktop.ui.yearly_report.window import YearlyReportWindow

    screen(AT_150)
    text_size(14)
    window = YearlyReportWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    dc.settle(window)
    choice = window.choice
    title = choice.currentText()
    metrics = choice.fontMetrics()
    assert metrics.horizontalAdvance(title) > choice.width()  # longer than the screen allows on one line
    assert dc.clipped(window) == []
    lines = metrics.boundingRect(QRect(0, 0, choice.width() - 40, 10_000),
                                 Qt.TextFlag.TextWordWrap, title).height() // metrics.lineSpacing()
    assert lines >= 2
    assert choice.height() >= lines * metrics.lineSpacing()  # every line of it in view
    QApplication.processEvents()
