"""The yearly report window at a larger system font (14 points, on a laptop and at 150% scaling,
where a 1366 x 768 screen is 911 x 512 points): the list of sections and the checklist wrap
their entries between words, never inside one ("arrangemen / ts"), and the checklist's legend
is whole in view, each mark on the line of its meaning."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetricsF, QScreen, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QListWidget, QStyle

from bscp_desktop.ui import dialog_catalogue as dc

LAPTOP = QRect(0, 0, 1366, 728)
AT_150 = QRect(0, 0, 911, 472)
MARKS = ("✓", "○", "!")


@pytest.fixture
def screen(monkeypatch):
    """Sets the screen's room for windows."""
    def set_room(room: QRect) -> None:
        monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(room))
    return set_room


def _open(qtbot, db, wait_for_the_checklist: bool = True):
    from bscp_desktop.ui.yearly_report.window import YearlyReportWindow

    window = YearlyReportWindow(db)
    qtbot.addWidget(window)
    window.show()
    if wait_for_the_checklist:
        qtbot.waitUntil(lambda: not window.loading(), timeout=30_000)
    dc.settle(window)
    return window


def _text_room(items: QListWidget, row: int) -> float:
    """The width an entry's text has in view: its row (or the list's view, if narrower: a row
    wider than it is scrolled to sideways) less the margin the list leaves either side."""
    margin = items.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, items) + 1
    return min(items.visualItemRect(items.item(row)).width(), items.viewport().width()) - 2 * margin


def cut_words(items: QListWidget) -> list[tuple[str, float, float]]:
    """(word, width it needs, width it has) for each word of an entry too wide for the list: in a
    numbered entry ("03 Partnership arrangements") a word of the title goes after the number."""
    metrics = QFontMetricsF(items.font())
    found = []
    for row in range(items.count()):
        first, *rest = items.item(row).text().split()
        numbered = bool(rest) and first.isdigit()
        indent = metrics.horizontalAdvance(first + " ") if numbered else 0.0
        for word in rest if numbered else [first, *rest]:
            needed = indent + metrics.horizontalAdvance(word)
            if needed > _text_room(items, row):
                found.append((word, needed, _text_room(items, row)))
    return found


def _lines(label: QLabel) -> list[str]:
    """The legend's lines as it wraps them at its width."""
    layout = QTextLayout(label.text(), label.font())
    wrapping = QTextOption()
    wrapping.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(wrapping)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(label.contentsRect().width())
        lines.append(label.text()[line.textStart():line.textStart() + line.textLength()])
    layout.endLayout()
    return lines


@pytest.mark.parametrize(("room", "points"), [(LAPTOP, 14), (AT_150, 14)])
def test_each_section_s_words_are_whole_while_the_checklist_is_worked_out(qtbot, demo_db, text_size, screen,
                                                                           monkeypatch, room, points):
    from bscp_desktop.ui.yearly_report.window import YearlyReportWindow

    monkeypatch.setattr(YearlyReportWindow, "check", lambda _self: None)  # the sections still numbered, unmarked
    screen(room)
    text_size(points)
    window = _open(qtbot, demo_db, wait_for_the_checklist=False)
    sections = window.sections
    assert sections.item(2).text() == "03 Partnership arrangements"
    assert cut_words(sections) == []
    assert window.width() <= room.width()


@pytest.mark.parametrize(("room", "points"), [(LAPTOP, 14), (AT_150, 14)])
def test_the_sections_and_the_checklist_wrap_between_words_and_the_legend_is_whole(qtbot, demo_db, text_size,
                                                                                    screen, room, points):
    screen(room)
    text_size(points)
    window = _open(qtbot, demo_db)
    assert window.sections.item(2).text().endswith("03 Partnership arrangements")
    assert window.checklist.count() >= 10
    assert cut_words(window.sections) == []
    assert cut_words(window.checklist) == []
    assert dc.clipped(window) == []
    assert window.width() <= room.width()

    (legend,) = [label for label in window.findChildren(QLabel) if label.text().startswith("✓")]
    lines = _lines(legend)
    assert [line.split()[-1] for line in lines if line.split()[-1] in MARKS] == []  # no mark apart from its meaning
    assert legend.height() >= legend.heightForWidth(legend.width())  # every line of it
    pane = window.splitter.widget(2)
    top_left = legend.mapTo(pane.viewport(), QPoint(0, 0))
    assert pane.viewport().rect().contains(QRect(top_left, legend.size()))  # in view, not scrolled to
