"""Every table heading reads whole, on a 1366x768 screen at 150% (911 by 512 points) and once a
row is chosen (the header then draws its headings in bold): a column of long text narrowed to
share the room never goes below its heading. (Training > Evaluations read 'elegate's follow-'
and Meetings > Action log 'vidence of impac', while the table scrolled sideways anyway.) Long
cell text is still cut short, whole on hover."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTableView

from bscp_desktop.ui.common.column_widths import shared_widths
from bscp_desktop.ui.common.table_model import Column, RecordTableModel, fit_columns
from tests.ui.helpers import start_window

LAPTOP_AT_150 = (911, 512)


def _cut_headings(view: QTableView) -> list[tuple[str, int, int]]:
    """The headings the header would cut short: each with what Qt says it needs (its text in
    bold, as drawn once a row is chosen, the header's margins and the sort arrow's room) and
    its column's width."""
    header = view.horizontalHeader()
    return [(str(view.model().headerData(column, Qt.Orientation.Horizontal)), header.sectionSizeHint(column),
             header.sectionSize(column))
            for column in range(header.count())
            if not header.isSectionHidden(column) and header.sectionSizeHint(column) > header.sectionSize(column)]


def _check(qtbot, window, area: str, section: str, table: str) -> None:
    tab = window.tab(area)
    window.tabs.setCurrentWidget(tab)
    tab.sections.setCurrentIndex(next(n for n in range(tab.sections.count())
                                      if tab.sections.tabText(n).replace("&", "") == section))

    def shown() -> list[QTableView]:  # the page is built as it is first shown
        return [v for v in tab.sections.currentWidget().findChildren(QTableView)
                if v.accessibleName() == table and v.isVisible() and v.model().rowCount() > 0]

    qtbot.waitUntil(lambda: bool(shown()), timeout=10_000)
    view = shown()[0]
    qtbot.wait(30)  # laid out at its width
    assert view.horizontalHeader().length() > view.viewport().width()  # a narrow window: the columns share the room
    assert _cut_headings(view) == [], (section, "before a row is chosen")
    view.selectRow(0)
    qtbot.waitUntil(lambda: view.selectionModel().hasSelection())
    qtbot.wait(30)
    assert _cut_headings(view) == [], (section, "with a row chosen")


@pytest.mark.slow  # the whole window on the demo
def test_evaluations_and_action_log_headings_whole_on_a_laptop_at_150(qtbot, demo_db):
    window = start_window(qtbot, demo_db, size=LAPTOP_AT_150)
    _check(qtbot, window, "Training", "Evaluations", "Evaluations")
    _check(qtbot, window, "Meetings", "Action log", "Actions")
    window.close()


def test_long_text_still_cut_but_never_under_its_bold_heading(qtbot):
    columns = [Column("Delegate's follow-up", lambda r: r[0]), Column("Evidence of impact", lambda r: r[1]),
               Column("Due", lambda r: r[2])]
    rows = [("I now use the checklist in every supervision and share it with the team each month",
             "Audit of twenty cases showed the new pathway used in most of them", "31/05/2024")]
    model = RecordTableModel(columns)
    model.set_rows(rows)
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(True)  # its headings then keep room for the sort arrow
    view._keep = model
    qtbot.addWidget(view)
    view.resize(200, 200)  # far too narrow: the long text gives way, down to its heading
    view.show()
    qtbot.waitExposed(view)
    fit_columns(view, columns, rows, 260)
    font = QFont(view.horizontalHeader().font())
    font.setBold(True)
    for number, column in enumerate(columns[:2]):
        width = view.columnWidth(number)
        assert width >= view.horizontalHeader().sectionSizeHint(number), column.header  # whole, with the arrow's room
        assert width > QFontMetrics(font).horizontalAdvance(column.header), column.header  # in bold
        assert width < view.fontMetrics().horizontalAdvance(rows[0][number]), column.header  # the text cut short


def test_shared_widths_never_under_each_columns_own_least():
    # the narrower whole first, the rest alike, but none under its own least (its heading)
    assert shared_widths([200, 80, 300], [True, False, True], 400, [180, 80, 100]) == [180, 80, 140]
    assert shared_widths([200, 80, 300], [True, False, True], 300, [150, 80, 120]) == [150, 80, 120]  # it scrolls
    assert shared_widths([200, 80, 300], [True, False, True], 400, 100) == [160, 80, 160]  # one least for all, as before
