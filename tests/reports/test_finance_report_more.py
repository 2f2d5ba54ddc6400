"""The finance summary for one year or period holds that period's records alone (the finance
workbook keeps every year's), and opens on its Summary sheet."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.domain.case_reviews import IncidentType
from bscp_desktop.domain.finance import ContributionKind
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.reports.marking import file_is_marked
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from tests.reports.test_finance_outputs import check_sum_formulas

M = Decimal


def _two_years(db) -> None:
    """2023/24 and 2024/25, each with a contribution, an expense and a budget."""
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    for year, agreed, spent_on, amount, budget in (
        (2023, "5000", date(2023, 9, 1), "1200", "2000"),
        (2024, "7000", date(2024, 9, 1), "3400", "4000"),
    ):
        fin.create_contribution(db, fin.ContributionFields(year, police.id, ContributionKind.CASH, agreed))
        fin.create_expense(db, fin.ExpenseFields(spent_on, events, "Venue", "", amount))
        fin.set_budgets(db, year, {events: budget})


def _years_in(ws, column: int) -> set:
    return {row[column] for row in ws.iter_rows(min_row=2, values_only=True) if row[column] not in (None, "Total")}


@pytest.mark.slow
def test_the_summary_workbook_for_a_year_holds_that_year_alone(db, tmp_path):
    _two_years(db)
    path = jobs.write_report(db, "finance", tmp_path / "Finance 2023-24.xlsx", year="2023/24")
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "Summary" and wb.active.title == "Summary"
    assert _years_in(wb["Years"], 0) == {"2023/24"}
    assert _years_in(wb["Contributions"], 0) == {"2023/24"}
    assert _years_in(wb["Expenditure"], 1) == {"2023/24"}
    assert _years_in(wb["Budgets"], 0) == {"2023/24"}
    totals = check_sum_formulas(path)
    assert totals[("Contributions", "Agreed")] == M("5000")
    assert totals[("Expenditure", "Amount")] == M("1200")  # not the 2024/25 line
    assert totals[("Budgets", "Budget")] == M("2000")
    assert totals[("Years", "Expenditure")] == M("1200") and totals[("Years", "Contributions agreed")] == M("5000")


def test_the_summary_workbook_for_dates_holds_the_expenses_dated_in_them(db, tmp_path):
    _two_years(db)
    path = jobs.write_report(db, "finance", tmp_path / "p.xlsx", date_from=date(2024, 4, 1), date_to=date(2024, 8, 31))
    wb = load_workbook(path)
    assert _years_in(wb["Years"], 0) == {"2024/25"} and _years_in(wb["Contributions"], 0) == {"2024/25"}
    assert _years_in(wb["Expenditure"], 1) == set()  # the 2024/25 expense is of 1 September


def test_the_finance_workbook_keeps_every_year(db, tmp_path):
    _two_years(db)
    wb = load_workbook(jobs.export_workbook(db, "finance", tmp_path / "Finance.xlsx"))
    assert wb.sheetnames[0] == "Years"
    for sheet, column in (("Years", 0), ("Contributions", 0), ("Expenditure", 1), ("Budgets", 0)):
        assert _years_in(wb[sheet], column) == {"2023/24", "2024/25"}, sheet


def test_a_case_review_expense_of_another_year_does_not_mark_a_years_summary(db, tmp_path):
    case = cr.create_case_review(db, cr.CaseReviewFields("Child C", IncidentType.SERIOUS_HARM, date(2024, 5, 2)))
    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    fin.create_expense(db, fin.ExpenseFields(date(2024, 6, 1), events, "Reviewer", "Fee", "3000", case_review_id=case.id))
    fin.create_expense(db, fin.ExpenseFields(date(2023, 6, 1), events, "Venue", "", "100"))
    assert not file_is_marked(jobs.write_report(db, "finance", tmp_path / "a.xlsx", year="2023/24"))
    assert file_is_marked(jobs.write_report(db, "finance", tmp_path / "b.xlsx", year="2024/25"))


@pytest.mark.slow
def test_the_pdf_budget_total_of_a_year_without_budgets_says_no_budget(db, tmp_path):
    from tests.reports.test_finance_outputs import pdf_text

    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    fin.create_expense(db, fin.ExpenseFields(date(2023, 9, 1), events, "Venue", "", "1500"))
    body = " ".join(pdf_text(jobs.write_report(db, "finance", tmp_path / "f.pdf", year="2023/24")).split())
    table = body[body.index("Budget against actual"):]
    assert "Events No budget £1,500.00 £1,500.00 over (no budget)" in table
    assert "Total No budget £1,500.00 £1,500.00 over (no budget)" in table


@pytest.mark.slow
def test_the_pdf_year_on_year_tables_end_with_their_totals_as_the_window_and_workbook_do(db, tmp_path):
    from tests.reports.test_finance_outputs import pdf_text

    _two_years(db)
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    fin.create_contribution(db, fin.ContributionFields(2024, council.id, ContributionKind.CASH, "1000.50"))
    body = " ".join(pdf_text(jobs.write_report(db, "finance", tmp_path / "f.pdf", year="2024/25")).split())
    table = body[body.index("Year on year, 2023/24 to 2024/25"):]
    assert "Total £5,000.00 £8,000.50 +£3,000.50" in table  # the partners'
    assert "Total £1,200.00 £3,400.00 +£2,200.00" in table  # the categories'


def test_the_income_chart_prints_its_own_table_of_what_it_adds_up(db, tmp_path):
    """The income chart adds a partner's contribution to its other income (£5,000 + £250), a sum
    no table above it holds: the PDF prints the chart's own table of those figures, and never
    says that a table above lists them."""
    from tests.reports.test_finance_outputs import pdf_text

    _two_years(db)
    police = next(o for o in ms.list_organisations(db) if o.name == "Metropolitan Police")
    fin.create_income(db, fin.IncomeFields(date(2024, 3, 1), "Training charges invoiced by hand", "250", police.id))
    body = " ".join(pdf_text(jobs.write_report(db, "finance", tmp_path / "f.pdf", year="2023/24")).split())
    charts = body[body.index("Charts"):]
    assert "The table above lists" not in charts.split("Expenditure")[0]
    assert "Metropolitan Police £5,250.00" in charts
