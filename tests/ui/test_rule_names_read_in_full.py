"""Every deadline's name in the rules table reads in full at 100%, 125% and 150% text: the
name column is measured in characters of the table's font, never narrower than a name's longest
word, and each row is as tall as its name wrapped at that width (it was 30 pixels whatever the
font, and the names were cut: "Serious …", "Safeguardin…")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QStyle

from bscp_desktop.domain.deadlines import DEFAULT_RULES
from bscp_desktop.ui.case_reviews import rules_editor
from bscp_desktop.ui.case_reviews.rules_editor import RulesEditor


def _editor(qtbot, factor: float, width: int = 1220) -> RulesEditor:
    """The rules page of the settings dialog on a 1280-pixel laptop screen, its text `factor`
    times the usual size (set once it is shown, as a change of text size would be)."""
    editor = RulesEditor(DEFAULT_RULES)
    qtbot.addWidget(editor)
    editor.resize(width, 480)
    editor.show()
    qtbot.waitExposed(editor)
    font = editor.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    editor.setFont(font)
    QApplication.processEvents()
    return editor


def _room(editor: RulesEditor) -> int:
    """The width the name's text has in its cell: the column less the item's margins."""
    table = editor.table
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    return table.columnWidth(0) - 2 * margin


@pytest.mark.parametrize("factor", [1.0, 1.25, 1.5])
def test_every_deadline_name_reads_in_full(qtbot, factor):
    editor = _editor(qtbot, factor)
    table, room = editor.table, _room(editor)
    metrics = table.fontMetrics()
    for row in range(table.rowCount()):
        name = table.item(row, 0).text()
        assert max(metrics.horizontalAdvance(word) for word in name.split()) <= room, name  # no word cut
        needed = metrics.boundingRect(QRect(0, 0, room, 10_000), Qt.TextFlag.TextWordWrap, name).height()
        assert table.rowHeight(row) >= needed, (name, table.rowHeight(row), needed)
    assert sum(table.columnWidth(c) for c in range(table.columnCount())) <= table.viewport().width()


def test_the_name_column_is_measured_in_characters_of_the_tables_font(qtbot):
    small, large = _editor(qtbot, 1.0), _editor(qtbot, 1.5)
    for editor in (small, large):
        char = editor.table.fontMetrics().averageCharWidth()
        assert editor.table.columnWidth(0) >= rules_editor.DEADLINE_WIDTH[0] * char
    assert large.table.columnWidth(0) > small.table.columnWidth(0)
    short = [r for r in range(small.table.rowCount()) if small.table.item(r, 0).text() == "LCSPR published"]
    assert small.table.rowHeight(short[0]) < small.table.rowHeight(0) * 2  # a short name keeps a short row


def test_a_renamed_deadline_gets_the_height_its_new_name_needs(qtbot):
    editor = _editor(qtbot, 1.0)
    table = editor.table
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "LCSPR published")
    before = table.rowHeight(row)
    table.item(row, 0).setText("LCSPR published on the partnership's website with the family told beforehand")
    editor.refresh_anchors()  # as the settings dialog does when a name is edited
    assert table.rowHeight(row) > before
