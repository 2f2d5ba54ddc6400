"""Finance outputs from plain data: the finance workbook (Years, Contributions, Expenditure,
Budgets, Summary) and the finance report PDF for a year or any period.

Money cells are numbers with a £ format, never text. Every total in the workbook is a real
``SUM`` formula over exactly the amount cells of its table, stored with the program's own
total as its value, so Excel, LibreOffice and a reader that does not calculate all show the
same figure. The PDF prints the two tables a yearly report prints (contributions and
expenditure, each with its total), the reserves, budget against actual, year on year, and
the charts of income by partner and spending by category.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether

from bscp_desktop.domain.finance import long_date, year_label
from bscp_desktop.domain.finance_headings import RECEIVED_SO_FAR, outstanding_at_heading
from bscp_desktop.domain.finance_summary import AgainstBudget, BudgetRow, BudgetTotal, FinanceSummary
from bscp_desktop.domain.money import format_change, format_money, total
from bscp_desktop.domain.text import isolate
from bscp_desktop.domain.validation import and_list
from bscp_desktop.reports.charts import Chart, Series, ValueKind, add_chart, describe
from bscp_desktop.reports.pdf import FONT_BOLD, DocumentBuilder, paragraph
from bscp_desktop.reports.xlsx_cells import Column

if TYPE_CHECKING:
    from bscp_desktop.reports.xlsx import Section, WorkbookBuilder

SHEETS = ("Years", "Contributions", "Expenditure", "Budgets", "Summary")


@dataclass(frozen=True)
class YearRow:
    label: str
    carried_forward: Decimal
    adjustment: Decimal
    adjustment_reason: str
    opening: Decimal
    contributions: Decimal
    received: Decimal
    other_income: Decimal
    income: Decimal
    spending: Decimal
    closing: Decimal
    budget: Decimal
    notes: str = ""

    @property
    def net(self) -> Decimal:
        return self.income - self.spending


@dataclass(frozen=True)
class ContributionRow:
    year: str
    organisation: str
    contributor: str
    kind: str
    agreed: Decimal | None  # None for in kind
    received: Decimal | None
    outstanding: Decimal | None
    status: str
    invoice_reference: str = ""
    invoiced_on: date | None = None
    last_received_on: date | None = None
    notional_value: Decimal | None = None
    description: str = ""
    agreed_at: str = ""
    notes: str = ""


@dataclass(frozen=True)
class ExpenseRow:
    spent_on: date
    year: str
    category: str
    payee: str
    description: str
    amount: Decimal
    linked_to: str = ""  # the training session or case review it was spent on


@dataclass(frozen=True)
class FinanceReport:
    partnership_name: str
    today: date
    summary: FinanceSummary
    years: tuple[YearRow, ...] = ()
    contributions: tuple[ContributionRow, ...] = ()
    expenses: tuple[ExpenseRow, ...] = ()
    budgets: tuple[BudgetRow, ...] = ()
    status_fills: dict[str, str] | None = None
    names_a_case_review: bool = False  # an expense line names one: the workbook is OFFICIAL-SENSITIVE
    only_the_period: bool = False  # the records are the summary's period's alone: the workbook opens on its Summary
    left_out: Mapping[str, str] = field(default_factory=dict)  # sheet name: the archived records it leaves out
    costs_not_recorded: str = ""  # the period's training sessions whose cost its expenditure leaves out


# --------------------------------------------------------------------------- charts


def _table_above(chart: Chart) -> Chart:
    """The chart with a text alternative that points to the table printed above it."""
    text = describe(chart, own_table=False).replace("The table under the chart", "The table above")
    return replace(chart, alt_text=text)


def _money_chart(rows: Sequence[tuple[str, Decimal]], title: str, what: str, category_label: str,
                 note: str = "") -> Chart:
    """Bars of `what` (one series of pounds) for each (name, amount) of `rows`."""
    return Chart(
        title=title,
        categories=tuple(name for name, _ in rows),
        series=(Series(what, tuple(amount for _, amount in rows)),),
        value_label=f"{what} (£)",
        category_label=category_label,
        value_kind=ValueKind.MONEY,
        note=note,
    )


def income_chart(summary: FinanceSummary) -> Chart:
    """Income by partner: each organisation's cash contribution and any charges it paid."""
    return _money_chart(summary.income_chart, f"Income by partner, {summary.label}", "Income", "Partner",
                        note="Contributions in kind are not included: they are not cash.")


def spending_chart(summary: FinanceSummary) -> Chart:
    return _money_chart(summary.spending_chart, f"Expenditure by category, {summary.label}", "Expenditure",
                        "Category")


# --------------------------------------------------------------------------- Excel


def _money_totals(rows: Sequence[Sequence], indexes: Sequence[int]) -> dict[int, Decimal]:
    return {i: total(r[i] for r in rows) for i in indexes}


def _against_budget_totals(against: Sequence[AgainstBudget], budget_at: int, actual_at: int,
                           variance_at: int) -> dict[int, Decimal]:
    """The totals of a table of budget against actual as `BudgetTotal` gives them (the window
    and the PDF say them so): no budget total when no row has a budget, its cell left blank
    rather than a SUM of blanks that reads as a budget of £0.00 overspent."""
    t = BudgetTotal.of(against)
    return {**({budget_at: t.budget} if t.budget is not None else {}), actual_at: t.actual, variance_at: t.variance}


def _no_budget_note(against: Sequence[AgainstBudget], years: str) -> str:
    """Said under a table of budget against actual none of whose rows has a budget, in the
    words the PDF's Total row uses; '' when a row has one (or there are no rows)."""
    t = BudgetTotal.of(against)
    if t.budget is not None or not against:
        return ""
    spent = f"; the {format_money(t.actual)} spent is over (no budget)" if t.actual else ""
    return f"No budget is set for {years}, so the Budget total is blank{spent}."


def _year_budgets(report: FinanceReport) -> list[Decimal | None]:
    """Each year's budget for the Years sheet: blank for a year with no budget set, as its
    categories' budgets are, not £0.00 (a year whose budgets are £0.00 has a budget of £0.00)."""
    budgeted = {b.year for b in report.budgets if b.budget is not None}
    return [y.budget if y.label in budgeted else None for y in report.years]


def workbook(report: FinanceReport) -> WorkbookBuilder:
    """Sheets Years, Contributions, Expenditure, Budgets and Summary (for the report's period);
    the Summary comes first, so the file opens on it, when the records are the period's alone."""
    from bscp_desktop.reports.xlsx import WorkbookBuilder
    s = report.summary
    wb = WorkbookBuilder(
        title=f"Finance, {s.label}",
        author=report.partnership_name,
        subject=f"Partnership finance: contributions, expenditure, budgets and reserves ({s.label})",
        sensitive=True if report.names_a_case_review else None,  # None: as the job writing it is marked
    )
    notes = report.left_out  # said under each sheet's table; on the sheets an import reads, in a column it does not
    if report.only_the_period:
        wb.add_sections_sheet("Summary", summary_sections(s, report.today, _summary_note(report)))  # the sheet a file opens on
    year_budgets = _year_budgets(report)
    years = [
        [y.label, y.carried_forward, y.adjustment, y.adjustment_reason, y.opening, y.contributions, y.received,
         y.other_income, y.income, y.spending, y.net, y.closing, budget, y.notes]
        for y, budget in zip(report.years, year_budgets, strict=True)
    ]
    wb.add_sheet(
        "Years",
        [
            Column("Financial year"), Column("Reserves carried forward", "money"), Column("Adjustment", "money"),
            Column("Reason for the adjustment"), Column("Opening balance", "money"),
            Column("Contributions agreed", "money"), Column("Contributions received by the year's end", "money"),
            Column("Other income", "money"), Column("Total income", "money"), Column("Expenditure", "money"),
            Column("Underspend (overspend)", "money"), Column("Closing balance", "money"),
            Column("Budget", "money"), Column("Notes"),
        ],
        years,
        totals=_money_totals(years, (5, 6, 7, 8, 9, 10) + ((12,) if any(b is not None for b in year_budgets) else ())),
        note=notes.get("Years", ""),
    )
    contributions = [
        [c.year, c.organisation, c.contributor, c.kind, c.agreed, c.received, c.outstanding, c.status,
         c.invoice_reference, c.invoiced_on, c.last_received_on, c.notional_value, c.description, c.agreed_at,
         c.notes]
        for c in report.contributions
    ]
    wb.add_sheet(
        "Contributions",
        [
            Column("Financial year"), Column("Organisation"), Column("Contributor"), Column("Kind"),
            Column("Agreed", "money"), Column(RECEIVED_SO_FAR, "money"), Column(outstanding_at_heading(report.today), "money"),
            Column("Status", fills=report.status_fills), Column("Invoice reference"), Column("Invoiced on", "date"),
            Column("Last received on", "date"), Column("Notional value (in kind, not cash)", "money"),
            Column("Description (in kind)"), Column("Agreed at"), Column("Notes"),
        ],
        contributions,
        totals=_money_totals(contributions, (4, 5, 6)), note_at=6,  # Outstanding
        note=" ".join(filter(None, (notes.get("Contributions", ""), _as_at_note(report.today) if contributions else ""))),
    )
    expenses = [[e.spent_on, e.year, e.category, e.payee, e.description, e.amount, e.linked_to] for e in report.expenses]
    wb.add_sheet(
        "Expenditure",
        [
            Column("Date", "date"), Column("Financial year"), Column("Category"), Column("Payee"),
            Column("Description"), Column("Amount", "money"), Column("For (training session or case review)"),
        ],
        expenses,
        totals=_money_totals(expenses, (5,)), note=notes.get("Expenditure", ""), note_at=1,  # Financial year
    )
    budgets = [[b.year, b.category, b.budget, b.actual, b.variance, b.variance_text, b.notes] for b in report.budgets]
    budget_years = and_list(list(dict.fromkeys(b.year for b in report.budgets))) if report.budgets else ""
    wb.add_sheet(
        "Budgets",
        [
            Column("Financial year"), Column("Category"), Column("Budget", "money"), Column("Actual", "money"),
            Column("Variance (under budget +)", "money"), Column("Against budget"), Column("Notes"),
        ],
        budgets,
        totals=_against_budget_totals(report.budgets, 2, 3, 4),
        note=" ".join(filter(None, (notes.get("Budgets", ""), _no_budget_note(report.budgets, budget_years)))),
    )
    if not report.only_the_period:
        wb.add_sections_sheet("Summary", summary_sections(s, report.today, _summary_note(report)))
    return wb


def _as_at_note(today: date) -> str:
    """What the Contributions sheet says under its table of the day its Received is as at (its
    Outstanding heading says it): more than the Summary's received by the end of its period
    where money came in after it."""
    return f"{RECEIVED_SO_FAR} counted on {today:%d/%m/%Y}: every payment recorded, whatever its date."


def _summary_note(report: FinanceReport) -> str:
    """What the Summary sheet says under its first table: the archived records it leaves out, and
    the training sessions' costs its expenditure does not hold yet."""
    return " ".join(filter(None, (report.left_out.get("Summary", ""), report.costs_not_recorded)))


def summary_sections(s: FinanceSummary, today: date, left_out: str = "") -> list[Section]:
    """The summary as tables, each with its own SUM totals, the Received and Outstanding headings
    as at the end of the period or, while it runs, `today`; `left_out` (the archived records it
    leaves out) is said under the first."""
    from bscp_desktop.reports.xlsx import Section
    partners = [[p.organisation, p.contributor_class.label, p.agreed, p.received_by_end, p.outstanding_at_end]
                for p in s.partners]
    sections = [
        Section(
            s.contributions_heading,
            [Column("Financial contribution"), Column("Contributor"), Column("Agreed", "money"),
             Column(s.received_heading(today), "money"), Column(s.outstanding_heading(today), "money")],
            partners,
            totals=_money_totals(partners, (2, 3, 4)),
            total_label="TOTAL",
            note=" ".join(filter(None, (s.not_set_up_text, left_out))),  # a year of the period never set up in Finance
        )
    ]
    if s.in_kind:
        sections.append(
            Section(
                "Contributions in kind (not cash: never in a total)",
                [Column("Organisation"), Column("Contribution"), Column("Notional value", "money"), Column("Years")],
                [[k.organisation, k.description, k.notional_value, k.years] for k in s.in_kind],
            )
        )
    if s.other_income:
        other = [[r.label, r.amount] for r in s.other_income]
        sections.append(
            Section(f"Other income, {s.label}", [Column("Income"), Column("Amount", "money")], other,
                    totals=_money_totals(other, (1,)))
        )
    spending = [[r.label, r.amount] for r in s.spending]
    sections.append(
        Section(s.spending_heading, [Column("Expense"), Column("Amount", "money")], spending,
                totals=_money_totals(spending, (1,)))
    )
    sections.append(
        Section(
            "Income, expenditure and reserves",
            [Column("Figure"), Column("Amount", "money")],
            [
                ["Contributions (cash)", s.contributions_total],
                ["Other income", s.other_income_total],
                ["Total income", s.income_total],
                ["Total expenditure", s.spending_total],
                ["Underspend (overspend if negative)", s.net],
                *([label, amount] for label, amount in s.reserves_rows),
            ],
        )
    )
    if s.budgets:
        budgets = [[b.category, b.budget, b.actual, b.variance] for b in s.budgets]
        sections.append(
            Section(
                f"Budget against actual, {s.years_label}",
                [Column("Category"), Column("Budget", "money"), Column("Actual", "money"),
                 Column("Variance (under budget +)", "money")],
                budgets,
                totals=_against_budget_totals(s.budgets, 1, 2, 3),
                note=_no_budget_note(s.budgets, s.years_label),
            )
        )
    if s.compare_years:
        before, now = (year_label(y) for y in s.compare_years)
        for title, rows in (("Contributions", s.partner_changes), ("Expenditure", s.category_changes)):
            if rows:
                table = [[r.label, r.previous, r.current, r.change] for r in rows]
                sections.append(
                    Section(
                        f"Year on year: {title.lower()}, {before} to {now}",
                        [Column("Partner" if title == "Contributions" else "Category"), Column(before, "money"),
                         Column(now, "money"), Column("Change", "money")],
                        table,
                        totals=_money_totals(table, (1, 2, 3)),
                    )
                )
    return sections


# --------------------------------------------------------------------------- PDF


def _bold_row(doc: DocumentBuilder, cells: Sequence[str], right: Sequence[bool]) -> list:
    """A total row: bold text (escaped like every other cell)."""
    styles = [
        ParagraphStyle(f"total-{'right' if r else 'left'}", parent=doc.styles["cell_right" if r else "cell"], fontName=FONT_BOLD)
        for r in right
    ]
    return [paragraph(text, style) for text, style in zip(cells, styles, strict=True)]


def _amount_table(doc: DocumentBuilder, headers: Sequence[str], rows: Sequence[tuple[str, Decimal]], total_label: str) -> None:
    body: list[list] = [[label, format_money(amount)] for label, amount in rows]
    body.append(_bold_row(doc, [total_label, format_money(total(a for _, a in rows))], [False, True]))
    doc.table(list(headers), body, col_widths=[360, 114], align=["LEFT", "RIGHT"])


def write_pdf(report: FinanceReport, path: str | os.PathLike[str]) -> Path:
    s = report.summary
    doc = DocumentBuilder(
        path,
        title=f"Finance, {s.label}",
        partnership_name=report.partnership_name,
        subject="Partnership contributions, expenditure and reserves",
    )
    doc.heading(f"Finance, {s.label}", 1)
    intro = (
        "The safeguarding partners agree the partnership's funding each year; the financial year runs "
        "from 1 April to 31 March."
    )
    if not s.period.is_year:
        intro += (
            f" This report covers {s.label}. Contributions are for the financial "
            f"year{'s' if len(s.years_set_up or s.period.years) > 1 else ''} {s.years_label}; expenditure is for the "
            "period itself."
        )
    if s.not_set_up_text:
        intro += f" {s.not_set_up_text}"
    doc.para(intro + f" Prepared on {long_date(report.today)}.")

    doc.heading(s.contributions_heading, 2)
    if s.partners:
        _amount_table(doc, ["Financial contribution", "Amount"], [(p.organisation, p.agreed) for p in s.partners], "TOTAL")
        if s.outstanding_at_end_total:
            doc.para(s.received_text(report.today), "small")
    else:
        doc.para("No cash contributions are recorded for this period.")
    for k in s.in_kind:  # a description typed with its full stop has one, the sentence's
        value = f" (notional value {format_money(k.notional_value)})" if k.notional_value is not None else ""
        doc.para(
            f"{isolate(k.organisation)} contributes in kind ({k.years}): {isolate(k.description.removesuffix('.'))}{value}. "
            "A contribution in kind is not cash and is not included in the totals."
        )
    if s.other_income:
        doc.heading(f"Other income, {s.label}", 2)
        _amount_table(doc, ["Income", "Amount"], [(r.label, r.amount) for r in s.other_income], "Total")

    doc.heading(s.spending_heading, 2)
    if s.spending:
        _amount_table(doc, ["Expense", "Amount"], [(r.label, r.amount) for r in s.spending], "Total")
    else:
        doc.para("No expenditure is recorded for this period.")
    if report.costs_not_recorded:
        doc.para(report.costs_not_recorded, "small")

    start = len(doc.story)  # the heading and its five rows on one page: a short table split over a page misreads
    doc.heading("Income, expenditure and reserves", 2)
    pairs = [
        ("Total income", format_money(s.income_total)),
        ("Total expenditure", format_money(s.spending_total)),
        ("Underspend" if s.net >= 0 else "Overspend", format_money(abs(s.net))),
        *((label, format_money(amount)) for label, amount in s.reserves_rows),
    ]
    doc.key_values(pairs, key_width=0.5)
    doc.story[start:] = [KeepTogether(doc.story[start:])]
    doc.para(s.reserves_text)
    for text in s.adjustment_texts:
        doc.para(text, "small")

    if s.budgets:
        doc.add(CondPageBreak(min(60 + 18 * (len(s.budgets) + 2), 250 * mm)))  # keep the table on one page
        doc.heading(f"Budget against actual, {s.years_label}", 2)
        rows: list[list] = [
            [b.category, b.budget_text, format_money(b.actual), b.variance_text] for b in s.budgets
        ]
        t = s.budgets_total  # no budget when no category has one: said as each row is
        rows.append(_bold_row(doc, ["Total", t.budget_text, format_money(t.actual), t.variance_text],
                              [False, True, True, True]))
        doc.table(["Category", "Budget", "Actual", "Against budget"], rows, col_widths=[200, 90, 90, 94],
                  align=["LEFT", "RIGHT", "RIGHT", "RIGHT"])

    if s.compare_years:
        before, now = (year_label(y) for y in s.compare_years)
        doc.heading(f"Year on year, {before} to {now}", 2)
        for first, rows in (("Partner", s.partner_changes), ("Category", s.category_changes)):
            if rows:
                sums = [total(getattr(r, field) for r in rows) for field in ("previous", "current", "change")]
                doc.table(
                    [first, before, now, "Change"],
                    [[r.label, format_money(r.previous), format_money(r.current), format_change(r.change)] for r in rows]
                    + [_bold_row(doc, ["Total", format_money(sums[0]), format_money(sums[1]), format_change(sums[2])],
                                 [False, True, True, True])],
                    col_widths=[200, 90, 90, 94],
                    align=["LEFT", "RIGHT", "RIGHT", "RIGHT"],
                )
    else:
        doc.para(
            f"Year on year: there are no figures for {year_label(s.last_year - 1)} to compare with.", "small"
        )

    doc.heading("Charts", 2)
    # income adds each partner's contribution to what else it paid, and the lines from no partner
    # together: figures no table above holds, so the chart prints its own table
    add_chart(doc, income_chart(s))
    add_chart(doc, _table_above(spending_chart(s)), table=False)
    return doc.build()
