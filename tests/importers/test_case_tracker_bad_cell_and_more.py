"""A case tracker row the file reader refuses for a cell it cannot read (Excel's 29/02/1900, a
spreadsheet error) is checked for its other cells too, in the same pass: a missing incident type
on it is named with the bad date, not only once the date is put right. A check that depends on
the cell that could not be read is left out, and the file reader hands the rest of the row over
without changing what other imports are given."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.importers.case_reviews import FIELDS
from bscp_desktop.importers.tabular import read_table
from bscp_desktop.services import case_reviews as cr

COLUMNS = ["Reference", "Alias", "Incident type", "Incident date", "Became aware", "Considered on", "Sex"]
LEAP_DAY = ("holds 29/02/1900, which is not a real date (Excel's 1900 leap-year error): enter the date meant, "
            "then import again.")
EARLY = ("Considered on: Considered by the Case Review Group (01/01/2024) cannot be before the date the local "
         "authority became aware (05/02/2024).")


def _tracker(path: Path, *rows: dict[str, object]) -> Path:
    """A tracker workbook of `rows` ({heading: value}); a whole number in a date column is a date
    serial, shown as a date (60 is Excel's 29/02/1900), and "#REF!" a spreadsheet error."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Cases"
    ws.append(COLUMNS)
    for number, row in enumerate(rows, start=2):
        ws.append([row.get(column) for column in COLUMNS])
        for at, column in enumerate(COLUMNS, start=1):
            cell = ws.cell(number, at)
            if isinstance(row.get(column), int):
                cell.number_format = "dd/mm/yyyy"
            elif row.get(column) == "#REF!":
                cell.data_type = "e"
    wb.save(path)
    return path


def _case(**cells: object) -> dict[str, object]:
    """A new case with a good alias, incident type and dates, but for `cells`."""
    return {"Alias": "Child Q9", "Incident type": "Death", "Incident date": date(2024, 2, 1),
            "Became aware": date(2024, 2, 5), **cells}


def _refused(db, path: Path) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        run_import(db, "case-reviews", path)
    return caught.value.report.bad_rows


def test_a_leap_day_date_and_a_missing_incident_type_are_both_named_in_one_pass(db, tmp_path):
    bad = _refused(db, _tracker(tmp_path / "cases.xlsx", _case(**{"Incident type": None, "Incident date": 60})))
    assert bad == [f"Row 2: Incident date (column D) {LEAP_DAY} Incident type is blank: choose Death or Serious harm."]
    assert cr.list_case_reviews(db) == []


def test_the_rest_of_a_refused_row_is_checked_but_not_what_hangs_on_its_bad_cell(db, tmp_path):
    path = _tracker(tmp_path / "cases.xlsx",
                    # a Became aware that could not be read is not said to be missing, nor to be after Considered on
                    _case(**{"Became aware": 60, "Considered on": date(2024, 2, 2), "Sex": "Femal"}),
                    # a word not among the choices and a date out of order, beside a spreadsheet error
                    _case(**{"Alias": "Child Q8", "Reference": "#REF!", "Sex": "X", "Considered on": date(2024, 1, 1)}),
                    _case(**{"Alias": "Child Q7"}))
    assert _refused(db, path) == [
        f"Row 2: Became aware (column E) {LEAP_DAY} Sex 'Femal' is not one of: Female, Male, Not known.",
        "Row 3: Reference (column A) holds a spreadsheet error (#REF!): correct the cell in Excel (or clear it), "
        f"then import again. Sex 'X' is not one of: Female, Male, Not known. {EARLY}",
    ]
    assert cr.list_case_reviews(db) == []


def test_the_file_reader_hands_over_what_it_could_read_of_a_refused_row(tmp_path):
    path = _tracker(tmp_path / "cases.xlsx", _case(**{"Incident date": 60, "Sex": "Female"}), _case(Alias="Child Q7"))
    table = read_table(path, FIELDS, keep_going=True)
    assert [number for number, _cells in table.rows] == [3]  # as before: the refused row is not among the rows
    assert table.refused == [f"Row 2: Incident date (column D) {LEAP_DAY}"]
    (row,) = table.refused_rows
    assert (row.number, row.unreadable) == (2, frozenset({"incident_date"}))
    assert row.cells == {"alias": "Child Q9", "incident_type": "Death", "became_aware": "05/02/2024", "sex": "Female",
                         "reference": "", "considered_on": ""}
