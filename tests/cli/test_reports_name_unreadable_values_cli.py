"""A report or workbook the command line cannot write for a value another program left in the
file (a sum too large for pounds and pence, a date that is not one) names the record and field
holding it, as `check` does, in one plain sentence with exit status 2: never Python's words,
never "unexpected error"."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.services import finance as fin
from tests.safety.helpers import assert_refused, cli, sql


def _plain(line: str) -> None:
    for python in ("InvalidOperation", "<class", "decimal", "unexpected error", "month must be", "Traceback"):
        assert python not in line, line


@pytest.fixture
def huge_expense(db, db_path) -> int:
    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    expense = fin.create_expense(db, fin.ExpenseFields(date(2023, 9, 1), events, "Civic Centre", "Forum", "100")).id
    db.close()
    sql(db_path, f"UPDATE expense SET amount = 1e308 WHERE id = {expense}")
    return expense


@pytest.mark.parametrize("args", [
    ["report", "finance", "--year", "2023/24", "-o", "finance.pdf"],
    ["export", "xlsx", "-o", "all.xlsx"],
], ids=["finance report", "workbook"])
def test_a_sum_too_large_names_the_expense_and_its_amount(huge_expense, db_path, tmp_path, args):
    args = [*args[:-1], tmp_path / args[-1]]
    line = assert_refused(cli("--db", db_path, *args),
                          f"A record in the database holds a value this version cannot read: Expense {huge_expense}: "
                          "its Amount holds 1e+308 (not a whole number).",
                          "restore a backup (bscp-desktop restore).",
                          "Run bscp-desktop check --db with the same database to name every such value.")
    _plain(line)


def test_a_date_that_is_not_one_names_the_membership_and_its_start_date(db, db_path, world, tmp_path):
    db.close()
    sql(db_path, "UPDATE membership SET start_date = '2024-13-01' WHERE id = 1")
    line = assert_refused(cli("--db", db_path, "report", "members", "-o", tmp_path / "members.pdf"),
                          "Membership 1: its Start date holds '2024-13-01' (not a date)", "bscp-desktop check")
    _plain(line)
