"""Each database's calendar files carry its own event UIDs: meeting 1 of a new database, of the
demo or of another partnership's database is another event in a calendar, never an update
that moves or replaces meeting 1 of the database an invitation came from. A database made
before calendar ids were kept keeps the UIDs its invitations already carry, and a copy, a
backup or an upgrade never changes them."""

from __future__ import annotations

import re
from datetime import datetime, time

import icalendar
import pytest
from sqlalchemy import delete, event

from bscp_desktop import jobs
from bscp_desktop.db.database import CALENDAR_ID_KEY, Database, building
from bscp_desktop.db.models import Setting
from bscp_desktop.domain.meetings import Weekday
from bscp_desktop.jobs.meetings import calendar_events
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.copies import copy_database
from bscp_desktop.services.history import list_changes
from bscp_desktop.services.settings import calendar_id, get_setting
from tests.safety.helpers import first_revision_file

NEW_UID = re.compile(r"meeting-(\d+)@([0-9a-f]{16})\.bscp-desktop")


def _uids(path) -> list[str]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return sorted(str(c["uid"]) for c in cal.walk() if c.name == "VEVENT")


def _first_meeting_and_series(db: Database) -> tuple[int, int]:
    """A partnership's first meeting (id 1) and a series after it."""
    group = ms.create_group(db, ms.GroupFields("Safeguarding Children Forum", tier=1))
    first = mt.create_meeting(db, mt.MeetingFields(group.id, "Forum", datetime(2025, 1, 15, 14)))
    series = mt.create_series(db, mt.SeriesFields(group.id, "Forum", 2025, 4, 6, Weekday.THURSDAY, 2, time(10), time(12)))
    return first.id, series.id


@pytest.mark.slow
@pytest.mark.migrations
def test_two_new_databases_give_their_meeting_1_different_uids_in_meeting_and_series_files(tmp_path):
    ids, files = {}, {}
    for name in ("ours", "theirs"):
        with Database.open(tmp_path / f"{name}.sqlite3") as db:
            first, series = _first_meeting_and_series(db)
            assert first == 1
            own = calendar_id(db)
            assert own and re.fullmatch(r"[0-9a-f]{16}", own)
            ids[name] = own
            files[name] = (_uids(jobs.write_report(db, "ics", tmp_path / f"{name}.ics", meeting=first)),
                           _uids(jobs.write_report(db, "ics", tmp_path / f"{name}-series.ics", series=series)))
            assert list_changes(db, table="setting") == []  # an internal setting: nothing in the history
    with building(tmp_path / "demo.sqlite3") as demo:  # how the demo is built: a calendar id of its own too
        ids["demo"] = calendar_id(demo)
    assert ids["ours"] != ids["theirs"] and ids["demo"] not in (None, ids["ours"], ids["theirs"])
    for name, (meeting_uids, series_uids) in files.items():
        assert meeting_uids == [f"meeting-1@{ids[name]}.bscp-desktop"]
        assert len(series_uids) == 2 and all(NEW_UID.fullmatch(u)[2] == ids[name] for u in series_uids)
    assert not set(files["ours"][0] + files["ours"][1]) & set(files["theirs"][0] + files["theirs"][1])


@pytest.mark.slow
def test_a_copy_keeps_the_calendar_id_of_the_database_copied(db, tmp_path):
    """A copy (to a team database and back, or to a file) is the same partnership: its UIDs stay,
    whether the copy goes into a new file or into a new database holding a calendar id of its own."""
    with db.engine.begin() as conn:
        conn.execute(Setting.__table__.update().where(Setting.__table__.c.key == CALENDAR_ID_KEY)
                     .values(value='"0123456789abcdef"'))
    ms.create_group(db, ms.GroupFields("Safeguarding Children Forum", tier=1))
    path = db.path
    db.close()
    Database.open(tmp_path / "empty.sqlite3").close()  # a new database: no records, a calendar id of its own
    for name in ("copied", "empty"):
        copy_database(path, tmp_path / f"{name}.sqlite3")
        with Database.open(tmp_path / f"{name}.sqlite3") as copied:
            assert calendar_id(copied) == "0123456789abcdef"


@pytest.mark.slow
@pytest.mark.migrations
def test_a_database_upgraded_from_an_earlier_version_gets_no_calendar_id(tmp_path):
    path = first_revision_file(tmp_path / "old.sqlite3")
    with Database.open(path) as db:  # upgraded through every migration
        assert get_setting(db, CALENDAR_ID_KEY) is None and calendar_id(db) is None


def _made_before_calendar_ids(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.execute(delete(Setting.__table__).where(Setting.__table__.c.key == CALENDAR_ID_KEY))


@pytest.mark.slow
def test_a_database_made_before_calendar_ids_keeps_the_uids_its_invitations_carry(db, tmp_path):
    _made_before_calendar_ids(db)
    first, series = _first_meeting_and_series(db)
    assert _uids(jobs.write_report(db, "ics", tmp_path / "one.ics", meeting=first)) == [f"meeting-{first}@bscp-desktop"]
    assert _uids(jobs.write_report(db, "ics", tmp_path / "series.ics", series=series)) == [
        f"meeting-{m}@bscp-desktop" for m in sorted(mt.get_series(db, series).meeting_ids)]
    path = db.path
    db.close()
    with Database.open(path) as again:  # opening it again adds none
        assert get_setting(again, CALENDAR_ID_KEY) is None
    copy_database(path, tmp_path / "copied.sqlite3")  # nor does a copy into a new database, which has its own
    with Database.open(tmp_path / "copied.sqlite3") as copied:
        assert get_setting(copied, CALENDAR_ID_KEY) is None


def test_a_calendar_id_holding_another_value_gives_the_uids_of_a_database_without_one(db, world, caplog):
    with db.engine.begin() as conn:
        conn.execute(Setting.__table__.update().where(Setting.__table__.c.key == CALENDAR_ID_KEY)
                     .values(value='"bad id\\r\\nX-HEADER:1"'))
    m = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Forum", datetime(2025, 1, 15, 14)))
    (made,) = calendar_events(db, [mt.get_meeting(db, m.id)])
    assert made.uid == f"meeting-{m.id}@bscp-desktop"
    assert "not a calendar id" in caplog.text


def test_the_calendar_id_is_read_once_for_a_file_however_many_meetings_it_holds(db, world):
    s = mt.create_series(db, mt.SeriesFields(world.forum.id, "Forum", 2025, 4, 4, Weekday.THURSDAY, 2, time(10), time(12)))
    meetings = [mt.get_meeting(db, mid) for mid in s.meeting_ids]
    reads: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:
        if re.search(r"\bFROM setting\b", statement):
            reads.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        events = calendar_events(db, meetings)
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    own = calendar_id(db)
    assert len(reads) == 1 and own
    assert sorted(e.uid for e in events) == sorted(f"meeting-{m.id}@{own}.bscp-desktop" for m in meetings)
