"""A value far to the right of a list's headings (column XFD, the last one Excel has): the row's list
of cells stops near the headings, the cell kept apart, so an import reads such a sheet as cheaply
as any other and says of it what it says of a value in the column next to the last heading."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from bscp_desktop.db.database import Database
from bscp_desktop.importers import audits as ia
from bscp_desktop.importers.report import ImportRejected
from bscp_desktop.importers.tabular import FieldSpec, ImportFileError, read_rows, read_table
from bscp_desktop.importers.workbook_sheets import WIDE, WIDEST
from tests.built_once import built_copy
from tests.importers.test_audit_returns import build_setup
from tests.importers.test_audit_returns_cells import _s11

XFD = 16384  # Excel's last column
FIELDS = [FieldSpec("name", "Name", required=True), FieldSpec("role", "Role")]
NO_HEADING = ("Row {n}: Column {c} has no heading in row 1, so '{v}' would not be imported. Give column {c} "
              "a heading of its own, or move what it holds under the heading it belongs to.")


def workbook(path: Path, rows: list[list], far: dict[int, str]) -> Path:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for number, value in far.items():
        ws.cell(row=number, column=XFD, value=value)
    wb.save(path)
    return path


def test_a_value_in_column_xfd_is_kept_apart_and_no_row_is_built_to_it(tmp_path):
    path = workbook(tmp_path / "far.xlsx", [["Name", "Role"]] + [[f"Person {n}", "Chair"] for n in range(2, 42)],
                    {n: "x" for n in range(2, 42)} | {50: "only this"})
    rows = read_rows(path)
    assert max(len(cells) for _n, cells in rows) <= WIDE  # never 16,384 cells a row
    assert rows.beyond == {n: ((XFD - 1, "x"),) for n in range(2, 42)} | {50: ((XFD - 1, "only this"),)}
    with pytest.raises(ImportRejected) as refused:
        read_table(path, FIELDS)
    assert refused.value.report.bad_rows == [NO_HEADING.format(n=n, c="XFD", v="x") for n in range(2, 42)]
    table = read_table(path, FIELDS, keep_going=True)  # row 50 holds nothing under a heading: left out, as before
    assert [n for n, _cells in table.rows] == [] and len(table.refused) == 40


def test_a_first_row_reaching_column_xfd_is_refused_naming_the_cell_not_read_that_wide(tmp_path):
    """Every later row would be read as wide as the first: one stray cell in XFD1 would cost a
    list of 16,384 cells a row."""
    path = workbook(tmp_path / "far-heading.xlsx", [["Name", "Role"]] + [[f"Person {n}", "Chair"] for n in range(2, 42)],
                    {1: "x"} | {n: "y" for n in range(2, 42)})
    with pytest.raises(ImportFileError) as refused:
        read_rows(path)
    assert str(refused.value) == ("Cell XFD1 of the sheet 'Sheet' of far-heading.xlsx holds 'x', far to the right of "
                                  "the other headings: delete it, or move it next to them, then import again.")
    with pytest.raises(ImportFileError):
        read_table(path, FIELDS)


def test_a_first_row_of_three_hundred_headings_side_by_side_is_read_as_before(tmp_path):
    """A survey's export: the columns past the list's own are not imported, and said so."""
    headings = ["Name", "Role", *(f"Question {n}" for n in range(3, 301))]
    path = workbook(tmp_path / "survey.xlsx", [headings, ["Jo Bloggs", "Chair", *(["Yes"] * 298)]], {})
    table = read_table(path, FIELDS)
    assert [values for _n, values in table.rows] == [{"name": "Jo Bloggs", "role": "Chair"}]
    assert table.ignored_headers[:2] == ["Question 3", "Question 4"] and len(table.ignored_headers) == 298
    assert len(read_rows(path)[0][1]) == 300 < WIDEST


def test_the_nearest_value_past_the_headings_is_the_one_named(tmp_path):
    path = workbook(tmp_path / "near.xlsx", [["Name", "Role"], ["Jo", "Chair", None, "note"], ["Al", "Member"]],
                    {2: "far", 3: "far too"})
    with pytest.raises(ImportRejected) as refused:
        read_table(path, FIELDS)
    assert refused.value.report.bad_rows == [NO_HEADING.format(n=2, c="D", v="note"),
                                             NO_HEADING.format(n=3, c="XFD", v="far too")]


def test_a_list_with_no_far_value_reads_as_before(tmp_path):
    path = workbook(tmp_path / "plain.xlsx", [["Name", "Role"], ["Jo", "Chair"]], {})
    assert read_rows(path).beyond == {}
    assert read_table(path, FIELDS).rows == [(2, {"name": "Jo", "role": "Chair"})]


@pytest.fixture
def setup(request, db_path):
    return {"path": db_path, **built_copy(request, "audit-returns", build_setup, db_path)}


@pytest.mark.slow  # builds a database and a return
def test_a_return_with_a_value_in_column_xfd_is_refused_naming_the_cell(setup, tmp_path):
    with Database.open(setup["path"]) as db:
        out, wb, ws, header, _cols = _s11(db, tmp_path)
        ws.cell(row=header + 2, column=XFD, value="Text far away")
        wb.save(out)
        with pytest.raises(ImportFileError, match=rf"Cell XFD{header + 2} of the sheet '.+' of {out.name} holds "
                                                  "'Text far away', far to the right of the return's table"):
            ia.import_s11(db, out, today=date(2024, 6, 1))

