"""Two officers at once on the team database, where what one saves depends on what the other is
saving: words typed into minutes as they are approved, or as the meeting is taken offline, and
the same seat given by two officers. The second save waits for the first and is then judged by
what the first saved.

Each test runs two programs, each with its own connection, on the test server. The first
officer's command holds its transaction open, at the point named, until the second officer's
command waits on the server (or has finished, which is the defect); only then does the first
go on and commit.
"""

from __future__ import annotations

import threading
import time
from datetime import date, datetime

import pytest
from sqlalchemy import text

from bscp_desktop.db.database import Database
from bscp_desktop.domain.meetings import MinutesStatus
from bscp_desktop.domain.memberships import OrganisationKind, Role
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import offline as off
from bscp_desktop.services.meetings import minutes as minutes_module
from bscp_desktop.services.memberships import memberships as seats_module
from bscp_desktop.services.offline import marks as marks_module
from tests.meetings_world import build_world, meeting
from tests.offline.helpers import as_officer, count


@pytest.fixture
def two(pg_address, pg_db):
    """Two officers' programs on one team database, each with its own connection."""
    other = as_officer(Database.open_target(pg_address), "Bob Manager")
    yield as_officer(pg_db, "Alice Officer"), other
    other.close()


def _someone_waits(db: Database) -> bool:
    """Whether a program connected to `db`'s database waits for a lock another holds."""
    with db.engine.connect() as conn:
        return bool(conn.execute(text(
            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE NOT l.granted AND a.datname = current_database()")).scalar())


def _second_during_first(monkeypatch, watch: Database, module, name: str, first, second) -> dict:
    """Run `first()`, holding its transaction open after its first call of `module.name` until
    `second()` (run meanwhile) waits on the server or has finished; then let `first` go on.
    {"first"/"second": its result or the exception raised}."""
    original = getattr(module, name)
    held, second_done = threading.Event(), threading.Event()
    out: dict = {}

    def gated(*args, **kwargs):
        result = original(*args, **kwargs)
        if threading.current_thread().name == "first" and not held.is_set():
            held.set()
            deadline = time.monotonic() + 20
            while not second_done.is_set() and not _someone_waits(watch):
                assert time.monotonic() < deadline, "the second officer's command neither finished nor waited"
                time.sleep(0.02)
        return result

    monkeypatch.setattr(module, name, gated)

    def run(key, call, done=None):
        try:
            out[key] = call()
        except Exception as exc:  # noqa: BLE001 - the test looks at what each officer was told
            out[key] = exc
        finally:
            if done is not None:
                done.set()

    a = threading.Thread(target=run, args=("first", first), name="first")
    b = threading.Thread(target=run, args=("second", second, second_done), name="second")
    a.start()
    assert held.wait(20), out
    b.start()
    a.join(30)
    b.join(30)
    assert not a.is_alive() and not b.is_alive()
    monkeypatch.setattr(module, name, original)
    return out


def _meeting_with_minutes(db):
    world = build_world(db)
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), "March forum")
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Child death overview"))
    mt.save_item_minutes(db, item.id, "Agreed text.")
    return m, item


def test_words_saved_as_the_minutes_are_approved_are_refused_once_they_are(two, monkeypatch):
    mine, theirs = two
    m, item = _meeting_with_minutes(mine)
    out = _second_during_first(
        monkeypatch, mine, minutes_module, "get_meeting_in",  # read once the approval is flushed, before its commit
        lambda: mt.approve_minutes(mine, m.id, None, date(2024, 4, 2), method="chairs_action", approved_by="Chair"),
        lambda: mt.save_item_minutes(theirs, item.id, "Agreed text. A sentence added as they were approved."))
    assert out["first"].minutes_status is MinutesStatus.APPROVED, out
    assert isinstance(out["second"], ValidationError), out
    assert out["second"].errors == {
        "minutes": "The minutes of this meeting were approved on 02/04/2024, so they are locked: to change them, "
                   "make an amendment and give the reason",
        "reason": "Give the reason for the amendment"}
    assert mt.get_agenda_item(mine, item.id).minutes == "Agreed text."
    assert mt.list_amendments(mine, m.id) == []


def test_words_saved_as_the_meeting_is_taken_offline_are_refused_and_not_left_out_of_the_copy(
        two, monkeypatch, tmp_path):
    mine, theirs = two
    m, item = _meeting_with_minutes(mine)
    path = tmp_path / "March forum.sqlite3"
    out = _second_during_first(
        monkeypatch, mine, marks_module, "_write_copy",  # the copy written, the mark not yet committed
        lambda: off.take_offline(mine, m.id, path),
        lambda: mt.save_item_minutes(theirs, item.id, "Agreed text. Words the copy never had."))
    assert not isinstance(out["first"], Exception), out
    assert isinstance(out["second"], ValidationError), out
    assert out["second"].errors["meeting"].startswith("This meeting was taken offline by Alice Officer on "), out
    with Database.open(path, create=False) as copy:
        assert mt.get_agenda_item(copy, item.id).minutes == "Agreed text."
    assert mt.get_agenda_item(mine, item.id).minutes == "Agreed text."


def _seat_world(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    person = ms.create_person(db, ms.PersonFields("Jane Newmember", organisation_id=council.id))
    group = ms.create_group(db, ms.GroupFields("Executive Group", 1))
    return council, person, group


def _seat(council, person, group, start: date, end: date | None = None) -> ms.MembershipFields:
    return ms.MembershipFields(person.id, group.id, Role.MEMBER, start, end, organisation_id=council.id)


OVERLAP = "Jane Newmember is already a member of Executive Group from 01/04/2024 "


def test_two_officers_giving_the_same_seat_at_once_give_it_once(two, monkeypatch):
    mine, theirs = two
    council, person, group = _seat_world(mine)
    fields = _seat(council, person, group, date(2024, 4, 1))
    out = _second_during_first(monkeypatch, mine, seats_module, "_overlap_problem",
                               lambda: ms.create_membership(mine, fields), lambda: ms.create_membership(theirs, fields))
    assert isinstance(out["second"], ValidationError), out
    assert out["second"].errors == {"start_date": OVERLAP + "with no end date; the dates overlap"}
    assert [(s.person_id, s.start_date) for s in ms.list_memberships(mine)] == [(person.id, date(2024, 4, 1))]


def test_a_seat_given_as_another_officer_extends_one_over_its_dates_is_refused(two, monkeypatch):
    mine, theirs = two
    council, person, group = _seat_world(mine)
    earlier = ms.create_membership(mine, _seat(council, person, group, date(2024, 4, 1), date(2024, 12, 31)))
    out = _second_during_first(
        monkeypatch, mine, seats_module, "_overlap_problem",
        lambda: ms.update_membership(mine, earlier.id, _seat(council, person, group, date(2024, 4, 1))),
        lambda: ms.create_membership(theirs, _seat(council, person, group, date(2025, 4, 1))))
    assert out["first"].end_date is None, out
    assert isinstance(out["second"], ValidationError), out
    assert out["second"].errors == {"start_date": OVERLAP + "with no end date; the dates overlap"}
    assert count(mine, "SELECT count(*) FROM membership WHERE archived_at IS NULL") == 1
