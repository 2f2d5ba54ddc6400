"""Importing the learning management system's bookings file again keeps what the training
coordinator corrected in the program: a booking remembers what the import last gave it, so a row
still saying the same leaves the correction (a delegate moved to another session, an outcome, an
organisation, a cancellation date) as it is, and the report says which rows. A value the file
changed since is taken. A booking imported before the program remembered anything is imported
as before."""

from __future__ import annotations

import csv
import dataclasses
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bscp_desktop.db import migrate
from bscp_desktop.db.database import Database
from bscp_desktop.domain.training import ChargeKind, Outcome
from bscp_desktop.importers import run_import
from bscp_desktop.services.training import bookings as bk

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

HEADER = ["Course", "Session start", "Capacity", "Delegate", "Email", "Job title", "Organisation", "Booked on",
          "Outcome", "Cancelled on"]
COURSE = "Neglect level 3"
FIRST = date.today() - timedelta(days=27)  # both sessions have run
SECOND = date.today() - timedelta(days=13)


def _day(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def _start(d: date) -> str:
    return f"{_day(d)} 09:30"


def _rows(**changed) -> list[list[str]]:
    """The file: two sessions of one course, Bob a no-show on the first, Eve cancelled from the
    second 4 days before it (late); `changed` gives a delegate's row other cells, by heading."""
    rows = {
        "Ann Able": [_start(FIRST), "ann@brent.gov.uk", "SW", "Brent Council", "Attended", ""],
        "Bob Best": [_start(FIRST), "bob@met.police.uk", "PC", "Metropolitan Police", "No-show", ""],
        "Cat Cole": [_start(FIRST), "cat@nhs.net", "Nurse", "NHS Trust", "Attended", ""],
        "Dan Dee": [_start(SECOND), "dan@brent.gov.uk", "SW", "Brent Council", "Attended", ""],
        "Eve Eck": [_start(SECOND), "eve@met.police.uk", "PC", "Metropolitan Police", "Cancelled",
                    _day(SECOND - timedelta(days=4))],
        "Fay Fox": [_start(SECOND), "fay@nhs.net", "Nurse", "NHS Trust", "Attended", ""],
    }
    out = []
    for name, (start, email, job, org, outcome, cancelled) in rows.items():
        row = dict(zip(HEADER, [COURSE, start, "4", name, email, job, org, _day(FIRST - timedelta(days=40)), outcome,
                                cancelled], strict=True))
        row.update(changed.get(name, {}))
        out.append([row[h] for h in HEADER])
    return out


def _write(path: Path, rows) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def _now(db) -> dict[str, list[bk.BookingDTO]]:
    found: dict[str, list[bk.BookingDTO]] = {}
    for b in bk.list_bookings(db):
        found.setdefault(b.delegate_name, []).append(b)
    return found


def _one(db, name: str) -> bk.BookingDTO:
    (booking,) = _now(db)[name]
    return booking


def _correct(db, name: str, **values) -> bk.BookingDTO:
    b = _one(db, name)
    return bk.update_booking(db, b.id, dataclasses.replace(b.to_fields(), **values)).booking


def _second_session_id(db) -> int:
    return _one(db, "Dan Dee").session_id


def test_a_delegate_moved_to_another_session_is_not_booked_twice_nor_charged(db, tmp_path):
    path = _write(tmp_path / "lms.csv", _rows())
    run_import(db, "bookings", path)
    _correct(db, "Bob Best", session_id=_second_session_id(db), outcome=Outcome.ATTENDED)

    for dry_run in (True, False):
        report = run_import(db, "bookings", path, dry_run=dry_run)
        assert (report.added, report.updated, report.unchanged) == (0, 0, 6)
        assert ("Corrections made in the program are kept, as the file still says what it said at the last import: "
                "row 3 (Bob Best: Session start, Outcome).") in report.notes
    (bob,) = _now(db)["Bob Best"]
    assert (bob.session_id, bob.outcome, bob.charge) == (_second_session_id(db), Outcome.ATTENDED, None)


def test_each_correction_made_in_the_program_stands_when_the_same_file_is_imported_again(db, tmp_path):
    path = _write(tmp_path / "lms.csv", _rows())
    run_import(db, "bookings", path)
    assert _one(db, "Eve Eck").charge is ChargeKind.LATE_CANCELLATION
    _correct(db, "Dan Dee", outcome=Outcome.NO_SHOW)
    _correct(db, "Ann Able", organisation_name="Harrow Council", job_title="Team manager")
    _correct(db, "Eve Eck", cancelled_on=SECOND - timedelta(days=20))  # in good time: no charge
    before = {name: _one(db, name) for name in ("Ann Able", "Dan Dee", "Eve Eck")}
    assert before["Eve Eck"].charge is None

    report = run_import(db, "bookings", path)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 6)
    assert ("Corrections made in the program are kept, as the file still says what it said at the last import: "
            "row 2 (Ann Able: Job title, Organisation), row 5 (Dan Dee: Outcome), row 6 (Eve Eck: Cancelled on).") \
        in report.notes
    for name, booking in before.items():
        now = _one(db, name)
        assert (now.outcome, now.organisation_name, now.job_title, now.cancelled_on, now.charge, now.version) == (
            booking.outcome, booking.organisation_name, booking.job_title, booking.cancelled_on, booking.charge,
            booking.version), name


def test_a_value_the_learning_management_system_changed_since_is_taken(db, tmp_path):
    run_import(db, "bookings", _write(tmp_path / "lms.csv", _rows()))
    _correct(db, "Dan Dee", outcome=Outcome.NO_SHOW)
    _correct(db, "Ann Able", organisation_name="Harrow Council", job_title="Team manager")

    # the LMS now has Dan as attended still (his correction stands) and Ann's job title as Social worker
    changed = _rows(**{"Ann Able": {"Job title": "Social worker"}, "Cat Cole": {"Outcome": "No-show"}})
    report = run_import(db, "bookings", _write(tmp_path / "lms2.csv", changed))
    assert (report.added, report.updated, report.unchanged) == (0, 2, 4)
    ann, cat, dan = _one(db, "Ann Able"), _one(db, "Cat Cole"), _one(db, "Dan Dee")
    assert (ann.job_title, ann.organisation_name) == ("Social worker", "Harrow Council")
    assert cat.outcome is Outcome.NO_SHOW
    assert dan.outcome is Outcome.NO_SHOW
    assert ("The file's new values are taken in place of corrections made in the program, as the learning "
            "management system has changed them since: row 2 (Ann Able: Job title).") in report.notes

    # remembered anew: the next import of that file keeps what is corrected after it
    _correct(db, "Cat Cole", outcome=Outcome.ATTENDED)
    report = run_import(db, "bookings", tmp_path / "lms2.csv")
    assert (report.updated, _one(db, "Cat Cole").outcome) == (0, Outcome.ATTENDED)


def test_a_booking_imported_before_anything_was_remembered_is_imported_as_before(db, tmp_path):
    path = _write(tmp_path / "lms.csv", _rows())
    run_import(db, "bookings", path)
    with db.engine.begin() as conn:  # as an earlier version of the program left them
        conn.execute(text("UPDATE training_booking SET imported_as = NULL"))
    _correct(db, "Dan Dee", outcome=Outcome.NO_SHOW)
    _correct(db, "Bob Best", session_id=_second_session_id(db), outcome=Outcome.ATTENDED)

    report = run_import(db, "bookings", path)
    assert (report.added, report.updated, report.unchanged) == (1, 1, 4)
    assert not any("corrections made in the program" in note for note in report.notes)
    assert _one(db, "Dan Dee").outcome is Outcome.ATTENDED
    assert sorted(b.outcome.value for b in _now(db)["Bob Best"]) == ["attended", "no_show"]


def test_what_an_import_remembers_is_not_a_change_in_the_history(db, tmp_path):
    path = _write(tmp_path / "lms.csv", _rows())
    run_import(db, "bookings", path)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE training_booking SET imported_as = NULL"))
    ann = _one(db, "Ann Able")
    run_import(db, "bookings", path)  # remembers, changing nothing
    assert _one(db, "Ann Able").version == ann.version
    with db.engine.connect() as conn:
        held = conn.execute(text("SELECT imported_as FROM training_booking WHERE id = :id"), {"id": ann.id}).scalar()
        entries = conn.execute(text("SELECT field, new_value FROM change_record WHERE table_name = 'training_booking'")).all()
    assert held and "ann@brent.gov.uk" in held
    assert not any(field == "imported_as" or "imported_as" in (value or "") for field, value in entries)


@pytest.mark.slow
def test_the_upgrade_adds_what_an_import_remembers_to_an_existing_file(tmp_path):
    from alembic import command

    path = tmp_path / "bookings.sqlite3"
    with Database.open(path) as db:
        run_import(db, "bookings", _write(tmp_path / "lms.csv", _rows()))
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0027")
        columns = {r[1] for r in conn.execute(text("PRAGMA table_info(training_booking)"))}
    engine.dispose()
    assert "imported_as" not in columns

    with Database.open(path) as db:  # upgrades to the head: the bookings there are imported as before
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM training_booking WHERE imported_as IS NULL")).scalar() == 6
        bob = _one(db, "Bob Best")
        report = run_import(db, "bookings", tmp_path / "lms.csv")
        assert (report.added, report.updated, report.unchanged) == (0, 0, 6)
        bk.update_booking(db, bob.id, dataclasses.replace(bob.to_fields(), outcome=Outcome.ATTENDED))
        run_import(db, "bookings", tmp_path / "lms.csv")
        assert _one(db, "Bob Best").outcome is Outcome.ATTENDED
