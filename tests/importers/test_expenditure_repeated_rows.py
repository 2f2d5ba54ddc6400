"""An expenditure file may hold the same line twice (the same date, category, payee, description
and amount): two payments alike are two lines. Both are added, as before, but the import now
names each repeat and the row it repeats, so a row copied twice by mistake is seen and can be
archived; before, "6 rows; 6 added" said nothing of it. A file imported again, its lines
already on record, still leaves them as they are, with no such note."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bscp_desktop.importers import run_import
from bscp_desktop.importers.finance import TEMPLATE_NOTES
from bscp_desktop.services import finance as fin

pytestmark = pytest.mark.both_engines

COLUMNS = ["Date", "Category", "Payee", "Description", "Amount"]
LINE = ["31/03/2024", "Events", "Acme", "dup", "50.00"]
REPEAT = ("Row {row} is the same as row {first} (date, category, payee, description and amount): it {added} as "
          "a payment of its own. If the row was copied twice, archive the line it added in the Finance tab.")


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([COLUMNS, *rows])
    return path


def spending(db) -> list[tuple[str, Decimal]]:
    return sorted((e.description, e.amount) for e in fin.list_expenses(db, 2023))


def repeats(report) -> list[str]:
    return [note for note in report.notes if "is the same as row" in note]


def test_a_row_repeating_another_is_added_and_named_with_the_row_it_repeats(db, tmp_path):
    path = write_csv(tmp_path / "spend.csv", [
        ["30/03/2024", "Events", "Venue Ltd", "Forum", "120.00"],
        LINE,
        LINE,
        ["31/03/2024", "events", "ACME", "DUP", "£50"],  # the same line, written otherwise
    ])
    tried = run_import(db, "expenditure", path, dry_run=True)
    assert repeats(tried) == [REPEAT.format(row=4, first=3, added="would be added"),
                              REPEAT.format(row=5, first=3, added="would be added")]
    assert spending(db) == []
    report = run_import(db, "expenditure", path)
    assert (report.added, report.bad_rows) == (4, [])
    assert repeats(report) == [REPEAT.format(row=4, first=3, added="was added"),
                               REPEAT.format(row=5, first=3, added="was added")]
    assert spending(db) == sorted([("Forum", Decimal("120.00")), ("DUP", Decimal("50.00"))] + [("dup", Decimal("50.00"))] * 2)


def test_two_payments_told_apart_by_their_description_are_added_with_no_note(db, tmp_path):
    path = write_csv(tmp_path / "spend.csv", [[*LINE[:3], "Invoice 101", "50.00"], [*LINE[:3], "Invoice 102", "50.00"]])
    report = run_import(db, "expenditure", path)
    assert (report.added, report.unchanged, repeats(report)) == (2, 0, [])


def test_a_file_imported_again_leaves_two_identical_lines_on_record_as_they_are(db, tmp_path):
    """Two identical payments entered in the Finance tab, then exported and imported back: both
    rows match a line on record, so nothing is added and nothing is said of repeats."""
    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    for _ in range(2):
        fin.create_expense(db, fin.ExpenseFields(date(2024, 3, 31), events, "Acme", "dup", "50.00"))
    report = run_import(db, "expenditure", write_csv(tmp_path / "spend.csv", [LINE, LINE]))
    assert (report.added, report.unchanged, repeats(report)) == (0, 2, [])
    assert spending(db) == [("dup", Decimal("50.00"))] * 2


def test_a_repeat_beyond_the_lines_on_record_is_added_and_named(db, tmp_path):
    run_import(db, "expenditure", write_csv(tmp_path / "one.csv", [LINE]))
    report = run_import(db, "expenditure", write_csv(tmp_path / "two.csv", [LINE, LINE]))
    assert (report.added, report.unchanged) == (1, 1)
    assert repeats(report) == [REPEAT.format(row=3, first=2, added="was added")]


def test_the_template_says_identical_rows_are_two_payments_and_named():
    assert any("Two rows the same in every column are two payments" in note for note in TEMPLATE_NOTES["expenditure"])
