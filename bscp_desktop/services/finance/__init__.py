"""Finance: financial years and reserves, partner contributions and payments, other income,
expenditure, categories, budgets and summaries.

Use it as one module: ``from bscp_desktop.services import finance as fin`` then
``fin.create_contribution(db, fin.ContributionFields(...))``. Commands each run in one unit of
work and raise `ValidationError` naming the field; queries return frozen DTOs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bscp_desktop.db.database import Database
from bscp_desktop.domain.finance import Period
from bscp_desktop.domain.finance_summary import FinanceSummary
from bscp_desktop.services.finance.budgets import BudgetLine, budget_lines, budget_lines_in, set_budgets
from bscp_desktop.services.finance.common import FinanceSettings, load_settings, save_settings, settings_in, start_year_of
from bscp_desktop.services.finance.contributions import (
    ContributionDTO,
    ContributionFields,
    PaymentDTO,
    PaymentFields,
    add_contribution_in,
    add_payment_in,
    archive_contribution,
    archive_payment,
    chase_list,
    check_contribution,
    contribution_dtos,
    create_contribution,
    get_contribution,
    list_contributions,
    list_payments,
    meeting_choices,
    payments_in,
    record_payment,
    restore_contribution,
    restore_payment,
    update_contribution,
    update_contribution_in,
    update_payment,
)
from bscp_desktop.services.finance.spending import (
    CategoryDTO,
    ExpenseDTO,
    ExpenseFields,
    IncomeDTO,
    IncomeFields,
    SessionCost,
    add_checked_expenses,
    add_expense_in,
    archive_category,
    archive_expense,
    archive_income,
    categories_in,
    check_expense,
    costs_not_recorded_in,
    costs_not_recorded_sentence,
    create_category,
    create_expense,
    create_income,
    default_training_category,
    expense_dtos,
    get_expense,
    income_dtos,
    list_categories,
    list_expenses,
    list_income,
    move_category,
    payees,
    record_session_costs,
    refund_is_income,
    rename_category,
    restore_category,
    restore_expense,
    restore_income,
    session_cost,
    session_costs_to_record,
    update_expense,
    update_income,
)
from bscp_desktop.services.finance.summaries import (
    ADJUSTMENT_LABEL,
    DIRECTION_LABEL,
    AdjustmentDirection,
    SavedYear,
    YearDTO,
    YearFields,
    adjustment_amount,
    create_year,
    get_year,
    list_years,
    period_for,
    remove_year,
    signed_adjustment,
    summary,
    summary_in,
    update_year,
    year_choices,
    year_starts_in,
    year_summary,
)


def _latest_year(years, today: date) -> int:
    from bscp_desktop.domain.finance import year_of

    used = [y.start_year for y in years if y.contributions_agreed or y.income or y.spending or y.budget_total]
    if used:
        return used[-1]
    return years[-1].start_year if years else year_of(today)


def latest_year(db: Database, today: date | None = None) -> int:
    """The financial year to show first: the latest one with money recorded in it (else the
    latest on record, else the current one)."""
    years = sorted(list_years(db), key=lambda y: y.start_year)
    return _latest_year(years, today or date.today())


@dataclass(frozen=True)
class FinanceData:
    """All the plain data the finance workbook and report need, read in one transaction."""

    today: date
    period: Period
    settings: FinanceSettings
    years: tuple[YearDTO, ...]
    contributions: tuple[ContributionDTO, ...]
    expenses: tuple[ExpenseDTO, ...]
    income: tuple[IncomeDTO, ...]
    budgets: tuple[BudgetLine, ...]
    summary: FinanceSummary
    costs_not_recorded: tuple[SessionCost, ...] = ()  # the period's training sessions whose cost is not in the expenditure


def gather(
    db: Database, period: Period | None = None, today: date | None = None, *, only_the_period: bool = False
) -> FinanceData:
    """Everything on record (years, contributions, expenses, income, budgets of every year) and
    the summary for ``period`` (default: `latest_year`). With ``only_the_period`` the records are
    those of the period alone, as its summary counts them: the years it touches with their
    contributions and budgets, and the expenses and income dated in it."""
    from bscp_desktop.services.finance.summaries import _facts, _year_dtos

    today = today or date.today()
    with db.unit_of_work() as session:
        facts = _facts(session)  # read once for the years and the summary
        years = tuple(sorted(_year_dtos(session, facts).values(), key=lambda y: y.start_year))
        if period is None:
            period = Period.year(_latest_year(years, today))
        contributions = contribution_dtos(session, today, include_archived=False)
        expenses = expense_dtos(session, include_archived=False)
        income = income_dtos(session, include_archived=False)
        if only_the_period:
            touched = period.years
            years = tuple(y for y in years if y.start_year in touched)
            contributions = [c for c in contributions if c.start_year in touched]
            expenses = [e for e in expenses if period.contains(e.spent_on)]
            income = [i for i in income if period.contains(i.received_on)]
        budgets = tuple(line for y in years for line in budget_lines_in(session, y.start_year) if line.budget is not None or line.actual)
        return FinanceData(
            today=today,
            period=period,
            settings=settings_in(session),
            years=years,
            contributions=tuple(
                sorted(
                    contributions,
                    key=lambda c: (c.start_year, c.kind.value != "cash", c.contributor_class.value != "safeguarding_partner", c.id),
                )
            ),
            expenses=tuple(expenses),
            income=tuple(income),
            budgets=budgets,
            summary=summary_in(session, period, facts),
            costs_not_recorded=tuple(costs_not_recorded_in(session, period)),
        )


__all__ = [
    "ADJUSTMENT_LABEL",
    "DIRECTION_LABEL",
    "AdjustmentDirection",
    "BudgetLine",
    "CategoryDTO",
    "ContributionDTO",
    "ContributionFields",
    "ExpenseDTO",
    "ExpenseFields",
    "FinanceData",
    "FinanceSettings",
    "FinanceSummary",
    "IncomeDTO",
    "IncomeFields",
    "PaymentDTO",
    "PaymentFields",
    "Period",
    "SavedYear",
    "SessionCost",
    "YearDTO",
    "YearFields",
    "add_contribution_in",
    "adjustment_amount",
    "signed_adjustment",
    "refund_is_income",
    "add_checked_expenses",
    "add_expense_in",
    "add_payment_in",
    "archive_category",
    "archive_contribution",
    "archive_expense",
    "archive_income",
    "archive_payment",
    "budget_lines",
    "budget_lines_in",
    "categories_in",
    "chase_list",
    "check_contribution",
    "check_expense",
    "contribution_dtos",
    "create_category",
    "create_contribution",
    "create_expense",
    "create_income",
    "create_year",
    "default_training_category",
    "expense_dtos",
    "gather",
    "latest_year",
    "get_contribution",
    "get_expense",
    "get_year",
    "income_dtos",
    "list_categories",
    "list_contributions",
    "list_expenses",
    "list_income",
    "list_payments",
    "list_years",
    "load_settings",
    "meeting_choices",
    "move_category",
    "payees",
    "record_session_costs",
    "costs_not_recorded_in",
    "costs_not_recorded_sentence",
    "remove_year",
    "payments_in",
    "period_for",
    "record_payment",
    "rename_category",
    "restore_category",
    "restore_contribution",
    "restore_expense",
    "restore_income",
    "restore_payment",
    "save_settings",
    "session_cost",
    "session_costs_to_record",
    "set_budgets",
    "settings_in",
    "start_year_of",
    "summary",
    "summary_in",
    "update_contribution",
    "update_contribution_in",
    "update_expense",
    "update_income",
    "update_payment",
    "update_year",
    "year_choices",
    "year_starts_in",
    "year_summary",
]
