"""Budgets: one amount per expense category per financial year, set for a year in one go, and
each category's spending that year against it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.models.finance import Budget, FinancialYear
from bscp_desktop.db.models.finance import Expense as ExpenseRecord
from bscp_desktop.domain.finance import year_label
from bscp_desktop.domain.finance_summary import AgainstBudget
from bscp_desktop.domain.money import ZERO
from bscp_desktop.domain.validation import Checker, ValidationError
from bscp_desktop.services.common import same_as, set_rows
from bscp_desktop.services.finance.common import ensure_year, money, start_year_of, year_not_after_next
from bscp_desktop.services.finance.spending import categories_in


@dataclass(frozen=True)
class BudgetLine(AgainstBudget):
    """One category in one year: its budget (None if none set), what was spent, the variance."""

    start_year: int
    category_id: int
    category: str
    budget: Decimal | None
    actual: Decimal
    notes: str = ""

    @property
    def year_label(self) -> str:
        return year_label(self.start_year)

    # the row protocol of lists: one line per category
    id = same_as("category_id")
    name = same_as("category")
    archived = False


def budget_lines_in(session: Session, start_year: int, include_archived_categories: bool = False) -> list[BudgetLine]:
    """Every live category (and any archived one with a budget or spending that year)."""
    budgets = {
        b.category_id: b
        for b in session.scalars(
            select(Budget).join(FinancialYear, FinancialYear.id == Budget.financial_year_id).where(
                FinancialYear.start_year == start_year
            )
        )
    }
    spent: dict[int, Decimal] = {}
    for category_id, amount in session.execute(
        select(ExpenseRecord.category_id, ExpenseRecord.amount)
        .join(FinancialYear, FinancialYear.id == ExpenseRecord.financial_year_id)
        .where(FinancialYear.start_year == start_year, ExpenseRecord.archived_at.is_(None))
    ):
        spent[category_id] = spent.get(category_id, ZERO) + amount
    lines = []
    for category in categories_in(session):
        budget = budgets.get(category.id)
        if category.archived and not include_archived_categories and budget is None and category.id not in spent:
            continue
        lines.append(
            BudgetLine(
                start_year, category.id, category.name, budget.amount if budget else None,
                spent.get(category.id, ZERO), budget.notes if budget else "",
            )
        )
    return lines


def budget_lines(db: Database, start_year: int) -> list[BudgetLine]:
    with db.unit_of_work() as session:
        return budget_lines_in(session, start_year)


def set_budgets(db: Database, financial_year: int | str, amounts: Mapping[int, Decimal | str | None]) -> list[BudgetLine]:
    """Set the budget of each category given (blank clears it) for one year, in one go.

    Errors are keyed ``budget.<category id>`` and name the category.
    """
    try:
        start_year = start_year_of(financial_year)
    except ValueError as exc:
        raise ValidationError({"financial_year": f"Financial year: {exc}"}) from exc
    ahead = Checker()
    year_not_after_next(ahead, "financial_year", start_year)
    ahead.raise_if_any()
    with db.unit_of_work() as session:
        categories = {c.id: c for c in categories_in(session)}
        c = Checker()
        clean: dict[int, Decimal | None] = {}
        for category_id, value in amounts.items():
            category = categories.get(category_id)
            if category is None:
                c.add(f"budget.{category_id}", "Choose the category from the list")
                continue
            clean[category_id] = money(c, f"budget.{category_id}", value, f"Budget for {category.name}", required=False)
        c.raise_if_any()
        year = ensure_year(session, start_year)
        current = {b.category_id: b for b in session.scalars(
            select(Budget).where(Budget.financial_year_id == year.id, Budget.category_id.in_(list(clean))))}
        for category_id, amount in clean.items():  # an archived category's budget may be cleared, not set
            was = current[category_id].amount if category_id in current else None
            if categories[category_id].archived and amount is not None and amount != was:
                c.add(f"budget.{category_id}", f"{categories[category_id].name} is archived: restore it (Finance "
                                               "settings) to budget for it")
        c.raise_if_any()
        set_rows(session, current, {k: {"amount": amount} for k, amount in clean.items() if amount is not None},
                 lambda category_id, **values: Budget(financial_year_id=year.id, category_id=category_id, **values))
        session.flush()
        return budget_lines_in(session, start_year)
