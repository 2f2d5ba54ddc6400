"""Two officers on one team database (a throwaway PostgreSQL server; skipped without one):
a stale save refused naming the other officer, and each commit heard by the other program
within 2 seconds as the kinds of record it changed."""

from __future__ import annotations

import queue
import time
from dataclasses import replace

import pytest

from bscp_desktop.db import notify
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Person
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import RecordChanged
from bscp_desktop.services import memberships as ms


@pytest.fixture
def two(pg_address):
    """Two programs on the same team database, each with its own connections."""
    first = Database.open_target(pg_address)
    second = Database.open_target(pg_address)
    first.user, second.user = "Tom Okafor", "Jane Smith"
    yield first, second
    first.close()
    second.close()


def test_a_stale_save_on_the_server_is_refused_naming_the_other_officer(two):
    tom, jane = two
    person = ms.create_person(tom, ms.PersonFields("Chidi Obi", "Designated Nurse"))
    opened = ms.list_people(tom)[0]
    ms.update_person(jane, person.id, replace(ms.PersonFields("Chidi Obi", "Designated Nurse"), phone="020 1"),
                     version=opened.version)
    with pytest.raises(RecordChanged) as refused:
        ms.update_person(tom, person.id, ms.PersonFields("Chidi Obi", "Named Nurse"), version=opened.version)
    assert "Jane Smith changed the person “Chidi Obi”" in str(refused.value)
    assert [(c.field, c.value) for c in refused.value.later] == [("phone", "020 1")]
    assert ms.list_people(tom)[0].job_title == "Designated Nurse"


def test_two_saves_at_the_same_moment_on_the_server_let_only_the_first_through(two):
    tom, jane = two
    person = ms.create_person(tom, ms.PersonFields("Chidi Obi"))
    with pytest.raises(RecordChanged) as refused, tom.unit_of_work() as session:
        mine = session.get(Person, person.id)  # Tom's transaction reads version 1
        ms.update_person(jane, person.id, ms.PersonFields("Chidi Obi", phone="1"))  # Jane commits first
        mine.phone = "2"
        session.flush()  # UPDATE ... WHERE version = 1 finds none
    assert "Jane Smith" in str(refused.value)
    assert ms.list_people(jane)[0].phone == "1"


def test_a_commit_is_heard_by_the_other_program_within_two_seconds_as_its_change_kinds(two):
    tom, jane = two
    heard: queue.Queue = queue.Queue()
    jane.changes.subscribe(heard.put)
    assert jane.listen() and jane.listener.listening.wait(5)
    ms.create_organisation(tom, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    started = time.monotonic()  # from the commit: the 2 seconds are the notice's, not the save's
    kinds = heard.get(timeout=2)
    assert time.monotonic() - started < 2
    assert kinds == frozenset({RecordKind.MEMBERSHIPS})
    # its own commits are not heard a second time, and a rolled-back one is never heard
    own: queue.Queue = queue.Queue()
    tom.changes.subscribe(own.put)
    assert tom.listen() and tom.listener.listening.wait(5)
    ms.create_person(tom, ms.PersonFields("Chidi Obi"))
    assert own.get(timeout=1) == frozenset({RecordKind.MEMBERSHIPS})  # the local notice
    assert heard.get(timeout=2) == frozenset({RecordKind.MEMBERSHIPS})  # jane hears it
    with pytest.raises(RuntimeError), tom.unit_of_work() as session:
        session.add(Person(name="Never saved"))
        session.flush()
        raise RuntimeError("rolled back")
    time.sleep(3 * notify.WAIT_S)
    assert own.empty() and heard.empty()


def test_the_listener_stops_when_the_database_closes(pg_address):
    db = Database.open_target(pg_address)
    assert db.listen()
    listener = db.listener
    assert listener.listening.wait(5)
    started = time.monotonic()
    db.close()
    assert not listener.running and time.monotonic() - started < 1


def test_a_database_file_has_no_listener(db):
    assert db.sender is None and db.listen() is None and db.listener is None


def test_notices_carry_only_known_kinds():
    text = notify.payload("a", {RecordKind.ACTIONS, RecordKind.MEETINGS})
    assert notify.parse(text) == ("a", frozenset({RecordKind.ACTIONS, RecordKind.MEETINGS}))
    assert notify.parse('{"from": "b", "kinds": ["actions", "nonsense"]}') == ("b", frozenset({RecordKind.ACTIONS}))
    assert notify.parse("not json") == ("", frozenset())


def test_records_saved_in_bulk_are_heard_by_the_other_program(two, tmp_path):
    from bscp_desktop.importers import run_import

    tom, jane = two
    heard: queue.Queue = queue.Queue()
    jane.changes.subscribe(heard.put)
    assert jane.listen() and jane.listener.listening.wait(5)
    path = tmp_path / "people.csv"
    path.write_text("Name,Email\nChidi Obi,chidi@example.org\nAda Eze,ada@example.org\n", encoding="utf-8")
    assert run_import(tom, "people", path).added == 2  # saved in bulk: no flush of its own
    assert heard.get(timeout=2) == frozenset({RecordKind.MEMBERSHIPS})


def test_the_listener_gives_up_on_a_silent_server_as_every_connection_does(pg_address):
    """Its own connection carries the time limits the program's others have (keepalives), so a
    dropped network is noticed and the listener connects again, not waiting on it for minutes."""
    from bscp_desktop.db.engines import SERVER_TIMEOUTS

    db = Database.open_target(pg_address)
    try:
        listener = notify.ChangeListener(db.engine, "test", lambda kinds: None)
        connection = listener._connect()
        try:
            given = connection.info.get_parameters()
            assert given["keepalives"] == "1" and given["keepalives_idle"] == str(SERVER_TIMEOUTS["keepalives_idle"])
        finally:
            connection.close()
    finally:
        db.close()
