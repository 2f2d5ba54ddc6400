"""The Budgets page's Total row of a year without any budgets says so, as each row does,
rather than "On budget" or "Over budget"."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.services import finance as fin
from bscp_desktop.ui.finance.pages import BudgetsPage

TODAY = date(2024, 6, 3)


@pytest.fixture
def page(qtbot, db):
    page = BudgetsPage(db, None, today=TODAY)
    qtbot.addWidget(page)
    return page


def total_row(qtbot, page) -> list[str]:
    page.reload()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
    rows = page.cell_texts()
    assert rows[-1][0] == "Total"
    return rows[-1]


def test_the_total_of_a_year_without_budgets_says_no_budget(qtbot, db, page):
    assert total_row(qtbot, page) == ["Total", "No budget", "£0.00", "£0.00", "No budget"]
    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    fin.create_expense(db, fin.ExpenseFields(date(2024, 5, 1), events, "Venue", "", "1500.00"))
    row = total_row(qtbot, page)
    events_row = next(r for r in page.cell_texts() if r[0] == "Events")
    assert events_row[4] == "£1,500.00 over (no budget)"
    assert row == ["Total", "No budget", "£1,500.00", "-£1,500.00", "£1,500.00 over (no budget)"]


def test_the_total_of_a_year_with_a_budget_is_against_it(qtbot, db, page):
    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    fin.set_budgets(db, 2024, {events: "1000"})
    assert total_row(qtbot, page) == ["Total", "£1,000.00", "£0.00", "£1,000.00", "Under budget"]
    fin.create_expense(db, fin.ExpenseFields(date(2024, 5, 1), events, "Venue", "", "1000.00"))
    assert total_row(qtbot, page)[4] == "On budget"
