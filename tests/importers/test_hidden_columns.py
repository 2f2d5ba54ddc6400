"""A workbook's hidden columns are refused as its hidden rows are: the person importing did not
see what they hold. A column hidden by hand, in a collapsed group (one entry of the sheet's
columns covering several) or made too narrow to show refuses each row holding anything in it,
naming the column's heading; an empty hidden column is no matter."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.importers import audits as imp
from bscp_desktop.importers.tabular import CellProblem, FieldSpec, read_rows, read_table
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_ratings as sr
from tests.importers.s11_returns import returned

CONTRIBUTIONS = ["Financial year", "Organisation", "Kind", "Agreed", "Received", "Received on"]
PEOPLE = ["Name", "Job title", "Organisation", "Email", "Phone", "Notes", "Old codes"]
HIDDEN = ("is hidden in the workbook (by hand, in a collapsed group or made too narrow to show): unhide the column, "
          "or clear it, then import again.")


def _hidden(heading: str, column: str) -> str:
    return f"{heading} (column {column}) {HIDDEN}"


def _sheet(path: Path, title: str, rows: list[list], hide: str = "") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for letter in hide:
        ws.column_dimensions[letter].hidden = True
    wb.save(path)
    return path


def _with_cols(path: Path, cols: str) -> Path:
    """The workbook at `path` with its first sheet's columns saved as `cols` (a `<cols>` element)."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("<sheetData>", f"{cols}<sheetData>", 1).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def test_a_payment_in_hidden_columns_is_refused_and_nothing_is_saved(db, tmp_path):
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    rows = [CONTRIBUTIONS, ["2024/25", "Brent Council", "Cash", 50000, 50000, "01/05/2024"]]
    path = _sheet(tmp_path / "contributions.xlsx", "Contributions", rows, hide="EF")
    for dry_run in (True, False):
        with pytest.raises(ImportRejected) as refused:
            run_import(db, "contributions", path, dry_run=dry_run)
        assert refused.value.report.bad_rows == [f"Row 2: {_hidden('Received', 'E')} {_hidden('Received on', 'F')}"]
    assert fin.list_contributions(db) == []
    _sheet(path, "Contributions", rows)  # shown again, the same file imports
    assert run_import(db, "contributions", path).added == 1


def test_hidden_notes_of_people_are_refused_and_an_empty_hidden_column_is_no_matter(db, tmp_path):
    rows = [PEOPLE, ["Hidden Col Person", "Officer", "", "hcp@example.org", "", "Stale note from an old list"],
            ["Shown Person", "Officer", "", "sp@example.org", "", ""]]
    path = _sheet(tmp_path / "people.xlsx", "People", rows, hide="FG")  # G: a heading alone
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "people", path)
    assert refused.value.report.bad_rows == [f"Row 2: {_hidden('Notes', 'F')}"]
    assert ms.list_people(db) == []
    _sheet(path, "People", [row[:5] for row in rows] + [["Empty Col Person"]], hide="FG")  # nothing in them
    assert run_import(db, "people", path).added == 3


def test_one_entry_of_a_collapsed_group_hides_each_of_its_columns(tmp_path):
    fields = [FieldSpec("name", "Name", required=True), FieldSpec("job", "Job title"),
              FieldSpec("email", "Email"), FieldSpec("notes", "Notes")]
    path = tmp_path / "people.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "People"
    for row in (["Name", "Job title", "Email", "Notes"], ["Ann", "Officer", "ann@example.org", "Shown"],
                ["Bea", "", "bea@example.org", ""]):
        ws.append(row)
    ws.column_dimensions.group("B", "C", hidden=True, outline_level=1)  # one entry: min 2, max 3
    ws.column_dimensions["D"].collapsed = True  # the group's button, after it, is shown
    wb.save(path)
    saved = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert saved.count("<col ") == 2 and 'min="2" max="3"' in saved
    table = read_table(path, fields, keep_going=True)
    assert table.refused == [f"Row 2: {_hidden('Job title', 'B')} {_hidden('Email', 'C')}",
                             f"Row 3: {_hidden('Email', 'C')}"]
    assert table.rows == []


def test_a_column_too_narrow_to_show_is_hidden_and_one_a_pixel_wide_is_not(tmp_path):
    rows = [["Name", "Notes", "Email"], ["Ann", "Narrow note", "ann@example.org"]]
    fields = [FieldSpec("name", "Name", required=True), FieldSpec("notes", "Notes"), FieldSpec("email", "Email")]
    path = _with_cols(_sheet(tmp_path / "people.xlsx", "People", rows),
                      '<cols><col min="2" max="2" width="0" customWidth="1"/><col min="3" max="3" width="0.08"/></cols>')
    read = read_rows(path, "People")
    assert isinstance(read[1][1][1], CellProblem) and read[1][1][1] == "Narrow note"
    assert not isinstance(read[1][1][2], CellProblem)
    assert read_table(path, fields, keep_going=True).refused == [f"Row 2: {_hidden('Notes', 'B')}"]


def test_a_column_hidden_from_far_left_to_the_sheet_s_end_is_read_within_the_rows(tmp_path):
    """Excel hides "every column from here on" as one entry up to column XFD (16,384)."""
    rows = [["Name", "Notes"], ["Ann", ""], ["Bea", "", "", "stray value"]]
    path = _with_cols(_sheet(tmp_path / "people.xlsx", "People", rows),
                      '<cols><col min="3" max="16384" hidden="true"/></cols>')
    read = dict(read_rows(path, "People"))
    assert isinstance(read[3][3], CellProblem) and not any(isinstance(c, CellProblem) for c in read[2])


def test_an_answer_in_a_hidden_column_of_a_section_11_return_is_refused(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    header = returned(db, cycle, out, {1: {"Rating": "Green"}, 2: {"Rating": "Red", "Evidence": "Unseen evidence"}})
    wb = load_workbook(out)
    ws = wb["Section 11 return"]
    evidence = next(c.column_letter for c in ws[header] if c.value == "Evidence")
    ws.column_dimensions[evidence].hidden = True
    wb.save(out)
    with pytest.raises(ImportRejected) as refused:
        imp.import_s11(db, out, today=date(2024, 5, 1))
    assert refused.value.report.bad_rows == [f"Row {header + 2}: {_hidden('Evidence', evidence)}"]
    assert [(r.self_rating, r.evidence) for r in sr.list_ratings(db, cycle.id) if r.self_rating or r.evidence] == []
