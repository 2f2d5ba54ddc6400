"""A refund or credit typed as a negative expense is refused with where it goes (Other income),
never with advice to drop the sign, which would record it as more spending; so is one in an
expenditure file, and a minus sign in a contributions file says what to give instead."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.importers.finance import TEMPLATE_NOTES
from bscp_desktop.services import finance as fin

REFUND = ("cannot be negative: a refund or credit is income, not spending; record it with 'New income line' on the "
          "Other income page of the Finance tab (without the minus sign here it would count as more spending)")


def _events(db) -> int:
    return next(c.id for c in fin.list_categories(db) if c.name == "Events")


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


@pytest.mark.parametrize("typed", ["-250.00", "250.00-", "(250.00)"])
def test_a_negative_expense_says_a_refund_is_other_income(db, typed):
    with pytest.raises(ValidationError) as refused:
        fin.create_expense(db, fin.ExpenseFields(date(2025, 6, 1), _events(db), "Venue plc", "Refund", typed))
    assert refused.value.errors == {"amount": f"Amount '{typed}' {REFUND}"}
    with pytest.raises(ValidationError) as refused:  # other amounts keep their own words
        fin.create_expense(db, fin.ExpenseFields(date(2025, 6, 1), _events(db), "Venue plc", "Hire", "45.900"))
    assert "more than two decimal places" in refused.value.errors["amount"]


def test_a_credit_line_in_an_expenditure_file_says_a_refund_is_other_income(db, tmp_path):
    path = _csv(tmp_path / "refund.csv", [["Date", "Category", "Payee", "Description", "Amount"],
                                          ["10/01/2026", "Events", "Venue plc", "refund of deposit", "250.00-"]])
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "expenditure", path, dry_run=True)
    assert refused.value.report.bad_rows == [f"Row 2: Amount '250.00-' {REFUND}."]
    assert any("record it with 'New income line' on the Other income page" in n for n in TEMPLATE_NOTES["expenditure"])


def test_a_contributions_file_refuses_full_stops_and_says_a_reduction_is_the_new_total(db, tmp_path):
    path = _csv(tmp_path / "c.csv", [["Financial year", "Organisation", "Kind", "Agreed", "Invoiced on", "Received", "Received on"],
                                     ["2025/26", "NWL ICB", "Cash", "45.900", "01/05/2025", "", ""],
                                     ["2025/26", "Metropolitan Police", "Cash", "-5,000", "", "(200)", "01/06/2025"]])
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "contributions", path, dry_run=True)
    first, second = refused.value.report.bad_rows
    assert "Agreed '45.900' has more than two decimal places: if the full stop separates thousands, write it 45,900" in first
    assert ("Agreed '-5,000' cannot be negative: give the amount agreed for the year; to lower it, give the new, "
            "lower amount") in second
    assert ("Received '(200)' cannot be negative: give the total received so far; money paid back is corrected in "
            "the contribution's payments in the Finance tab") in second
