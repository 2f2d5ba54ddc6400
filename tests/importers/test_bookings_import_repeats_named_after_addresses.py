"""A row without an address matches an earlier row on the session by name only where that name
is one delegate's: after two delegates of the name told apart by their addresses, it is neither
of them (a booking of its own), and after one it repeats that row, however many rows with
addresses came between."""

from __future__ import annotations

import pytest

from bscp_desktop.importers import ImportRejected, run_import, template_columns
from bscp_desktop.services.training import bookings as bk
from tests.importers.test_bookings_import_repeats_among_many import _crowd, _row
from tests.importers.test_training_import import write_csv


def test_a_name_without_an_address_after_two_delegates_of_that_name_is_a_booking_of_its_own(db, tmp_path):
    rows = [_row("Sam Patel", "sam.patel@brent.gov.uk"), *_crowd(10), _row("Sam Patel", "s.patel@nhs.net"),
            _row("sam  patel")]
    report = run_import(db, "bookings", write_csv(tmp_path / "lms.csv", rows, header=template_columns("bookings")))
    assert report.added == 13
    assert sorted(b.email for b in bk.list_bookings(db) if b.delegate_name.casefold() == "sam patel") == [
        "", "s.patel@nhs.net", "sam.patel@brent.gov.uk"]


def test_a_name_without_an_address_repeats_the_one_row_of_that_name_with_an_address(db, tmp_path):
    rows = [*_crowd(5), _row("Ruth Ndlovu", "ruth@example.org"), *_crowd(30)[5:], _row("RUTH NDLOVU"),
            _row("Ruth Ndlovu", "r.ndlovu@example.org")]
    with pytest.raises(ImportRejected) as err:
        run_import(db, "bookings", write_csv(tmp_path / "lms.csv", rows, header=template_columns("bookings")))
    assert err.value.report.bad_rows == [
        "Row 33: Repeats row 7 (RUTH NDLOVU on the same session, without an e-mail address here and with one "
        "there): give the delegate one row."]
