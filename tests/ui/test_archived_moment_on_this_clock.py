"""The People and Organisations pages show the moment a record was archived as this computer's
clock showed it: 00:30 on 1 April in British Summer Time, never 23:30 the evening before."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.ui.memberships.tab import MembershipsTab
from tests.services.test_archived_moment_shown_on_this_clock import archived_after_midnight  # noqa: F401 - a fixture


def _column(page, heading: str) -> list[str]:
    model = page.table.model()
    at = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == heading)
    return [model.index(r, at).data() for r in range(model.rowCount())]


@pytest.mark.parametrize("section", ["organisations", "people"])
def test_the_page_shows_the_moment_on_this_clock(qtbot, archived_after_midnight, section):  # noqa: F811
    tab = MembershipsTab(archived_after_midnight)
    qtbot.addWidget(tab)
    tab.show()
    page = getattr(tab, section)
    tab.sections.setCurrentWidget(page)
    page.show_archived.setChecked(True)
    page.reload()
    qtbot.waitUntil(lambda: page.table.model().rowCount() == 1)
    assert _column(page, "Archived") == ["01/04/2026 00:30"]
