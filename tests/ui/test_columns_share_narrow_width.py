"""A list on a narrow window (a council laptop at 150%: 853 points wide): the columns of long
text share the room the short ones (dates, statuses, amounts, yes or no) leave, so the short
ones stay whole and in view; on a wide window every column is as wide as its whole text needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QTableView

from bscp_desktop.ui.common import table_model
from bscp_desktop.ui.common.column_widths import shared_widths
from bscp_desktop.ui.common.table_model import Column, FilterProxy, RecordTableModel, fit_columns


@dataclass(frozen=True)
class Action:
    id: int
    name: str
    raised_at: str
    owner: str
    due: date
    status: str
    overdue: str
    evidence: str
    archived: bool = False


COLUMNS = [Column("Action", lambda a: a.name), Column("From", lambda a: a.raised_at), Column("Owner", lambda a: a.owner),
           Column("Due", lambda a: a.due), Column("Status", lambda a: a.status), Column("Overdue", lambda a: a.overdue),
           Column("Evidence of impact", lambda a: a.evidence)]
SHORT = [3, 4, 5]  # Due, Status, Overdue
ROWS = [Action(n, f"Plan a Safeguarding Children Forum session on neglect, part {n}",
               "Executive Group 21/03/2024: agenda item 4, Neglect strategy", "Designated Nurse for Safeguarding Children",
               date(2024, 5, 31), "In progress", "Yes", "Audit of twenty cases showed the new pathway used in most")
        for n in range(5)]


def _table(qtbot, width: int) -> QTableView:
    model = RecordTableModel(COLUMNS)
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(ROWS)
    view = QTableView()
    view.setModel(proxy)
    view.horizontalHeader().setStretchLastSection(True)
    view._keep = (model, proxy)
    qtbot.addWidget(view)
    view.resize(width, 300)
    return view


def _natural(qtbot, most: int = 260) -> list[int]:
    view = _table(qtbot, 300)  # not shown: the widths the texts need, up to `most`
    fit_columns(view, COLUMNS, ROWS, most)
    return [view.columnWidth(n) for n in range(len(COLUMNS))]


def _whole(qtbot) -> list[int]:
    return _natural(qtbot, 10_000)  # every text whole


def test_on_a_narrow_window_the_long_text_columns_give_way_so_the_short_ones_stay_in_view(qtbot):
    natural = _natural(qtbot)
    assert sum(natural) > 760 and all(natural[n] >= 250 for n in (0, 1, 2))
    view = _table(qtbot, 760)
    fit_columns(view, COLUMNS, ROWS, 260)  # before the list is shown, as a page's first load may be
    view.show()
    qtbot.waitExposed(view)
    room = view.viewport().width()
    header = view.horizontalHeader()
    for n in SHORT:
        assert view.columnWidth(n) == natural[n], COLUMNS[n].header  # whole
        assert header.sectionViewportPosition(n) + view.columnWidth(n) <= room, COLUMNS[n].header  # and in view
    least = table_model.SHARED_LEAST_CHARS * view.fontMetrics().averageCharWidth() + table_model.CELL_PADDING
    assert all(least <= view.columnWidth(n) < natural[n] for n in (0, 1, 2))

    whole = _whole(qtbot)
    view.resize(sum(whole) + 100, 300)  # maximised on a wide screen: each column as wide as its whole text needs
    qtbot.waitUntil(lambda: view.columnWidth(0) == whole[0])
    assert [view.columnWidth(n) for n in range(len(COLUMNS) - 1)] == whole[:-1]

    header.resizeSection(1, 180)  # the user's own width is kept
    view.resize(700, 300)
    qtbot.wait(20)
    assert view.columnWidth(1) == 180 and view.columnWidth(0) == whole[0]


def test_on_a_wide_window_every_text_is_whole(qtbot):
    whole = _whole(qtbot)
    assert any(width > 260 for width in whole)  # wider than a column's most: cut short on a narrow window
    view = _table(qtbot, sum(whole) + 100)
    view.show()
    qtbot.waitExposed(view)
    fit_columns(view, COLUMNS, ROWS, 260)
    assert [view.columnWidth(n) for n in range(len(COLUMNS) - 1)] == whole[:-1]


def test_shared_widths():
    assert shared_widths([200, 80, 300], [True, False, True], 1000, 100) == [200, 80, 300]  # they fit
    assert shared_widths([200, 80, 300], [True, False, True], 400, 100) == [160, 80, 160]
    assert shared_widths([120, 80, 300], [True, False, True], 400, 100) == [120, 80, 200]  # the narrower whole first
    assert shared_widths([200, 80, 300], [True, False, True], 200, 100) == [100, 80, 100]  # never under the least
    assert shared_widths([200, 80, 130], [False, False, False], 300, 100) == [200, 80, 130]  # no long text: it scrolls
