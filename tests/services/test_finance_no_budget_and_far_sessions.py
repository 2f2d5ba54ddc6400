"""A year spent in without budgets totals as "No budget" wherever it is shown (one rule), an
opening balance adjusted is said in one sentence, and a training session after the end of next
financial year is neither offered nor counted as a cost to record, and is refused by its name."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from bscp_desktop.db.models.finance import Expense
from bscp_desktop.domain.finance import year_of
from bscp_desktop.domain.finance_summary import BudgetRow, BudgetTotal
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import finance as fin
from bscp_desktop.services.training import courses

M = Decimal


def category_id(db, name: str) -> int:
    return next(c.id for c in fin.list_categories(db) if c.name == name)


def test_a_total_of_rows_without_any_budget_is_no_budget_not_a_budget_of_nothing():
    spent = BudgetTotal.of([BudgetRow("Events", None, M("0.30")), BudgetRow("Website", None, M("2464.00"))])
    assert (spent.budget, spent.actual, spent.budget_text, spent.variance_text) == (
        None, M("2464.30"), "No budget", "£2,464.30 over (no budget)")
    assert BudgetTotal.of([]).budget_text == BudgetTotal.of([]).variance_text == "No budget"
    one_set = BudgetTotal.of([BudgetRow("Events", M("100"), M("40")), BudgetRow("Website", None, M("10"))])
    assert (one_set.budget_text, one_set.variance_text) == ("£100.00", "£50.00 under")


@pytest.mark.slow
def test_a_years_summary_totals_its_budgets_and_says_its_opening_balance_adjustment(db):
    events = category_id(db, "Events")
    fin.create_expense(db, fin.ExpenseFields(date(2024, 7, 1), events, "Venue", "", "250.00"))
    s = fin.year_summary(db, "2024/25")
    assert (s.budgets_total.budget_text, s.budgets_total.variance_text) == ("No budget", "£250.00 over (no budget)")
    assert s.adjustment_texts == ()
    fin.set_budgets(db, 2024, {events: "1,000"})
    year = fin.get_year(db, "2024/25")
    fin.update_year(db, year.id, fin.YearFields("1,234.56", "subtract", "Audited reserves lower"))
    s = fin.year_summary(db, "2024/25")
    assert (s.budgets_total.budget_text, s.budgets_total.variance_text) == ("£1,000.00", "£750.00 under")
    assert s.adjustment_texts == ("The opening balance of 2024/25 was adjusted by -£1,234.56: Audited reserves lower",)


def sessions(db, *days: date) -> list[int]:
    course = courses.create_course(db, courses.CourseFields("Working with fathers"))
    return [courses.create_session(db, courses.SessionFields(course.id, datetime(d.year, d.month, d.day, 10), 20,
                                                             cost="500", facilitator="Ann Mensah")).id
            for d in days]


@pytest.mark.slow
def test_a_session_after_the_end_of_next_financial_year_is_not_offered_nor_recorded(db):
    this_year = year_of(date.today())
    near_day, far_day = date(this_year + 1, 6, 1), date(this_year + 2, 6, 1)  # next year; the one after
    near, far = sessions(db, near_day, far_day)
    assert [c.session_id for c in fin.session_costs_to_record(db)] == [near]
    # once its year is near (a year on), it is offered
    assert [c.session_id for c in fin.session_costs_to_record(db, date(this_year + 1, 4, 1))] == [near, far]

    with pytest.raises(ValidationError) as refused:
        fin.record_session_costs(db, [near, far], category_id(db, "External training facilitators"))
    message = refused.value.errors["training_session_id"]
    assert message.startswith(f"The training session Working with fathers, {far_day.day} Jun {far_day.year}")
    assert f"after the end of next financial year (31/03/{this_year + 2})" in message
    assert "Date" not in message and "spent_on" not in refused.value.errors
    with db.unit_of_work() as s:
        assert s.scalar(select(func.count()).select_from(Expense)) == 0  # the near one is not saved either

    made = fin.record_session_costs(db, [near], category_id(db, "External training facilitators"))
    assert [(e.spent_on, e.training_session_id) for e in made] == [(near_day, near)]
