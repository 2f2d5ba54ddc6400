"""Reading cells as the team sees them: saved mappings over built-in headings, formula results
and error cells, merged cells, timestamps in date columns, and files that cannot be opened."""

from __future__ import annotations

import builtins
import csv
import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from bscp_desktop.importers import ImportFileError, ImportRejected, match_headings, run_import
from bscp_desktop.importers.tabular import FieldSpec, cell_date, read_rows, read_table
from bscp_desktop.importers.training import fields_for
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import settings as st

PEOPLE = [FieldSpec("name", "Name", required=True), FieldSpec("organisation", "Organisation"),
          FieldSpec("notes", "Notes")]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def with_saved_results(path: Path, results: dict[str, tuple[str, str]]) -> Path:
    """As Excel saves a workbook: each formula cell keeps its result (type, value) beside it."""
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    xml = parts[sheet].decode()
    for ref, (kind, value) in results.items():
        xml, done = re.subn(rf'<c r="{ref}"([^>]*?)( t="[^"]*")?([^>]*)><f>([^<]*)</f>(?:<v\s*/>|<v></v>)?',
                            rf'<c r="{ref}"\g<1>\g<3> t="{kind}"><f>\g<4></f><v>{value}</v>', xml)
        assert done == 1, ref
    parts[sheet] = xml.encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def workbook(path: Path, rows: list[list], merge: tuple[str, ...] = ()) -> Path:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for cells in merge:
        ws.merge_cells(cells)
    wb.save(path)
    return path


# ------------------------------------------------------------------ saved mappings


LMS = [["Event", "Start date and time", "Places", "Learner", "Title", "Employer"],
       ["Neglect: recognising and responding", "23/05/2022 09:30", "25", "Pat Mapper", "Social Worker", "Brent Council"]]
LMS_MAPPING = {"Event": "course", "Title": "job_title", "Start date and time": "start", "Learner": "delegate",
               "Places": "capacity", "Employer": "organisation"}


def test_a_heading_the_team_mapped_is_read_as_they_mapped_it_not_as_another_fields_heading(tmp_path):
    """'Title' is one of Course's own headings; the team mapped it to Job title."""
    fields = fields_for("bookings", LMS_MAPPING)
    assert "title" not in next(f for f in fields if f.key == "course").aliases
    table = read_table(write_csv(tmp_path / "lms.csv", LMS), fields)
    assert table.rows[0][1]["course"] == "Neglect: recognising and responding"
    assert table.rows[0][1]["job_title"] == "Social Worker"
    # a mapped heading wins even over another field's name itself
    fields = fields_for("bookings", {**LMS_MAPPING, "Title": "course", "Event": "job_title", "Course": "_time"})
    table = read_table(write_csv(tmp_path / "swapped.csv", [["Course", *LMS[0][1:]], ["09:30", *LMS[1][1:]]]), fields)
    assert table.rows[0][1]["course"] == "Social Worker" and table.rows[0][1]["_time"] == "09:30"


def test_a_saved_mapping_imports_an_lms_file_whose_title_is_the_job_title(db, tmp_path):
    path = write_csv(tmp_path / "lms.csv", LMS)
    st.save_mapping(db, "bookings", LMS_MAPPING)
    found = match_headings(db, "bookings", path)[1]
    assert (found["job_title"], found["course"]) == ("Title", "Event")  # the preview reads as the import does
    assert run_import(db, "bookings", path).added == 1  # the saved mapping
    booking = bk.list_bookings(db)[0]
    assert (booking.delegate_name, booking.job_title) == ("Pat Mapper", "Social Worker")


# ------------------------------------------------------------------ formulas and error cells


def test_a_formula_is_read_as_the_text_excel_saved_for_it(tmp_path):
    path = workbook(tmp_path / "people.xlsx", [
        ["First", "Last", "Name", "Organisation", "Notes"],
        ["Ann", "Smith", '=A2&" "&B2', "Brent Council", '=IF(A2="x","y","")'],
        ["Bob", "Jones", '=CONCATENATE(A3," ",B3)', '=UPPER("lbb")', "=1+1"],
    ])
    with_saved_results(path, {"C2": ("str", "Ann Smith"), "E2": ("str", ""), "C3": ("str", "Bob Jones"),
                              "D3": ("str", "LBB"), "E3": ("n", "2")})
    table = read_table(path, PEOPLE)
    assert [cells for _, cells in table.rows] == [
        {"name": "Ann Smith", "organisation": "Brent Council", "notes": ""},
        {"name": "Bob Jones", "organisation": "LBB", "notes": "2"},
    ]


def test_error_cells_and_formulas_excel_has_not_worked_out_refuse_their_rows(tmp_path):
    path = workbook(tmp_path / "people.xlsx", [
        ["Name", "Organisation", "Notes", "Lookup"],
        ["Ann Smith", "#REF!", "fine", "#DIV/0!"],  # a column not read may hold an error
        ["Bob Jones", "Brent Council", "=VLOOKUP(A3,Z:Z,2,0)"],
        ["=1+1", "Brent Council", "#NAME?"],
        ["Cy Diaz", "#N/A", "ok"],
        ["Di Eve", "Brent Council", "#VALUE!"],
    ])
    with_saved_results(path, {"C3": ("e", "#N/A")})
    with pytest.raises(ImportRejected) as refused:
        read_table(path, PEOPLE)
    assert refused.value.report.bad_rows == [
        "Row 2: Organisation (column B) holds a spreadsheet error (#REF!): correct the cell in Excel (or clear it), "
        "then import again.",
        "Row 3: Notes (column C) holds a spreadsheet error (#N/A): correct the cell in Excel (or clear it), then "
        "import again.",
        "Row 4: Name (column A) holds a formula Excel has not worked out ('=1+1'): open the file in Excel, save it "
        "there, then import again. Notes (column C) holds a spreadsheet error (#NAME?): correct the cell in Excel "
        "(or clear it), then import again.",
        "Row 5: Organisation (column B) holds a spreadsheet error (#N/A): correct the cell in Excel (or clear it), "
        "then import again.",
        "Row 6: Notes (column C) holds a spreadsheet error (#VALUE!): correct the cell in Excel (or clear it), "
        "then import again.",
    ]
    assert refused.value.report.summary().startswith("Nothing imported from people.xlsx: 5 of 5 rows have problems")


def test_a_people_workbook_with_an_error_cell_imports_nobody(db, tmp_path):
    path = workbook(tmp_path / "people.xlsx", [["Name", "Job title"], ["Ann Smith", "Officer"], ["Err Ref", "#NULL!"]])
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "people", path)
    assert refused.value.report.bad_rows == [
        "Row 3: Job title (column B) holds a spreadsheet error (#NULL!): correct the cell in Excel (or clear it), "
        "then import again."]
    assert ms.list_people(db) == []


# ------------------------------------------------------------------ merged cells


def test_a_merged_cell_fills_every_row_it_covers(tmp_path):
    path = workbook(tmp_path / "people.xlsx", [
        ["Name", None, "Organisation", "Notes"],  # the Name heading is merged over two columns
        ["M1", "", "Brent Council", "Notes over two cells"],
        ["M2", "", None, None],
        ["M3", "", None, "own"],
        ["M4", "", None, None],
    ], merge=("A1:B1", "C2:C4", "D2:E2"))
    table = read_table(path, PEOPLE)
    assert [cells for _, cells in table.rows] == [
        {"name": "M1", "organisation": "Brent Council", "notes": "Notes over two cells"},
        {"name": "M2", "organisation": "Brent Council", "notes": ""},
        {"name": "M3", "organisation": "Brent Council", "notes": "own"},
        {"name": "M4", "organisation": "", "notes": ""},
    ]
    assert read_rows(path)[1] == (2, ["M1", "", "Brent Council", "Notes over two cells"])


# ------------------------------------------------------------------ dates with times


@pytest.mark.parametrize("text", ["01/02/2024 10:22", "01/02/2024 10:22:31", "1/2/2024 10:22:31",
                                  "2024-02-01 10:22:31", "2024-02-01T10:22:31", "2024-02-01T10:22:31.250",
                                  "2024-02-01 10:22"])
def test_a_date_column_reads_a_timestamp_as_its_date(text):
    assert cell_date(text) == date(2024, 2, 1)


@pytest.mark.parametrize("text", ["01/02/2024 25:22:31", "01/02/2024T10:22", "2024-02-30 10:22:31"])
def test_a_date_column_still_refuses_what_is_not_a_date_and_time(text):
    with pytest.raises(ValueError, match="not a date"):
        cell_date(text)


BOOKING = ["Course", "Session start", "Capacity", "Delegate", "Outcome", "Cancelled on"]


def test_a_cancellation_date_that_cannot_be_read_is_reported_once(db, tmp_path):
    path = write_csv(tmp_path / "b.csv", [BOOKING, ["X", "04/03/2024 09:30", "5", "Ann", "Cancelled", "29/02/2023"],
                                          ["X", "04/03/2024 09:30", "5", "Bob", "Cancelled", "01/03/2024 10:22:31"],
                                          ["X", "04/03/2024 09:30", "5", "Cy", "Cancelled", ""]])
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "bookings", path, dry_run=True)
    assert refused.value.report.bad_rows == [
        "Row 2: Cancelled on: '29/02/2023' is not a date (February 2023 has no 29th); use dd/mm/yyyy.",
        "Row 4: Cancelled on is empty: a cancellation needs its date, to tell whether it was late.",
    ]


# ------------------------------------------------------------------ cells under no heading


SPLIT = ("A comma inside a value splits it in two: put the value in double quotes (\"Smith, John\"). A column of "
         "notes needs a heading of its own.")


def test_a_csv_row_with_more_cells_than_headings_is_a_bad_row_not_a_value_cut_short(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text('Name\nSmith, John\n"Doe, Jane"\nAnn Lee,,\nBob Ray,, Notes  \n', encoding="utf-8")
    with pytest.raises(ImportRejected) as refused:
        read_table(path, PEOPLE[:1])
    assert refused.value.report.bad_rows == [
        "Row 2: This row has more cells than the file has column headings (2 cells; row 1 has 1 column), so "
        f"'John' would not be imported. {SPLIT}",
        "Row 5: This row has more cells than the file has column headings (3 cells; row 1 has 1 column), so "
        f"'Notes' would not be imported. {SPLIT}",
    ]
    assert refused.value.report.summary().startswith("Nothing imported from people.csv: 2 of 4 rows have problems")


def test_a_csv_value_under_a_blank_heading_is_a_bad_row(tmp_path):
    path = write_csv(tmp_path / "people.csv", [["Name", "", "Organisation"], ["Smith", " John", "Brent Council"],
                                                ["Ann Lee", "", "Brent Council"]])
    with pytest.raises(ImportRejected) as refused:
        read_table(path, PEOPLE)
    assert refused.value.report.bad_rows == [
        f"Row 2: Column B has no heading in row 1, so 'John' would not be imported. {SPLIT}"]


def test_the_separator_a_semicolon_or_tab_file_uses_is_the_one_named(tmp_path):
    semicolons = tmp_path / "semicolons.csv"
    semicolons.write_text("Name;Organisation\nSmith; John;Brent Council\n", encoding="utf-8")
    tabs = tmp_path / "tabs.tsv"
    tabs.write_text("Name\tOrganisation\nSmith\tJohn\tBrent Council\n", encoding="utf-8")
    for path, said in ((semicolons, 'A semicolon inside a value splits it in two: put the value in double quotes '
                                    '("Smith; John").'),
                       (tabs, "A tab inside a value splits it in two: put the value in double quotes.")):
        with pytest.raises(ImportRejected) as refused:
            read_table(path, PEOPLE)
        assert f"so 'Brent Council' would not be imported. {said}" in refused.value.report.bad_rows[0]


def test_a_people_csv_with_a_comma_outside_quotes_imports_nobody(db, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("Name\nSmith, John\nAnn Lee\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "people", path)
    assert [line[:6] for line in refused.value.report.bad_rows] == ["Row 2:"]
    assert ms.list_people(db) == []
    path.write_text('Name\n"Smith, John"\nAnn Lee\n', encoding="utf-8")
    run_import(db, "people", path)
    assert sorted(p.name for p in ms.list_people(db)) == ["Ann Lee", "Smith, John"]


NO_HEADING = "Give column {0} a heading of its own, or move what it holds under the heading it belongs to."
MERGED_HEADING = " (a heading merged over several columns names only the first of them)"


def test_a_workbook_value_under_a_heading_merged_over_two_columns_is_a_bad_row(db, tmp_path):
    """'Name' merged over first name and surname: the surname would be lost, as in a CSV file."""
    path = workbook(tmp_path / "people.xlsx", [["Name", None, "Organisation"],
                                               ["Zoë", "Brontë", "Brent Council"],
                                               ["José", "Müller", "Brent Council"]], merge=("A1:B1",))
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "people", path)
    assert refused.value.report.bad_rows == [
        f"Row 2: Column B has no heading in row 1{MERGED_HEADING}, so 'Brontë' would not be imported. "
        + NO_HEADING.format("B"),
        f"Row 3: Column B has no heading in row 1{MERGED_HEADING}, so 'Müller' would not be imported. "
        + NO_HEADING.format("B"),
    ]
    assert ms.list_people(db) == []


def test_a_workbook_value_under_no_heading_is_a_bad_row_naming_its_row_and_column(tmp_path):
    path = workbook(tmp_path / "people.xlsx", [["Name", None, "Organisation"],
                                               ["Ann Smith", "chased 3/5", "Brent Council", None, "see email"],
                                               ["Bob Jones", None, None, "=1+1"],
                                               ["Cy Lee", None, "Brent Council", None, None]])
    with pytest.raises(ImportRejected) as refused:
        read_table(path, PEOPLE)
    assert refused.value.report.bad_rows == [
        "Row 2: Column B has no heading in row 1, so 'chased 3/5' would not be imported. " + NO_HEADING.format("B"),
        "Row 3: Column D has no heading in row 1, so '=1+1' would not be imported. " + NO_HEADING.format("D")]


def test_an_empty_unheaded_workbook_column_and_merged_values_over_one_are_fine(tmp_path):
    path = workbook(tmp_path / "people.xlsx", [["Name", None, "Organisation", None],
                                               ["Ann Smith", None, "Brent Council", None, None, None],
                                               ["Bob Jones", "", "Brent Council"],
                                               ["Cy Lee", None, "Harrow Council"],
                                               [None, "Dee Ray", None, None, None]],
                    merge=("A4:B4", "B5:C5"))  # a name shown over B too; a value over B and C
    table = read_table(path, PEOPLE)
    assert [cells for _, cells in table.rows] == [
        {"name": "Ann Smith", "organisation": "Brent Council"}, {"name": "Bob Jones", "organisation": "Brent Council"},
        {"name": "Cy Lee", "organisation": "Harrow Council"}, {"name": "", "organisation": "Dee Ray"}]


def test_a_value_merged_down_an_unheaded_workbook_column_is_named_once(tmp_path):
    path = workbook(tmp_path / "people.xlsx", [["Name", "Organisation"], ["Ann Smith", "Brent", "chased"],
                                               ["Bob Jones", "Brent"], ["Cy Lee", "Brent"]], merge=("C2:C3",))
    with pytest.raises(ImportRejected) as refused:
        read_table(path, PEOPLE)
    assert refused.value.report.bad_rows == [
        "Row 2: Column C has no heading in row 1, so 'chased' would not be imported. " + NO_HEADING.format("C")]


# ------------------------------------------------------------------ files that cannot be read as they are


def test_headings_not_found_on_a_workbook_of_several_sheets_name_the_sheet_read(tmp_path):
    wb = Workbook()
    wb.active.title = "Read me"
    wb.active.append(["Instructions here"])
    wb.create_sheet("Staff").append(["Name"])
    wb.save(tmp_path / "people.xlsx")
    with pytest.raises(ImportFileError, match="row 1 of the sheet 'Read me' holds: Instructions here"):
        read_table(tmp_path / "people.xlsx", PEOPLE)
    one = workbook(tmp_path / "one.xlsx", [["Instructions here"]])
    with pytest.raises(ImportFileError, match="; row 1 holds: Instructions here"):
        read_table(one, PEOPLE)


@pytest.mark.parametrize("name", ["locked people.csv", "locked people.xlsx"])
def test_a_file_another_program_has_locked_is_named(tmp_path, monkeypatch, name):
    path = tmp_path / name
    if name.endswith(".csv"):
        write_csv(path, [["Name"], ["Ann"]])
    else:
        workbook(path, [["Name"], ["Ann"]])
    real_open = io.open

    def locked(file, *args, **kwargs):
        if str(file).endswith(name):
            raise PermissionError(13, "The process cannot access the file because it is being used by another process")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", locked)
    monkeypatch.setattr(io, "open", locked)
    with pytest.raises(ImportFileError) as refused:
        read_table(path, PEOPLE)
    assert str(refused.value) == f"{name} is open in another program (or locked): close it there and import again."


def test_the_mapping_preview_shows_a_mapped_heading_under_its_own_column_only(db, tmp_path):
    """A heading that is another column's own name ("Course", here the delegate's course of
    study) mapped elsewhere is shown where the import will read it, not under Course too."""
    rows = [["Course", *LMS[0][:4], LMS[0][5]], ["BA Social Work", *LMS[1][:4], LMS[1][5]]]
    mapping = {**LMS_MAPPING, "Course": "job_title"}
    found = match_headings(db, "bookings", write_csv(tmp_path / "lms.csv", rows), mapping)[1]
    assert (found["job_title"], found["course"]) == ("Course", "Event")
