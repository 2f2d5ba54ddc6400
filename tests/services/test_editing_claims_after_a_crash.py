"""Claims left behind by a run of the program that ended without giving them up (killed,
crashed, the computer switched off) and the program started again (services/editing.py).

A database file is open in one window only, so on a file every claim made by another run is
a dead one: cleared when the minutes are opened, the officer is never told they are "also
editing" the minutes themselves. On a team database a claim made by another run may be a live
officer, or the same officer in a second window: it is kept and shown until its minute is up,
as before."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bscp_desktop.db.base import utcnow
from bscp_desktop.db.database import Database
from bscp_desktop.db.models.editing import Editing
from bscp_desktop.services import editing

TABLE = "agenda_item"


def key_of_an_earlier_run() -> str:
    """A key as an earlier run of the program made it (with that run's mark)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(editing, "RUN", "earlier0", raising=False)  # never this run's: not hexadecimal
        return editing.new_key()


def _claims(db) -> int:
    with db.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(Editing))


def _holders(found) -> list[str]:
    return [e.holder for e in found]


def test_on_a_file_the_claims_of_an_earlier_run_are_cleared_and_never_reported(db):
    assert db.path is not None
    just_now = utcnow() - timedelta(seconds=5)  # killed a moment ago: fresh by the minute
    editing.heartbeat(db, TABLE, 5, key_of_an_earlier_run(), "Amara Okafor", now=just_now)
    editing.heartbeat(db, TABLE, 6, uuid.uuid4().hex, "Amara Okafor", now=just_now)  # a key without a run mark
    assert editing.clear_left_behind(db) == 2
    mine = editing.new_key()
    assert editing.editing_now(db, TABLE, [5, 6], mine) == {}
    assert editing.heartbeat(db, TABLE, 5, mine, "Amara Okafor") == ()
    assert _claims(db) == 1  # only this editor's own


def test_on_a_file_the_editors_of_this_run_keep_their_claims_and_see_each_other(db):
    amara, ben = editing.new_key(), editing.new_key()
    editing.heartbeat(db, TABLE, 5, amara, "Amara Okafor")
    second = Database(db.url, db.path)  # another connection of this run
    try:
        editing.heartbeat(second, TABLE, 5, ben, "Ben Smith")
        assert editing.clear_left_behind(second) == 0
    finally:
        second.close()
    assert _holders(editing.editing_now(db, TABLE, [5], ben)[5]) == ["Amara Okafor"]
    assert _holders(editing.editing_now(db, TABLE, [5], amara)[5]) == ["Ben Smith"]


def test_on_a_team_database_a_claim_made_by_another_run_is_shown_until_its_minute_is_up(pg_db):
    start = utcnow()
    # Ben Smith at another computer, and Amara Okafor in another window (or a run that ended:
    # nothing on a claim tells the two apart, so it stays until its minute is up)
    editing.heartbeat(pg_db, TABLE, 5, key_of_an_earlier_run(), "Ben Smith", now=start)
    editing.heartbeat(pg_db, TABLE, 5, key_of_an_earlier_run(), "Amara Okafor", now=start)
    assert editing.clear_left_behind(pg_db) == 0
    mine = editing.new_key()
    soon = start + timedelta(seconds=5)
    assert _holders(editing.editing_now(pg_db, TABLE, [5], mine, soon)[5]) == ["Ben Smith", "Amara Okafor"]
    assert _holders(editing.heartbeat(pg_db, TABLE, 5, mine, "Amara Okafor", now=soon)) == ["Ben Smith", "Amara Okafor"]
    assert _claims(pg_db) == 3
    later = start + editing.STALE_AFTER + timedelta(seconds=1)
    assert editing.heartbeat(pg_db, TABLE, 5, mine, "Amara Okafor", now=later) == ()
    assert _claims(pg_db) == 1
