"""Finance outputs: the finance workbook (`export xlsx --area finance`: Years, Contributions,
Expenditure, Budgets, Summary) and the finance report (`report finance --year 2023/24`, or
`--from DATE --to DATE` for a period that is not a financial year; a PDF, or the workbook
for that period when the file name ends in .xlsx or with --xlsx: the Summary sheet first,
then the years the period touches with their contributions and budgets, and the expenses
dated in it; the finance workbook keeps every year's).

Each job reads everything in one transaction through the finance service and hands plain
data to `reports.finance`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bscp_desktop.domain.finance import STATUS_COLOURS, ContributionKind
from bscp_desktop.domain.finance_summary import BudgetRow
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.jobs import Output, Progress, archived_left_out, gather_then_write, no_progress, report, workbook
from bscp_desktop.jobs.meetings import partnership_name
from bscp_desktop.services import finance as fin
from bscp_desktop.services import history as hs

if TYPE_CHECKING:
    from bscp_desktop.reports import finance as out
    from bscp_desktop.reports.xlsx import WorkbookBuilder

STATUS_FILLS = {status.label: colour.lstrip("#").upper() for status, colour in STATUS_COLOURS.items()}


def _contribution_row(c: fin.ContributionDTO) -> out.ContributionRow:
    from bscp_desktop.reports import finance as out
    cash = c.kind is ContributionKind.CASH
    return out.ContributionRow(
        year=c.year_label,
        organisation=c.organisation_name,
        contributor=c.contributor_class.label,
        kind=c.kind.label,
        agreed=c.agreed if cash else None,
        received=c.received if cash else None,
        outstanding=c.outstanding if cash else None,
        status=c.status.label,
        invoice_reference=c.invoice_reference,
        invoiced_on=c.invoiced_on,
        last_received_on=c.last_received_on,
        notional_value=c.notional_value,
        description=c.in_kind_description,
        agreed_at=c.agreed_meeting,
        notes=c.notes,
    )


def names_a_case_review(case_reviews: Iterable[str | None]) -> bool:
    """The one rule marking finance outputs OFFICIAL-SENSITIVE, as the case tracker is: what
    they print names a case review (an expense spent on one, by its reference and alias).
    `case_reviews`: the case review each printed line names, if any."""
    return any(case_reviews)


def change_log_is_marked(db) -> bool:
    """Whether a change log of finance names a case review: an expense linked to one now, or
    once (its history keeps the link), archived expenses included."""
    return names_a_case_review(
        c.new_name or c.old_name or c.new_value or c.old_value
        for c in hs.list_changes(db, "expense") if c.field == "case_review_id"
    )


def archived_notes(db, period: fin.Period, only_the_period: bool) -> dict[str, str]:
    """What each sheet of the finance workbook says of the archived contributions, expenses and
    other income it leaves out, as the summary and the report leave them out, by sheet name: those
    of the workbook's records (every year's, or with `only_the_period` the period's), and on the
    Summary those of its period."""
    contributions = [c.start_year for c in fin.list_contributions(db, include_archived=True) if c.archived]
    spent = [e.spent_on for e in fin.list_expenses(db, include_archived=True) if e.archived]
    received = [i.received_on for i in fin.list_income(db, include_archived=True) if i.archived]

    def said(within: fin.Period | None) -> tuple[str, str, str]:
        return (archived_left_out("contributions", sum(within is None or y in within.years for y in contributions)),
                archived_left_out("expenses", sum(within is None or within.contains(d) for d in spent)),
                archived_left_out("other income lines", sum(within is None or within.contains(d) for d in received)))

    contributed, expenses, income = said(period if only_the_period else None)
    return {"Years": " ".join(filter(None, (contributed, expenses, income))), "Contributions": contributed,
            "Expenditure": expenses, "Budgets": expenses, "Summary": " ".join(filter(None, said(period)))}


def build_report(db, period=None, today: date | None = None, *, only_the_period: bool = False) -> out.FinanceReport:
    """The report's data: every record on record, or with `only_the_period` those of the
    period alone (the summary of a year or dates: its workbook holds that period's records)."""
    from bscp_desktop.reports import finance as out
    data = fin.gather(db, period, today, only_the_period=only_the_period)
    return out.FinanceReport(
        partnership_name=partnership_name(db),
        today=data.today,
        summary=data.summary,
        names_a_case_review=names_a_case_review(e.case_review for e in data.expenses),
        years=tuple(
            out.YearRow(
                y.label, y.carried_forward, y.adjustment, y.adjustment_reason, y.opening, y.contributions_agreed,
                y.received, y.other_income, y.income, y.spending, y.closing, y.budget_total, y.notes,
            )
            for y in data.years
        ),
        contributions=tuple(_contribution_row(c) for c in data.contributions),
        expenses=tuple(
            out.ExpenseRow(e.spent_on, e.year_label, e.category, e.payee, e.description, e.amount, e.linked_to)
            for e in data.expenses
        ),
        budgets=tuple(
            BudgetRow(b.category, b.budget, b.actual, year=b.year_label, notes=b.notes) for b in data.budgets
        ),
        status_fills=STATUS_FILLS,
        only_the_period=only_the_period,
        left_out=archived_notes(db, data.period, only_the_period),
        costs_not_recorded=fin.costs_not_recorded_sentence(data.costs_not_recorded),
    )


@workbook(RecordKind.FINANCE, "Finance workbook", outputs=(Output("Finance workbook…", "Finance.xlsx"),))
def finance_workbook(db, progress: Progress = no_progress, today: date | None = None) -> WorkbookBuilder:
    from bscp_desktop.reports import finance as out
    progress(0, 2, "Gathering the finance records")
    data = build_report(db, today=today)
    progress(1, 2, "Writing the workbook")
    return out.workbook(data)


@report("finance", "Finance summary", options=("year", "date_from", "date_to", "xlsx"), outputs=(
    Output("Finance summary (PDF)…", "Finance summary.pdf"),
    Output("Finance summary (Excel)…", "Finance summary.xlsx", {"xlsx": True}),
))
def finance_report(
    db,
    path: Path,
    progress: Progress = no_progress,
    year: str | int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    xlsx: bool | None = None,
    today: date | None = None,
) -> Path:
    """The summary for a financial year or a period (default: the latest year on record)."""
    from bscp_desktop.reports import finance as out
    period = None
    if year is not None or date_from is not None or date_to is not None:
        period = fin.period_for(year, date_from, date_to)

    def write(data: out.FinanceReport) -> Path:
        if xlsx or Path(path).suffix.lower() in (".xlsx", ".xlsm"):
            return out.workbook(data).save(path)
        return out.write_pdf(data, path)

    return gather_then_write(progress, "Gathering the finance records",
                             lambda: build_report(db, period, today, only_the_period=True), "Writing the report", write)
