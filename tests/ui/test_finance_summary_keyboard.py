"""The Finance summary's tables read in full from the keyboard: a long partner name wraps in
its row (never cut short, shown only on hover), and Tab stops at each table, then moves on."""

from __future__ import annotations

import time
from datetime import date

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.finance.tab import FinanceTab

TODAY = date(2024, 6, 3)
LONG_NAME = ("Central and North West London NHS Foundation Trust (Brent Child and Adolescent Mental Health Service, "
             "Community Paediatrics and Looked After Children Health Team)")


@pytest.fixture
def page(qtbot, db):
    org = ms.create_organisation(db, ms.OrganisationFields(LONG_NAME, OrganisationKind.OTHER))
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    for partner in (org, police):
        fin.create_contribution(db, fin.ContributionFields("2023/24", partner.id, "cash", "2500"), today=TODAY)
    tab = FinanceTab(db, None, today=TODAY)
    qtbot.addWidget(tab)
    tab.resize(1300, 850)
    tab.show()
    tab.sections.setCurrentWidget(tab.summary)
    tab.summary.reload()
    deadline = time.monotonic() + 30
    while tab.summary.loading() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)
    qtbot.wait(50)
    return tab.summary


def whole_name_fits(table, row: int) -> bool:
    rect = table.visualRect(table.model().index(row, 0))
    wrapped = table.fontMetrics().boundingRect(QRect(0, 0, rect.width() - 8, 100_000), Qt.TextFlag.TextWordWrap,
                                               LONG_NAME)
    return rect.height() >= wrapped.height() and rect.bottom() < table.viewport().height()


@pytest.mark.slow
def test_a_long_partner_name_wraps_in_full_at_any_width(page, qtbot):
    table = page.tables["Contributions"]
    row = [table.item(r, 0).text() for r in range(table.rowCount())].index(LONG_NAME)
    assert table.fontMetrics().horizontalAdvance(LONG_NAME) > table.columnWidth(0)  # too long for one line
    assert whole_name_fits(table, row)
    page.window().resize(900, 700)  # narrower: more lines, a taller row
    qtbot.wait(50)
    assert whole_name_fits(table, row)
    last = table.visualRect(table.model().index(table.rowCount() - 1, 0))
    assert last.bottom() < table.viewport().height()  # the total line is still in view


@pytest.mark.slow
def test_tab_stops_at_a_summary_table_and_moves_on(page, qtbot):
    table = page.tables["Contributions"]
    assert table.focusPolicy() & Qt.FocusPolicy.TabFocus
    page.show_button.setFocus()
    qtbot.waitUntil(page.show_button.hasFocus)
    for _ in range(12):
        if QApplication.focusWidget() is table:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is table
    assert table.currentIndex().isValid()  # a cell to read from
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentRow() == 1
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table  # one press, and Tab has moved on
