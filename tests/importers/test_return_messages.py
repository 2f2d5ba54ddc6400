"""What a refused return says: a changed standard title is answered with the whole title the
return was written with; a column added before the table's first leaves its table readable; the
summary counts the rows of the table alone and names a line above it by its label."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.cell_range import CellRange

from bscp_desktop.importers import audits as imp
from bscp_desktop.importers.report import ImportRejected, ImportReport
from bscp_desktop.services.audits import section11 as s11
from tests.importers.s11_returns import returned

LONG = "Service development informed by the views of children and families"


def _edit(path, change) -> None:
    wb = load_workbook(path)
    change(wb["Section 11 return"])
    wb.save(path)


def test_a_changed_title_is_answered_with_the_whole_title_the_return_was_written_with(db, cycle, tmp_path):
    number = next(s.number for s in s11.list_standards(db, cycle.id) if s.title == LONG)
    out = tmp_path / "return.xlsx"
    header = returned(db, cycle, out, {number: {"Rating": "Green", "Standard": "Listening to children"}})
    with pytest.raises(ImportRejected) as refused:
        imp.import_s11(db, out)
    assert refused.value.report.bad_rows == [
        f"Row {header + number}: Standard {number}'s title was changed to 'Listening to children': put back the "
        f"title the return was written with, “{LONG}”."]


def test_a_column_added_before_the_table_leaves_its_answers_readable(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    returned(db, cycle, out, {1: {"Rating": "Green", "Evidence": "Policy"}, 2: {"Rating": "Amber"}})

    def add_column(ws):  # as Excel does it: the merged lines move with their cells
        merged = [CellRange(str(m)) for m in ws.merged_cells.ranges]
        for m in merged:
            ws.unmerge_cells(str(m))
        ws.insert_cols(1)
        for m in merged:
            m.shift(col_shift=1)
            ws.merge_cells(str(m))
        header = next(r[1].row for r in ws.iter_rows() if r[1].value == "No.")
        ws.cell(header, 1).value = "Our ref"

    _edit(out, add_column)
    report = imp.import_s11(db, out)
    assert (report.added, report.bad_rows) == (2, [])
    assert "Columns not imported (not recognised): Our ref." in report.notes


def test_a_bad_agency_line_is_named_apart_from_the_rows_of_the_table(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    returned(db, cycle, out, {1: {"Rating": "Green"}})

    def other_agency(ws):
        ws.cell(next(r[0].row for r in ws.iter_rows() if r[0].value == "Agency"), 2).value = "Brent Council"

    _edit(out, other_agency)
    with pytest.raises(ImportRejected) as refused:
        imp.import_s11(db, out)
    assert refused.value.report.summary() == ("Nothing imported from return.xlsx: the Agency line has problems; "
                                              "correct them and import the file again.")


def test_the_summary_counts_table_rows_and_names_the_lines_above_it():
    report = ImportReport("Section 11 return", "r.xlsx", rows=8, labels={3: "Agency", 6: "Completed by"},
                          bad_rows=["Row 3: Wrong agency.", "Row 6: Hidden.", "Row 12: Bad rating."])
    assert report.summary() == ("Nothing imported from r.xlsx: the Agency and Completed by lines, and 1 of 8 rows, "
                                "have problems; correct them and import the file again.")
    plain = ImportReport("people", "p.csv", rows=8, bad_rows=["Row 3: Bad.", "Row 4: Bad."])
    assert plain.summary() == "Nothing imported from p.csv: 2 of 8 rows have problems; correct them and import the file again."
