"""Records saved in bulk (`db.bulk.add_new`, as imports save them) get the change history of
records saved one by one through the unit of work, as people read it: one entry per added record
holding all its fields, shown field by field exactly as the one-entry-per-field history of a
record saved on its own; a valid chain, the full-text index of the history, and the search
index; all in the one transaction."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from bscp_desktop import cli
from bscp_desktop.db import bulk, history_bulk, search
from bscp_desktop.db.database import Database
from bscp_desktop.db.history import HASHED_FIELDS, entry_hash, verify_chain
from bscp_desktop.db.history_bulk import ENTRY_COLUMNS
from bscp_desktop.db.models import ChangeRecord, Organisation, Person
from bscp_desktop.db.models.training import TrainingBooking, TrainingCourse, TrainingSession
from bscp_desktop.domain.delegates import delegate_key
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.services import history as hs

COMPARED = ("changed_by", "table_name", "record_id", "action", "field", "old_value", "new_value", "record_label")

LONG = "A very long course title " * 7 + "for everyone"


def _people() -> list[dict]:
    return [
        {"name": "Żółć Kowalska", "job_title": "Designated nurse", "email": "z@example.org", "phone": "",
         "notes": "First line\nsecond line with \"quotes\" and a back\\slash", "organisation_id": 1},
        {"name": "Siobhán O'Neill", "job_title": "", "email": "", "phone": "020 8937 1234", "notes": "",
         "organisation_id": None},
        {"name": "  Nguyễn Văn An  ", "job_title": "Headteacher\u2028of the school", "email": "an@example.org",
         "phone": "", "notes": "\todd \u00a0spaces", "organisation_id": 1},
    ]


def _bookings(session_id: int) -> list[dict]:
    rows = []
    for n, (outcome, cancelled) in enumerate([("attended", None), ("cancelled", date(2024, 3, 1)), ("no_show", None)]):
        name, email = f"Delegate {n} Ünal", f"d{n}@example.org" if n != 1 else ""
        rows.append({
            "session_id": session_id, "delegate_name": name, "email": email, "job_title": "Social worker",
            "organisation_name": "Brent Council", "organisation_id": 1 if n else None,
            "delegate_key": delegate_key(name, email), "booked_on": date(2024, 2, 1), "outcome": outcome,
            "cancelled_on": cancelled, "late_cancellation": cancelled is not None,
        })
    return rows


def _fill(db: Database, in_bulk: bool) -> None:
    """The same records, saved one by one through the unit of work or in bulk."""
    with db.unit_of_work() as s:
        s.add(Organisation(name="Brent Council", short_name="BC", kind="local_authority"))
        s.flush()
        courses = [{"title": LONG, "topic": "Neglect", "cost": Decimal("12.50"), "length_minutes": 90},
                   {"title": "Briefing: Working Together 2023", "cost": Decimal("0")}]
        if in_bulk:
            bulk.add_new(s, Person, _people())
            course_ids = bulk.add_new(s, TrainingCourse, courses)
        else:
            s.add_all([Person(**p) for p in _people()])
            objects = [TrainingCourse(**c) for c in courses]
            s.add_all(objects)
            s.flush()
            course_ids = [c.id for c in objects]
        session = TrainingSession(course_id=course_ids[0], starts_at=datetime(2024, 3, 4, 9, 30), capacity=20)
        s.add(session)
        s.flush()
        if in_bulk:
            bulk.add_new(s, TrainingBooking, _bookings(session.id))
        else:
            s.add_all([TrainingBooking(**b) for b in _bookings(session.id)])


def _as_read(db: Database) -> list[tuple]:
    """The history as the change log shows it (oldest first, each entry field by field)."""
    rows = [c for c in reversed(list(hs.iter_changes(db, hs.ChangeQuery()))) if c.table_name != "organisation"]
    return [(c.changed_by, c.table_name, c.record_id, c.record_name, c.action_label, c.field_label, c.old_text,
             c.new_text) for c in rows]


def _stored(db: Database, table: str) -> list[tuple]:
    """A table's rows as stored (but for the moments they were saved)."""
    with db.engine.connect() as con:
        rows = con.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id")
        keep = [i for i, name in enumerate(rows.keys()) if name not in ("created_at", "updated_at")]
        return [tuple(row[i] for i in keep) for row in rows]


def _entries(db: Database) -> list[tuple]:
    with db.unit_of_work() as s:
        return [tuple(getattr(r, c) for c in COMPARED) for r in s.scalars(select(ChangeRecord).order_by(ChangeRecord.id))]


def _history_index_matches(path, word: str = "kowalska", at_least: int = 1) -> None:
    con = sqlite3.connect(path)
    try:  # FTS5 checks its index against the history's own rows (an external-content index)
        con.execute("INSERT INTO history_search(history_search) VALUES ('integrity-check')")
        hits = con.execute("SELECT count(*) FROM history_search WHERE history_search MATCH ?", (word,)).fetchone()[0]
        assert hits >= at_least  # the entries holding the name
    finally:
        con.close()


@pytest.fixture
def two_databases(db, tmp_path):
    db.close()
    shutil.copyfile(db.path, tmp_path / "other.sqlite3")
    by_one, in_bulk = Database.open(db.path), Database.open(tmp_path / "other.sqlite3")
    yield by_one, in_bulk
    by_one.close()
    in_bulk.close()


def test_bulk_history_is_the_history_of_records_saved_one_by_one(two_databases):
    by_one, in_bulk = two_databases
    _fill(by_one, in_bulk=False)
    _fill(in_bulk, in_bulk=True)
    # one entry per field for records saved one by one, one per record for records in bulk
    one_by_one, bulk_entries = _entries(by_one), _entries(in_bulk)
    in_bulk_tables = ("person", "training_course", "training_booking")
    assert [e[4] for e in bulk_entries if e[1] in in_bulk_tables] == [""] * (3 + 2 + 3)
    assert len([e for e in one_by_one if e[1] in in_bulk_tables]) > 30
    for table in ("person", "training_course", "training_booking"):  # the records themselves are the same
        assert _stored(by_one, table) == _stored(in_bulk, table)
    # ... and their history reads the same, field by field, in the change log
    expected, got = sorted(_as_read(by_one)), sorted(_as_read(in_bulk))
    assert got == expected and len(got) > 30
    fields = {(e[1], e[5]) for e in got}
    # what the entries hold: money, numbers, dates, flags, links and labels as the hook writes them
    assert ("training_course", "Cost") in fields and ("training_booking", "Late cancellation") in fields
    assert ("training_booking", "Cancelled on") in fields and ("person", "Notes") in fields
    assert ("person", "Organisation", "Brent Council") in {(e[1], e[5], e[7]) for e in got}
    assert ("person", "Notes", _people()[0]["notes"]) in {(e[1], e[5], e[7]) for e in got}
    assert any(e[3] == LONG for e in got)
    for database in (by_one, in_bulk):
        with database.engine.connect() as con:
            broken, checked = verify_chain(con.connection.dbapi_connection)
        assert broken is None and checked == len(_entries(database))
        _history_index_matches(database.path)
    with in_bulk.engine.connect() as con:  # words after a line break in a value are words to the search
        hits = con.exec_driver_sql("SELECT count(*) FROM history_search WHERE history_search MATCH 'second'").scalar()
    assert hits == 1


def test_the_fast_hash_is_the_entry_hash():
    hashed = history_bulk._hasher("2026-12-02 04:55:23.000000", "officer", "person", "insert")
    tricky = ["plain", "é £ Ż 中文 😀", "quote \" back \\ slash", "new\nline\ttab\u0000nul\u2028sep", "", "</script>"]
    previous = None
    for n, text in enumerate(tricky):
        entry = {"changed_at": "2026-12-02 04:55:23", "changed_by": "officer", "table_name": "person",
                 "record_id": n + 1, "action": "insert", "field": "notes", "old_value": None,
                 "new_value": text, "record_label": tricky[-1 - n]}
        assert hashed(previous, n + 1, "notes", None, text, tricky[-1 - n]) == entry_hash(previous, entry)
        previous = entry_hash(previous, entry)
    assert ENTRY_COLUMNS[:-1] == HASHED_FIELDS


@pytest.mark.slow
def test_a_large_bulk_save_keeps_the_chain_the_triggers_and_both_indexes(db, capsys):
    with db.unit_of_work() as s:
        s.add(Organisation(name="Brent Council", kind="local_authority"))  # one by one, before
    rows = [{"name": f"Person {n} Adébáyọ̀", "email": f"p{n}@example.org", "job_title": "Practitioner"}
            for n in range(3000)]
    with db.unit_of_work() as s:
        ids = bulk.add_new(s, Person, rows)
    assert ids == list(range(ids[0], ids[0] + 3000))
    with db.unit_of_work() as s:
        s.add(Organisation(name="Harrow Council", kind="local_authority"))  # one by one, after
    con = sqlite3.connect(db.path)
    triggers = {name for (name,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'change_record'")}
    con.close()
    assert set(history_bulk.PER_ENTRY_TRIGGERS) <= triggers
    _history_index_matches(db.path, "adébáyọ̀", 3000)
    _history_index_matches(db.path, "harrow", 1)
    with db.engine.connect() as c:
        broken, checked = verify_chain(c.connection.dbapi_connection)
        hits, total = search.find(c, ["adébáyọ̀"], limit=10)
    assert broken is None and checked == len(_entries(db)) == 2 * 2 + 3000
    assert total == 3000
    db.close()
    assert cli.main(["check", "--db", str(db.path)]) == 0, capsys.readouterr()


@pytest.mark.slow
def test_a_bulk_save_rolled_back_leaves_nothing_and_announces_nothing(db):
    heard = []
    db.changes.subscribe(heard.append)
    with pytest.raises(RuntimeError), db.unit_of_work() as s:
        bulk.add_new(s, Person, [{"name": f"P{n}"} for n in range(2500)])
        raise RuntimeError("disk full")
    assert _entries(db) == [] and heard == []
    with db.unit_of_work() as s:
        bulk.add_new(s, Person, [{"name": "Kept"}])
    assert heard == [frozenset({RecordKind.MEMBERSHIPS})]
    assert [(e[4], e[6]) for e in _entries(db)] == [("", '{"name":"Kept"}')]


def test_on_postgresql_bulk_history_is_the_same_and_the_server_accepts_it(postgres_cluster, tmp_path):
    by_one = Database.open_target(postgres_cluster.new_database())
    in_bulk = Database.open_target(postgres_cluster.new_database())
    try:
        _fill(by_one, in_bulk=False)
        _fill(in_bulk, in_bulk=True)
        assert sorted(_as_read(in_bulk)) == sorted(_as_read(by_one))
        filled = len(_entries(in_bulk))
        assert hs.count_changes(in_bulk, hs.ChangeQuery()) == hs.count_changes(by_one, hs.ChangeQuery()) > filled
        with in_bulk.unit_of_work() as s:  # the server's sequence goes on after the ids it gave
            s.add(Person(name="After the bulk save"))
        path = tmp_path / "people.csv"
        path.write_text("Name,Email\n" + "".join(f"Person {n},p{n}@example.org\n" for n in range(2500)),
                        encoding="utf-8")
        from bscp_desktop.importers import run_import

        assert run_import(in_bulk, "people", path).added == 2500
        raw = in_bulk.engine.raw_connection()
        try:
            broken, checked = verify_chain(raw)
        finally:
            raw.close()
        assert broken is None and checked == len(_entries(in_bulk)) == filled + 1 + 2500
    finally:
        by_one.close()
        in_bulk.close()


def test_a_bulk_save_keeps_the_rule_on_dates(db):
    from bscp_desktop.domain.validation import ValidationError

    with db.unit_of_work() as s:
        course = TrainingCourse(title="Neglect")
        s.add(course)
        s.flush()
        session = TrainingSession(course_id=course.id, starts_at=datetime(2024, 3, 4, 9, 30), capacity=20)
        s.add(session)
    rows = _bookings(session.id)
    rows[2]["booked_on"] = date(2301, 1, 1)
    before = len(_entries(db))
    with pytest.raises(ValidationError) as refused, db.unit_of_work() as s:
        bulk.add_new(s, TrainingBooking, rows)
    assert "booked_on" in refused.value.errors
    assert len(_entries(db)) == before
