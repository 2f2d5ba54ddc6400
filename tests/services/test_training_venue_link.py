"""A session's "Venue or link" holds an online meeting's join link: a Microsoft Teams link runs
to about 250 characters. Up to 2,000 are kept; a file from before revision 0026 (200 at most)
keeps its venues and takes the longer links once upgraded."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import create_engine, text

from bscp_desktop.db import migrate
from bscp_desktop.db.database import Database
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services.training import courses as cs

TEAMS = ("https://teams.microsoft.com/l/meetup-join/19%3ameeting_ZDk4YjQ4NzEtMDE1Ny00MjFkLWI2ODItNjg2ZjYwNjNjYzE1"
         "%40thread.v2/0?context=%7b%22Tid%22%3a%2290a3b2c1-1234-4d5e-8f90-abcdef123456%22%2c%22Oid%22%3a"
         "%2212345678-90ab-cdef-1234-567890abcdef%22%7d")


def _online(course_id: int, venue: str) -> cs.SessionFields:
    return cs.SessionFields(course_id=course_id, starts_at=datetime(2027, 3, 5, 10, 0), capacity=10, online=True,
                            venue=venue)


@pytest.mark.both_engines
def test_a_teams_join_link_is_kept_whole(db):
    assert len(TEAMS) == 243
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics"))
    session = cs.create_session(db, _online(course.id, TEAMS))
    assert cs.get_session(db, session.id).venue == TEAMS
    longest = "https://example.org/" + "a" * 1980
    assert cs.update_session(db, session.id, _online(course.id, longest)).venue == longest
    with pytest.raises(ValidationError) as err:
        cs.update_session(db, session.id, _online(course.id, longest + "a"))
    assert err.value.errors == {"venue": "Venue or link is too long (2001 characters; at most 2000)"}


@pytest.mark.slow
def test_a_file_from_before_keeps_its_venues_and_takes_long_links(tmp_path):
    from alembic import command

    path = tmp_path / "venue.sqlite3"
    with Database.open(path) as db:
        course = cs.create_course(db, cs.CourseFields(title="Neglect basics"))
        room = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(2027, 3, 4, 10, 0),
                                                      capacity=10, venue="Brent Civic Centre, room 3"))
        online = cs.create_session(db, _online(course.id, TEAMS))
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # back to 200 characters: a longer link keeps its first 200
        command.downgrade(migrate.alembic_config(conn), "0025")
        kept = dict(conn.execute(text("SELECT id, venue FROM training_session")).all())
        schema = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'training_session'")).scalar()
    engine.dispose()
    assert "VARCHAR(200)" in schema
    assert kept == {room.id: "Brent Civic Centre, room 3", online.id: TEAMS[:200]}

    with Database.open(path) as db:  # upgrades to the head
        assert cs.get_session(db, room.id).venue == "Brent Civic Centre, room 3"
        assert cs.update_session(db, online.id, _online(course.id, TEAMS)).venue == TEAMS
        assert cs.get_session(db, online.id).venue == TEAMS
