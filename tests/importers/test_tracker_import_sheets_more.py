"""The case review import reads the Cases sheet only: importing the program's own tracker
workbook says which sheets were not imported, so no one takes its recommendations and actions
to have come across with the cases."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook

from bscp_desktop import jobs
from bscp_desktop.importers import run_import
from bscp_desktop.services import case_reviews as cr

NOT_IMPORTED = ("Sheets not imported: Recommendations, Actions — these are not read by this import; add them "
                "in the program")


def sheets_note(report) -> list[str]:
    return [n for n in report.notes if n.startswith("Sheets not imported")]


def write_xlsx(path, headings, rows, sheets=()):
    wb = Workbook()
    ws = wb.active
    ws.title = "Cases"
    ws.append(headings)
    for row in rows:
        ws.append(row)
    for title in sheets:
        wb.create_sheet(title).append(["Reference", "Recommendation"])
    wb.save(path)
    return path


def test_a_tracker_workbooks_cases_sheet_is_read_and_its_other_sheets_are_named_as_not_imported(db, tmp_path):
    headings = ["Reference", "Alias", "Incident", "Became aware", "Current stage", "Next deadline"]
    path = write_xlsx(tmp_path / "tracker.xlsx", headings, [["", "Child A", "Serious harm", "01/03/2024",
                                                               "Awaiting notification", "Notification"]],
                      sheets=("Deadlines", "Recommendations", "Actions", "Rules"))
    report = run_import(db, "case-reviews", path)
    assert report.added == 1
    (note,) = sheets_note(report)
    assert note.startswith(NOT_IMPORTED)
    assert "Only the Cases sheet is read" in note


def test_a_teams_own_tracker_and_a_csv_are_not_told_of_sheets(db, tmp_path):
    own = write_xlsx(tmp_path / "ours.xlsx", ["Alias", "Incident", "Became aware", "RAG"],
                     [["Child A", "Serious harm", "01/03/2024", "Green"]])
    assert sheets_note(run_import(db, "case-reviews", own)) == []
    csv = tmp_path / "cases.csv"  # the tracker's Cases sheet saved as CSV: no other sheets
    csv.write_text("Alias,Incident,Became aware,Current stage,Next deadline\nChild B,Serious harm,01/03/2024,,\n",
                   encoding="utf-8")
    assert sheets_note(run_import(db, "case-reviews", csv)) == []


@pytest.mark.slow  # the demo database and a workbook
def test_the_programs_tracker_imported_into_an_empty_database_names_the_sheets_left_behind(demo_db, db, tmp_path):
    assert cr.list_recommendations(demo_db)  # the demo's cases have recommendations and actions
    jobs.load_all()
    path = jobs.XLSX_AREAS["case-reviews"].run(demo_db, tmp_path / "tracker.xlsx", today=date(2024, 6, 3))
    report = run_import(db, "case-reviews", path)
    assert (report.added, report.bad_rows) == (len(cr.list_case_reviews(demo_db)), [])
    (note,) = sheets_note(report)
    assert note.startswith(NOT_IMPORTED)
    assert note in report.lines()  # shown with the report
    assert cr.list_recommendations(db) == []
