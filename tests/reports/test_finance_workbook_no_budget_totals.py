"""The finance workbook says a year without budgets as the window and the PDF do (`BudgetTotal`):
its budget totals are left blank, with the words "No budget" under the table, rather than an
=SUM over blank cells that Excel shows as a budget of £0.00 overspent; where some categories
have budgets the total is the sum of the budgets set, as in the PDF. The Years sheet leaves the
budget of a year without one blank too."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.services import finance as fin
from tests.reports.test_finance_outputs import pdf_text

BUDGET_HEADING = "Budget against actual, 2024/25"


def _spend(db, amounts: dict[str, str]) -> dict[str, int]:
    """Record 2024/25 expenditure under each category named; returns the categories' ids."""
    ids = {c.name: c.id for c in fin.list_categories(db)}
    for name, amount in amounts.items():
        fin.create_expense(db, fin.ExpenseFields(date(2025, 3, 31), ids[name], "Venue Ltd", "", amount))
    return ids


def _rows(path, sheet: str) -> list[list]:
    return [list(row) for row in load_workbook(path)[sheet].iter_rows(values_only=True)]


def _budget_block(path, data_only: bool = False) -> list[list]:
    """The Summary sheet's budget-against-actual table: its heading, header, rows, total and note."""
    rows = [list(r) for r in load_workbook(path, data_only=data_only)["Summary"].iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r[0] == BUDGET_HEADING)
    end = next((i for i in range(start, len(rows)) if not any(v is not None for v in rows[i])), len(rows))
    return rows[start:end]


def _total_row(rows: list[list]) -> list:
    return next(r for r in rows if r[0] == "Total")


def test_the_summary_of_a_year_without_budgets_leaves_its_budget_total_blank_and_says_no_budget(db, tmp_path):
    _spend(db, {"Events": "1234567.89", "Other": "100.10"})
    xlsx = jobs.write_report(db, "finance", tmp_path / "fin2425.xlsx", year="2024/25", xlsx=True)

    block = _budget_block(xlsx)
    total = _total_row(block)
    assert total[1] is None  # not =SUM over blank budgets: Excel would show £0.00
    assert total[2].startswith("=SUM(C") and total[3].startswith("=SUM(D")
    values = _total_row(_budget_block(xlsx, data_only=True))
    assert values[2] == 1234667.99 and values[3] == -1234667.99  # all of it over, with no budget
    note = block[-1][0]
    assert note == "No budget is set for 2024/25, so the Budget total is blank; the £1,234,667.99 spent is over (no budget)."

    pdf = jobs.write_report(db, "finance", tmp_path / "fin2425.pdf", year="2024/25")
    body = " ".join(pdf_text(pdf).split())
    assert "Total No budget £1,234,667.99 £1,234,667.99 over (no budget)" in body  # the words the note uses


def test_where_some_categories_have_budgets_the_total_is_the_budgets_set_as_in_the_pdf(db, tmp_path):
    ids = _spend(db, {"Events": "1234567.89", "Other": "100.10"})
    fin.set_budgets(db, "2024/25", {ids["Other"]: "500.00"})
    xlsx = jobs.write_report(db, "finance", tmp_path / "fin2425.xlsx", year="2024/25", xlsx=True)

    block = _budget_block(xlsx)
    assert _total_row(block)[1].startswith("=SUM(B")
    assert not any("No budget" in str(r[0]) for r in block)
    values = _total_row(_budget_block(xlsx, data_only=True))
    summary = fin.year_summary(db, "2024/25").budgets_total
    assert (Decimal(str(values[1])), Decimal(str(values[3]))) == (summary.budget, summary.variance) == (
        Decimal("500.00"), Decimal("-1234167.99"))


def test_the_budgets_and_years_sheets_leave_a_blank_budget_for_a_year_without_one(db, tmp_path):
    _spend(db, {"Events": "1234567.89", "Other": "100.10"})
    out = jobs.export_workbook(db, "finance", tmp_path / "finance.xlsx")

    budgets = _rows(out, "Budgets")
    header = budgets[0]
    budget_at, variance_at = header.index("Budget"), header.index("Variance (under budget +)")
    total = _total_row(budgets)
    assert total[budget_at] is None and str(total[variance_at]).startswith("=SUM(")
    assert any(r[0] == "No budget is set for 2024/25, so the Budget total is blank; the £1,234,667.99 spent is "
               "over (no budget)." for r in budgets)

    years = _rows(out, "Years")
    budget_at = years[0].index("Budget")
    (year,) = [r for r in years if r[0] == "2024/25"]
    assert year[budget_at] is None and _total_row(years)[budget_at] is None


def test_the_years_sheet_gives_the_budget_of_a_year_that_has_one_and_totals_only_those(db, tmp_path):
    ids = _spend(db, {"Events": "200.00"})
    fin.create_expense(db, fin.ExpenseFields(date(2023, 6, 1), ids["Events"], "Venue Ltd", "", "50.00"))
    fin.set_budgets(db, "2023/24", {ids["Events"]: "0.00"})  # a budget of nothing is a budget all the same
    out = jobs.export_workbook(db, "finance", tmp_path / "finance.xlsx")

    years = _rows(out, "Years")
    budget_at = years[0].index("Budget")
    by_year = {r[0]: r[budget_at] for r in years if r[0] in ("2023/24", "2024/25")}
    assert by_year == {"2023/24": 0, "2024/25": None}
    assert str(_total_row(years)[budget_at]).startswith("=SUM(")
