"""Who is editing the minutes of an item (services/editing.py) with several officers at once:
each editor holds a claim of its own, so every one of them sees all the others."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bscp_desktop.db.base import utcnow
from bscp_desktop.db.database import Database
from bscp_desktop.db.models.editing import Editing
from bscp_desktop.services import editing

pytestmark = pytest.mark.both_engines

TABLE = "agenda_item"


@pytest.fixture
def second(db):
    """Another program on the same database (its own connections)."""
    other = Database(db.url, db.path)
    yield other
    other.close()


def _holders(found) -> list[str]:
    return [e.holder for e in found]


def _claims(db) -> int:
    with db.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(Editing))


def test_two_officers_on_one_item_each_see_the_other(db, second):
    amara, ben = editing.new_key(), editing.new_key()
    assert editing.heartbeat(db, TABLE, 5, amara, "Amara Okafor") == ()
    assert _holders(editing.heartbeat(second, TABLE, 5, ben, "Ben Smith")) == ["Amara Okafor"]
    assert _holders(editing.editing_now(second, TABLE, [5], ben)[5]) == ["Amara Okafor"]
    assert _holders(editing.editing_now(db, TABLE, [5], amara)[5]) == ["Ben Smith"]
    assert _holders(editing.heartbeat(db, TABLE, 5, amara, "Amara Okafor")) == ["Ben Smith"]
    assert _claims(db) == 2  # renewing keeps one claim per editor


def test_everyone_else_editing_is_listed_oldest_first_and_never_oneself(db, second):
    start = utcnow()
    keys = {name: editing.new_key() for name in ("Amara Okafor", "Ben Smith", "Jo Bloggs")}
    for minutes, (name, key) in enumerate(keys.items()):
        editing.heartbeat(second if minutes % 2 else db, TABLE, 5, key, name, now=start + timedelta(seconds=minutes))
    now = start + timedelta(seconds=5)
    assert _holders(editing.editing_now(db, TABLE, [5, 6], keys["Ben Smith"], now)[5]) == ["Amara Okafor", "Jo Bloggs"]
    assert _holders(editing.editing_now(db, TABLE, [5], None, now)[5]) == list(keys)
    assert editing.editing_now(db, TABLE, [6], keys["Ben Smith"], now) == {}
    assert editing.editing_now(db, "decision", [5], None, now) == {}


def test_moving_on_gives_up_only_ones_own_claim(db, second):
    amara, ben = editing.new_key(), editing.new_key()
    editing.heartbeat(db, TABLE, 5, amara, "Amara Okafor")
    editing.heartbeat(second, TABLE, 5, ben, "Ben Smith")
    editing.stop_editing(second, TABLE, 5, ben)
    assert _holders(editing.editing_now(second, TABLE, [5], ben)[5]) == ["Amara Okafor"]
    assert editing.editing_now(db, TABLE, [5], amara) == {}


def test_a_claim_left_behind_goes_stale_and_is_cleared_by_the_next_heartbeat(db, second):
    amara, ben = editing.new_key(), editing.new_key()
    start = utcnow()
    editing.heartbeat(db, TABLE, 5, amara, "Amara Okafor", now=start)  # then her laptop sleeps
    later = start + editing.STALE_AFTER + timedelta(seconds=1)
    assert editing.heartbeat(second, TABLE, 5, ben, "Ben Smith", now=later) == ()
    assert _claims(db) == 1
    # back again: hers is a new claim, and each sees the other
    assert _holders(editing.heartbeat(db, TABLE, 5, amara, "Amara Okafor", now=later)) == ["Ben Smith"]
    (hers,) = editing.editing_now(second, TABLE, [5], ben, later)[5]
    assert hers.since == later
