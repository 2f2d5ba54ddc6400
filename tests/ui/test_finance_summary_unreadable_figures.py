"""Finance > Summary when its figures could not be read (a sum another program left in the file
too large for pounds and pence): the page says only that, naming the record and field in plain
words, never the decimal module's own error; it shows no figures of an earlier read and not the
charts' "No income recorded for this period.", which would say the period had none."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QLabel

from bscp_desktop.services import finance as fin
from bscp_desktop.ui.finance.summary import SummaryPage
from tests.safety.helpers import sql
from tests.ui.helpers import settled

TODAY = date(2024, 6, 3)


@pytest.fixture
def page(qtbot, db):
    page = SummaryPage(db, None, today=TODAY)
    qtbot.addWidget(page)
    page.show()
    return page


def _expense(db) -> int:
    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    return fin.create_expense(db, fin.ExpenseFields(date(2023, 9, 1), events, "Civic Centre", "Forum", "100")).id


def _shown_words(page) -> list[str]:
    return [label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page) and label.text()]


def _read(page) -> None:
    page.reload()
    settled(page)


def test_figures_that_could_not_be_read_are_said_without_an_empty_period(page, db, db_path):
    expense = _expense(db)
    _read(page)
    assert page.error.isHidden() and "Expenditure" in page.tables  # the figures, read
    sql(db_path, f"UPDATE expense SET amount = 1e308 WHERE id = {expense}")
    _read(page)
    assert page.error.isVisibleTo(page)
    said = page.error.text()
    assert said.startswith("The figures could not be read. A record in the database holds a value this version "
                           f"cannot read: Expense {expense}: its Amount holds 1e+308 (not a whole number).")
    assert "InvalidOperation" not in said and "<class" not in said
    shown = " ".join(_shown_words(page))
    assert "No income recorded" not in shown and "No expenditure recorded" not in shown
    assert "Civic Centre" not in shown and "Events" not in shown and page.tables == {}  # nothing of the earlier read
    assert not page.income_view.isVisibleTo(page) and not page.spending_view.isVisibleTo(page)

    sql(db_path, f"UPDATE expense SET amount = 10000 WHERE id = {expense}")  # put right: the figures again
    _read(page)
    assert page.error.isHidden() and "Expenditure" in page.tables
    assert page.spending_view.isVisibleTo(page) and page.spending_view.chart is not None
    assert page.income_view.isVisibleTo(page) and page.income_view.empty.isVisibleTo(page)  # none received: said so
