"""Training > Figures and charts: the tables by course, topic, organisation and sector keep a
readable share of their width for the names their rows are read by, on a 1366x768 screen and on
one at 150% (911 points wide), and every figure and heading stays whole. (The name column took
only what the figures left: 69 pixels at 1366, 'London North …' under 'Organisatio', while the
sector beside it took 253.)"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QStyle, QTableWidget

from bscp_desktop.domain.training import Figures
from bscp_desktop.ui.training.figures import FiguresPage, fill
from tests.ui.helpers import start_window

pytestmark = pytest.mark.slow  # the whole window, twice

#: Characters of a name a line (a longer one goes on to a second line) that a figures table keeps
#: on a narrow window.
READABLE_CHARS = 20

COURSES = ["Multiple and complex needs: safeguarding adults at risk", "Child Sexual Abuse: recognising and responding",
           "Domestic abuse and coercive control", "Learning from cases briefing"]
TOPICS = ["ICON, safe sleeping and head trauma", "Multiple and complex needs", "Neglect"]
ORGANISATIONS = [("London North West University Healthcare NHS Trust", "Relevant agency"),
                 ("Central and North West London NHS Foundation Trust", "Statutory partner: Integrated Care Board"),
                 ("Children and Family Court Advisory and Support Service", "Relevant agency"),
                 ("Brent Council", "Statutory partner: local authority")]
SECTORS = ["Statutory partner: Integrated Care Board", "Statutory partner: local authority", "Relevant agency", "Education"]
SESSIONS = Figures(sessions=25, places=695, bookings=520, attended=388, no_shows=60, cancellations=72,
                   late_cancellations=25, waitlisted=2)
BOOKINGS = Figures(sessions=22, places=None, bookings=188, attended=135, no_shows=23, cancellations=30,
                   late_cancellations=12, waitlisted=2)
#: each table, with the first column of its figures
TABLES = {"by_course": 1, "by_topic": 1, "by_organisation": 2, "by_sector": 1}


def _report() -> SimpleNamespace:
    def row(label: str, figures: Figures, detail: str = "") -> SimpleNamespace:
        return SimpleNamespace(label=label, detail=detail, figures=figures)

    return SimpleNamespace(
        total=SimpleNamespace(figures=SESSIONS), by_course=[row(c, SESSIONS) for c in COURSES],
        by_topic=[row(t, SESSIONS) for t in TOPICS], by_organisation=[row(o, BOOKINGS, s) for o, s in ORGANISATIONS],
        by_sector=[row(s, BOOKINGS) for s in SECTORS], years=[], gains=[])


def _margins(table: QTableWidget, heading: bool = False) -> int:
    """What of a column's width its cells' (or its heading's) text is not drawn in, as the style draws them."""
    style = table.style()
    if heading:
        return 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, table.horizontalHeader())
    return 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)


def _cut(table: QTableWidget, text: str, width: int, heading: bool = False) -> bool:
    metrics = table.horizontalHeader().fontMetrics() if heading else table.fontMetrics()
    return metrics.horizontalAdvance(text) > width - _margins(table, heading)


@pytest.mark.parametrize("size", [(1366, 768), (911, 512)])
def test_the_names_keep_a_readable_share_and_the_figures_stay_whole(qtbot, db, size):
    window = start_window(qtbot, db, size=size)
    tab = window.tab("Training")
    window.tabs.setCurrentWidget(tab)
    page = tab.figures
    tab.sections.setCurrentWidget(page)
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
    tables = FiguresPage.tables_of(_report())
    for name, right_from in TABLES.items():
        fill(getattr(page, name), tables[name], right_from=right_from)
    for name, right_from in TABLES.items():
        table: QTableWidget = getattr(page, name)
        page.tables.setCurrentWidget(table)
        qtbot.waitUntil(table.isVisible)
        qtbot.wait(20)  # laid out at its width
        for column in range(table.columnCount()):
            width, heading = table.columnWidth(column), table.horizontalHeaderItem(column).text()
            texts = [table.item(row, column).text() for row in range(table.rowCount())]
            assert not _cut(table, heading, width, heading=True), (size, name, heading, width)
            if column >= right_from:  # a figure: whole
                assert not [text for text in texts if _cut(table, text, width)], (size, name, heading, width)
            else:  # a name: whole, or at least READABLE_CHARS of it a line
                widest = max(table.fontMetrics().horizontalAdvance(text) for text in texts)
                assert width - _margins(table) >= min(widest, READABLE_CHARS * table.fontMetrics().averageCharWidth()), \
                    (size, name, heading, width)
        if size[0] == 1366:  # and all of it is in view
            assert table.horizontalScrollBar().maximum() == 0, (name, [table.columnWidth(c) for c in range(table.columnCount())])
    window.close()
