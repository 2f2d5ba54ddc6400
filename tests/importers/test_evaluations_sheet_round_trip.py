"""The training workbook's Evaluations sheet imports again into the database it came from,
changing nothing and refusing nothing: an anonymous evaluation is found again by its number
(Anonymous evaluation), and two delegates of one name by their e-mail addresses (Email)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.domain.training import Outcome
from bscp_desktop.importers import run_import
from bscp_desktop.importers.report import ImportRejected
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev

pytestmark = pytest.mark.both_engines

COURSE = "Neglect basics"


def _evaluated(db) -> tuple[int, int]:
    """A session evaluated by two delegates called Sam Lee (each with their own address) and by
    someone anonymous; another session, evaluated by no one. Returns the two sessions' ids."""
    course = cs.create_course(db, cs.CourseFields(COURSE, topic="Neglect", learning_outcomes=("Spot neglect", "Refer")))
    session = cs.create_session(db, cs.SessionFields(course.id, datetime(2025, 5, 14, 9, 30), 10))
    other = cs.create_session(db, cs.SessionFields(course.id, datetime(2025, 6, 18, 9, 30), 10))
    sams = [bk.create_booking(db, bk.BookingFields(session.id, "Sam Lee", email, booked_on=date(2025, 5, 1))).booking.id
            for email in ("sam1@example.org", "sam2@example.org")]
    bk.mark_register(db, session.id, {i: Outcome.ATTENDED for i in sams})
    for i, after in zip(sams, (4, 5), strict=True):
        ev.create_evaluation(db, ev.EvaluationFields(session.id, booking_id=i, scores=(ev.ScoreFields(0, 2, after),)))
    ev.create_evaluation(db, ev.EvaluationFields(session.id, scores=(ev.ScoreFields(0, 3, 4), ev.ScoreFields(1, 2, 5)),
                                                 comments="Anonymous feedback"))
    return session.id, other.id


def _held(db) -> list[tuple]:
    return sorted((e.id, e.session_id, e.delegate_name, e.booking_id, e.comments,
                   tuple((s.outcome_number, s.before, s.after) for s in e.scores)) for e in ev.list_evaluations(db))


def _workbook(db, path: Path) -> Path:
    jobs.load_all()
    return jobs.XLSX_AREAS["training"].run(db, path)


def _set_cells(path: Path, change) -> Path:
    """The workbook with `change(headings, rows)` made to its Evaluations sheet's rows (cells)."""
    wb = load_workbook(path)
    sheet = wb["Evaluations"]
    headings = [c.value for c in sheet[1]]
    change(headings, list(sheet.iter_rows(min_row=2)))
    wb.save(path)
    return path


@pytest.mark.slow
def test_the_evaluations_sheet_imports_again_changing_nothing(db, tmp_path):
    _evaluated(db)
    held = _held(db)
    path = _workbook(db, tmp_path / "Training.xlsx")
    report = run_import(db, "evaluations", path)
    assert report.bad_rows == []
    assert (report.added, report.updated, report.unchanged) == (0, 0, 3)
    assert _held(db) == held


@pytest.mark.slow
def test_an_anonymous_evaluations_rows_find_it_again_by_its_number(db, tmp_path):
    session_id, other_id = _evaluated(db)
    [anonymous] = [e for e in ev.list_evaluations(db) if not e.delegate_name]

    def rescore(headings, rows):
        for row in rows:
            if row[headings.index("Anonymous evaluation")].value == anonymous.id:
                row[headings.index("After")].value = 3  # each of its scores, after the session

    report = run_import(db, "evaluations", _set_cells(_workbook(db, tmp_path / "Training.xlsx"), rescore))
    assert (report.bad_rows, report.added, report.updated, report.unchanged) == ([], 0, 1, 2)
    [again] = [e for e in ev.list_evaluations(db) if not e.delegate_name]  # the same one, changed: not another
    assert again.id == anonymous.id and [(s.before, s.after) for s in again.scores] == [(3, 3), (2, 3)]

    def elsewhere(headings, rows):  # its number given on a row of another session
        for row in rows:
            if row[headings.index("Anonymous evaluation")].value == anonymous.id:
                row[headings.index("Session starts")].value = datetime(2025, 6, 18, 9, 30)

    with pytest.raises(ImportRejected) as refused:
        run_import(db, "evaluations", _set_cells(_workbook(db, tmp_path / "Moved.xlsx"), elsewhere), dry_run=True)
    report = refused.value.report
    assert report.bad_rows and all(f"Anonymous evaluation '{anonymous.id}' is not the number of an anonymous "
                                   "evaluation of this session" in bad for bad in report.bad_rows)
    assert ev.list_evaluations(db, session_id=other_id) == []


@pytest.mark.slow
def test_a_row_naming_no_delegate_without_a_number_is_refused_saying_where_one_is_added(db, tmp_path):
    _evaluated(db)
    path = tmp_path / "Evaluations.csv"
    path.write_text(f"Course,Session start,Delegate,Email,Before,After\n{COURSE},14/05/2025 09:30,,,2,4\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "evaluations", path, dry_run=True)
    report = refused.value.report
    assert report.bad_rows == ["Row 2: Give the Delegate or the Email, so the evaluation can be matched again (an "
                               "anonymous evaluation is added in the Training tab: New evaluation)."]
