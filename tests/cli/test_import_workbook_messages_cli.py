"""Importing workbooks from the command line: the finance workbook saved again without its sums'
results, a workbook opening on its notes, scores given twice for one learning outcome and a date
kept as an Excel number."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from bscp_desktop.db.database import Database
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import run_import, template_columns
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import courses as cs
from tests.cli.test_import_export import cli, refused
from tests.importers.test_training_import import COURSE, ROWS, write_csv

# Each test runs the program in a new process: part of make test, not of make check.
pytestmark = pytest.mark.slow


def test_the_finance_workbook_saved_again_without_its_sums_results_imports(db_file, tmp_path):
    with Database.open(db_file) as db:
        council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
        fin.create_contribution(db, fin.ContributionFields("2023/24", council.id, "cash", "7,000"))
        events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
        fin.create_expense(db, fin.ExpenseFields(date(2023, 5, 1), events, "Civic Centre", "Forum", "100"))
    exported = tmp_path / "ff.xlsx"
    result = cli("export", "xlsx", "--area", "finance", "-o", exported, "--db", db_file)
    assert result.returncode == 0, result.stderr
    resaved = tmp_path / "ff_resaved.xlsx"
    load_workbook(exported).save(resaved)  # formulas kept, their results not
    for kind, unchanged in (("contributions", "1 row; would add 0, update 0, leave 1 unchanged"),
                            ("expenditure", "1 row; would add 0, update 0, leave 1 unchanged")):
        result = cli("import", kind, resaved, "--db", db_file, "--dry-run")
        assert result.returncode == 0, result.stderr
        assert unchanged in result.stdout and "a total line, was left out." in result.stdout


def test_a_workbook_opening_on_its_notes_names_the_sheet_not_read(db_file, tmp_path):
    wb = Workbook()
    wb.active.title = "Notes"
    wb.active["A1"] = "Read me"
    data = wb.create_sheet("Data")
    data.append(["Name", "Email", "Organisation"])
    data.append(["Ann Smith", "ann@example.org", ""])
    wb.save(tmp_path / "file.xlsx")
    (line,) = refused(cli("import", "people", tmp_path / "file.xlsx", "--db", db_file))
    assert line.startswith("bscp-desktop: file.xlsx has no Name column.")
    assert line.endswith("row 1 of the sheet 'Notes' holds: Read me. The workbook's other sheet 'Data' was not "
                         "read: name the sheet holding the list 'People', or save the workbook showing that sheet, "
                         "then import again.")


def test_other_scores_for_an_outcome_already_scored_are_not_called_a_repeat(db_file, tmp_path):
    with Database.open(db_file) as db:
        run_import(db, "bookings", write_csv(tmp_path / "b.csv", ROWS))
        course = next(c for c in cs.list_courses(db) if c.title == COURSE)
        cs.update_course(db, course.id, cs.CourseFields(COURSE, learning_outcomes=("Spot neglect",)))
    rows = [[COURSE, "15/04/2024 10:00", "Zoë Żółć", "zoe@brent.gov.uk", "1", before, after, "", "", ""]
            for before, after in (("2", "4"), ("3", "5"))]
    path = write_csv(tmp_path / "e.csv", rows, header=template_columns("evaluations"))
    lines = refused(cli("import", "evaluations", path, "--db", db_file), lines_expected=2)
    assert lines[1].strip() == ("Row 3: Gives other scores (Before 3, After 5) for the same delegate and learning "
                                "outcome as row 2 (Before 2, After 4): give the delegate's scores for it on one "
                                "row, then import again.")


def test_a_date_kept_as_an_excel_number_is_refused_with_a_hint(db_file, tmp_path):
    wb = Workbook()
    wb.active.append(["Date", "Category", "Payee", "Description", "Amount"])
    wb.active.append([45748, "Events", "Civic Centre", "Forum", 100])
    wb.save(tmp_path / "e.xlsx")
    lines = refused(cli("import", "expenditure", tmp_path / "e.xlsx", "--db", db_file), lines_expected=2)
    assert lines[1].strip() == ("Row 2: Date: '45748' is not a date; use dd/mm/yyyy (this looks like a date stored "
                                "as an Excel number: format the column as a date in Excel and save again).")
