"""Importing the learning management system's bookings file again, in the cases the three-way
merge must still get right: what a booking remembers of its last import is damaged (it is then
taken as nothing remembered, not a reason to stop the import), the team moved a session's date
(no empty session is made at the old date), and the partnership called a session off (the report
says so in plain words, not that the session is archived or the register kept)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from bscp_desktop.domain.training import Outcome
from bscp_desktop.importers import run_import
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import called_off as co
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import sessions as ss
from tests.importers.test_bookings_reimport_keeps_corrections import COURSE, FIRST, HEADER, _day, _now, _one, _write

LATER = date.today() + timedelta(days=30)  # still to run


def _rows(capacity: str = "4", **changed) -> list[list[str]]:
    """Ann and Bob (a no-show) on a session that has run; Gus and Hal booked on one still to run."""
    rows = {
        "Ann Able": [FIRST, "ann@brent.gov.uk", "Attended", ""],
        "Bob Best": [FIRST, "bob@met.police.uk", "No-show", ""],
        "Gus Gray": [LATER, "gus@nhs.net", "Booked", ""],
        "Hal Hill": [LATER, "", "Booked", ""],
    }
    out = []
    for name, (day, email, outcome, cancelled) in rows.items():
        row = dict(zip(HEADER, [COURSE, f"{_day(day)} 09:30", capacity, name, email, "Nurse", "NHS Trust",
                                _day(FIRST - timedelta(days=40)), outcome, cancelled], strict=True))
        row.update(changed.get(name, {}))
        out.append([row[h] for h in HEADER])
    return out


def _both(db, path: Path) -> list:
    """The dry run's report, then the import's."""
    return [run_import(db, "bookings", path, dry_run=dry_run) for dry_run in (True, False)]


def _damage(db, name: str, change) -> None:
    """What the booking remembers of its last import, changed by `change` (as a hand edit of the file might)."""
    with db.engine.begin() as conn:
        held = json.loads(conn.execute(text("SELECT imported_as FROM training_booking WHERE delegate_name = :n"),
                                       {"n": name}).scalar())
        change(held)
        conn.execute(text("UPDATE training_booking SET imported_as = :held WHERE delegate_name = :n"),
                     {"held": json.dumps(held), "n": name})


@pytest.mark.parametrize("change", [
    lambda held: held["key"].__setitem__(2, ["x"]),
    lambda held: held["key"].__setitem__(2, {"a": 1}),
    lambda held: held["key"].__setitem__(0, 3),
    lambda held: held.__setitem__("outcome", ["no_show"]),
    lambda held: held.__setitem__("name", {"first": "Bob"}),
], ids=["key-list", "key-dict", "key-number", "outcome-list", "name-dict"])
def test_a_damaged_memory_of_the_last_import_is_taken_as_nothing_remembered(db, tmp_path, change):
    path = _write(tmp_path / "lms.csv", _rows())
    run_import(db, "bookings", path)
    _damage(db, "Bob Best", change)
    bob = _one(db, "Bob Best")
    bk.update_booking(db, bob.id, dataclasses.replace(bob.to_fields(), outcome=Outcome.ATTENDED))

    for report in _both(db, path):  # neither stops with an error
        assert (report.added, report.updated, report.unchanged) == (0, 1, 3)
        assert not any("learning management system has changed" in note for note in report.notes)
        assert not any("Corrections made in the program" in note for note in report.notes)
    # nothing remembered: the row is taken as it is, as for a booking imported before anything was remembered
    assert _one(db, "Bob Best").outcome is Outcome.NO_SHOW
    assert len(_now(db)["Bob Best"]) == 1


def _move_later_session(db, days: int = 7) -> int:
    s = ss.get_session(db, _one(db, "Gus Gray").session_id)
    ss.update_session(db, s.id, dataclasses.replace(s.to_fields(), starts_at=s.starts_at + timedelta(days=days)))
    return s.id


def test_a_session_moved_to_another_date_is_not_created_again_at_the_old_one(db, tmp_path):
    path = _write(tmp_path / "lms.csv", _rows())
    run_import(db, "bookings", path)
    moved = _move_later_session(db)
    sessions_before = len(ss.list_sessions(db, include_archived=True))

    for report in _both(db, path):
        assert (report.added, report.updated, report.unchanged) == (0, 0, 4)
        assert not any("session" in note and ("Created" in note or "Would create" in note) for note in report.notes)
        assert not any("place" in note and "free" in note for note in report.notes)
    assert len(ss.list_sessions(db, include_archived=True)) == sessions_before
    assert {_one(db, "Gus Gray").session_id, _one(db, "Hal Hill").session_id} == {moved}


def test_a_moved_session_needs_no_capacity_in_the_file_when_every_row_is_a_booking_on_record(db, tmp_path):
    run_import(db, "bookings", _write(tmp_path / "lms.csv", _rows()))
    _move_later_session(db)
    path = _write(tmp_path / "blank.csv", _rows(capacity=""))

    for report in _both(db, path):  # not refused for a capacity no session needs
        assert report.bad_rows == []
        assert (report.added, report.updated, report.unchanged) == (0, 0, 4)


def test_a_new_delegate_at_a_moved_sessions_old_date_still_creates_it_and_needs_its_capacity(db, tmp_path):
    run_import(db, "bookings", _write(tmp_path / "lms.csv", _rows()))
    _move_later_session(db)
    new_row = [COURSE, f"{_day(LATER)} 09:30", "", "Ivy Ince", "ivy@nhs.net", "Nurse", "NHS Trust",
               _day(FIRST), "Booked", ""]
    rows = _rows(capacity="") + [new_row]

    with pytest.raises(ValueError) as refused:
        run_import(db, "bookings", _write(tmp_path / "blank.csv", rows), dry_run=True)
    assert refused.value.report.bad_rows == [
        f"Row 6: Capacity is empty, and {COURSE} has no session on {_day(LATER)} 09:30 yet: give the number "
        "of places to create it."]

    new_row[2] = "4"
    report = run_import(db, "bookings", _write(tmp_path / "given.csv", _rows() + [new_row]))
    assert (report.added, report.unchanged) == (1, 4)
    assert f"Created 1 session: {COURSE}, {_day(LATER)} 09:30." in report.notes
    assert _one(db, "Ivy Ince").session_id != _one(db, "Gus Gray").session_id


def test_rows_for_a_session_the_partnership_called_off_are_said_to_be_called_off(db, tmp_path):
    path = _write(tmp_path / "lms.csv", _rows())
    run_import(db, "bookings", path)
    co.call_off_session(db, _one(db, "Gus Gray").session_id, "Trainer ill")

    for report in _both(db, path):
        assert "2 rows (4, 5) are for a session the partnership called off: those bookings stay called off." \
            in report.notes
        assert not any("archived" in note for note in report.notes)
        assert not any("register" in note for note in report.notes)

    cancelled = _rows(**{"Gus Gray": {"Outcome": "Cancelled", "Cancelled on": _day(date.today())}})
    for report in _both(db, _write(tmp_path / "cancelled.csv", cancelled)):
        assert "2 rows (4, 5) are for a session the partnership called off: those bookings stay called off." \
            in report.notes
        assert not any("register" in note or "archived" in note for note in report.notes)
    assert {_one(db, n).outcome for n in ("Gus Gray", "Hal Hill")} == {Outcome.CALLED_OFF}


def test_rows_on_an_archived_session_still_say_so(db, tmp_path):
    path = _write(tmp_path / "lms.csv", _rows())
    run_import(db, "bookings", path)
    cs.archive_session(db, _one(db, "Gus Gray").session_id)

    report = run_import(db, "bookings", path)
    assert "2 rows (4, 5) on archived courses or sessions match the bookings held there: left as they are." \
        in report.notes
    assert not any("called off" in note for note in report.notes)


def _jo(email: str, outcome: str = "Booked") -> list[str]:
    return [COURSE, f"{_day(LATER)} 09:30", "4", "Jo Smith", email, "Nurse", "NHS Trust", _day(FIRST), outcome, ""]


def test_an_address_the_learning_management_system_changed_updates_the_booking_held(db, tmp_path):
    run_import(db, "bookings", _write(tmp_path / "lms.csv", _rows()))
    bob = _one(db, "Bob Best")
    path = _write(tmp_path / "new.csv", _rows(**{"Bob Best": {"Email": "bob.best@met.police.uk"},
                                                 "Gus Gray": {"Delegate": "GUS GRAY", "Email": "g.gray@nhs.net"}}))

    for report in _both(db, path):
        assert (report.added, report.updated, report.unchanged) == (0, 2, 2)
        assert ("New e-mail addresses in the file are taken for delegates already booked, as the learning management "
                "system has changed them: row 3 (Bob Best: Email), row 4 (GUS GRAY: Email).") in report.notes
    now = _now(db)
    assert [(b.id, b.email, b.outcome, b.charge) for b in now["Bob Best"]] == \
        [(bob.id, "bob.best@met.police.uk", Outcome.NO_SHOW, bob.charge)]
    assert len(now["GUS GRAY"]) == 1 and "Gus Gray" not in now
    again = run_import(db, "bookings", path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)


def test_a_new_address_for_a_name_two_bookings_of_the_session_hold_is_a_new_booking(db, tmp_path):
    run_import(db, "bookings", _write(tmp_path / "lms.csv", _rows() + [_jo("jo1@nhs.net"), _jo("jo2@nhs.net")]))

    report = run_import(db, "bookings", _write(tmp_path / "new.csv", _rows() + [_jo("jo1@nhs.net"), _jo("jo3@nhs.net")]))
    assert (report.added, report.updated) == (1, 0)
    assert sorted(b.email for b in _now(db)["Jo Smith"]) == ["jo1@nhs.net", "jo2@nhs.net", "jo3@nhs.net"]


def test_a_namesake_new_in_the_file_beside_the_one_booked_is_a_new_booking(db, tmp_path):
    run_import(db, "bookings", _write(tmp_path / "lms.csv", _rows() + [_jo("jo1@nhs.net")]))

    report = run_import(db, "bookings", _write(tmp_path / "new.csv", _rows() + [_jo("jo1@nhs.net"), _jo("jo2@nhs.net")]))
    assert (report.added, report.updated) == (1, 0)
    assert not any("New e-mail addresses" in note for note in report.notes)
    assert sorted(b.email for b in _now(db)["Jo Smith"]) == ["jo1@nhs.net", "jo2@nhs.net"]


def test_two_new_addresses_for_one_booking_of_the_name_are_new_bookings(db, tmp_path):
    run_import(db, "bookings", _write(tmp_path / "lms.csv", _rows() + [_jo("jo1@nhs.net")]))

    report = run_import(db, "bookings", _write(tmp_path / "new.csv", _rows() + [_jo("jo2@nhs.net"), _jo("jo3@nhs.net")]))
    assert (report.added, report.updated) == (2, 0)
    assert sorted(b.email for b in _now(db)["Jo Smith"]) == ["jo1@nhs.net", "jo2@nhs.net", "jo3@nhs.net"]
