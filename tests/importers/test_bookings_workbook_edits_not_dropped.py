"""The training workbook's Bookings sheet imported back: its reason, follow-up and waiver
columns are not changed by an import, and the report says so, naming where they are changed.
A row whose cell there says something else than its booking is named, so a waiver typed into
the workbook is never dropped with only an "Imported" headline; the training workbook as it
was exported names no row."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.importers import run_import
from bscp_desktop.services.training import bookings as bk

HEADER = ["Course", "Session start", "Capacity", "Delegate", "Email", "Job title", "Organisation", "Booked on",
          "Outcome", "Cancelled on"]
DAY = date.today() - timedelta(days=20)
NOT_CHANGED = ("Not changed by this import (change them in the window, Training tab, Bookings): Reason for not "
               "attending, Followed up on, Charge waived, Reason waived.")
WORKED_OUT = "Columns worked out by the program, not imported: Sector, Late cancellation."
NAMES = ["Ann Able", "Bob Best", "Cat Cole"]


def _write(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _row(name: str, outcome: str = "No-show") -> list[str]:
    email = name.replace(" ", ".").lower() + "@brent.gov.uk"
    return ["Neglect level 3", f"{DAY:%d/%m/%Y} 09:30", "30", name, email, "Social worker", "Brent Council",
            f"{DAY - timedelta(days=30):%d/%m/%Y}", outcome, ""]


def _booking(db, name: str) -> bk.BookingDTO:
    (booking,) = [b for b in bk.list_bookings(db) if b.delegate_name == name]
    return booking


@pytest.fixture
def exported(db, tmp_path) -> Path:
    """Three no-shows imported, one of them followed up and one waived (with a reason of two
    lines), then the training workbook exported."""
    run_import(db, "bookings", _write(tmp_path / "lms.csv", [_row(n) for n in NAMES]))
    bk.record_follow_up(db, _booking(db, "Ann Able").id, "Off sick", DAY + timedelta(days=2))
    bk.waive_charge(db, _booking(db, "Bob Best").id, "Agreed by the chair.\nFirst time only")
    return jobs.export_workbook(db, "training", tmp_path / "Training.xlsx")


def _edit(workbook: Path, name: str, out: Path, **cells) -> tuple[Path, int]:
    """The workbook with the delegate's row on the Bookings sheet changed ({heading: value}), and its row number."""
    wb = load_workbook(workbook)
    ws = wb["Bookings"]
    headings = [c.value for c in ws[1]]
    number = next(r[0].row for r in ws.iter_rows(min_row=2) if r[headings.index("Delegate")].value == name)
    for heading, value in cells.items():
        ws.cell(number, headings.index(heading.replace("_", " ")) + 1).value = value
    wb.save(out)
    return out, number


def test_the_workbook_as_exported_names_its_columns_and_no_row(db, exported):
    for dry_run in (True, False):
        report = run_import(db, "bookings", exported, dry_run=dry_run)
        assert (report.added, report.updated, report.unchanged) == (0, 0, 3)
        assert NOT_CHANGED in report.notes
        assert WORKED_OUT in report.notes
        assert not [n for n in report.notes if "not recognised" in n or n.startswith("Row ")]


def test_a_waiver_typed_into_the_workbook_is_named_and_left_as_it_is(db, exported, tmp_path):
    edited, number = _edit(exported, "Cat Cole", tmp_path / "edited.xlsx", Charge_waived="Yes",
                           Reason_waived="Agreed by the chair")
    expected = (f"Row {number}: Charge waived is Yes in the file but No on record; Reason waived is 'Agreed by the "
                "chair' in the file but blank on record. An import does not change these: change them in the "
                "window, Training tab, Bookings.")
    for dry_run in (True, False):
        report = run_import(db, "bookings", edited, dry_run=dry_run)
        assert NOT_CHANGED in report.notes
        assert [n for n in report.notes if n.startswith("Row ")] == [expected]
    cat = _booking(db, "Cat Cole")
    assert (cat.charge_waived, cat.waiver_reason) == (False, "")


def test_a_follow_up_changed_or_a_waiver_taken_off_in_the_workbook_is_named(db, exported, tmp_path):
    edited, first = _edit(exported, "Ann Able", tmp_path / "one.xlsx", Followed_up_on=DAY + timedelta(days=5))
    edited, second = _edit(edited, "Bob Best", tmp_path / "two.xlsx", Charge_waived="No")
    report = run_import(db, "bookings", edited)
    assert [n for n in report.notes if n.startswith("Row ")] == [
        f"Row {first}: Followed up on is {DAY + timedelta(days=5):%d/%m/%Y} in the file but {DAY + timedelta(days=2):%d/%m/%Y} "
        "on record. An import does not change it: change it in the window, Training tab, Bookings.",
        f"Row {second}: Charge waived is No in the file but Yes on record. An import does not change it: change it "
        "in the window, Training tab, Bookings.",
    ]
    assert _booking(db, "Bob Best").charge_waived


def test_a_new_row_with_a_waiver_is_named_in_the_dry_run_and_after_the_import(db, tmp_path):
    path = _write(tmp_path / "new.csv", [[*_row("Dan Dee"), "Yes"]], [*HEADER, "Charge waived"])
    checked = run_import(db, "bookings", path, dry_run=True)
    assert ("Row 2: Charge waived is Yes in the file but No for the new booking. An import does not change it: "
            "change it in the window, Training tab, Bookings.") in checked.notes
    assert ("Not changed by this import (change it in the window, Training tab, Bookings): Charge waived."
            in checked.notes)
    report = run_import(db, "bookings", path)
    assert report.added == 1
    assert ("Row 2: Charge waived is Yes in the file but No on record. An import does not change it: change it in "
            "the window, Training tab, Bookings.") in report.notes
    assert not _booking(db, "Dan Dee").charge_waived


def test_many_rows_differing_are_named_then_counted(db, tmp_path):
    names = [f"Delegate {letter}{letter}" for letter in "ABCDEFGHIJKLMNOPQRSTUVWXY"]  # 25
    path = _write(tmp_path / "many.csv", [[*_row(n), "Yes"] for n in names], [*HEADER, "Charge waived"])
    report = run_import(db, "bookings", path)
    rows = [n for n in report.notes if n.startswith("Row ")]
    assert len(rows) == 20 and rows[0].startswith("Row 2: ") and rows[-1].startswith("Row 21: ")
    assert ("5 more rows differ from their bookings in the same columns, which an import does not change "
            "(rows 22, 23, 24, 25, 26).") in report.notes


def test_a_file_of_another_system_without_those_columns_says_nothing_of_them(db, tmp_path):
    report = run_import(db, "bookings", _write(tmp_path / "lms.csv", [_row(n) for n in NAMES]))
    assert not [n for n in report.notes if "Not changed by this import" in n or n.startswith("Row ")]
