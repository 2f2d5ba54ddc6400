"""The tracker workbook says the day its working days left and overdue were counted on, under the
Cases and Deadlines tables (as the PDF gives its position on that day), and its Rules sheet says
how working days are counted, as the PDF says it: weekends, England and Wales bank holidays and
any local closure days skipped."""

from __future__ import annotations

import dataclasses
from datetime import date

from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.importers import run_import
from bscp_desktop.services import case_reviews as cr

TODAY = date(2024, 2, 1)
COUNTED = "Working days counted on 01/02/2024."


def _tracker_path(db, tmp_path, name="tracker.xlsx"):
    jobs.load_all()
    return jobs.XLSX_AREAS["case-reviews"].run(db, tmp_path / name, today=TODAY)


def _tracker(db, tmp_path, name="tracker.xlsx"):
    return load_workbook(_tracker_path(db, tmp_path, name))


def _texts(sheet) -> list[str]:
    return [v for row in sheet.iter_rows(values_only=True) for v in row if isinstance(v, str)]


def _rules(wb) -> dict[str, str]:
    return {row[0]: row[1] for row in wb["Rules"].iter_rows(min_row=2, values_only=True) if row[0]}


def test_the_sheets_with_working_day_counts_say_the_day_they_were_counted(db, tmp_path):
    cr.create_case_review(db, cr.CaseReviewFields("Child A", "serious_harm", date(2024, 1, 2)))
    path = _tracker_path(db, tmp_path)
    wb = load_workbook(path)
    cases = list(wb["Cases"].iter_rows(values_only=True))
    header = cases[0]
    assert cases[1][header.index("Working days overdue")] == 17  # notification due Tue 9 Jan
    assert not any(cases[-2]) and cases[-1][header.index("Kind of case")] == COUNTED  # a column the import does not read
    deadlines = list(wb["Deadlines"].iter_rows(values_only=True))
    assert not any(deadlines[-2]) and deadlines[-1][0] == COUNTED
    # the workbook still imports back: the note is read as no case
    report = run_import(db, "case-reviews", path)
    assert (report.added, report.updated, report.unchanged, report.bad_rows) == (0, 0, 1, [])


def test_the_note_follows_the_archived_cases_left_out(db, tmp_path):
    kept = cr.create_case_review(db, cr.CaseReviewFields("Child A", "serious_harm", date(2024, 1, 2)))
    gone = cr.create_case_review(db, cr.CaseReviewFields("Child B", "serious_harm", date(2024, 1, 3)))
    cr.archive_case_review(db, gone.id)
    wb = _tracker(db, tmp_path)
    said = f"Archived case reviews (1) are left out. {COUNTED}"
    assert said in _texts(wb["Cases"]) and said in _texts(wb["Deadlines"])
    assert "Archived case reviews (1) are left out. Overdue counted on 01/02/2024." in _texts(wb["Recommendations"])
    assert kept.reference in [r[0] for r in wb["Cases"].iter_rows(values_only=True)]


def test_the_rules_sheet_says_how_working_days_are_counted(db, tmp_path):
    assert _rules(_tracker(db, tmp_path))["Working days"] == (
        "Working days skip weekends and England and Wales bank holidays.")
    cr.save_settings(db, dataclasses.replace(cr.load_settings(db), closures=(
        cr.ClosureDay(date(2023, 12, 27), "Office closed"), cr.ClosureDay(date(2023, 12, 28), ""))))
    rules = _rules(_tracker(db, tmp_path, "closed.xlsx"))
    assert rules["Working days"] == ("Working days skip weekends, England and Wales bank holidays and these local "
                                     "closure days: 27/12/2023 (Office closed); 28/12/2023.")
    assert rules["27/12/2023"] == "Office closed"  # each closure day still listed on its own row


def test_the_recommendations_and_actions_sheets_say_the_day_their_overdue_actions_were_counted_on(db, tmp_path):
    cr.create_case_review(db, cr.CaseReviewFields("Child A", "serious_harm", date(2024, 1, 2)))
    wb = _tracker(db, tmp_path)
    for name in ("Recommendations", "Actions"):
        rows = list(wb[name].iter_rows(values_only=True))
        assert not any(rows[-2]) and rows[-1][0] == "Overdue counted on 01/02/2024.", name
