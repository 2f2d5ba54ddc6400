"""The income dialog and the Other income page say that training charges count as income from
the Training tab by themselves; a line that reads as a charge's payment, from an organisation
whose charges are counted, is warned about under its description and asked about before it is
saved (Go back by default). The officer may save it anyway: it may be other money."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QLabel

from bscp_desktop.services import finance as fin
from bscp_desktop.services.finance.income_checks import CHARGES_COUNT_BY_THEMSELVES
from bscp_desktop.ui.finance import income_charges
from bscp_desktop.ui.finance.dialogs import IncomeDialog
from bscp_desktop.ui.finance.pages import IncomePage
from tests.built_once import database_with
from tests.services.test_income_training_charges_counted import build_charges

TODAY = date(2024, 6, 3)
PAID = "Training charges invoice paid: no-shows/late cancellations"
WARNING = ("Brent Council's training charges of £50.00 for 2023/24 and £60.00 for 2024/25 are already counted as "
           "income from the Training tab: save this line as well only if it is other money.")

db, orgs = database_with("income-dialog-training-charges", build_charges, records="orgs")


@pytest.fixture
def asked(monkeypatch):
    """The questions asked before saving, each answered Go back unless `asked["save"]` is set."""
    seen = {"questions": [], "save": False}

    def choose(_parent, title, text, first, second, *, warning=False, escape_first=False):
        seen["questions"].append((title, text, first, second, warning, escape_first))
        return not seen["save"]  # True: the first button, Go back

    monkeypatch.setattr(income_charges, "choose", choose)
    return seen


def fill(qtbot, dialog: IncomeDialog, organisation_id: int | None, description: str, day="01/05/2024") -> IncomeDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.received_on.line.setText(day)
    dialog.organisation.set_current_id(organisation_id)
    dialog.description.setText(description)
    dialog.amount.setText("110.00")
    return dialog


def shown_texts(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]


def test_the_dialog_always_says_training_charges_are_not_entered_here(qtbot, db, orgs):
    dialog = fill(qtbot, IncomeDialog(db, None, None, today=TODAY), None, "Home Office grant")
    assert CHARGES_COUNT_BY_THEMSELVES in shown_texts(dialog)
    assert not dialog.charges.label.isVisible()


def test_a_charges_payment_from_an_organisation_with_charges_counted_is_warned_about(qtbot, db, orgs):
    dialog = fill(qtbot, IncomeDialog(db, None, None, today=TODAY), orgs["council"], PAID)
    assert dialog.charges.label.isVisible() and dialog.charges.label.text() == WARNING
    dialog.description.setText("Home Office grant")  # other income
    assert not dialog.charges.label.isVisible()
    dialog.description.setText(PAID)
    dialog.organisation.set_current_id(orgs["police"])  # no charges counted for it
    assert not dialog.charges.label.isVisible()
    dialog.organisation.set_current_id(orgs["council"])
    dialog.received_on.line.setText("01/06/2026")  # none counted in 2026/27 or 2025/26
    assert not dialog.charges.label.isVisible()


def test_the_line_is_saved_only_when_the_officer_says_it_is_other_money(qtbot, db, orgs, asked):
    dialog = fill(qtbot, IncomeDialog(db, None, None, today=TODAY), orgs["council"], PAID)
    dialog._on_save()
    assert asked["questions"] == [("Training charges already counted", f"{WARNING}\n\nSave this income line as well?",
                                   "Go back", "Save it as well", True, True)]
    assert dialog.isVisible() and dialog.result_value is None and fin.list_income(db) == []
    asked["save"] = True
    dialog._on_save()
    assert dialog.result_value is not None and [i.description for i in fin.list_income(db)] == [PAID]


def test_other_income_is_saved_without_a_question(qtbot, db, orgs, asked):
    dialog = fill(qtbot, IncomeDialog(db, None, None, today=TODAY), orgs["council"], "Home Office grant")
    dialog._on_save()
    assert asked["questions"] == [] and dialog.result_value is not None


def test_a_line_saved_already_is_asked_about_again_only_when_changed(qtbot, db, orgs, asked):
    saved = fin.create_income(db, fin.IncomeFields(date(2024, 5, 1), PAID, "110.00", orgs["council"]))
    dialog = IncomeDialog(db, saved, None, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.charges.label.isVisible() and dialog.charges.label.text() == WARNING  # on opening
    dialog.amount.setText("120.00")
    dialog._on_save()
    assert asked["questions"] == [] and [i.amount for i in fin.list_income(db)] == [Decimal("120.00")]
    again = IncomeDialog(db, dialog.result_value, None, today=TODAY)
    qtbot.addWidget(again)
    again.show()
    again.description.setText(PAID + " (second invoice)")
    again._on_save()
    assert len(asked["questions"]) == 1 and again.result_value is None


def test_the_other_income_page_says_so_with_lines_on_record(qtbot, db, orgs):
    fin.create_income(db, fin.IncomeFields(date(2024, 5, 1), "Home Office grant", "500", None))
    page = IncomePage(db, None, today=TODAY)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    qtbot.waitUntil(lambda: not page.loading() and page.proxy.rowCount() == 1, timeout=5000)
    assert page.charges_note.isVisible()
    assert page.charges_note.text().startswith(CHARGES_COUNT_BY_THEMSELVES)
