"""Training imports and the places of a session: a place the import frees (a cancellation, or
places raised) while delegates wait is named in the report with who is first to be offered it,
as the window would offer it; and a row that would add or change a booking on an archived course
or session is a bad row, as the window refuses such a booking."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from bscp_desktop.domain.training import Outcome, session_label
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

HEADER = ["Course", "Session start", "Capacity", "Delegate", "Email", "Booked on", "Outcome", "Cancelled on"]
COURSE = "Queue probe"
WHEN = datetime.combine(date.today() + timedelta(days=40), datetime.min.time()).replace(hour=9, minute=30)
START = WHEN.strftime("%d/%m/%Y %H:%M")
SESSION = f"{COURSE}, {START}"
TODAY = date.today().strftime("%d/%m/%Y")


def write_csv(path: Path, rows) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def _full_session_with_one_waiting(db, capacity: int = 1) -> int:
    """Ann Holder holds the one place; Wes Waiting, then Val Vine, wait for one."""
    course = cs.create_course(db, cs.CourseFields(title=COURSE))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=WHEN, capacity=capacity))
    yesterday = date.today() - timedelta(days=1)
    for name, booked_on in (("Ann Holder", yesterday - timedelta(days=2)), ("Wes Waiting", yesterday - timedelta(days=1)),
                            ("Val Vine", yesterday)):
        bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name=name,
                                               email=f"{name.split()[0].lower()}@x.org", booked_on=booked_on))
    return session.id


def _outcomes(db, session_id: int) -> dict[str, Outcome]:
    return {b.delegate_name: b.outcome for b in bk.list_bookings(db, session_id=session_id)}


def test_a_cancellation_that_frees_a_place_names_who_is_first_to_be_offered_it(db, tmp_path):
    session_id = _full_session_with_one_waiting(db)
    rows = [[COURSE, START, "", "Ann Holder", "ann@x.org", "", "Cancelled", TODAY]]
    note = (f"{SESSION}: 1 place {{}} free and 2 delegates wait for one. The import gives no one a place: offer it to "
            "Wes Waiting, first on the waiting list (Training tab, Bookings, Waiting list: Give the place).")
    checked = run_import(db, "bookings", write_csv(tmp_path / "c.csv", rows), dry_run=True)
    assert note.format("would be") in checked.notes
    report = run_import(db, "bookings", write_csv(tmp_path / "c.csv", rows))
    assert note.format("is") in report.notes
    # the window's own offer names the same delegate; the import moved no one off the list
    assert bk.waitlist_offer(db, session_id).delegate_name == "Wes Waiting"
    assert _outcomes(db, session_id) == {"Ann Holder": Outcome.CANCELLED, "Wes Waiting": Outcome.WAITLISTED,
                                         "Val Vine": Outcome.WAITLISTED}


def test_places_raised_count_as_an_update_and_name_the_delegates_to_offer_them(db, tmp_path):
    session_id = _full_session_with_one_waiting(db)
    rows = [[COURSE, START, "3", "Ann Holder", "ann@x.org", "", "", ""]]
    report = run_import(db, "bookings", write_csv(tmp_path / "cap.csv", rows))
    assert (report.added, report.updated, report.unchanged) == (0, 1, 0)
    assert (f"{SESSION}: 2 places are free and 2 delegates wait for one. The import gives no one a place: offer them "
            "to Wes Waiting and Val Vine, first on the waiting list (Training tab, Bookings, Waiting list: Give the "
            "place).") in report.notes
    assert _outcomes(db, session_id)["Wes Waiting"] is Outcome.WAITLISTED
    again = run_import(db, "bookings", write_csv(tmp_path / "cap.csv", rows))  # the places are 3 already
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)


def test_a_new_booking_behind_those_waiting_is_not_said_to_have_had_the_place_offered(db, tmp_path):
    session_id = _full_session_with_one_waiting(db)
    rows = [[COURSE, START, "", "Ann Holder", "ann@x.org", "", "Cancelled", TODAY],
            [COURSE, START, "", "Nat New", "nat@x.org", TODAY, "Booked", ""]]
    report = run_import(db, "bookings", write_csv(tmp_path / "q.csv", rows))
    assert (f"Row 3: 2 delegates are already waiting for a place on {SESSION}: Nat New joins the waiting list behind "
            "them: the free place is to be offered to the first delegate waiting.") in report.notes
    assert not any("is offered to" in note for note in report.notes)
    assert (f"{SESSION}: 1 place is free and 3 delegates wait for one. The import gives no one a place: offer it to "
            "Wes Waiting, first on the waiting list (Training tab, Bookings, Waiting list: Give the place).") \
        in report.notes
    assert _outcomes(db, session_id)["Nat New"] is Outcome.WAITLISTED


def test_no_place_is_named_for_a_session_that_has_run(db, tmp_path):
    """The LMS's history: a session long past with a cancellation and a waiting list left as it was."""
    rows = [["History", "10/03/2020 09:30", "1", "Ann Holder", "ann@x.org", "01/02/2020", "Cancelled", "01/03/2020"],
            ["History", "10/03/2020 09:30", "1", "Wes Waiting", "wes@x.org", "02/02/2020", "Waitlisted", ""]]
    report = run_import(db, "bookings", write_csv(tmp_path / "h.csv", rows))
    assert not any("place is free" in note for note in report.notes)


def test_rows_changing_an_archived_course_or_session_are_bad_rows_as_in_the_window(db, tmp_path):
    closed = cs.create_course(db, cs.CourseFields(title="Archived course probe"))
    closed_session = cs.create_session(db, cs.SessionFields(course_id=closed.id, starts_at=WHEN, capacity=5))
    cs.archive_course(db, closed.id)
    live = cs.create_course(db, cs.CourseFields(title="Live course probe"))
    archived_session = cs.create_session(db, cs.SessionFields(course_id=live.id, starts_at=WHEN, capacity=5))
    bk.create_booking(db, bk.BookingFields(session_id=archived_session.id, delegate_name="Old Booking",
                                           email="old@x.org", booked_on=date.today()))
    cs.archive_session(db, archived_session.id)
    later = (WHEN + timedelta(days=1)).strftime("%d/%m/%Y %H:%M")
    yesterday = (date.today() - timedelta(days=1)).strftime("%d/%m/%Y")
    rows = [["Archived course probe", START, "", "Via Import", "via@x.org", TODAY, "", ""],
            ["Archived course probe", later, "5", "Also Via", "also@x.org", TODAY, "", ""],  # no session there yet
            ["Live course probe", START, "5", "Old Booking", "old@x.org", yesterday, "", ""]]  # would change it
    with pytest.raises(ImportRejected) as err:
        run_import(db, "bookings", write_csv(tmp_path / "arch.csv", rows))
    course = ("Course: The course Archived course probe is archived: restore it first (Courses, Show archived) "
              "to book on its sessions, then import again.")
    assert err.value.report.bad_rows == [
        f"Row 2: {course}", f"Row 3: {course}",
        f"Row 4: Session start: The session {session_label('Live course probe', WHEN)} is archived"
        ": restore it first (Sessions, Show archived), then import again."]
    assert bk.list_bookings(db, session_id=closed_session.id) == []
    assert [s.id for s in cs.list_sessions(db, include_archived=True, course_id=live.id)] == [archived_session.id]
    assert len(cs.list_sessions(db, include_archived=True, course_id=closed.id)) == 1
