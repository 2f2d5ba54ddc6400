"""A bookings import and the register marked in the program: a row saying Waitlisted (or
Booked) for a delegate marked attended or no-show, or Cancelled for one marked attended, leaves
the register and its charge as they are, and the report says so; a row cancelling a no-show's
booking makes it a cancellation, and clears a waiver of the no-show's charge as the window does."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from bscp_desktop.domain.training import ChargeKind, Outcome
from bscp_desktop.importers import run_import
from bscp_desktop.services.training import bookings as bk

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

HEADER = ["Course", "Session start", "Capacity", "Delegate", "Email", "Booked on", "Outcome", "Cancelled on"]
COURSE, START = "Neglect basics", "14/05/2025 09:30"
WAIVED = "Sick on the day (GP note)"


def write_csv(path: Path, rows) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows([COURSE, START, "10", name, f"{name.lower()}@brent.gov.uk", "01/04/2025", outcome, cancelled]
                         for name, outcome, cancelled in rows)
    return path


def _marked(db, tmp_path) -> dict[str, bk.BookingDTO]:
    """Ann and Dov attended, Ben and Cat no-shows, Ben's and Cat's charges waived."""
    run_import(db, "bookings", write_csv(tmp_path / "booked.csv", [(n, "Booked", "") for n in ("Ann", "Ben", "Cat", "Dov")]))
    by_name = {b.delegate_name: b for b in bk.list_bookings(db)}
    bk.mark_register(db, by_name["Ann"].session_id, {by_name["Ann"].id: Outcome.ATTENDED, by_name["Ben"].id: Outcome.NO_SHOW,
                                                      by_name["Cat"].id: Outcome.NO_SHOW, by_name["Dov"].id: Outcome.ATTENDED})
    for name in ("Ben", "Cat"):
        bk.waive_charge(db, by_name[name].id, WAIVED)
    return by_name


def _now(db) -> dict[str, bk.BookingDTO]:
    return {b.delegate_name: b for b in bk.list_bookings(db)}


def test_a_waitlisted_row_leaves_attended_and_no_show_and_the_charge_as_the_register_marks_them(db, tmp_path):
    _marked(db, tmp_path)
    path = write_csv(tmp_path / "lms.csv", [("Ann", "Waitlisted", ""), ("Ben", "Waitlisted", ""), ("Dov", "Booked", "")])
    for dry_run in (True, False):
        report = run_import(db, "bookings", path, dry_run=dry_run)
        assert (report.added, report.updated, report.unchanged) == (0, 0, 3)
        assert "2 rows (2, 3) say Waitlisted for delegates the register in the program already marks attended or " \
               "no-show: the register is kept." in report.notes
        assert "1 row (4) says Booked for a delegate the register in the program already marks attended or no-show: " \
               "the register is kept." in report.notes
    now = _now(db)
    assert {n: b.outcome for n, b in now.items()} == {"Ann": Outcome.ATTENDED, "Ben": Outcome.NO_SHOW,
                                                      "Cat": Outcome.NO_SHOW, "Dov": Outcome.ATTENDED}
    assert (now["Ben"].charge, now["Ben"].charge_waived, now["Ben"].waiver_reason) == (ChargeKind.NO_SHOW, True, WAIVED)


@pytest.mark.slow  # three imports, a cancellation in the window and two waivers
def test_a_cancelled_row_keeps_attended_and_makes_a_no_show_a_cancellation_without_its_waiver(db, tmp_path):
    by_name = _marked(db, tmp_path)
    path = write_csv(tmp_path / "lms.csv", [("Ann", "Cancelled", "13/05/2025"), ("Ben", "Cancelled", "13/05/2025")])
    report = run_import(db, "bookings", path)
    assert (report.updated, report.unchanged) == (1, 1)
    assert "1 row (2) says Cancelled for a delegate the register in the program already marks attended: the register " \
           "is kept (they came; if they did not, change the booking in the Training tab)." in report.notes
    # the window's cancellation of Cat, waived as Ben was, is what the import made of Ben's
    window = bk.cancel_booking(db, by_name["Cat"].id, date(2025, 5, 13)).booking
    now = _now(db)
    assert now["Ann"].outcome is Outcome.ATTENDED
    ben = now["Ben"]
    assert (ben.outcome, ben.cancelled_on, ben.charge, ben.charge_waived, ben.waiver_reason) == (
        Outcome.CANCELLED, date(2025, 5, 13), ChargeKind.LATE_CANCELLATION, False, "")
    assert (window.charge, window.charge_waived, window.waiver_reason) == (ben.charge, ben.charge_waived, ben.waiver_reason)
    # a waiver of the late cancellation itself stays when the same file comes again
    bk.waive_charge(db, ben.id, "Called the day before")
    assert run_import(db, "bookings", path).unchanged == 2
    assert (bk.get_booking(db, ben.id).charge_waived, bk.get_booking(db, ben.id).waiver_reason) == (True, "Called the day before")
