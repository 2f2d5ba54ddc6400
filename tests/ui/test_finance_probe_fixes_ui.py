"""The Finance tab's year: a negative adjustment names the choice that lowers the reserves, and
Remove year is offered by the service's own rule (archived records keep a year)."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QApplication

from bscp_desktop.domain.finance import ContributionKind
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.finance.dialogs import YearDialog
from bscp_desktop.ui.finance.tab import FinanceTab

TODAY = date(2024, 6, 3)


@pytest.mark.slow
def test_a_negative_adjustment_says_to_choose_take_from_the_reserves(qtbot, db):
    dialog = YearDialog(db, fin.create_year(db, "2024/25"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.adjustment.setText("-1,000.00")
    dialog.reason.setPlainText("Audited reserves £1,000 lower")
    said = ("Adjustment to the reserves '-1,000.00' cannot be negative: to lower the reserves, choose 'Take from the "
            "reserves' in 'The adjustment' and type the amount without a minus sign")
    assert dialog.check() == {"adjustment": said}
    assert dialog.labels["direction"] == "The adjustment"
    assert fin.AdjustmentDirection.SUBTRACT.label in [dialog.direction.itemText(i) for i in range(dialog.direction.count())]
    dialog.direction.setCurrentIndex(dialog.direction.findData(fin.AdjustmentDirection.SUBTRACT))  # as it says
    dialog.adjustment.setText("1,000.00")
    assert dialog.check() == {}
    dialog.save()
    assert fin.get_year(db, "2024/25").adjustment == Decimal("-1000.00")


@pytest.mark.slow
def test_a_year_of_archived_records_is_not_offered_for_removal(qtbot, db):
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    c = fin.create_contribution(db, fin.ContributionFields("2024/25", police.id, ContributionKind.CASH, "5500"))
    fin.archive_contribution(db, c.id)
    tab = FinanceTab(db, None, today=TODAY)
    qtbot.addWidget(tab)
    tab.show()
    page = tab.years
    tab.sections.setCurrentWidget(page)
    page.reload()
    deadline = time.monotonic() + 30
    while page.loading() and time.monotonic() < deadline:
        QApplication.processEvents()
    year = fin.get_year(db, "2024/25")
    page.select_id(year.id)
    assert not page.remove_action.isEnabled()
    assert page.remove_action.toolTip() == (
        "The financial year 2024/25 holds contributions: only a year with nothing recorded in it can be removed "
        "(its contributions are archived: restore them, or keep the year).")
