"""Records saved in bulk (an import) are put in the search index by their ids: those given and
no others, whether the ids run one after another or not, each once however often it is named,
and each as the index is made again from scratch would hold it (its text, its date, archived)."""

from __future__ import annotations

from datetime import date, datetime

from bscp_desktop.db import bulk, search
from bscp_desktop.db.models.training import TrainingBooking
from bscp_desktop.domain.training import Outcome
from bscp_desktop.services.training import courses as cs

TABLE = "training_booking"


def _bookings(db, count: int) -> list[int]:
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(2024, 3, 11, 9, 30),
                                                     capacity=20))
    rows = [dict(session_id=session.id, delegate_name=f"Delegate {n} Okonkwo", email=f"d{n}@example.org",
                 delegate_key=f"d{n}@example.org", job_title="Social worker" if n % 2 else "",
                 booked_on=date(2024, 2, 1), outcome=Outcome.BOOKED.value,
                 archived_at=datetime(2024, 4, 1) if n == 3 else None)
            for n in range(count)]
    with db.unit_of_work() as s:
        return bulk.add_new(s, TrainingBooking, rows)


def _held(connection) -> dict[int, tuple]:
    """Record id -> (archived, dated, title, body) of the bookings the index holds."""
    return {r: (bool(a), d, t, b) for r, a, d, t, b in connection.exec_driver_sql(
        f"SELECT e.record_id, e.archived, e.dated, x.title, x.body FROM {search.ENTRIES} e "
        f"JOIN {search.INDEX} x ON x.rowid = e.id WHERE e.table_name = ?", (TABLE,))}


def _forget(connection, ids: list[int]) -> None:
    marks = ",".join("?" * len(ids))
    connection.exec_driver_sql(f"DELETE FROM {search.INDEX} WHERE rowid IN (SELECT id FROM {search.ENTRIES} "
                               f"WHERE table_name = ? AND record_id IN ({marks}))", (TABLE, *ids))
    connection.exec_driver_sql(f"DELETE FROM {search.ENTRIES} WHERE table_name = ? AND record_id IN ({marks})",
                               (TABLE, *ids))


def test_only_the_ids_given_are_indexed_each_once_whether_they_run_on_or_not(db):
    ids = _bookings(db, 6)
    with db.unit_of_work() as s:
        connection = s.connection()
        _forget(connection, ids)
        assert search.index_new(connection, TABLE, [ids[4], ids[0], ids[2], ids[4]]) == 3  # not one run
        assert sorted(_held(connection)) == [ids[0], ids[2], ids[4]]
        assert search.index_new(connection, TABLE, [ids[5], ids[3], ids[1]]) == 3
        _forget(connection, ids)
        assert search.index_new(connection, TABLE, list(reversed(ids[1:4]))) == 3  # one run, in any order
        assert sorted(_held(connection)) == ids[1:4]


def test_bookings_indexed_in_bulk_are_held_as_the_index_made_again_holds_them(db):
    ids = _bookings(db, 5)
    with db.unit_of_work() as s:
        connection = s.connection()
        held = _held(connection)
        assert held[ids[1]] == (False, "2024-03-11", "delegate 1 okonkwo",
                                "d1@example.org\nsocial worker\n11/03/2024 march 2024")
        assert held[ids[3]][0] is True and held[ids[0]][3] == "d0@example.org\n11/03/2024 march 2024"
        search.rebuild(connection)
        assert _held(connection) == held
