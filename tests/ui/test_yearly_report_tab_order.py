"""Tab goes through the yearly report window in reading order: along the first row of buttons,
then the second (Refresh all built sections came between Mark final and Archive), and the
formatting buttons above a section's text before the text (they came after it)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from bscp_desktop.services import yearly_report as yr
from bscp_desktop.ui.yearly_report.editor import SectionEditor
from bscp_desktop.ui.yearly_report.window import YearlyReportWindow


def _chain(start: QWidget, within: QWidget) -> list[QWidget]:
    """The widgets of `within` that Tab reaches, in order, from `start`."""
    seen, widget = [], start
    while True:
        if widget.isVisibleTo(within) and widget.isEnabled() and widget.focusPolicy() & widget.focusPolicy().TabFocus:
            seen.append(widget)
        widget = widget.nextInFocusChain()
        if widget is start:
            return seen


def test_tab_goes_along_the_first_row_of_buttons_then_the_second(qtbot, db):
    yr.create_report(db, yr.ReportFields("2023/24 report", date(2023, 4, 1), date(2024, 3, 31)))
    window = YearlyReportWindow(db, None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    buttons = [window.new_button, window.edit_button, window.final_button, window.archive_button,
               window.restore_button, window.refresh_all_button, *window.output_buttons]
    chain = _chain(window.choice, window)
    assert [w for w in chain if w in buttons] == buttons


def test_the_formatting_buttons_come_before_the_text_they_format(qtbot):
    editor = SectionEditor(lambda text: True)
    qtbot.addWidget(editor)
    editor.show()
    chain = _chain(editor, editor)  # from the editor itself: its first child to have the focus on Tab
    assert chain.index(editor.bold) < chain.index(editor.italic) < chain.index(editor.bullets) < chain.index(editor.text)
