"""The columns chosen in "Match the columns" for another LMS's file: final for that file,
replacing what was remembered before, and the row read for the headings when none is known."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook

from bscp_desktop.importers import read_headings, run_import
from bscp_desktop.importers.training_columns import remembered
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import settings as st

HEADER = ["Course", "Session start", "Capacity", "User", "Full name", "Status"]
ROWS = [["Neglect basics", "12/03/2024 09:30", "20", "zbronte01", "Zoë Brontë", "Active user"],
        ["Neglect basics", "12/03/2024 09:30", "20", "jmuller02", "José Müller", "Active user"]]
CHOSEN = {"Course": "course", "Session start": "start", "Capacity": "capacity", "Full name": "delegate"}


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_a_column_chosen_for_a_field_is_the_only_one_read_as_it(db, tmp_path):
    """'User' (a login ID) is one of Delegate's own headings; 'Full name' was chosen for it, and
    Outcome was left "not in this file", so the Status column is not read as the outcome."""
    path = write_csv(tmp_path / "lms_user.csv", [HEADER, *ROWS])
    report = run_import(db, "bookings", path, mapping=CHOSEN)
    assert report.added == 2
    assert "Columns not imported (not chosen): User, Status." in report.notes
    assert sorted(b.delegate_name for b in bk.list_bookings(db)) == ["José Müller", "Zoë Brontë"]


def test_a_field_not_in_this_file_reads_no_column_even_its_own_name(db, tmp_path):
    path = write_csv(tmp_path / "lms.csv", [[*HEADER[:3], "Full name", "Outcome"],
                                            [*ROWS[0][:3], "Zoë Brontë", "Active user"]])
    assert run_import(db, "bookings", path, mapping=CHOSEN).added == 1
    assert bk.list_bookings(db)[0].outcome.label == "Booked"


def test_the_preview_reads_a_saved_heading_before_the_fields_own_headings(db, tmp_path):
    path = write_csv(tmp_path / "lms_user.csv", [HEADER, *ROWS])
    st.save_mapping(db, "bookings", {"Full name": "delegate"})
    assert read_headings(db, "bookings", path).found["delegate"] == "Full name"


def test_a_fields_new_heading_replaces_the_one_remembered_before():
    saved = {"Event Title": "course", "Person Ref": "delegate", "Attendance": "outcome", "Seats": "capacity"}
    headings = ["Event Title", "When", "Person Ref", "Attendee Full Name", "Attendance"]
    chosen = {"Event Title": "course", "When": "start", "Attendee Full Name": "delegate"}  # Outcome not in this file
    # Person Ref no longer Delegate; Attendance, seen and not chosen, forgotten; Seats (another file's) kept
    assert remembered(saved, chosen, headings) == {"Seats": "capacity", **chosen}


def test_remembering_a_corrected_choice_lets_the_next_file_import(db, tmp_path):
    path = write_csv(tmp_path / "lms_ids.csv", [["Event Title", "When", "Places", "Person Ref", "Attendee Full Name"],
                                                ["Neglect basics", "12/03/2024 09:30", "20", "U1001", "Zoë Brontë"]])
    headings = read_headings(db, "bookings", path).headings
    first = {"Event Title": "course", "When": "start", "Places": "capacity", "Person Ref": "delegate"}
    st.update_mapping(db, "bookings", lambda saved: remembered(saved, first, headings))
    second = {**{h: k for h, k in first.items() if k != "delegate"}, "Attendee Full Name": "delegate"}
    assert st.update_mapping(db, "bookings", lambda saved: remembered(saved, second, headings)) == second
    assert run_import(db, "bookings", path).added == 1  # the saved mapping, no "two Delegate columns"
    assert bk.list_bookings(db)[0].delegate_name == "Zoë Brontë"
    st.forget_mapping(db, "bookings")
    assert st.load_mapping(db, "bookings") == {}


def test_the_row_read_for_the_headings_is_named_with_its_sheet(db, tmp_path):
    path = tmp_path / "lms.xlsx"
    wb = Workbook()
    wb.active.title = "Instructions"
    wb.active["A1"] = "How to fill this in"
    wb.create_sheet("Attendance").append(["Course", "Session start", "Delegate"])
    wb.save(path)
    row = read_headings(db, "bookings", path)
    assert (row.where, row.holds, any(row.found.values())) == ("row 1 of the sheet 'Instructions'", "How to fill this in", False)
    one = tmp_path / "title.csv"
    write_csv(one, [["Brent LSCP – Training attendance report"], [], ["Course", "Session start", "Delegate"]])
    assert read_headings(db, "bookings", one).where == "row 1"
