"""A list with room to spare (attendance monitoring on a 1366 x 768 laptop): the spare goes first
to the columns whose text is cut (an organisation's long name), up to what their text needs,
and only what is left to the last column ("Attendance rate", "88%"); the longest a column is
before that follows the text size."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QStyle, QTableView

from bscp_desktop.ui.common.column_widths import given_spare
from bscp_desktop.ui.common.table_model import Column, FilterProxy, RecordTableModel, fit_columns

MOST = 260


@dataclass(frozen=True)
class Rate:
    id: int
    name: str
    expected: int
    rate: str
    archived: bool = False


COLUMNS = [Column("Organisation", lambda r: r.name), Column("Meetings expected", lambda r: r.expected, align_right=True),
           Column("Absent", lambda r: 0, align_right=True), Column("Attendance rate", lambda r: r.rate, align_right=True)]
ROWS = [Rate(1, "Central North West London Mental Health Foundation NHS Trust, Children's Safeguarding Team", 4, "50%"),
        Rate(2, "Brent Council", 8, "88%"), Rate(3, "Central London Community Healthcare NHS Trust", 4, "75%")]


def _table(qtbot, width: int, font: QFont | None = None) -> QTableView:
    model = RecordTableModel(COLUMNS)
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(ROWS)
    view = QTableView()
    view.setModel(proxy)
    view.horizontalHeader().setStretchLastSection(True)
    if font is not None:
        view.setFont(font)
    view._keep = (model, proxy)
    qtbot.addWidget(view)
    view.resize(width, 300)
    return view


def _widths(view: QTableView) -> list[int]:
    return [view.columnWidth(n) for n in range(len(COLUMNS))]


def _fitted(qtbot, most: int, font: QFont | None = None) -> list[int]:
    view = _table(qtbot, 300, font)  # not shown: the widths the texts need, up to `most`
    fit_columns(view, COLUMNS, ROWS, most)
    return _widths(view)


def test_a_cut_name_takes_the_spare_width_before_the_last_column(qtbot):
    whole, natural = _fitted(qtbot, 10_000), _fitted(qtbot, MOST)
    assert whole[0] > natural[0] == MOST and whole[1:] == natural[1:]  # the longest name is cut at first
    view = _table(qtbot, sum(whole) + 200)
    fit_columns(view, COLUMNS, ROWS, MOST)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.columnWidth(0) == whole[0])  # the name whole
    widths = _widths(view)
    assert widths[1:3] == whole[1:3] and widths[3] > whole[3]  # the last column has what is left

    view.model().set_search("Central")  # filtering does not make the columns jump
    qtbot.wait(20)
    assert _widths(view) == widths

    view.horizontalHeader().resizeSection(0, 200)  # the user's own width is kept
    view.resize(sum(whole) + 400, 300)
    qtbot.wait(20)
    assert view.columnWidth(0) == 200


def test_with_less_to_spare_than_the_name_needs_the_name_has_it_all(qtbot):
    whole, natural = _fitted(qtbot, 10_000), _fitted(qtbot, MOST)
    view = _table(qtbot, sum(natural) + (whole[0] - natural[0]) // 2)
    fit_columns(view, COLUMNS, ROWS, MOST)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.columnWidth(0) > MOST)
    assert view.columnWidth(0) < whole[0]  # still cut, as little as the room allows
    assert _widths(view)[1:3] == natural[1:3]
    bar = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)  # kept for a scroll bar
    assert view.columnWidth(3) <= natural[3] + bar  # the last column nothing more


def test_the_longest_a_column_is_follows_the_text_size(qtbot):
    larger = QFont(_table(qtbot, 300).font())
    larger.setPixelSize(15)  # 125% of the usual 12 pixels
    assert _fitted(qtbot, MOST, larger)[0] == MOST * 15 // 12  # not 260 pixels whatever the font


def test_given_spare():
    assert given_spare([260, 140, 70, 100], [400, 140, 70, 100], 1000) == [400, 140, 70, 100]  # the rest to the last
    assert given_spare([260, 140, 70, 100], [400, 140, 70, 100], 620) == [310, 140, 70, 100]  # all of it to the cut one
    assert given_spare([260, 200, 100], [400, 220, 100], 620) == [300, 220, 100]  # the smaller shortfall whole first
    assert given_spare([260, 200, 100], [900, 900, 100], 660) == [310, 250, 100]  # the rest alike
    assert given_spare([260, 200], [300, 300], 400) == [260, 200]  # no room to spare
