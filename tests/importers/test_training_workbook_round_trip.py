"""The training workbook's Bookings and Evaluations sheets (`export xlsx --area training`) import
again: into the database they came from nothing changes, and into a new database they bring back
what the bookings and evaluations imports read."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bscp_desktop import jobs
from bscp_desktop.db.database import Database
from bscp_desktop.db.models.training import TrainingCourse
from bscp_desktop.importers import run_import
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev

COURSE = "Neglect: recognising and responding"


def _workbook(db, path: Path) -> Path:
    jobs.load_all()
    return jobs.XLSX_AREAS["training"].run(db, path)


def _bookings(db, linked: bool = True) -> list[tuple]:
    """What the bookings import reads and works out, for each booking; with `linked`, the
    organisation each counts for too (found by the other names Memberships keeps)."""
    capacity = {s.id: s.capacity for s in cs.list_sessions(db)}
    return sorted((b.course_title, b.starts_at, capacity[b.session_id], b.delegate_name, b.email, b.job_title,
                   b.organisation_name, b.organisation if linked else "", b.booked_on, b.outcome, b.cancelled_on,
                   b.late_cancellation, b.gave_up_place) for b in bk.list_bookings(db))


def _evaluations(db) -> list[tuple]:
    """What the evaluations import reads, for each evaluation."""
    return sorted((e.course_title, e.starts_at, e.delegate_name, e.booking_id is not None, e.comments,
                   e.delegate_follow_up, e.manager_follow_up, tuple((s.outcome, s.before, s.after) for s in e.scores))
                  for e in ev.list_evaluations(db))


def test_the_workbooks_bookings_headings_are_read_with_the_organisation_as_booked(db, tmp_path):
    ms.create_organisation(db, ms.OrganisationFields("Central North West London NHS Trust", "icb", "CNWL"))
    path = tmp_path / "Training.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Course", "Session starts", "Capacity", "Delegate", "Email", "Organisation (as booked)",
                         "Organisation", "Sector", "Outcome"])
        writer.writerow([COURSE, "15/04/2024 10:00", "20", "Ann Lee", "ann@example.org", "CNWL",
                         "Central North West London NHS Trust", "Health", "Attended"])
        writer.writerow([COURSE, "15/04/2024 10:00", "", "Bo Chan", "bo@example.org", "Sufra NW London",
                         "Sufra NW London", "Not matched", "Attended"])
    report = run_import(db, "bookings", path)
    assert (report.added, report.bad_rows) == (2, [])
    assert any("Organisation (as booked) is read" in note for note in report.notes)
    booked = {b.delegate_name: b for b in bk.list_bookings(db)}
    assert booked["Ann Lee"].organisation_name == "CNWL"  # as booked, linked to the organisation it names
    assert booked["Ann Lee"].organisation == "Central North West London NHS Trust"
    assert booked["Bo Chan"].organisation_name == "Sufra NW London"
    again = run_import(db, "bookings", path, dry_run=True)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)


@pytest.mark.slow
def test_the_workbooks_sheets_import_into_the_same_database_changing_nothing(demo_db, tmp_path):
    bookings, evaluations = _bookings(demo_db), _evaluations(demo_db)
    path = _workbook(demo_db, tmp_path / "Training.xlsx")
    report = run_import(demo_db, "bookings", path)
    assert (report.added, report.updated, report.bad_rows) == (0, 0, [])
    assert report.unchanged == len(bookings)
    assert "Session starts" not in " ".join(report.notes)  # read, not left out
    report = run_import(demo_db, "evaluations", path)
    assert (report.added, report.updated, report.bad_rows) == (0, 0, [])
    assert report.unchanged == len(evaluations)
    assert (_bookings(demo_db), _evaluations(demo_db)) == (bookings, evaluations)


def _with_capacity(path: Path) -> Path:
    """The workbook with each booking's session's Capacity (from its Sessions sheet) beside it on
    Bookings: a new session needs its number of places, which the Bookings sheet does not give."""
    wb = load_workbook(path)
    sessions = wb["Sessions"]
    heads = [c.value for c in sessions[1]]
    places = {(r[heads.index("Course")], r[heads.index("Starts")]): r[heads.index("Capacity")]
              for r in sessions.iter_rows(min_row=2, values_only=True)}
    sheet = wb["Bookings"]
    column = sheet.max_column + 1
    sheet.cell(1, column, "Capacity")
    for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        sheet.cell(number, column, places[(row[0], row[1])])
    wb.save(path)
    return path


@pytest.mark.slow
def test_the_workbooks_sheets_bring_the_bookings_and_evaluations_back_into_a_new_database(
        demo_db, memberships_demo_file, tmp_path):
    path = _with_capacity(_workbook(demo_db, tmp_path / "Training.xlsx"))
    shutil.copyfile(memberships_demo_file, tmp_path / "new.sqlite3")  # the partnership's organisations, no training
    with Database.open(tmp_path / "new.sqlite3") as new:
        report = run_import(new, "bookings", path)
        assert report.bad_rows == []
        assert _bookings(new, linked=False) == _bookings(demo_db, linked=False)  # linked as the new one's Memberships say
        with demo_db.unit_of_work() as s:  # the courses' learning outcomes, as the team types them in
            outcomes = dict(s.execute(select(TrainingCourse.title, TrainingCourse.learning_outcomes)).all())
        with new.unit_of_work() as s:
            for course in s.scalars(select(TrainingCourse)):
                course.learning_outcomes = outcomes[course.title]
        report = run_import(new, "evaluations", path)
        assert report.bad_rows == []
        assert _evaluations(new) == _evaluations(demo_db)
