"""Revision 0020: a training booking keeps whether its cancellation gave up a place. For the
bookings already there, the change history tells a delegate who left the waiting list apart."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import create_engine, text

from bscp_desktop.db import migrate
from bscp_desktop.db.database import Database
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs


def _book(db, session_id: int, name: str, **kw):
    return bk.create_booking(db, bk.BookingFields(session_id=session_id, delegate_name=name,
                                                  booked_on=date(2024, 2, 1), **kw)).booking


@pytest.mark.slow
def test_existing_cancellations_of_delegates_on_the_waiting_list_gave_up_no_place(tmp_path):
    from alembic import command

    path = tmp_path / "bookings.sqlite3"
    with Database.open(path) as db:
        course = cs.create_course(db, cs.CourseFields(title="Neglect: recognising and responding"))
        to_come = datetime.combine(date.today() + timedelta(days=90), time(9, 30))  # a place freed on it is given
        session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=to_come, capacity=1))
        ann = _book(db, session.id, "Ann Lee")
        wally = _book(db, session.id, "Wally West")  # waitlisted, then leaves the list
        bo = _book(db, session.id, "Bo Chan")  # waitlisted, given Ann's place, then cancels
        cy = _book(db, session.id, "Cy Diaz", outcome="cancelled", cancelled_on=date(2024, 3, 1))
        bk.cancel_booking(db, wally.id, date(2024, 3, 8))
        bk.cancel_booking(db, ann.id, date(2024, 3, 1))
        bk.offer_place(db, bo.id)
        bk.cancel_booking(db, bo.id, date(2024, 3, 8))
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0019")
        columns = {r[1] for r in conn.execute(text("PRAGMA table_info(training_booking)"))}
    engine.dispose()
    assert "gave_up_place" not in columns

    with Database.open(path) as db:  # upgrades to the head
        with db.engine.connect() as conn:
            gave_up = dict(conn.execute(text("SELECT id, gave_up_place FROM training_booking")).all())
        assert gave_up == {ann.id: 1, wally.id: 0, bo.id: 1, cy.id: 1}
        assert not bk.get_booking(db, wally.id).gave_up_place
