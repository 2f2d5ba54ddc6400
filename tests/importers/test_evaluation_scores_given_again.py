"""A second row of scores for the same delegate and learning outcome is refused, saying whether
it repeats the first row's scores or gives other ones, and naming the row that gave them."""

from __future__ import annotations

import pytest

from bscp_desktop.importers import ImportRejected, run_import, template_columns
from bscp_desktop.services.training import courses as cs
from tests.importers.test_training_import import COURSE, ROWS, write_csv

START = "15/04/2024 10:00"


@pytest.fixture
def booked(db, tmp_path):
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", ROWS))
    course = next(c for c in cs.list_courses(db) if c.title == COURSE)
    cs.update_course(db, course.id, cs.CourseFields(COURSE, learning_outcomes=("Spot neglect", "Make a referral")))


def _refused(db, tmp_path, rows: list[list[str]]) -> list[str]:
    rows = [[COURSE, START, "Zoë Żółć", "zoe@brent.gov.uk", outcome, before, after, "", "", ""]
            for outcome, before, after in rows]
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "evaluations", write_csv(tmp_path / "e.csv", rows, header=template_columns("evaluations")))
    return refused.value.report.bad_rows


def test_the_same_scores_again_are_said_to_repeat_the_row(db, booked, tmp_path):
    assert _refused(db, tmp_path, [("1", "2", "4"), ("1", "2", "4")]) == [
        "Row 3: Repeats the scores of row 2 for the same delegate and learning outcome: keep one of the two rows."]


def test_other_scores_are_not_said_to_repeat_the_row(db, booked, tmp_path):
    assert _refused(db, tmp_path, [("1", "2", "4"), ("1", "3", "")]) == [
        "Row 3: Gives other scores (Before 3, After blank) for the same delegate and learning outcome as row 2 "
        "(Before 2, After 4): give the delegate's scores for it on one row, then import again."]


def test_the_row_named_is_the_one_that_gave_the_outcomes_scores(db, booked, tmp_path):
    assert _refused(db, tmp_path, [("1", "2", "4"), ("2", "3", "5"), ("2", "3", "5")]) == [
        "Row 4: Repeats the scores of row 3 for the same delegate and learning outcome: keep one of the two rows."]
