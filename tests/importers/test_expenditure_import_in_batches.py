"""A large expenditure file is written in bulk, not a line at a time: the new lines are
numbered and given their change history together. Every line is still added once, numbered in
the file's order, in its own financial year, with its history, and found again by a re-import."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import event, func, select

from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.db.models.finance import Expense, FinancialYear
from bscp_desktop.importers import run_import
from bscp_desktop.services import finance as fin
from bscp_desktop.services.finance.spending import ADDED_AT_ONCE
from tests.importers.test_finance_imports import EXPENDITURE_COLUMNS, write_csv

LINES = ADDED_AT_ONCE * 2 + 1


def _rows() -> list[list[str]]:
    first = date(2023, 3, 1)  # across 31 March: two financial years
    return [EXPENDITURE_COLUMNS] + [
        [(first + timedelta(days=i % 60)).strftime("%d/%m/%Y"), "Events", f"Venue {i}", f"Line {i}", f"{i + 1}.50"]
        for i in range(LINES)
    ]


def test_a_large_file_is_written_in_bulk_each_line_once_with_its_history(db, tmp_path):
    writes: list[int] = []
    event.listen(db._sessions, "after_flush", lambda session, _context: writes.append(len(session.new)))
    said: list[str] = []
    report = run_import(db, "expenditure", write_csv(tmp_path / "spent.csv", _rows()),
                        progress=lambda done, total, words="": said.append(words))
    assert report.added == LINES and not report.bad_rows
    assert len(writes) < 10  # the years, then the lines in bulk: not one write a line
    assert f"Saving line {LINES:,} of {LINES:,}…" in said
    with db.unit_of_work() as s:
        lines = s.execute(select(Expense.id, Expense.payee, Expense.amount, FinancialYear.start_year)
                          .join(FinancialYear, FinancialYear.id == Expense.financial_year_id)
                          .order_by(Expense.id)).all()
        history = s.scalar(select(func.count(func.distinct(ChangeRecord.record_id)))
                           .where(ChangeRecord.table_name == "expense"))
    assert [payee for _, payee, _, _ in lines] == [f"Venue {i}" for i in range(LINES)]  # in the file's order
    assert lines[-1][2] == Decimal(f"{LINES}.50")
    assert {year for *_, year in lines} == {2022, 2023}
    assert history == LINES  # every line has its change history
    again = run_import(db, "expenditure", write_csv(tmp_path / "again.csv", _rows()))
    assert again.added == 0 and again.unchanged == LINES
    assert len(fin.list_expenses(db, 2022)) + len(fin.list_expenses(db, 2023)) == LINES
