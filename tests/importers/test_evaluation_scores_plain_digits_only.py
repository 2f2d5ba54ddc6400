"""An evaluations file whose score is written with an exponent ("1e0") or in Arabic-Indic digits
("٣") is refused naming the column, as any other text in a score is, not imported as 1 or 3."""

from __future__ import annotations

import pytest

from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services.training import evaluations as ev
from tests.importers.test_evaluation_scores_not_answered import HEADER, _row
from tests.importers.test_training_import import ROWS, write_csv


@pytest.fixture
def booked(db, tmp_path):
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", ROWS))


@pytest.mark.parametrize(("before", "after", "column", "text"), [("1e0", "4", "Before", "1e0"),
                                                                 ("2", "\u0663", "After", "\u0663")])
def test_a_score_not_in_plain_digits_refuses_the_row(db, booked, tmp_path, before, after, column, text):
    path = write_csv(tmp_path / "e.csv", [_row(before, after)], header=HEADER)

    with pytest.raises(ImportRejected) as refused:
        run_import(db, "evaluations", path)

    assert refused.value.report.bad_rows == [f"Row 2: {column} '{text}' is not a score; give a whole number from 1 to 5."]
    assert ev.list_evaluations(db) == []
