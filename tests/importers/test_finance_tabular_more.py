"""A workbook's rows with a bad cell (a formula Excel has not worked out, an error, a value
under no heading) can be kept apart while the other rows are read (`read_table(keep_going=True)`),
so an import names every bad row in one go; and the finance imports name the years they keep
as a date's message names them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook

from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.importers.finance import EXPENDITURE_FIELDS
from bscp_desktop.importers.tabular import ImportFileError, read_table

ROWS = [
    ["Date", "Category", "Payee", "Description", "Amount"],
    ["01/05/2024", "Events", "Hall", "Hire", "=2+3"],  # 2: a formula with no saved result
    ["31/02/2024", "Events", "Hall", "Hire", "10"],  # 3: read; the import finds the date bad
    ["01/05/2024", "Events", "#REF!", "Hire", "10", None, "stray"],  # 4: an error cell and a value under no heading
    ["01/05/2024", "Events", "Hall", "Hire", "5"],  # 5: read
]


def workbook(path: Path, rows: list[list]) -> Path:
    wb = Workbook()
    wb.active.title = "Expenditure"
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def test_keep_going_reads_the_other_rows_and_names_each_bad_one(tmp_path):
    path = workbook(tmp_path / "spent.xlsx", ROWS)
    table = read_table(path, EXPENDITURE_FIELDS, keep_going=True)
    assert [number for number, _cells in table.rows] == [3, 5]
    assert [line.split(":")[0] for line in table.refused] == ["Row 2", "Row 4"]
    assert "Amount (column E) holds a formula Excel has not worked out ('=2+3')" in table.refused[0]
    assert "Payee (column C) holds a spreadsheet error (#REF!)" in table.refused[1]
    assert "Column G has no heading in row 1" in table.refused[1]


def test_without_keep_going_the_bad_cells_refuse_the_file_as_before(tmp_path):
    path = workbook(tmp_path / "spent.xlsx", ROWS)
    with pytest.raises(ImportRejected) as refused:
        read_table(path, EXPENDITURE_FIELDS)
    assert [line.split(":")[0] for line in refused.value.report.bad_rows] == ["Row 2", "Row 4"]
    assert refused.value.report.summary().startswith("Nothing imported from spent.xlsx: 2 of 4 rows have problems")


def test_keep_going_with_every_row_bad_is_no_empty_file(tmp_path):
    path = workbook(tmp_path / "spent.xlsx", ROWS[:2])
    table = read_table(path, EXPENDITURE_FIELDS, keep_going=True)
    assert table.rows == [] and len(table.refused) == 1
    with pytest.raises(ImportFileError, match="no rows to import"):
        read_table(workbook(tmp_path / "empty.xlsx", ROWS[:1]), EXPENDITURE_FIELDS, keep_going=True)


def test_a_financial_year_out_of_range_is_named_as_financial_years(db, tmp_path):
    """A date's message names the years 1900 to 2200; a financial year's said "1900 to 2199",
    as if a date in 2200 were refused: it names the financial years, 1900/01 to 2199/00."""
    path = tmp_path / "contributions.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([
            ["Financial year", "Organisation", "Kind", "Agreed", "Invoiced on", "Received", "Received on"],
            ["2200/01", "Brent Council", "Cash", "100", "", "", ""],
            ["2023/24", "Brent Council", "Cash", "100", "01/05/1899", "", ""],
        ])
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "contributions", path, dry_run=True)
    assert refused.value.report.bad_rows == [
        "Row 2: Financial year: 2200/01 is outside the financial years this program keeps (1900/01 to 2199/00).",
        "Row 3: Invoiced on: '01/05/1899' is outside the years 1900 to 2200.",
    ]
