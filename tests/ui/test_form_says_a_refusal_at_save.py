"""A save the program refuses when Save is pressed (the amount more than is owed, a year already
on record) says why on the line above the buttons as well as beside the field, which may be
scrolled out of view: the dialog never looks as if nothing happened."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from bscp_desktop.domain.finance import ContributionKind
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.finance.dialogs import PaymentDialog


def test_an_overpayment_refused_at_save_is_said_above_the_buttons(qtbot, db):
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    c = fin.create_contribution(db, fin.ContributionFields("2024/25", police.id, ContributionKind.CASH, "10000"))
    dialog = PaymentDialog(db, c, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.amount.set_value(Decimal("12000"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    beside = dialog.error_labels["amount"].text()
    assert "is more than" in beside and "still owed" in beside
    assert dialog.status.text().startswith("Not saved. ") and "still owed" in dialog.status.text()
    assert fin.list_payments(db, c.id) == []
