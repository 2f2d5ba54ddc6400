"""A formula filled down a column past the rows filled in (an Amount column showing 0 on
thousands of otherwise empty rows) leaves those rows out, and the report says how many and which:
nothing was typed in them. A row where anything was typed, or a formula shows a value, is read
as before; and a bad row names every required column left blank, not only the first few."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from bscp_desktop.importers import ImportFileError, ImportRejected, run_import
from bscp_desktop.importers.report import formulas_alone
from bscp_desktop.services import finance as fin
from bscp_desktop.services.training import bookings as bk
from tests.importers.test_training_import import COLUMNS, COURSE

SPENDING = ["Date", "Category", "Payee", "Description", "Amount"]
LINE = ["01/05/2023", "Events", "Civic Centre", "Spring forum", 120]
BLANKS = "Date is blank. Category is blank. Payee is blank."


def _saved(path: Path, results: dict[str, tuple[str, str]], shared: str = "") -> Path:
    """As Excel saves a workbook: each formula cell keeps its result ({cell: (type, value)}); with
    `shared` (a column's letter), that column's formulas are one formula filled down, as Excel
    keeps it (the first cell holds it, the others refer to it)."""
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    xml = parts[sheet].decode()
    cells = [ref for ref in re.findall(rf'<c r="({shared}\d+)"><f>', xml) if ref in results] if shared else []

    def saved(match: re.Match) -> str:
        ref, formula = match[1], match[2]
        if ref not in results:
            return match[0]
        kind, value = results[ref]
        if ref in cells:
            formula_tag = (f'<f t="shared" ref="{cells[0]}:{cells[-1]}" si="0">{formula}</f>' if ref == cells[0]
                           else '<f t="shared" si="0"/>')
        else:
            formula_tag = f"<f>{formula}</f>"
        return f'<c r="{ref}" t="{kind}">{formula_tag}<v>{value}</v></c>'

    xml = re.sub(r'<c r="(\w+)"><f>([^<]*)</f><v\s*/?>(?:</v>)?</c>', saved, xml)
    parts[sheet] = xml.encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _workbook(path: Path, rows: list[list]) -> Path:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def _filled_down(tmp_path: Path, lines: list[list], empty: int, extra: list[list] = ()) -> Path:
    """A spending workbook: `lines`, then `extra`, then `empty` rows whose Amount is a formula showing 0."""
    rows = [SPENDING, *lines, *extra]
    first = len(rows) + 1
    rows += [["", "", "", "", f"=SUMIF(Z{n}:Z{n},\">0\")"] for n in range(first, first + empty)]
    path = _workbook(tmp_path / "spend.xlsx", rows)
    return _saved(path, {f"E{n}": ("n", "0") for n in range(first, first + empty)}, shared="E")


def test_three_thousand_rows_of_a_formula_filled_down_are_left_out_and_said(db, tmp_path):
    path = _filled_down(tmp_path, [LINE, ["02/05/2023", "Events", "Town Hall", "Summer forum", 80]], 3_000)
    report = run_import(db, "expenditure", path)
    assert (report.added, report.bad_rows) == (2, [])
    assert ("3,000 rows held only formulas with no value (showing 0 or nothing) and were left out: rows 4 to "
            "3,003.") in report.notes
    assert sorted(e.amount for e in fin.list_expenses(db)) == [80, 120]


def test_a_row_with_anything_typed_beside_the_formula_is_still_a_bad_row_naming_every_blank(db, tmp_path):
    path = _filled_down(tmp_path, [LINE], 2, extra=[["", "", "", "Forgot the rest", "=0"]])
    _saved(path, {"E3": ("n", "0")})
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "expenditure", path)
    assert refused.value.report.bad_rows == ["Row 3: Date is blank. Category is blank. Payee is blank."]
    assert ("2 rows held only formulas with no value (showing 0 or nothing) and were left out: rows 4 to 5."
            in refused.value.report.notes)
    assert fin.list_expenses(db) == []


def test_a_row_with_text_typed_in_a_column_not_imported_is_not_left_out(db, tmp_path):
    rows = [[*SPENDING, "Notes"], LINE, ["", "", "", "", "=0", "Paid twice: check"]]
    path = _saved(_workbook(tmp_path / "spend.xlsx", rows), {"E3": ("n", "0")})
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "expenditure", path)
    assert refused.value.report.bad_rows == [f"Row 3: {BLANKS}"]


def test_a_zero_typed_in_a_cell_is_a_value_not_a_formula(db, tmp_path):
    path = _workbook(tmp_path / "spend.xlsx", [SPENDING, LINE, ["", "", "", "", 0]])
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "expenditure", path)
    assert refused.value.report.bad_rows == [f"Row 3: {BLANKS}"]
    assert refused.value.report.notes == []


def test_formulas_showing_nothing_or_a_zero_date_are_left_out_with_the_zero(db, tmp_path):
    rows = [SPENDING, LINE, ['=IF(Z3="","",Z3)', "", "", '=IF(Z3="","",Z3)', "=Z3*1"]]
    path = _workbook(tmp_path / "spend.xlsx", rows)
    _saved(path, {"A3": ("str", ""), "D3": ("str", ""), "E3": ("n", "0")})
    report = run_import(db, "expenditure", path)
    assert report.added == 1
    assert "1 row held only formulas with no value (showing 0 or nothing) and was left out: row 3." in report.notes


def test_a_formula_showing_a_value_keeps_its_row(db, tmp_path):
    path = _saved(_workbook(tmp_path / "spend.xlsx", [SPENDING, LINE, ["", "", "", "", "=Z3+5"]]), {"E3": ("n", "5")})
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "expenditure", path)
    assert refused.value.report.bad_rows == [f"Row 3: {BLANKS}"]


def test_a_formula_excel_has_not_worked_out_on_an_empty_row_is_still_refused(db, tmp_path):
    path = _workbook(tmp_path / "spend.xlsx", [SPENDING, LINE, ["", "", "", "", "=Z3*2"]])
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "expenditure", path)
    assert refused.value.report.bad_rows[0].startswith("Row 3: Amount (column E) holds a formula Excel has not worked out")


def test_a_sheet_of_formulas_alone_has_no_rows_to_import_and_says_why(db, tmp_path):
    path = _filled_down(tmp_path, [], 3)
    with pytest.raises(ImportFileError) as refused:
        run_import(db, "expenditure", path)
    assert str(refused.value) == ("spend.xlsx has a header row but no rows to import under it (its 3 rows below it "
                                  "hold only formulas showing 0 or nothing).")


def test_bookings_leave_out_rows_of_a_capacity_formula_filled_down(db, tmp_path):
    rows = [COLUMNS, [COURSE, "15/04/2024 10:00", 20, "Ann Lee", "ann@example.org", "", "", "", "", ""],
            *([""] * 2 + ["=C2*0"] for _ in range(3))]
    path = _saved(_workbook(tmp_path / "bookings.xlsx", rows), {f"C{n}": ("n", "0") for n in (3, 4, 5)})
    report = run_import(db, "bookings", path, dry_run=True)
    assert report.added == 1 and report.bad_rows == []
    assert "3 rows held only formulas with no value (showing 0 or nothing) and were left out: rows 3 to 5." in report.notes
    assert bk.list_bookings(db) == []  # a dry run


def test_an_expenditure_row_names_a_blank_payee_with_the_other_blanks(db, tmp_path):
    path = tmp_path / "spend.csv"
    path.write_text("Date,Category,Payee,Description,Amount\n,,,,0\n01/05/2023,Events,,Forum,10\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "expenditure", path)
    assert refused.value.report.bad_rows == [f"Row 2: {BLANKS}", "Row 3: Payee is blank."]


def test_an_evaluation_row_names_a_blank_course_with_a_blank_session_start(db, tmp_path):
    path = tmp_path / "evaluations.csv"
    path.write_text("Course,Session start,Delegate,Learning outcome,Before,After\n,,Ann Lee,1,2,4\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "evaluations", path)
    assert refused.value.report.bad_rows == ["Row 2: Course is empty. Session start is empty."]


def test_the_note_names_the_rows_left_out_as_stretches_then_how_many_more():
    assert formulas_alone([4, 6, 7, 8, 12]) == ("5 rows held only formulas with no value (showing 0 or nothing) and "
                                                "were left out: rows 4, 6 to 8 and 12.")
    assert formulas_alone([2, 4, 6, 8, 10, 12, 14, 15, 16, 20]).endswith("rows 2, 4, 6, 8, 10, 12 and 4 more.")
