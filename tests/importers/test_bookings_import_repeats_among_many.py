"""A delegate named twice on one session of a long LMS file is a repeated row however far apart
the rows are and however many delegates come between: by the same address, or by the same name
(case, spacing and accents aside) where one row has no address. Delegates of one name told apart
by their addresses, and the same delegate on another session, are not repeats."""

from __future__ import annotations

import pytest

from bscp_desktop.importers import ImportRejected, run_import, template_columns
from bscp_desktop.services.training import bookings as bk
from tests.importers.test_training_import import write_csv

COURSE = "Neglect basics"
MORNING, AFTERNOON = "15/04/2024 10:00", "15/04/2024 14:00"


def _row(name, email="", start=MORNING):
    return [COURSE, start, "60", name, email, "Nurse", "", "01/03/2024", "Attended", ""]


def _crowd(count: int, start=MORNING) -> list[list[str]]:
    return [_row(f"Delegate {n}", f"delegate{n}@example.org", start) for n in range(count)]


def test_a_repeat_far_down_a_session_is_found_by_address_and_by_name(db, tmp_path):
    rows = [_row("José Álvarez"), _row("Ann Lee", "ann@example.org"), *_crowd(30),
            _row("jose  alvarez"),  # row 34: no address, the same name as row 2
            _row("Annie Lee", "ANN@example.org"),  # row 35: the same address as row 3
            _row("José Álvarez", "jose@example.org")]  # row 36: an address here, none on row 2
    with pytest.raises(ImportRejected) as err:
        run_import(db, "bookings", write_csv(tmp_path / "lms.csv", rows, header=template_columns("bookings")))
    assert err.value.report.bad_rows == [
        "Row 34: Repeats row 2 on the same session: 'jose alvarez' on row 34 is the same delegate as 'José Álvarez' "
        "on row 2 (case, spacing and accents do not matter): give the delegate one row.",
        "Row 35: Repeats row 3 (ANN@example.org on the same session).",
        "Row 36: Repeats row 2 (José Álvarez on the same session, with an e-mail address here and without one "
        "there): give the delegate one row."]
    assert bk.list_bookings(db) == []


def test_delegates_of_one_name_with_their_own_addresses_and_other_sessions_are_not_repeats(db, tmp_path):
    rows = [_row("Sam Patel", "sam.patel@brent.gov.uk"), *_crowd(20), _row("Sam Patel", "s.patel@nhs.net"),
            _row("Sam Patel", "sam.patel@brent.gov.uk", AFTERNOON), *_crowd(20, AFTERNOON),
            _row("sam patel", "", AFTERNOON)]
    report = run_import(db, "bookings", write_csv(tmp_path / "lms.csv", rows[:-1], header=template_columns("bookings")))
    assert report.added == 43
    with pytest.raises(ImportRejected) as err:  # without an address, the afternoon's Sam Patel is the one there
        run_import(db, "bookings", write_csv(tmp_path / "again.csv", rows, header=template_columns("bookings")))
    assert err.value.report.bad_rows == [
        "Row 45: Repeats row 24 (sam patel on the same session, without an e-mail address here and with one there): "
        "give the delegate one row."]
