"""The change log's Area column shows every area's name whole, at the usual text size and at a
larger one: 'Memberships', never 'Membersh…'."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QStyle, QTableView, QWidget

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import history as hs
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.audits.change_log import ChangeLogPage
from bscp_desktop.ui.common.history import AREA_COLUMN, HEADERS
from tests.built_once import database_with


def build_changes(db):
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    return {}


db, changes = database_with("change-log-area-column", build_changes, records="changes")

AREAS = [hs.area_label(key) for key in hs.area_tables()]


def room_for_text(table: QTableView, column: int) -> int:
    """The width a cell of `column` draws its text in: its width less the grid line and the
    text's margins, as the style draws an item."""
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    return table.columnWidth(column) - (1 if table.showGrid() else 0) - 2 * margin


@pytest.mark.parametrize("points", [None, 14])
def test_every_area_name_is_shown_whole_at_1280_pixels(qtbot, db, changes, points):
    window = QWidget()
    if points is not None:  # a larger text size, set before the page is built, as the system's is
        font = QFont(window.font())
        font.setPointSize(points)
        window.setFont(font)
    qtbot.addWidget(window)
    page = ChangeLogPage(db, window)
    window.resize(1280, 800)
    page.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: not page.loading() and page.model.rowCount() > 0, timeout=10000)
    table = page.table
    assert HEADERS[AREA_COLUMN] == "Area"
    shown = page.model.data(page.model.index(0, AREA_COLUMN))
    assert shown == "Memberships"
    metrics = table.fontMetrics()
    assert "Memberships" in AREAS
    cut = [name for name in AREAS if metrics.horizontalAdvance(name) > room_for_text(table, AREA_COLUMN)]
    assert cut == []
