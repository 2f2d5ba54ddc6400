"""Case reviews > Deadline rules and settings on a 1366 x 768 laptop with a 14-point font (and
on a 1280 x 800 one at the usual 9 or 10 points): every word of every rule is in view. What a
rule counts from, what meets it and the kinds of case it applies to wrap between words inside
their drop-down or button, and the rule as it reads wraps in its cell, each row as tall as they
need. The dialog filled the screen and still showed "the date …", "Notification sen…", "Every c…"
and "2 kinds …", so what a working-day rule counted from could only be read by opening it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QScreen
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton, QStyle, QStyleOptionButton, QStyleOptionComboBox, QStylePainter

from bscp_desktop.domain.deadlines import DEFAULT_RULES
from bscp_desktop.ui import dialog_catalogue as dc
from bscp_desktop.ui.case_reviews.rules_editor import APPLIES_COLUMN, TEXT_COLUMN, RulesEditor
from bscp_desktop.ui.case_reviews.settings_dialog import CaseReviewSettingsDialog

WRAP = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap


@pytest.fixture
def font_size(qapp, request):
    """The application's font at the test's point size, as an officer's system font sets it."""
    before = QFont(qapp.font())
    font = QFont(before)
    font.setPointSizeF(request.param)
    qapp.setFont(font)
    yield request.param
    qapp.setFont(before)


def _on_a_screen(monkeypatch, width: int, height: int) -> QRect:
    room = QRect(0, 0, width, height - 40)  # less the task bar
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(room))
    return room


def _settings(qtbot, db) -> CaseReviewSettingsDialog:
    dialog = CaseReviewSettingsDialog(db, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dc.settle(dialog)
    return dialog


def _text_area(widget) -> tuple[str, QRect]:
    """The text a drop-down or button of the table shows, and the part of it its text has."""
    style = widget.style()
    if isinstance(widget, QComboBox):
        option = QStyleOptionComboBox()
        widget.initStyleOption(option)
        field = style.subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                     QStyle.SubControl.SC_ComboBoxEditField, widget)
        return widget.currentText(), field.adjusted(1, 0, -1, 0)
    option = QStyleOptionButton()
    widget.initStyleOption(option)
    contents = style.subElementRect(QStyle.SubElement.SE_PushButtonContents, option, widget)
    indicator = style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, widget) if widget.menu() else 0
    return widget.text(), contents.adjusted(0, 0, -indicator - 4, 0)


def _cut_short(editor: RulesEditor) -> list[str]:
    """Each drop-down or button of the rules table whose text does not fit it whole: a word
    wider than its room, more lines than its height holds, or the widget cut by its cell."""
    table, problems = editor.table, []
    for row in range(table.rowCount()):
        cell_height = table.rowHeight(row)
        for column in range(1, APPLIES_COLUMN + 1):
            widget = table.cellWidget(row, column)
            if not isinstance(widget, (QComboBox, QPushButton)):
                continue
            text, area = _text_area(widget)
            metrics = widget.fontMetrics()
            needed = metrics.boundingRect(QRect(0, 0, area.width(), 10_000), WRAP, text)
            widest_word = max(metrics.horizontalAdvance(word) for word in text.split())
            name = f"{widget.accessibleName()}: '{text}'"
            if widest_word > area.width():
                problems.append(f"{name} has a word {widest_word}px wide in {area.width()}px")
            if needed.height() > area.height() + 1:
                problems.append(f"{name} needs {needed.height()}px of height, has {area.height()}px")
            if widget.width() > table.columnWidth(column) or widget.height() > cell_height:
                problems.append(f"{name} is {widget.width()}x{widget.height()}px in a "
                                f"{table.columnWidth(column)}x{cell_height}px cell")
    return problems


def _rule_texts_cut(editor: RulesEditor) -> list[str]:
    """Each rule as it reads that its row is not tall enough (or its column wide enough) to show whole."""
    table, problems = editor.table, []
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    metrics = table.fontMetrics()
    for row in range(table.rowCount()):
        text = table.item(row, TEXT_COLUMN).text()
        room = table.columnWidth(TEXT_COLUMN) - 2 * margin
        needed = metrics.boundingRect(QRect(0, 0, room, 10_000), WRAP, text).height()
        if max(metrics.horizontalAdvance(word) for word in text.split()) > room or needed > table.rowHeight(row):
            problems.append(f"'{text}' needs {needed}px, its row is {table.rowHeight(row)}px")
    return problems


def _drawn(monkeypatch, widget) -> str:
    """What the widget paints as its text."""
    drawn: list[str] = []
    real_text, real_control = QStylePainter.drawText, QStylePainter.drawControl

    def text_spy(painter, *args):
        drawn.append(next((a for a in args if isinstance(a, str)), ""))
        return real_text(painter, *args)

    def control_spy(painter, element, option):
        drawn.append(getattr(option, "currentText", None) or getattr(option, "text", "") or "")
        return real_control(painter, element, option)

    monkeypatch.setattr(QStylePainter, "drawText", text_spy)
    monkeypatch.setattr(QStylePainter, "drawControl", control_spy)
    widget.grab()
    monkeypatch.undo()
    return " ".join(d for d in drawn if d)


@pytest.mark.parametrize(
    ("screen", "font_size"), [((1366, 768), 14), ((1280, 800), 10), ((1280, 800), 9)], indirect=["font_size"],
)
def test_every_rule_reads_in_full_in_the_settings_dialog(qtbot, db, monkeypatch, screen, font_size):
    room = _on_a_screen(monkeypatch, *screen)
    dialog = _settings(qtbot, db)
    editor = dialog.rules
    table = editor.table
    assert dialog.frameGeometry().width() <= room.width()
    assert table.rowCount() == len(DEFAULT_RULES)
    assert _cut_short(editor) == []
    assert _rule_texts_cut(editor) == []
    assert sum(table.columnWidth(c) for c in range(table.columnCount())) <= table.viewport().width()  # no scrolling sideways
    for row in range(table.rowCount()):  # "Every case", "2 kinds of case": on one line
        kinds = table.cellWidget(row, APPLIES_COLUMN)
        text, area = _text_area(kinds)
        assert kinds.fontMetrics().horizontalAdvance(text) <= area.width(), text


@pytest.mark.parametrize("font_size", [14], indirect=True)
def test_what_a_rule_counts_from_is_painted_whole_not_ended_with_an_ellipsis(qtbot, db, monkeypatch, font_size):
    _on_a_screen(monkeypatch, 1366, 768)
    dialog = _settings(qtbot, db)
    table = dialog.rules.table
    for row in range(table.rowCount()):
        for column in (4, 5, APPLIES_COLUMN):
            widget = table.cellWidget(row, column)
            text = widget.currentText() if isinstance(widget, QComboBox) else widget.text()
            drawn = _drawn(monkeypatch, widget)
            assert text in drawn and "…" not in drawn, (widget.accessibleName(), drawn)
            assert widget.toolTip().startswith(text) or column == APPLIES_COLUMN  # whole on hover too
    first = table.cellWidget(0, 4)
    assert first.accessibleName() == "Counts from, for Serious incident notification to the Panel"
    assert first.currentText() == "the date the local authority became aware"


def test_a_narrow_rules_table_still_shows_every_word_and_scrolls_sideways(qtbot):
    """The settings dialog at 1280 x 720 and 150%: too narrow for every column, the table
    scrolls sideways rather than cut a word, and each row grows to hold its wrapped choices."""
    editor = RulesEditor(DEFAULT_RULES)
    qtbot.addWidget(editor)
    editor.resize(760, 420)
    editor.show()
    qtbot.waitExposed(editor)
    font = editor.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    editor.setFont(font)
    QApplication.processEvents()
    assert _cut_short(editor) == []
    assert _rule_texts_cut(editor) == []
    long_one = editor.table.cellWidget(editor.keys.index("panel_report"), 4)
    assert "or until it is known" in long_one.currentText()  # the longest choice, many lines
    assert long_one.height() > 3 * long_one.fontMetrics().height()


def test_a_choice_changed_to_a_longer_one_makes_its_row_taller(qtbot):
    editor = RulesEditor(DEFAULT_RULES)
    qtbot.addWidget(editor)
    editor.resize(1220, 600)
    editor.show()
    qtbot.waitExposed(editor)
    QApplication.processEvents()
    table = editor.table
    row = editor.keys.index("lcspr_publication")
    met_by = table.cellWidget(row, 5)
    before = table.rowHeight(row)
    longest = max(range(met_by.count()), key=lambda i: len(met_by.itemText(i)))
    met_by.setCurrentIndex(longest)
    QApplication.processEvents()
    assert table.rowHeight(row) >= before
    assert _cut_short(editor) == []
    assert _rule_texts_cut(editor) == []
