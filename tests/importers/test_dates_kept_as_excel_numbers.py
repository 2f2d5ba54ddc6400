"""A date column's cell holding the number Excel keeps a date as (45748 for 01/04/2025), shown as
that number because the cell is not formatted as a date, is still refused, with a hint saying
how to make a date of it; every import reads its dates the same way."""

from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import Workbook

from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.importers.audits import read_date
from bscp_desktop.importers.tabular import cell_date
from tests.importers.test_training_import import COLUMNS, COURSE

HINT = "(this looks like a date stored as an Excel number: format the column as a date in Excel and save again)"


@pytest.mark.parametrize("text", ["45748", " 45748 ", "20000", "80000"])
def test_a_whole_number_excel_keeps_a_date_as_is_refused_with_the_hint(text):
    with pytest.raises(ValueError) as refused:
        cell_date(text)
    assert str(refused.value) == f"'{text.strip()}' is not a date; use dd/mm/yyyy {HINT}"


@pytest.mark.parametrize("text", ["19999", "80001", "45748.5", "4574", "1/2/2024x", "٤٥٧٤٨"])
def test_other_text_that_is_no_date_gets_no_hint(text):
    with pytest.raises(ValueError) as refused:
        cell_date(text)
    assert "Excel number" not in str(refused.value)


def test_a_return_reads_its_dates_the_same_way():
    with pytest.raises(ValueError) as refused:
        read_date("45748")
    assert str(refused.value) == f"'45748' is not a date; use dd/mm/yyyy {HINT}"
    with pytest.raises(ValueError) as refused:
        read_date("32/01/2024")
    assert str(refused.value) == "'32/01/2024' is not a date; use dd/mm/yyyy"


def _workbook(path, rows: list[list]):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def test_an_expenditure_date_kept_as_an_excel_number_is_refused_with_the_hint(db, tmp_path):
    path = _workbook(tmp_path / "e.xlsx", [["Date", "Category", "Payee", "Description", "Amount"],
                                           [45748, "Events", "Civic Centre", "Forum", 100]])
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "expenditure", path)
    assert refused.value.report.bad_rows == [f"Row 2: Date: '45748' is not a date; use dd/mm/yyyy {HINT}."]


def test_a_booking_date_kept_as_an_excel_number_is_refused_with_the_hint(db, tmp_path):
    path = _workbook(tmp_path / "b.xlsx", [COLUMNS, [COURSE, datetime(2024, 4, 15, 10), 20, "Ann Lee", "ann@example.org",
                                                     "", "", 45352, "Attended", None]])
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "bookings", path)
    (line,) = refused.value.report.bad_rows
    assert line.startswith("Row 2: ") and f"'45352' is not a date; use dd/mm/yyyy {HINT}" in line
