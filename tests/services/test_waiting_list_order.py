"""The waiting list has one order, by the date each booking was made (then as entered): what the
officer is told when a booking goes on it, the list the window shows, the place offered when one
is free (on booking, or once the places are raised) and the notes of a bookings import all agree
on who is first, for a booking dated after those waiting and for one backdated before them."""

from __future__ import annotations

import csv
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from bscp_desktop.domain.training import Outcome, WaitingDelegate, first_on_waitlist, session_label
from bscp_desktop.importers import run_import
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training.waiting_list import WaitingTurn, in_turn, named, ordinal

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

TO_COME = datetime.combine(date.today() + timedelta(days=60), time(10, 0))
COURSE = "Queue order"
SESSION = session_label(COURSE, TO_COME)


def _book(db, session_id: int, name: str, booked_on: date) -> bk.BookingResult:
    return bk.create_booking(db, bk.BookingFields(session_id, name, f"{name.split()[0].lower()}@x.org",
                                                  booked_on=booked_on))


def _three_waiting(db) -> int:
    """Ann Ash holds the one place; Bob Birch (3 May), Cat Cole (2 May) and Dee Dale (4 May)
    wait; the places are then raised to 2 and the team answers "not now" to the offer."""
    course = cs.create_course(db, cs.CourseFields(title=COURSE))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=TO_COME, capacity=1))
    _book(db, session.id, "Ann Ash", date(2026, 5, 1))
    for name, day in (("Bob Birch", 3), ("Cat Cole", 2), ("Dee Dale", 4)):
        assert _book(db, session.id, name, date(2026, 5, day)).booking.outcome is Outcome.WAITLISTED
    cs.update_session(db, session.id, cs.SessionFields(course.id, TO_COME, 2))
    return session.id


def _names(db, session_id: int) -> list[str]:
    return [b.delegate_name for b in bk.waiting_list(db, session_id)]


def test_a_booking_backdated_before_those_waiting_is_told_it_is_first_and_is_offered_the_place(db):
    session_id = _three_waiting(db)
    result = _book(db, session_id, "Eve Early", date(2026, 4, 1))
    assert result.booking.outcome is Outcome.WAITLISTED
    assert result.waiting_ahead == 0
    assert result.message == (
        f"3 delegates are already waiting for a place on {SESSION}: Eve Early joins the waiting list 1st, ahead of "
        "Cat Cole, Bob Birch and Dee Dale, by the date it was booked (1 Apr 2026). The free place is offered to "
        "Eve Early, first on the waiting list.")
    # the list, the offer made on booking and the offer made later all name the same delegate first
    assert _names(db, session_id) == ["Eve Early", "Cat Cole", "Bob Birch", "Dee Dale"]
    assert result.offer is not None and result.offer.booking_id == result.booking.id
    assert bk.waitlist_offer(db, session_id).booking_id == result.booking.id


def test_a_booking_backdated_between_those_waiting_is_told_its_turn(db):
    session_id = _three_waiting(db)
    result = _book(db, session_id, "Meg Middle", date(2026, 5, 2))  # the day Cat booked, entered after her
    assert result.waiting_ahead == 1
    assert result.message == (
        f"3 delegates are already waiting for a place on {SESSION}: Meg Middle joins the waiting list 2nd, behind "
        "Cat Cole, ahead of Bob Birch and Dee Dale, by the date it was booked (2 May 2026). The free place is "
        "offered to the first delegate waiting.")
    cat = bk.waiting_list(db, session_id)[0]
    assert _names(db, session_id) == ["Cat Cole", "Meg Middle", "Bob Birch", "Dee Dale"]
    assert result.offer.booking_id == cat.id == bk.waitlist_offer(db, session_id).booking_id


def test_a_booking_made_after_those_waiting_joins_the_list_behind_them(db):
    session_id = _three_waiting(db)
    result = _book(db, session_id, "Lou Late", date(2026, 5, 10))
    assert result.waiting_ahead == 3
    assert result.message == (
        f"3 delegates are already waiting for a place on {SESSION}: Lou Late joins the waiting list behind them. "
        "The free place is offered to the first delegate waiting.")
    cat = bk.waiting_list(db, session_id)[0]
    assert _names(db, session_id) == ["Cat Cole", "Bob Birch", "Dee Dale", "Lou Late"]
    assert result.offer.booking_id == cat.id == bk.waitlist_offer(db, session_id).booking_id


def test_a_booking_on_a_full_session_is_told_its_turn_on_the_list(db):
    session_id = _three_waiting(db)
    bk.offer_place(db, bk.waitlist_offer(db, session_id).booking_id)  # Cat Cole given the place: full again
    early = _book(db, session_id, "Eve Early", date(2026, 4, 1))
    assert early.waitlisted_because_full and early.waiting_ahead == 0
    assert early.message == (
        f"{SESSION} is full: Eve Early is on the waiting list, 1st, ahead of Bob Birch and Dee Dale, by the date it "
        "was booked (1 Apr 2026). They will be offered the first place that comes free.")
    late = _book(db, session_id, "Lou Late", date(2026, 5, 10))
    assert late.waiting_ahead == 3 and late.message == (
        f"{SESSION} is full: Lou Late is on the waiting list, 4th, behind Eve Early, Bob Birch and Dee Dale, by the "
        "date it was booked (10 May 2026). A place that comes free is offered first to the delegates before them.")
    assert _names(db, session_id) == ["Eve Early", "Bob Birch", "Dee Dale", "Lou Late"]


def test_a_restored_booking_is_told_its_turn_and_offered_the_place_when_first(db):
    session_id = _three_waiting(db)
    held = [b for b in bk.list_bookings(db, session_id=session_id) if b.delegate_name == "Ann Ash"][0]
    bk.archive_booking(db, held.id)  # entered by mistake, then found to be right; "not now" to the offer
    result = bk.restore_booking(db, held.id)  # booked on 1 May, before those waiting
    assert result.booking.outcome is Outcome.WAITLISTED and result.waiting_ahead == 0
    assert result.message == (
        "Ann Ash is back on the waiting list, 1st, ahead of Cat Cole, Bob Birch and Dee Dale, by the date it was "
        f"booked (1 May 2026): 3 delegates are also waiting for the free place on {SESSION}, and it is offered to "
        "Ann Ash, first on the waiting list.")
    assert result.offer.booking_id == held.id == bk.waitlist_offer(db, session_id).booking_id
    assert _names(db, session_id) == ["Ann Ash", "Cat Cole", "Bob Birch", "Dee Dale"]


def test_the_order_is_the_one_places_are_offered_in():
    waiting = [WaitingDelegate(7, date(2026, 5, 2), "Later entered"), WaitingDelegate(3, date(2026, 5, 2), "Entered"),
               WaitingDelegate(9, date(2026, 4, 1), "Earliest booked")]
    assert in_turn(waiting)[0] == first_on_waitlist(waiting)
    assert [w.name for w in in_turn(waiting)] == ["Earliest booked", "Entered", "Later entered"]
    assert WaitingTurn.of(waiting, 3) == WaitingTurn(date(2026, 5, 2), ("Earliest booked",), ("Later entered",))
    assert WaitingTurn.of(waiting, 4) is None
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "111th"]
    assert named(["A"]) == "A" and named(["A", "B", "C"]) == "A, B and C"
    assert named([str(n) for n in range(8)], limit=5) == "0, 1, 2, 3, 4 and 3 more"


# ------------------------------------------------------------------ the bookings import

HEADER = ["Course", "Session start", "Capacity", "Delegate", "Email", "Booked on", "Outcome", "Cancelled on"]
START = TO_COME.strftime("%d/%m/%Y %H:%M")
WHEN = f"{COURSE}, {START}"


def _write(path: Path, rows) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def test_the_import_tells_a_backdated_row_its_turn_as_the_window_does(db, tmp_path):
    session_id = _three_waiting(db)
    rows = [[COURSE, START, "", "Eve Early", "eve@x.org", "01/04/2026", "Booked", ""]]
    checked = run_import(db, "bookings", _write(tmp_path / "early.csv", rows), dry_run=True)
    assert (f"Row 2: 3 delegates are already waiting for a place on {WHEN}: Eve Early would join the waiting list "
            "1st, ahead of Cat Cole, Bob Birch and Dee Dale, by the date it was booked (1 Apr 2026): the free place is "
            "to be offered to Eve Early first.") in checked.notes
    report = run_import(db, "bookings", _write(tmp_path / "early.csv", rows))
    assert (f"Row 2: 3 delegates are already waiting for a place on {WHEN}: Eve Early joins the waiting list 1st, "
            "ahead of Cat Cole, Bob Birch and Dee Dale, by the date it was booked (1 Apr 2026): the free place is to "
            "be offered to Eve Early first.") in report.notes
    assert (f"{WHEN}: 1 place is free and 4 delegates wait for one. The import gives no one a place: offer it to "
            "Eve Early, first on the waiting list (Training tab, Bookings, Waiting list: Give the place).") in report.notes
    # the window agrees
    assert _names(db, session_id) == ["Eve Early", "Cat Cole", "Bob Birch", "Dee Dale"]
    assert bk.waitlist_offer(db, session_id).delegate_name == "Eve Early"


def test_the_import_says_a_row_booked_after_those_waiting_joins_behind_them(db, tmp_path):
    session_id = _three_waiting(db)
    rows = [[COURSE, START, "", "Lou Late", "lou@x.org", "10/05/2026", "Booked", ""],
            [COURSE, START, "", "Max More", "max@x.org", "11/05/2026", "Booked", ""]]  # behind Lou, told its own turn
    report = run_import(db, "bookings", _write(tmp_path / "late.csv", rows))
    assert (f"Row 2: 3 delegates are already waiting for a place on {WHEN}: Lou Late joins the waiting list behind "
            "them: the free place is to be offered to the first delegate waiting.") in report.notes
    assert (f"Row 3: 4 delegates are already waiting for a place on {WHEN}: Max More joins the waiting list behind "
            "them: the free place is to be offered to the first delegate waiting.") in report.notes
    assert _names(db, session_id) == ["Cat Cole", "Bob Birch", "Dee Dale", "Lou Late", "Max More"]
    assert bk.waitlist_offer(db, session_id).delegate_name == "Cat Cole"
