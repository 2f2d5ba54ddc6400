"""A file whose heading row is repeated lower down (two exports pasted one under the other) is
read as the rows under both: the table reader leaves the repeated headings out, for every import,
instead of refusing the whole file with a problem for each of its columns. A row with one
heading-like word among its values is imported, or refused, like any other row."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.importers.finance import EXPENDITURE_FIELDS
from bscp_desktop.importers.headings_again import headings_again_note
from bscp_desktop.importers.tabular import read_table
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import finance as fin
from bscp_desktop.services.training import bookings as bk
from tests.importers.test_finance_imports import EXPENDITURE_COLUMNS, write_xlsx
from tests.importers.test_finance_imports import write_csv as write_rows
from tests.importers.test_training_import import COLUMNS as BOOKING_COLUMNS
from tests.importers.test_training_import import ROWS as BOOKINGS
from tests.importers.test_training_import import write_csv as write_bookings

SPRING = ["01/05/2023", "Events", "Venues", "Spring forum", "100"]
AUTUMN = ["01/10/2023", "Events", "Trainers Ltd", "Autumn course", "250"]


def _spent(db) -> list[tuple[date, str, Decimal]]:
    return sorted((e.spent_on, e.description, e.amount) for e in fin.list_expenses(db, 2023))


def test_expenditure_exports_pasted_one_under_the_other_import_both(db, tmp_path):
    path = write_rows(tmp_path / "spend.csv", [EXPENDITURE_COLUMNS, SPRING, EXPENDITURE_COLUMNS, AUTUMN])

    report = run_import(db, "expenditure", path)

    assert (report.added, report.bad_rows) == (2, [])
    assert "Row 3 repeats the column headings, so it is left out." in report.notes
    assert _spent(db) == [(date(2023, 5, 1), "Spring forum", Decimal("100.00")),
                          (date(2023, 10, 1), "Autumn course", Decimal("250.00"))]
    table = read_table(path, EXPENDITURE_FIELDS)
    assert ([number for number, _cells in table.rows], table.headings_again) == ([2, 4], [3])
    assert headings_again_note(table.headings_again) == "Row 3 repeats the column headings, so it is left out."


def test_a_workbook_repeating_its_headings_in_other_words_and_case_imports_its_rows(db, tmp_path):
    again = [" DATE ", "expense category", "Supplier", "description", "Amount £"]
    path = write_xlsx(tmp_path / "spend.xlsx", [EXPENDITURE_COLUMNS, SPRING, again, AUTUMN, again])

    report = run_import(db, "expenditure", path)

    assert (report.added, report.bad_rows) == (2, [])
    assert "Rows 3 and 5 repeat the column headings, so they are left out." in report.notes
    assert read_table(path, EXPENDITURE_FIELDS).headings_again == [3, 5]
    assert headings_again_note([3, 5]) == "Rows 3 and 5 repeat the column headings, so they are left out."


def test_bookings_exports_pasted_one_under_the_other_import_every_booking(db, tmp_path):
    path = write_bookings(tmp_path / "bookings.csv", [*BOOKINGS[:3], BOOKING_COLUMNS, *BOOKINGS[3:]])

    report = run_import(db, "bookings", path)

    assert report.bad_rows == []
    assert "Row 5 repeats the column headings, so it is left out." in report.notes
    assert sorted(b.delegate_name for b in bk.list_bookings(db)) == sorted(row[3] for row in BOOKINGS)


def test_a_case_tracker_with_its_headings_again_imports_its_cases(db, tmp_path):
    from tests.importers.test_case_review_tracker import write_csv as write_cases
    from tests.importers.test_case_tracker_all_problems import COLUMNS as CASE_COLUMNS
    from tests.importers.test_case_tracker_all_problems import _row as case_row

    path = write_cases(tmp_path / "cases.csv", [case_row({"Alias": "Child Q1"}), CASE_COLUMNS,
                                                 case_row({"Alias": "Child Q2"})], CASE_COLUMNS)

    report = run_import(db, "case-reviews", path)

    assert (report.added, report.bad_rows) == (2, [])
    assert "Row 3 repeats the column headings, so it is left out." in report.notes
    assert sorted(c.alias for c in cr.list_case_reviews(db)) == ["Child Q1", "Child Q2"]


def test_a_row_with_one_heading_like_word_among_its_values_is_imported(db, tmp_path):
    path = write_rows(tmp_path / "spend.csv", [EXPENDITURE_COLUMNS, ["01/05/2023", "Events", "Venues", "Amount", "100"],
                                               ["01/06/2023", "Events", "Payee", "Description", "100"]])

    report = run_import(db, "expenditure", path)

    assert (report.added, report.bad_rows) == (2, [])
    assert [text for _day, text, _amount in _spent(db)] == ["Amount", "Description"]


def test_a_row_holding_only_a_heading_like_word_is_refused_not_left_out(db, tmp_path):
    path = write_rows(tmp_path / "spend.csv", [EXPENDITURE_COLUMNS, SPRING, ["", "", "", "Description", ""]])

    with pytest.raises(ImportRejected) as refused:
        run_import(db, "expenditure", path)

    assert [line.split(":")[0] for line in refused.value.report.bad_rows] == ["Row 3"]
    assert read_table(path, EXPENDITURE_FIELDS).headings_again == []


def test_a_people_list_with_one_heading_word_in_another_column_keeps_the_row(db, tmp_path):
    path = Path(tmp_path / "people.csv")
    path.write_text("Name,Job title\nAnn Lee,Job title\nName,Job title\n", encoding="utf-8")

    report = run_import(db, "people", path)

    assert (report.added, report.notes) == (1, ["Row 3 repeats the column headings, so it is left out."])
