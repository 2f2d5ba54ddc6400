"""Evaluations of a delegate with no booking on the session they evaluate: one booked on another
session of the same course is a bad row naming the session they are booked on (the Session
start is to be corrected) and nothing of the file is imported; one booked on no session of the
course (a walk-in) is taken, and the report names the rows so their bookings can be added."""

from __future__ import annotations

import pytest

from bscp_desktop.importers import ImportRejected, run_import, template_columns
from bscp_desktop.services.training import evaluations as ev
from tests.importers.test_training_import import write_csv

COURSE = "Child Sexual Abuse: recognising and responding"
FIRST, SECOND = "12/10/2024 09:30", "26/10/2024 09:30"


@pytest.fixture
def booked(db, tmp_path):
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", [
        [COURSE, FIRST, "10", "Alexandros Papadopoulos", "alex@brent.gov.uk", "", "Brent Council", "01/09/2024", "No-show", ""],
        [COURSE, FIRST, "10", "Ann Lee", "ann@brent.gov.uk", "", "Brent Council", "01/09/2024", "Attended", ""],
        [COURSE, FIRST, "10", "Cy Diaz", "cy@brent.gov.uk", "", "Brent Council", "01/09/2024", "Cancelled", "01/10/2024"],
        [COURSE, SECOND, "10", "Sam Jones", "sam@brent.gov.uk", "", "Brent Council", "01/09/2024", "Attended", ""],
        ["Domestic abuse briefing", SECOND, "10", "Dee Eve", "dee@brent.gov.uk", "", "Brent Council", "01/09/2024",
         "Attended", ""]]))


def _evaluations(tmp_path, rows: list[tuple[str, str, str]]):
    return write_csv(tmp_path / "e.csv", [[COURSE, start, name, email, "", "2", "4", "", "", ""]
                                          for start, name, email in rows], header=template_columns("evaluations"))


def test_a_delegate_booked_on_another_session_of_the_course_is_a_bad_row(db, booked, tmp_path):
    path = _evaluations(tmp_path, [(FIRST, "Sam Jones", "sam@brent.gov.uk"),
                                   (SECOND, "Alexandros Papadopoulos", "alex@brent.gov.uk"),
                                   (FIRST, "Ann Lee", "ann@brent.gov.uk")])
    for dry_run in (True, False):
        with pytest.raises(ImportRejected) as refused:
            run_import(db, "evaluations", path, dry_run=dry_run)
        assert refused.value.report.bad_rows == [
            "Row 2: Session start: Sam Jones is booked on 26/10/2024 09:30, not this session: correct the Session start.",
            "Row 3: Session start: Alexandros Papadopoulos is booked on 12/10/2024 09:30, not this session: correct "
            "the Session start."]
    assert ev.list_evaluations(db) == []  # all or nothing


def test_a_delegate_booked_elsewhere_by_name_alone_is_found_too(db, booked, tmp_path):
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "evaluations", _evaluations(tmp_path, [(FIRST, "sam jones", "")]))
    assert refused.value.report.bad_rows == [
        "Row 2: Session start: sam jones is booked on 26/10/2024 09:30, not this session: correct the Session start."]


def test_a_delegate_booked_on_no_session_of_the_course_is_taken_with_a_note(db, booked, tmp_path):
    report = run_import(db, "evaluations", _evaluations(tmp_path, [
        (FIRST, "Ann Lee", "ann@brent.gov.uk"),
        (FIRST, "Pat Walk-In", "pat@brent.gov.uk"),
        (SECOND, "Dee Eve", "dee@brent.gov.uk"),  # booked on another course's session only
        (SECOND, "Cy Diaz", "cy@brent.gov.uk")]))  # cancelled the other session: booked on none
    assert report.added == 4
    assert ("3 rows (3, 4, 5) are from delegates with no booking on their session: their evaluations are counted; "
            "add the bookings if they attended.") in report.notes
    assert sorted((e.delegate_name, e.booking_id is None) for e in ev.list_evaluations(db)) == [
        ("Ann Lee", False), ("Cy Diaz", True), ("Dee Eve", True), ("Pat Walk-In", True)]


def test_one_walk_in_is_told_in_the_singular(db, booked, tmp_path):
    report = run_import(db, "evaluations", _evaluations(tmp_path, [(FIRST, "Pat Walk-In", "pat@brent.gov.uk")]))
    assert ("1 row (2) is from a delegate with no booking on their session: the evaluation is counted; add the "
            "booking if they attended.") in report.notes


def test_booked_delegates_have_no_such_note(db, booked, tmp_path):
    report = run_import(db, "evaluations", _evaluations(tmp_path, [(FIRST, "Ann Lee", "ann@brent.gov.uk")]))
    assert not [n for n in report.notes if "no booking" in n]
