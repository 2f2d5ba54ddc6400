"""Bookings imports and evaluations: a row marking a delegate whose evaluation of the session is
on record as a no-show is a bad row, in the booking window's words, and nothing of the file is
imported; with the evaluation archived first, the row imports. A row saying Cancelled for a
delegate the register marks attended never undoes the register (the import keeps it and says so)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bscp_desktop.domain.training import Outcome
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import evaluations as ev
from tests.importers.test_training_import import COLUMNS, write_csv

COURSE = "Neglect: recognising and responding"
DAY = date.today() - timedelta(days=10)
START = f"{DAY:%d/%m/%Y} 09:30"
BOOKED = f"{DAY - timedelta(days=20):%d/%m/%Y}"


def _row(name: str, email: str, outcome: str, cancelled_on: str = "") -> list[str]:
    return [COURSE, START, "10", name, email, "", "Brent Council", BOOKED, outcome, cancelled_on]


def test_a_delegate_with_an_evaluation_on_record_is_not_imported_as_not_attended(db, tmp_path):
    run_import(db, "bookings", write_csv(tmp_path / "a.csv", [
        _row("Vikram Rahman", "vikram@brent.gov.uk", "Attended"),
        _row("Rahel Nowak", "rahel@brent.gov.uk", "Attended"),
        _row("Ann Lee", "ann@brent.gov.uk", "Booked")]))
    bookings = {b.delegate_name: b for b in bk.list_bookings(db)}
    evaluations = [ev.create_evaluation(db, ev.EvaluationFields(bookings[name].session_id,
                                                                booking_id=bookings[name].id))
                   for name in ("Vikram Rahman", "Rahel Nowak")]
    rows = [_row("Vikram Rahman", "vikram@brent.gov.uk", "No-show"),
            _row("Rahel Nowak", "rahel@brent.gov.uk", "Cancelled", f"{DAY - timedelta(days=3):%d/%m/%Y}"),
            _row("Ann Lee", "ann@brent.gov.uk", "Attended")]
    path = write_csv(tmp_path / "b.csv", rows, header=COLUMNS)
    first = "archive the evaluation first (Training tab, Evaluations page)."
    said = [f"Row 2: The booking cannot be marked no-show while {evaluations[0].name} is on record (an evaluation "
            f"comes from a delegate who attended): {first}"]
    for dry_run in (True, False):
        with pytest.raises(ImportRejected) as err:
            run_import(db, "bookings", path, dry_run=dry_run)
        assert err.value.report.bad_rows == said
    assert {b.delegate_name: b.outcome for b in bk.list_bookings(db)} == {
        "Vikram Rahman": Outcome.ATTENDED, "Rahel Nowak": Outcome.ATTENDED, "Ann Lee": Outcome.BOOKED}  # all or nothing

    for evaluation in evaluations:
        ev.archive_evaluation(db, evaluation.id)
    assert run_import(db, "bookings", path).updated == 2
    assert {b.delegate_name: b.outcome for b in bk.list_bookings(db)} == {
        "Vikram Rahman": Outcome.NO_SHOW, "Rahel Nowak": Outcome.ATTENDED, "Ann Lee": Outcome.ATTENDED}
