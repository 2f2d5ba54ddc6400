"""The Finance tab: an archived expense, income line or contribution is not edited (Edit not
offered, saying why, as for an archived payment) and the totals line says archived rows are not
counted; the Year dialog warns when an adjustment takes the reserves below zero; the Summary's
period error follows what is typed; the Budgets page says no budget is set even when money was
spent."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.finance import ContributionKind
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.finance.dialogs import YearDialog
from bscp_desktop.ui.finance.pages import BudgetsPage
from bscp_desktop.ui.finance.tab import FinanceTab
from tests.ui.helpers import settled

TODAY = date(2024, 6, 3)


@pytest.fixture
def tab(qtbot, db):
    widget = FinanceTab(db, None, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1300, 850)
    widget.show()
    return widget


def _events(db) -> int:
    return next(c.id for c in fin.list_categories(db) if c.name == "Events")


def _police(db) -> int:
    return ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE)).id


def _with_archived(qtbot, tab, page) -> None:
    tab.sections.setCurrentWidget(page)
    page.show_archived.setChecked(True)
    page.reload()
    settled(page)


def _select(page, archived: bool) -> None:
    row = page.proxy.proxy_row(lambda r: r.archived == archived)
    page.table.selectRow(row)
    assert page.selected().archived == archived


def _pages(db):
    """Each page with a live row and an archived one: (attribute on the tab, noun, totals wanted)."""
    events, police = _events(db), _police(db)
    for amount in ("100.00", "250.00"):
        kept = fin.create_expense(db, fin.ExpenseFields(date(2024, 5, 1), events, "Venue", "", amount))
    fin.archive_expense(db, kept.id)
    for amount in ("40.00", "60.00"):
        line = fin.create_income(db, fin.IncomeFields(date(2024, 5, 2), "Grant", amount, police))
    fin.archive_income(db, line.id)
    fin.create_contribution(db, fin.ContributionFields("2024/25", police, ContributionKind.CASH, "5000"))
    health = ms.create_organisation(db, ms.OrganisationFields("British Transport Police", OrganisationKind.POLICE)).id
    old = fin.create_contribution(db, fin.ContributionFields("2024/25", health, ContributionKind.CASH, "900"))
    fin.archive_contribution(db, old.id)
    return [
        ("expenditure", "expense", "1 expense: £100.00 (archived ones not counted)."),
        ("income", "income line", "1 line: £40.00 (archived ones not counted)."),
        ("contributions", "contribution", "1 cash contribution: agreed £5,000.00, received £0.00, "
                                          "still owed £5,000.00 (archived ones not counted)."),
    ]


def test_archived_finance_rows_shown_are_said_not_to_be_counted(qtbot, db, tab):
    for name, _noun, totals in _pages(db):
        page = getattr(tab, name)
        _with_archived(qtbot, tab, page)
        assert page.proxy.rowCount() == 2
        assert page.totals.text() == totals
        page.show_archived.setChecked(False)
        settled(page)
        assert "archived" not in page.totals.text()


def test_an_archived_finance_row_is_not_offered_for_editing(qtbot, db, tab, monkeypatch):
    for name, noun, _totals in _pages(db):
        page = getattr(tab, name)
        _with_archived(qtbot, tab, page)
        _select(page, archived=True)
        assert not page.edit_action.isEnabled()
        assert page.edit_action.toolTip() == f"The {noun} is archived: restore it to change it."
        opened = []
        monkeypatch.setattr(page, "edit_dialog", lambda parent, row, opened=opened: opened.append(row))
        page.activate(page.selected())  # a double-click or Enter on it opens nothing
        page.on_edit()
        assert opened == []
        _select(page, archived=False)
        assert page.edit_action.isEnabled()
        page.on_edit()
        assert len(opened) == 1 and not opened[0].archived


def test_only_archived_rows_shown_say_they_are_not_counted(qtbot, db, tab):
    spent = fin.create_expense(db, fin.ExpenseFields(date(2024, 5, 1), _events(db), "Venue", "", "100.00"))
    fin.archive_expense(db, spent.id)
    _with_archived(qtbot, tab, tab.expenditure)
    assert tab.expenditure.totals.text() == "Only archived rows are shown: archived ones are not counted."


def _year_after_a_reserve_of_1000(db) -> fin.YearDTO:
    fin.create_year(db, "2023/24", fin.YearFields("1000", fin.AdjustmentDirection.ADD, "Audited reserves"))
    fin.create_year(db, "2024/25")
    year = fin.get_year(db, "2024/25")
    assert year.carried_forward == 1000
    return year


def test_the_year_dialog_warns_when_an_adjustment_takes_the_reserves_below_zero(qtbot, db):
    dialog = YearDialog(db, _year_after_a_reserve_of_1000(db))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.below_zero.isHidden()
    dialog.adjustment.setText("1,500.00")
    dialog.reason.setPlainText("Audited reserves lower")
    assert dialog.below_zero.isHidden()  # added to the reserves
    dialog.direction.setCurrentIndex(dialog.direction.findData(fin.AdjustmentDirection.SUBTRACT))
    assert not dialog.below_zero.isHidden()
    assert dialog.below_zero.text() == "This takes the reserves below zero: -\u2060£500.00 on 1 April 2024."
    assert dialog.check() == {}  # a warning, not a refusal: a deficit can be real
    dialog.adjustment.setText("1,000.00")
    assert dialog.below_zero.isHidden()  # down to zero, not below it
    dialog.adjustment.setText("1,500.00")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert fin.get_year(db, "2024/25").opening == -500


def test_the_summary_period_error_follows_the_dates_typed(qtbot, db, tab):
    page = tab.summary
    tab.sections.setCurrentWidget(page)
    settled(page)
    page.date_from.line.setText("01/04/2024")
    page.date_to.line.setText("01/01/2023")
    settled(page)
    assert page.by_period.isChecked() and not page.error.isHidden()
    assert page.error.text().startswith("The last day (1 January 2023) cannot be before the first day")
    page.date_to.line.setText("31/02/2025")
    assert not page.error.isHidden()
    assert page.error.text().startswith("Period to: '31/02/2025' is not a date")
    page.date_to.line.setText("31/03/2025")
    settled(page)
    assert page.error.isHidden()


def test_the_budgets_page_says_no_budget_is_set_even_when_money_was_spent(qtbot, db):
    fin.create_expense(db, fin.ExpenseFields(date(2024, 5, 1), _events(db), "Venue", "", "1500.00"))
    page = BudgetsPage(db, None, today=TODAY)
    qtbot.addWidget(page)
    page.reload()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
    assert page.heading.text() == "No budgets set for 2024/25 yet: press Edit budgets to set one for each category."
    assert next(r for r in page.cell_texts() if r[0] == "Events")[4] == "£1,500.00 over (no budget)"
    fin.set_budgets(db, 2024, {_events(db): "1000"})
    page.reload()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
    assert page.heading.text().startswith("Budgets for 2024/25 against what was spent")
