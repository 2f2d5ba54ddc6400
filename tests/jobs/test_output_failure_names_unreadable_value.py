"""An output written in the background (File > Export) that fails on a value the database holds
but this version cannot read says which record and field hold it, as the command line and the
window's pages do, not Python's words."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop import jobs
from bscp_desktop.jobs.child import sentence
from bscp_desktop.services import finance as fin
from tests.safety.helpers import sql


def test_the_finance_summary_failing_on_a_date_that_is_not_one_names_the_expense(db, db_path, tmp_path):
    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    expense = fin.create_expense(db, fin.ExpenseFields(date(2023, 9, 1), events, "Civic Centre", "Forum", "100")).id
    sql(db_path, f"UPDATE expense SET spent_on = '2024-02-30' WHERE id = {expense}")
    jobs.load_all()
    with pytest.raises(Exception) as raised:
        jobs.write_report(db, "finance", tmp_path / "finance.pdf", year="2023/24")
    said = sentence(raised.value)
    assert f"Expense {expense}: its Spent on holds '2024-02-30' (not a date)" in said
    assert "out of range" not in said and "isoformat" not in said
