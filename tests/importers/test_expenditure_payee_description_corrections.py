"""An expenditure line whose payee or description was corrected in the exported finance workbook
is imported beside the line on record, which no row names any more: the report says so plainly,
in the dry run and the import alike, so the spending is not counted twice unnoticed. A workbook
imported again unchanged, and a new line of another amount, say nothing of it."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.importers import run_import
from bscp_desktop.services import finance as fin

pytestmark = pytest.mark.both_engines

NEAR = "everything but the"


def rows_of(workbook: Path) -> dict[str, int]:
    """The row number of each expenditure line in the workbook, by its description."""
    sheet = load_workbook(workbook)["Expenditure"]
    return {row[4].value: row[0].row for row in sheet.iter_rows(min_row=2) if row[2].value}


def edited(workbook: Path, path: Path, cells: dict[str, str], more: list | None = None) -> Path:
    book = load_workbook(workbook)
    sheet = book["Expenditure"]
    for ref, value in cells.items():
        sheet[ref] = value
    if more:
        sheet.insert_rows(2)
        for column, value in enumerate(more, start=1):
            sheet.cell(2, column, value)
    book.save(path)
    return path


def spending(db) -> Decimal:
    return sum((e.amount for e in fin.list_expenses(db)), Decimal("0"))


@pytest.mark.slow
def test_a_description_and_a_payee_corrected_in_the_workbook_are_named_in_the_report(demo_db, tmp_path):
    workbook = jobs.export_workbook(demo_db, "finance", tmp_path / "Finance.xlsx")
    rows = rows_of(workbook)
    events = rows["Events (total for the period)"]
    facilitators = rows["External facilitators for training (total for the period)"]
    path = edited(workbook, tmp_path / "edited.xlsx", {
        f"E{events}": "Events (total for the period) - venues", f"D{facilitators}": "Training Associates Ltd"})
    before = spending(demo_db)
    venues = (f"Row {events} (Venues and event suppliers, Events (total for the period) - venues, 31/03/2024, "
              "£5,036.00) matches a line on record described as 'Events (total for the period)' in everything but "
              "the description: if it corrects that line, change the line in the Finance tab instead (this import "
              "{} it as a second line).")
    trainers = (f"Row {facilitators} (Training Associates Ltd, External facilitators for training (total for the "
                "period), 31/03/2024, £4,250.00) matches a line on record paid to 'External training facilitators' "
                "in everything but the payee: if it corrects that line, change the line in the Finance tab instead "
                "(this import {} it as a second line).")

    checked = run_import(demo_db, "expenditure", path, dry_run=True)
    assert (checked.added, checked.unchanged) == (2, 2)
    assert [n for n in checked.notes if NEAR in n] == sorted([venues.format("would add"), trainers.format("would add")])
    assert venues.format("would add") in checked.lines()  # what the command line and the window show
    assert spending(demo_db) == before

    report = run_import(demo_db, "expenditure", path)
    assert (report.added, report.unchanged) == (2, 2)
    assert [n for n in report.notes if NEAR in n] == sorted([venues.format("adds"), trainers.format("adds")])
    assert spending(demo_db) == before + Decimal("9286.00")  # lines are still matched on all five columns

    again = run_import(demo_db, "expenditure", path)  # now on record: nothing added, nothing to warn about
    assert (again.added, again.unchanged) == (0, 4)
    assert [n for n in again.notes if NEAR in n] == []


@pytest.mark.slow
def test_the_workbook_imported_again_unchanged_says_nothing_new(demo_db, tmp_path):
    workbook = jobs.export_workbook(demo_db, "finance", tmp_path / "Finance.xlsx")
    report = run_import(demo_db, "expenditure", workbook)
    assert (report.added, report.unchanged) == (0, 4)
    assert [n for n in report.notes if NEAR in n] == []


@pytest.mark.slow
def test_a_new_line_of_another_amount_on_the_same_day_is_no_correction(demo_db, tmp_path):
    workbook = jobs.export_workbook(demo_db, "finance", tmp_path / "Finance.xlsx")
    new = ["31/03/2024", "2023/24", "Events", "Caterers Ltd", "Lunch at the forum", 120]
    report = run_import(demo_db, "expenditure", edited(workbook, tmp_path / "more.xlsx", {}, new))
    assert (report.added, report.unchanged) == (1, 4)
    assert [n for n in report.notes if NEAR in n] == []


COLUMNS = ["Date", "Category", "Payee", "Description", "Amount"]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([COLUMNS, *rows])
    return path


def test_the_lines_a_row_may_correct_are_named_by_what_differs(db, tmp_path):
    run_import(db, "expenditure", write_csv(tmp_path / "a.csv", [
        ["01/05/2024", "Events", "Venue Ltd", "Hall hire", "200"],
        ["01/05/2024", "Events", "Caterers Ltd", "", "200"],
        ["01/05/2024", "Events", "Printers Ltd", "Leaflets", "90"]]))
    report = run_import(db, "expenditure", write_csv(tmp_path / "b.csv", [
        ["01/05/2024", "Events", "Town Hall", "Room hire", "200"],
        ["01/05/2024", "Events", "Printers Ltd", "Leaflets", "90"]]), dry_run=True)
    assert report.notes == [
        "Row 2 (Town Hall, Room hire, 01/05/2024, £200.00) matches lines on record named 'Caterers Ltd', "
        "'Venue Ltd, Hall hire' in everything but the payee and description: if it corrects one of them, change "
        "the line in the Finance tab instead (this import would add it as a second line)."]
    # a line on record another row of the file names is kept by the file: no correction of it
    assert run_import(db, "expenditure", write_csv(tmp_path / "c.csv", [
        ["01/05/2024", "Events", "Town Hall", "Room hire", "200"],
        ["01/05/2024", "Events", "Venue Ltd", "Hall hire", "200"],
        ["01/05/2024", "Events", "Caterers Ltd", "", "200"]]), dry_run=True).notes == []
