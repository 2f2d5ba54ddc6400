"""The training settings' "Add a year" adds charge rows up to next financial year, the last a
charge can be set for (Finance records no year after it), never past it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QPushButton

from bscp_desktop.domain.dates import financial_year_label, financial_year_of
from bscp_desktop.domain.training import ChargeRates
from bscp_desktop.services.training import settings as st


def _listed(dialog) -> list[str]:
    return [dialog.rates.item(row, 0).text() for row in range(dialog.rates.rowCount())]


@pytest.mark.slow
def test_add_a_year_stops_at_next_financial_year(qtbot, db):
    from bscp_desktop.ui.training.settings_dialog import TrainingSettingsDialog

    this_year = financial_year_of(date.today())
    st.save_charge_rates(db, [ChargeRates(this_year - 1, Decimal("10"), Decimal("5"))])
    dialog = TrainingSettingsDialog(db, None, "charges")
    qtbot.addWidget(dialog)
    [add] = [b for b in dialog.findChildren(QPushButton) if b.text() == "Add a year"]
    for _ in range(4):
        add.click()
    # this year, next year, then the years before the first listed, never one after next year
    assert _listed(dialog) == [financial_year_label(y) for y in
                               (this_year - 1, this_year, this_year + 1, this_year - 2, this_year - 3)]
    assert max(r.financial_year for r in dialog.rates.rates()) == this_year + 1
