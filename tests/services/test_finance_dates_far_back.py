"""Money dated a century back (31/03/1925 typed for 31/03/2025) or given a year such as 1924/25
is refused, naming the field: it would become the first year on record and the reserves of
every later year would be carried from it. Money is recorded from the 2000/01 financial year
(1 April 2000) on, in the window, through the services and in an import."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bscp_desktop.db.models.finance import Budget, Contribution, ContributionPayment, Expense, FinancialYear, OtherIncome
from bscp_desktop.domain.finance import FIRST_MONEY_YEAR, ContributionKind
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms

D = date
BEFORE_DATE = "is before the 2000/01 financial year, which began on 01/04/2000: check the year"
BEFORE_YEAR = "is before 2000/01, the earliest financial year money can be recorded in: check the year"


def count(db, model) -> int:
    with db.unit_of_work() as s:
        return s.scalar(select(func.count()).select_from(model))


def years_on_record(db) -> list[int]:
    with db.unit_of_work() as s:
        return sorted(s.scalars(select(FinancialYear.start_year)))


def category_id(db, name: str) -> int:
    return next(c.id for c in fin.list_categories(db) if c.name == name)


@pytest.fixture
def police(db):
    return ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE, "Met Police"))


def test_the_earliest_year_is_2000_01():
    assert FIRST_MONEY_YEAR == 2000
    assert fin.start_year_of("2000/01") == 2000
    with pytest.raises(ValueError) as refused:
        fin.start_year_of("1999/00")
    assert str(refused.value) == f"1999/00 {BEFORE_YEAR}"
    with pytest.raises(ValueError) as refused:
        fin.start_year_of("1850-51")  # before the years kept at all: the same reason
    assert str(refused.value) == f"1850/51 {BEFORE_YEAR}"


def test_an_expense_dated_a_century_back_is_refused_and_makes_no_year(db):
    events = category_id(db, "Events")
    with pytest.raises(ValidationError) as refused:
        fin.create_expense(db, fin.ExpenseFields(D(1925, 3, 31), events, "Civic Centre", "Hire", "500"))
    assert refused.value.errors == {"spent_on": f"Date (31/03/1925) {BEFORE_DATE}"}
    with pytest.raises(ValidationError) as refused:
        fin.create_expense(db, fin.ExpenseFields(D(2000, 3, 31), events, "Civic Centre", "Hire", "500"))
    assert refused.value.errors == {"spent_on": f"Date (31/03/2000) {BEFORE_DATE}"}
    assert count(db, Expense) == 0 and years_on_record(db) == []
    first_day = fin.create_expense(db, fin.ExpenseFields(D(2000, 4, 1), events, "Civic Centre", "Hire", "500"))
    assert first_day.spent_on == D(2000, 4, 1) and years_on_record(db) == [2000]


def test_an_expense_moved_a_century_back_is_refused(db):
    events = category_id(db, "Events")
    spent = fin.create_expense(db, fin.ExpenseFields(D(2025, 3, 31), events, "Civic Centre", "Hire", "500"))
    with pytest.raises(ValidationError) as refused:
        fin.update_expense(db, spent.id, fin.ExpenseFields(D(1925, 3, 31), events, "Civic Centre", "Hire", "500"))
    assert refused.value.errors == {"spent_on": f"Date (31/03/1925) {BEFORE_DATE}"}
    assert years_on_record(db) == [2024]


def test_other_income_dated_a_century_back_is_refused(db):
    with pytest.raises(ValidationError) as refused:
        fin.create_income(db, fin.IncomeFields(D(1925, 3, 31), "Training charges", "120"))
    assert refused.value.errors == {"received_on": f"Date received (31/03/1925) {BEFORE_DATE}"}
    assert count(db, OtherIncome) == 0 and years_on_record(db) == []


def test_a_contribution_for_a_year_a_century_back_is_refused(db, police):
    with pytest.raises(ValidationError) as refused:
        fin.create_contribution(db, fin.ContributionFields("1924/25", police.id, ContributionKind.CASH, "500"))
    assert refused.value.errors == {"financial_year": f"Financial year: 1924/25 {BEFORE_YEAR}"}
    assert count(db, Contribution) == 0 and years_on_record(db) == []


def test_an_invoice_or_payment_dated_a_century_back_is_refused(db, police):
    agreed = fin.create_contribution(db, fin.ContributionFields("2000/01", police.id, ContributionKind.CASH, "500"))
    with pytest.raises(ValidationError) as refused:
        fin.update_contribution(db, agreed.id, fin.ContributionFields(
            "2000/01", police.id, ContributionKind.CASH, "500", invoiced_on=D(2000, 3, 1)))
    assert refused.value.errors == {"invoiced_on": f"Invoice date (01/03/2000) {BEFORE_DATE}"}
    with pytest.raises(ValidationError) as refused:
        fin.record_payment(db, fin.PaymentFields(agreed.id, D(1925, 3, 31), "500"))
    assert refused.value.errors == {"received_on": f"Date received (31/03/1925) {BEFORE_DATE}"}
    assert count(db, ContributionPayment) == 0
    assert fin.record_payment(db, fin.PaymentFields(agreed.id, D(2000, 4, 1), "500")).received_on == D(2000, 4, 1)


def test_a_year_budgets_or_an_adjustment_a_century_back_are_refused(db):
    with pytest.raises(ValidationError) as refused:
        fin.create_year(db, "1924/25", fin.YearFields(adjustment="500", adjustment_reason="Opening reserves"))
    assert refused.value.errors == {"financial_year": f"Financial year: 1924/25 {BEFORE_YEAR}"}
    with pytest.raises(ValidationError) as refused:
        fin.set_budgets(db, "1924/25", {category_id(db, "Events"): "500"})
    assert refused.value.errors == {"financial_year": f"Financial year: 1924/25 {BEFORE_YEAR}"}
    with pytest.raises(ValidationError) as refused:
        fin.get_year(db, 1999)  # looking a year up would set it up
    assert refused.value.errors == {"financial_year": f"The financial year 1999/00 {BEFORE_YEAR}"}
    assert count(db, Budget) == 0 and years_on_record(db) == []


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_an_expenditure_import_names_a_row_dated_a_century_back(db, tmp_path):
    path = write_csv(tmp_path / "spent.csv", [
        ["Date", "Category", "Payee", "Description", "Amount"],
        ["31/03/2025", "Events", "Civic Centre", "Forum", "500"],
        ["31/03/1925", "Events", "Civic Centre", "Forum", "500"],
    ])
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "expenditure", path)
    assert refused.value.report.bad_rows == [f"Row 3: Date (31/03/1925) {BEFORE_DATE}."]
    assert count(db, Expense) == 0 and years_on_record(db) == []


def test_a_contributions_import_names_rows_a_century_back(db, police, tmp_path):
    path = write_csv(tmp_path / "contributions.csv", [
        ["Financial year", "Organisation", "Kind", "Agreed", "Invoiced on", "Received", "Received on"],
        ["1924/25", "Met Police", "Cash", "500", "", "", ""],
        ["2000/01", "Met Police", "Cash", "500", "01/03/2000", "", ""],
        ["2024/25", "Met Police", "Cash", "500", "", "500", "31/03/1925"],
    ])
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "contributions", path)
    assert refused.value.report.bad_rows == [
        f"Row 2: Financial year: 1924/25 {BEFORE_YEAR}.",
        f"Row 3: Invoiced on (01/03/2000) {BEFORE_DATE}.",
        f"Row 4: Received on (31/03/1925) {BEFORE_DATE}.",
    ]
    assert count(db, Contribution) == 0 and years_on_record(db) == []


def _a_year_recorded_before_the_rule(db) -> None:
    """A file holding money of 1924/25, recorded before dates so far back were refused."""
    with db.unit_of_work() as s:
        year = FinancialYear(start_year=1924)
        s.add(year)
        s.flush()
        s.add(Expense(financial_year_id=year.id, spent_on=D(1925, 3, 31), category_id=fin.categories_in(s)[0].id,
                      payee="Venue", description="typed for 2025", amount=500))


def test_a_year_recorded_before_the_rule_is_still_read_so_its_lines_can_be_corrected(db):
    _a_year_recorded_before_the_rule(db)
    assert fin.get_year(db, "1924/25").start_year == 1924
    assert fin.year_summary(db, 1924).spending_total == 500
    [line] = fin.list_expenses(db, 1924)
    moved = fin.update_expense(db, line.id, fin.ExpenseFields(D(2025, 3, 31), line.category_id, line.payee,
                                                              line.description, line.amount))
    assert moved.spent_on == D(2025, 3, 31) and fin.list_expenses(db, 1924) == []
    with pytest.raises(ValidationError, match=BEFORE_YEAR):
        fin.create_year(db, "1923/24")  # read, never made


def test_training_charge_rates_make_no_year_a_century_back(db):
    from bscp_desktop.domain.training import ChargeRates
    from bscp_desktop.services.training.settings import save_charge_rates

    with pytest.raises(ValidationError, match="before 2000/01"):
        save_charge_rates(db, [ChargeRates(1999, 50, 25)])
    assert years_on_record(db) == [] or min(years_on_record(db)) >= FIRST_MONEY_YEAR
