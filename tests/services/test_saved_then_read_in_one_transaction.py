"""A command that saves returns what it saved from the same transaction. When a read fails after
the save was committed (a disk error, a dropped connection to the team database), the window
would say "nothing was changed" of a change that was kept, and saving again would be refused
as a duplicate. So a failed read leaves either the change saved and returned, or nothing saved."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import date, datetime

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from bscp_desktop.domain.training import Outcome
from bscp_desktop.domain.yearly_report import SECTIONS
from bscp_desktop.services import yearly_report as yr
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs

pytestmark = pytest.mark.both_engines

PERIOD = (date(2023, 4, 1), date(2024, 3, 31))


def _failure(statement, parameters):
    return OperationalError(statement, parameters, sqlite3.OperationalError("disk I/O error"))


@contextmanager
def first_read_after_a_save_fails(db):
    """The first read after a transaction that wrote something has been committed fails."""
    state = {"wrote": False, "armed": False, "failed": False}

    def before(conn, cursor, statement, parameters, context, executemany):
        verb = statement.lstrip().split(None, 1)[0].upper()
        if verb in ("INSERT", "UPDATE", "DELETE"):
            state["wrote"] = True
        elif verb == "SELECT" and state["armed"]:
            state["armed"], state["failed"] = False, True
            raise _failure(statement, parameters)

    def on_commit(conn):
        state["armed"], state["wrote"] = state["wrote"], False

    event.listen(db.engine, "before_cursor_execute", before)
    event.listen(db.engine, "commit", on_commit)
    try:
        yield state
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
        event.remove(db.engine, "commit", on_commit)


@contextmanager
def read_fails(db, n):
    """The `n`th read (0 first) fails."""
    state = {"reads": 0, "failed": False}

    def before(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            state["reads"] += 1
            if state["reads"] == n + 1:
                state["failed"] = True
                raise _failure(statement, parameters)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield state
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


# ------------------------------------------------------------------ yearly reports


def test_a_new_yearly_report_is_returned_when_a_read_after_saving_it_would_fail(db):
    with first_read_after_a_save_fails(db):
        report = yr.create_report(db, yr.ReportFields("Yearly report 2023/24", *PERIOD))
    assert report.title == "Yearly report 2023/24" and len(report.sections) == len(SECTIONS)
    assert [r.id for r in yr.list_reports(db)] == [report.id]


def test_a_yearly_report_is_either_saved_and_returned_or_not_saved_whichever_read_fails(db):
    for n in range(100):
        title = f"Yearly report {n}"
        with read_fails(db, n) as state:
            try:
                report = yr.create_report(db, yr.ReportFields(title, *PERIOD))
            except OperationalError:
                assert title not in [r.title for r in yr.list_reports(db)], f"read {n} failed"
            else:
                assert report.title == title and len(report.sections) == len(SECTIONS)
        if not state["failed"]:
            break
    else:
        pytest.fail("creating a report made more reads than expected")


def test_a_changed_yearly_report_is_returned_when_a_read_after_saving_it_would_fail(db):
    report = yr.create_report(db, yr.ReportFields("Yearly report 2023/24", *PERIOD))
    with first_read_after_a_save_fails(db):
        changed = yr.update_report(db, report.id, yr.ReportFields("Annual report 2023/24", *PERIOD))
    assert changed.title == "Annual report 2023/24" == yr.get_report(db, report.id).title


@pytest.mark.slow
def test_a_refreshed_yearly_report_is_returned_when_a_read_after_saving_it_would_fail(db):
    report = yr.create_report(db, yr.ReportFields("Yearly report 2023/24", *PERIOD))
    with first_read_after_a_save_fails(db):
        refreshed = yr.refresh_all(db, report.id, today=date(2024, 5, 1))
    assert all(s.built_at is not None for s in refreshed.sections if s.built)


def test_a_report_marked_final_is_returned_when_a_read_after_saving_it_would_fail(db):
    from tests.services.test_yearly_report import write_every_section

    report = yr.create_report(db, yr.ReportFields("Yearly report 2023/24", *PERIOD))
    write_every_section(db, report.id)
    with first_read_after_a_save_fails(db):
        final = yr.set_final(db, report.id, True, on=date(2024, 6, 1))
    assert final.final and final.finalised_on == date(2024, 6, 1) and all(
        s.built_at is not None for s in final.sections if s.built)
    assert yr.get_report(db, report.id).final


# ------------------------------------------------------------------ training bookings


def _session_with_one_waiting(db):
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    row = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(2030, 3, 11, 9, 30),
                                                 capacity=1))

    def book(name):
        return bk.create_booking(db, bk.BookingFields(session_id=row.id, delegate_name=name,
                                                      booked_on=date.today())).booking

    return book("Ama Booked"), book("Wale Waiting")


def test_archiving_a_booking_offers_its_place_when_a_read_after_archiving_it_would_fail(db):
    held, waiting = _session_with_one_waiting(db)
    assert waiting.outcome is Outcome.WAITLISTED

    with first_read_after_a_save_fails(db) as state:
        offer = bk.archive_booking(db, held.id)
    assert not state["failed"]  # nothing was read after the archiving was committed
    assert offer is not None and offer.booking_id == waiting.id
    assert bk.get_booking(db, held.id).archived


def test_a_booking_is_either_archived_with_its_offer_or_left_as_it_was_whichever_read_fails(db):
    held, waiting = _session_with_one_waiting(db)
    for n in range(100):
        with read_fails(db, n) as state:
            try:
                offer = bk.archive_booking(db, held.id)
            except OperationalError:
                assert not bk.get_booking(db, held.id).archived, f"read {n} failed"
            else:
                assert offer is not None and offer.booking_id == waiting.id
                break
    else:
        pytest.fail("archiving a booking made more reads than expected")
    assert state["failed"] is False and bk.get_booking(db, held.id).archived
