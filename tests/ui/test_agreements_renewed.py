"""The agreements list says "Renewed" of a replaced agreement, with no warning."""

from __future__ import annotations

import pytest

from bscp_desktop.ui.common.table_model import WARNING_BACKGROUND
from bscp_desktop.ui.memberships.tab import MembershipsTab
from tests.agreements_world import renewed_agreements
from tests.ui.helpers import table_texts


@pytest.fixture
def renewed(db):
    return renewed_agreements(db)


def test_the_agreements_list_says_renewed_without_a_warning(qtbot, renewed):
    tab = MembershipsTab(renewed)
    qtbot.addWidget(tab)
    tab.show()
    page = tab.agreements
    tab.sections.setCurrentWidget(page)
    qtbot.waitUntil(lambda: not page.loading() and page.model.rowCount() == 3)
    current = [c.header for c in page.model.columns].index("Current")
    assert table_texts(page, current) == ["Renewed", "Yes", "No: review overdue"]
    backgrounds = [page.model.columns[current].background(row) for row in page.model.rows]
    assert backgrounds == [None, None, WARNING_BACKGROUND]
