"""An evaluations file from a survey tool writes a question the delegate left unanswered as
"N/A" or a dash: it is read as no score, as a blank cell is, rather than refusing the whole
file; any other text is still refused, naming the column."""

from __future__ import annotations

import pytest

from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services.training import evaluations as ev
from tests.importers.test_training_import import COURSE, ROWS, write_csv

START = "15/04/2024 10:00"
HEADER = ["Course", "Session start", "Delegate", "Email", "Learning outcome", "Before", "After", "Comments",
          "Delegate follow-up", "Manager follow-up"]


@pytest.fixture
def booked(db, tmp_path):
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", ROWS))


def _row(before: str, after: str) -> list[str]:
    return [COURSE, START, "Zoë Żółć", "zoe@brent.gov.uk", "", before, after, "Useful", "", ""]


@pytest.mark.parametrize(("before", "after"), [("N/A", "4"), ("n/a", "4"), ("-", "4"), ("NA", "4"), ("3", "N/A")])
def test_not_answered_is_read_as_no_score(db, booked, tmp_path, before, after):
    path = write_csv(tmp_path / "e.csv", [_row(before, after)], header=HEADER)
    report = run_import(db, "evaluations", path)
    assert report.added == 1 and report.bad_rows == []
    [evaluation] = ev.list_evaluations(db)
    expected = (None if before.casefold() in ("n/a", "-", "na") else int(before),
                None if after.casefold() == "n/a" else int(after))
    assert [(s.before, s.after) for s in evaluation.scores] == [expected]


def test_other_text_in_a_score_is_still_refused(db, booked, tmp_path):
    path = write_csv(tmp_path / "e.csv", [_row("5/5", "4")], header=HEADER)
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "evaluations", path)
    assert refused.value.report.bad_rows == ["Row 2: Before '5/5' is not a score; give a whole number from 1 to 5."]
    assert ev.list_evaluations(db) == []
