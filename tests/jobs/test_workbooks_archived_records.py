"""Archived records in the workbooks, by one rule said on each sheet: the rows of an archived
meeting (agenda items, register, decisions, actions) are listed, marked "(archived meeting)"
after its group, as the Meetings sheet's Archived column marks the meeting; an archived case
review, expense, contribution or other income line is left out, as the reports leave it out,
and every sheet it would be on says so under its table, with the count. The notes stand in
columns the imports do not read, so the workbooks import back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.importers import run_import
from bscp_desktop.services import actions as al
from bscp_desktop.services import attendance as at
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import finance as fin
from bscp_desktop.services import meetings as mt

pytestmark = pytest.mark.slow  # the whole demo, its workbooks written and read back

CASE_SHEETS = ("Cases", "Deadlines", "Recommendations", "Case review actions")
FINANCE_SHEETS = ("Years", "Contributions", "Expenditure", "Budgets", "Summary")
MEETING_SHEETS = ("Agenda items", "Attendance", "Decisions", "Meeting actions")


def _rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def _texts(sheet) -> list[str]:
    return [v for row in sheet.iter_rows(values_only=True) for v in row if isinstance(v, str)]


def _notes(sheet) -> list[str]:
    return [t for t in _texts(sheet) if t.startswith("Archived ")]


def _archive_one_of_each(db) -> dict[str, object]:
    case = cr.list_case_reviews(db)[0]
    expense = fin.list_expenses(db)[0]
    contribution = fin.list_contributions(db)[0]
    cr.archive_case_review(db, case.id)
    fin.archive_expense(db, expense.id)
    fin.archive_contribution(db, contribution.id)
    return {"case": case, "expense": expense, "contribution": contribution}


def test_the_full_workbook_says_under_each_sheet_which_archived_records_it_leaves_out(demo_db, tmp_path):
    before = load_workbook(jobs.export_workbook(demo_db, "all", tmp_path / "before.xlsx"))
    assert all(_notes(before[name]) == [] for name in (*CASE_SHEETS, *FINANCE_SHEETS))
    archived = _archive_one_of_each(demo_db)
    wb = load_workbook(jobs.export_workbook(demo_db, "all", tmp_path / "all.xlsx"))

    counted = f" Working days counted on {date.today():%d/%m/%Y}."  # under the tables with working day counts
    overdue = f" Overdue counted on {date.today():%d/%m/%Y}."  # under the recommendations and their actions
    for name in CASE_SHEETS:
        said = "Archived case reviews (1) are left out." + (counted if name in ("Cases", "Deadlines") else
                                                            overdue if name in ("Recommendations", "Case review actions") else "")
        assert _notes(wb[name]) == [said], name
    received = f" Received so far counted on {date.today():%d/%m/%Y}: every payment recorded, whatever its date."
    assert _notes(wb["Contributions"]) == ["Archived contributions (1) are left out." + received]
    assert _notes(wb["Expenditure"]) == ["Archived expenses (1) are left out."]
    assert _notes(wb["Budgets"]) == ["Archived expenses (1) are left out."]
    assert _notes(wb["Years"]) == ["Archived contributions (1) are left out. Archived expenses (1) are left out."]
    assert len(_notes(wb["Summary"])) == 1

    # still left out, as the reports leave them out: only said
    assert archived["case"].reference not in [r[0] for r in _rows(wb["Cases"])]
    assert len(_rows(wb["Expenditure"])) == len(_rows(before["Expenditure"])) + 1  # one row fewer, a blank and the note
    assert len(_rows(wb["Contributions"])) == len(_rows(before["Contributions"])) - 1  # its note is there either way


def test_each_note_stands_under_the_table_after_a_blank_row(demo_db, tmp_path):
    _archive_one_of_each(demo_db)
    wb = load_workbook(jobs.export_workbook(demo_db, "finance", tmp_path / "Finance.xlsx"))
    rows = _rows(wb["Expenditure"])
    assert rows[-3][0] == "Total"  # after the total, outside the filter
    assert not any(rows[-2])
    assert rows[-1][1] == "Archived expenses (1) are left out."  # under Financial year, which the import does not read
    assert wb["Expenditure"].auto_filter.ref == f"A1:G{len(rows) - 4}"
    tracker = load_workbook(jobs.export_workbook(demo_db, "case-reviews", tmp_path / "Tracker.xlsx"))
    cases = _rows(tracker["Cases"])
    assert not any(cases[-2])
    assert cases[-1][cases[0].index("Kind of case")].startswith("Archived case reviews (1) are left out.")


def test_a_years_summary_counts_the_archived_records_of_that_year_alone(demo_db, tmp_path):
    expense = fin.list_expenses(demo_db)[0]
    fin.archive_expense(demo_db, expense.id)
    inside = load_workbook(jobs.write_report(demo_db, "finance", tmp_path / "in.xlsx", year=expense.year_label))
    # (the Summary's note goes on to the sessions' costs not in the expenditure yet, where there are some)
    assert " ".join(_notes(inside["Summary"])).startswith("Archived expenses (1) are left out.")
    assert _notes(inside["Expenditure"]) == ["Archived expenses (1) are left out."]
    other = next(y.label for y in fin.list_years(demo_db) if y.start_year != expense.start_year)
    outside = load_workbook(jobs.write_report(demo_db, "finance", tmp_path / "out.xlsx", year=other))
    assert "Archived" not in " ".join(_notes(outside["Summary"])) and _notes(outside["Expenditure"]) == []


def test_the_workbooks_with_their_notes_import_back_with_no_row_refused(demo_db, tmp_path):
    _archive_one_of_each(demo_db)
    finance = jobs.export_workbook(demo_db, "finance", tmp_path / "Finance.xlsx")
    tracker = jobs.export_workbook(demo_db, "case-reviews", tmp_path / "Tracker.xlsx")
    for kind, path, rows in (("contributions", finance, len(fin.list_contributions(demo_db))),
                             ("expenditure", finance, len(fin.list_expenses(demo_db))),
                             ("case-reviews", tracker, len(cr.list_case_reviews(demo_db)))):
        report = run_import(demo_db, kind, Path(path), dry_run=True)
        assert (report.rows, report.bad_rows) == (rows, []), kind


def _groups(sheet) -> list[str]:
    header, *rows = _rows(sheet)
    return [r[header.index("Group")] for r in rows if r[0] is not None]


def test_an_archived_meetings_rows_are_marked_in_the_group_column_of_every_sheet_of_its_records(demo_db, tmp_path):
    meeting = mt.get_meeting(demo_db, 1)
    counts = {
        "Agenda items": len(mt.list_agenda(demo_db, meeting.id)),
        "Attendance": len(at.list_attendance(demo_db, meeting.id)),
        "Decisions": len(mt.list_decisions(demo_db, meeting.id)),
        "Meeting actions": sum(a.links.get("meeting_id") == meeting.id for a in al.list_action_log(demo_db)),
    }
    assert all(counts.values())  # the demo's first meeting has some of each
    marked = f"{meeting.group_name} (archived meeting)"
    before = load_workbook(jobs.export_workbook(demo_db, "all", tmp_path / "before.xlsx"))
    mt.archive_meeting(demo_db, meeting.id)
    wb = load_workbook(jobs.export_workbook(demo_db, "all", tmp_path / "all.xlsx"))
    for name in MEETING_SHEETS:
        assert marked not in _groups(before[name]), name
        groups = _groups(wb[name])
        assert len(groups) == len(_groups(before[name])), name  # every row still listed
        assert groups.count(marked) == counts[name], name
        assert _rows(wb[name])[0] == _rows(before[name])[0], name  # the same columns
    header, *rows = _rows(wb["Meetings"])
    assert [r[header.index("Group")] for r in rows].count(marked) == 0  # the Meetings sheet has its Archived column
    assert sum(r[header.index("Archived")] is not None for r in rows) == 1


def test_the_meetings_workbook_marks_them_too(demo_db, tmp_path):
    mt.archive_meeting(demo_db, 1)
    wb = load_workbook(jobs.export_workbook(demo_db, "meetings", tmp_path / "Meetings.xlsx"))
    for name in ("Agenda items", "Attendance", "Decisions", "Actions"):
        assert "Executive Group (archived meeting)" in _groups(wb[name]), name
