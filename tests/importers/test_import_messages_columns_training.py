"""The bookings and evaluations imports name the column a bad cell is in: a Session time cell that
is no time names Session time (not Session start), with the hint a date column gets for a
number Excel keeps a time of day as (0.395833 for 09:30); and an evaluation whose Session start
cannot be read still names a course that is not on record, as it names a blank one."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook

from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.importers.training_evaluations import session_start
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs

TIME_HINT = "(this looks like a time stored as an Excel number: format the column as a time in Excel and save again)"
NO_TIME = "is not a time; use HH:MM (24-hour clock)"


def _csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _refused(db, kind: str, path: Path) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        run_import(db, kind, path)
    return caught.value.report.bad_rows


@pytest.mark.parametrize("text", ["0.395833", "0.3958333333333333", ".5"])
def test_a_time_excel_keeps_as_a_number_is_refused_naming_session_time_with_the_hint(text):
    with pytest.raises(ValueError) as refused:
        session_start("01/09/2026", text)
    assert str(refused.value) == f"Session time: '{text}' {NO_TIME} {TIME_HINT}"


@pytest.mark.parametrize("text", ["9:75", "half nine", "0.3958x", "10.395833"])
def test_other_text_that_is_no_time_gets_no_hint(text):
    with pytest.raises(ValueError) as refused:
        session_start("01/09/2026", text)
    assert str(refused.value) == f"Session time: '{text}' {NO_TIME}"


def test_a_session_time_that_cannot_be_read_beside_a_start_with_a_time_is_named_as_no_time():
    with pytest.raises(ValueError) as refused:
        session_start("01/09/2026 09:30", "0.395833")
    assert str(refused.value) == f"Session time: '0.395833' {NO_TIME} {TIME_HINT}"


def test_a_booking_whose_session_time_is_an_excel_number_names_the_column_with_the_hint(db, tmp_path):
    wb = Workbook()
    wb.active.append(["Course", "Session date", "Session time", "Capacity", "Delegate"])
    wb.active.append(["Time course", "01/03/2024", 0.3958333333333333, 10, "Ann A"])  # a number cell, as Excel keeps it
    wb.save(tmp_path / "bookings.xlsx")
    bad = _refused(db, "bookings", tmp_path / "bookings.xlsx")
    assert bad == [f"Row 2: Session time: '0.395833333333333' {NO_TIME} {TIME_HINT}."]
    assert bk.list_bookings(db) == []


def test_an_evaluation_whose_session_time_is_an_excel_number_names_the_column_with_the_hint(db, tmp_path):
    cs.create_course(db, cs.CourseFields("Time course"))
    header = ["Course", "Session date", "Session time", "Delegate", "Before", "After"]
    bad = _refused(db, "evaluations", _csv(tmp_path / "e.csv", header, [["Time course", "01/03/2024", "0.395833",
                                                                          "Ann A", "2", "4"]]))
    assert bad == [f"Row 2: Session time: '0.395833' {NO_TIME} {TIME_HINT}."]


def test_an_evaluation_whose_start_cannot_be_read_names_a_course_not_on_record_too(db, tmp_path):
    cs.create_course(db, cs.CourseFields("Time course"))
    header = ["Course", "Session start", "Delegate", "Before", "After"]
    rows = [["No such course", "31/02/2024 09:30", "Ann A", "2", "4"],
            ["", "31/02/2024 09:30", "Bo B", "2", "4"],
            ["time  COURSE", "31/02/2024 09:30", "Cy C", "2", "4"]]  # on record, but for capitals and spaces
    bad = _refused(db, "evaluations", _csv(tmp_path / "e.csv", header, rows))
    start = "Session start: '31/02/2024 09:30' is not a date and time (February 2024 has no 31st); use dd/mm/yyyy HH:MM."
    assert bad == [f"Row 2: There is no course called 'No such course'. {start}",
                   f"Row 3: Course is empty. {start}",
                   f"Row 4: {start}"]
