"""Training imports finding a delegate's records again: the register marked in the program is
kept by a later LMS file, a delegate named with and without an address in one file is one
delegate, and a delegate's evaluation is found by their booking however they are named."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bscp_desktop.domain.training import Outcome
from bscp_desktop.importers import ImportRejected, run_import, template_columns
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import evaluations as ev

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

HEADER = ["Course", "Session start", "Capacity", "Delegate", "Email", "Job title", "Organisation",
          "Booked on", "Outcome", "Cancelled on"]
COURSE, START = "Neglect basics", "10/03/2025 09:30"


def write_csv(path: Path, rows, header=HEADER) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _row(name, email, outcome, capacity="10"):
    return [COURSE, START, capacity, name, email, "Nurse", "Brent Council", "01/03/2025", outcome, ""]


def _outcomes(db):
    return sorted((b.delegate_name, b.email, b.outcome) for b in bk.list_bookings(db))


def test_a_booked_row_imported_again_keeps_the_register_marked_in_the_program(db, tmp_path):
    path = write_csv(tmp_path / "lms.csv", [_row("Ann Able", "ann@x.org", "Booked"),
                                            _row("Ben Bell", "ben@x.org", "Booked"),
                                            _row("Cy Cole", "", "Booked")])
    run_import(db, "bookings", path)
    ann, ben, cy = sorted(bk.list_bookings(db), key=lambda b: b.delegate_name)
    bk.mark_register(db, ann.session_id, {ann.id: "attended", ben.id: "no_show"})
    again = run_import(db, "bookings", path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert "2 rows (2, 3) say Booked for delegates the register in the program already marks attended or " \
           "no-show: the register is kept." in again.notes
    assert _outcomes(db) == [("Ann Able", "ann@x.org", Outcome.ATTENDED), ("Ben Bell", "ben@x.org", Outcome.NO_SHOW),
                             ("Cy Cole", "", Outcome.BOOKED)]
    assert bk.get_booking(db, ben.id).charge is not None  # the no-show is still charged
    # a row saying what happened (or cancelled) still changes it, as a blank outcome keeps it
    rows = [_row("Ann Able", "ann@x.org", ""), _row("Ben Bell", "ben@x.org", "Attended")]
    changed = run_import(db, "bookings", write_csv(tmp_path / "later.csv", rows))
    assert (changed.updated, changed.unchanged) == (1, 1)
    assert not any("register is kept" in n for n in changed.notes)
    assert _outcomes(db)[:2] == [("Ann Able", "ann@x.org", Outcome.ATTENDED), ("Ben Bell", "ben@x.org", Outcome.ATTENDED)]


def test_one_delegate_with_and_without_an_address_in_one_file_is_a_repeated_row(db, tmp_path):
    rows = [_row("Ann Able", "ann@x.org", "Attended"), _row("Ann  Able", "", "No-show"),
            _row("Bo Chan", "bo@x.org", "Attended"), _row("bo  chan", "bo@x.org", "Attended")]
    with pytest.raises(ImportRejected) as err:
        run_import(db, "bookings", write_csv(tmp_path / "b.csv", rows))
    assert err.value.report.bad_rows == [
        "Row 3: Repeats row 2 (Ann Able on the same session, without an e-mail address here and with one there): "
        "give the delegate one row.",
        "Row 5: Repeats row 4 (bo@x.org on the same session)."]
    assert bk.list_bookings(db) == []
    # two delegates of one name told apart by their addresses are two bookings, names on one line
    rows = [_row("Ann  Able", "ann@x.org", "Attended"), _row("Ann Able", "ann.two@y.org", "No-show")]
    assert run_import(db, "bookings", write_csv(tmp_path / "c.csv", rows)).added == 2
    assert [b.delegate_name for b in bk.list_bookings(db)] == ["Ann Able", "Ann Able"]


def test_a_follow_up_file_naming_the_delegate_without_an_address_updates_their_evaluation(db, tmp_path):
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", [_row("Siobhán O'Brien", "siobhan@x.org", "Attended")]))
    header = template_columns("evaluations")
    first = [[COURSE, START, "Siobhán O'Brien", "siobhan@x.org", "", "2", "4", "Very useful", "", ""]]
    later = [[COURSE, START, "Siobhán  O'Brien", "", "", "", "", "", "Uses the toolkit", "Practice improved"]]
    run_import(db, "evaluations", write_csv(tmp_path / "e1.csv", first, header))
    report = run_import(db, "evaluations", write_csv(tmp_path / "e2.csv", later, header))
    assert (report.added, report.updated) == (0, 1)
    [evaluation] = ev.list_evaluations(db)
    [booking] = bk.list_bookings(db)
    assert evaluation.booking_id == booking.id
    assert (evaluation.comments, evaluation.delegate_follow_up, evaluation.manager_follow_up) == (
        "Very useful", "Uses the toolkit", "Practice improved")
    assert [(s.before, s.after) for s in evaluation.scores] == [(2, 4)]
    # both ways in one file: one delegate, so a bad row rather than a second evaluation
    with pytest.raises(ImportRejected) as err:
        run_import(db, "evaluations", write_csv(tmp_path / "e3.csv", [*first, *later], header))
    assert err.value.report.bad_rows == [
        "Row 3: Names the same delegate as row 2 (Siobhán O'Brien's booking), once with an e-mail address and "
        "once without: give the address on both rows or on neither."]
    assert len(ev.list_evaluations(db)) == 1


def test_two_delegates_of_one_name_never_both_evaluate_the_booking_made_without_an_address(db, tmp_path):
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", [_row("Ann Smith", "", "Attended")]))
    rows = [[COURSE, START, "Ann Smith", "ann.one@x.org", "", "2", "4", "", "", ""],
            [COURSE, START, "Ann Smith", "ann.two@y.org", "", "3", "5", "", "", ""]]
    with pytest.raises(ImportRejected) as err:
        run_import(db, "evaluations", write_csv(tmp_path / "e.csv", rows, template_columns("evaluations")))
    assert err.value.report.bad_rows == [
        "Row 3: This delegate (ann.two@y.org) and the one on row 2 (ann.one@x.org) both match the booking of Ann "
        "Smith, which has no e-mail address: give that booking its delegate's address in the Training tab, then "
        "import again."]
    assert ev.list_evaluations(db) == []
