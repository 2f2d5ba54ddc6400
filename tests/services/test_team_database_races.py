"""Two officers at once on the team database: each decision made from what is on record (the
last place of a training session, a name no one else has, the next case reference) is made by
one of them at a time, so the second sees what the first saved.

Each test runs two programs, each with its own connection, on the test server. The first
officer's save reads what it decides from, then holds its transaction open until the second
officer's save has either read the same (the two overlap: the defect) or is waiting its turn
on the server; only then does the first save go on.
"""

from __future__ import annotations

import threading
import time
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import text

from bscp_desktop.db.database import Database
from bscp_desktop.domain.case_reviews import IncidentType
from bscp_desktop.domain.training import Outcome
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import common
from bscp_desktop.services.memberships import groups, organisations
from bscp_desktop.services.memberships.dtos import GroupFields, OrganisationFields
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs


@pytest.fixture
def two(pg_address, pg_db):
    """Two officers' programs on one team database, each with its own connection."""
    other = Database.open_target(pg_address)
    yield pg_db, other
    other.close()


def _waiting_on_the_server(db: Database) -> bool:
    """Whether a program connected to `db`'s database waits for another's turn to decide."""
    with db.engine.connect() as conn:
        return bool(conn.execute(text(
            "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
            "WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = current_database()")).scalar())


def _overlapping(monkeypatch, watch: Database, module, name: str, first, second) -> dict:
    """Run `first()` and `second()` at once, `first` holding its transaction open after its
    first call of `module.name` (the read it decides from) until `second` has made that read
    too or waits on the server. {"first"/"second": its result or the exception raised}."""
    original = getattr(module, name)
    first_read, second_read = threading.Event(), threading.Event()
    out: dict = {}

    def gated(*args, **kwargs):
        result = original(*args, **kwargs)
        me = threading.current_thread().name
        if me == "first" and not first_read.is_set():
            first_read.set()
            deadline = time.monotonic() + 20
            while not second_read.is_set() and not _waiting_on_the_server(watch):
                assert time.monotonic() < deadline, "the second save neither read nor waited"
                time.sleep(0.02)
        elif me == "second":
            second_read.set()
        return result

    monkeypatch.setattr(module, name, gated)

    def run(key, call):
        try:
            out[key] = call()
        except Exception as exc:  # noqa: BLE001 - the test looks at what each officer was told
            out[key] = exc

    a = threading.Thread(target=run, args=("first", first), name="first")
    b = threading.Thread(target=run, args=("second", second), name="second")
    a.start()
    assert first_read.wait(20)
    b.start()
    a.join(30)
    b.join(30)
    monkeypatch.setattr(module, name, original)
    return out


def test_two_bookings_at_once_for_the_last_place_book_one_and_waitlist_the_other(two, monkeypatch):
    mine, theirs = two
    course = cs.create_course(mine, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    when = datetime.combine(date.today() + timedelta(days=60), datetime.min.time()).replace(hour=9, minute=30)
    session = cs.create_session(mine, cs.SessionFields(course_id=course.id, starts_at=when, capacity=2))
    bk.create_booking(mine, bk.BookingFields(session_id=session.id, delegate_name="Ama Mensah"))

    def book(db, name):
        return lambda: bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name=name)).booking.outcome

    out = _overlapping(monkeypatch, mine, bk, "places_held_in", book(mine, "Zara Last"), book(theirs, "Yusuf Final"))
    assert sorted(o.value for o in out.values()) == sorted([Outcome.BOOKED.value, Outcome.WAITLISTED.value])
    with mine.unit_of_work() as s:
        assert bk.places_held_in(s, session.id) == 2


def test_two_officers_adding_the_same_organisation_at_once_add_it_once(two, monkeypatch):
    mine, theirs = two
    fields = OrganisationFields(name="Riverside Youth Trust", kind="voluntary")
    out = _overlapping(monkeypatch, mine, organisations, "names_index_in",
                       lambda: organisations.create_organisation(mine, fields),
                       lambda: organisations.create_organisation(theirs, fields))
    assert isinstance(out["second"], ValidationError), out
    assert out["second"].errors == {"name": "An organisation called 'Riverside Youth Trust' already exists"}
    assert [o.name for o in organisations.list_organisations(mine)] == ["Riverside Youth Trust"]


def test_two_officers_adding_the_same_group_at_once_add_it_once(two, monkeypatch):
    mine, theirs = two
    fields = GroupFields(name="Neglect Subgroup", tier=3)
    out = _overlapping(monkeypatch, mine, common, "taken",
                       lambda: groups.create_group(mine, fields), lambda: groups.create_group(theirs, fields))
    assert isinstance(out["second"], ValidationError), out
    assert out["second"].errors == {"name": "A group called 'Neglect Subgroup' already exists"}
    assert [g.name for g in groups.list_groups(mine)] == ["Neglect Subgroup"]


def test_two_case_reviews_added_at_once_get_references_of_their_own(two, monkeypatch):
    mine, theirs = two

    def add(db, alias):
        fields = cr.CaseReviewFields(alias=alias, incident_type=IncidentType.SERIOUS_HARM, became_aware=date(2025, 3, 3))
        return lambda: cr.create_case_review(db, fields).reference

    out = _overlapping(monkeypatch, mine, cr, "_new_reference", add(mine, "Child Q"), add(theirs, "Child R"))
    assert all(isinstance(reference, str) for reference in out.values()), out
    assert out["first"] != out["second"]
    assert sorted(c.reference for c in cr.list_case_reviews(mine)) == sorted(out.values())
