"""Archiving a group leaves its planned meetings as they are: the register of a meeting held
before the day it was archived is still filled from the seats of that day, and one of a meeting
on or after it is left as it is (no one taken off), the officer told why and what to do."""

from __future__ import annotations

from datetime import datetime

from bscp_desktop.domain.validation import local_time
from bscp_desktop.services import attendance as at
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting

ARCHIVED = datetime(2024, 3, 14, 12)  # UTC, as the database keeps it
DAY = local_time(ARCHIVED).date()  # the day it was archived, on this computer's clock
ADVICE = (f"Safeguarding Children Forum was archived on {DAY:%d/%m/%Y}, so no one is expected at a meeting on or "
          "after that day: restore it on the Memberships tab (Groups, Show archived) to fill this register.")


def _archive(db, monkeypatch, group) -> None:
    monkeypatch.setattr("bscp_desktop.services.common.utcnow", lambda: ARCHIVED)
    ms.archive_group(db, group.id)


def _names(db, meeting_id) -> list[str]:
    return sorted(r.name for r in at.list_attendance(db, meeting_id))


def test_a_meeting_after_the_archive_says_so_and_keeps_its_register(db, world, monkeypatch):
    filled = meeting(db, world.forum, datetime(2024, 4, 11, 10))
    empty = meeting(db, world.forum, datetime(2024, 5, 9, 10), title="Forum meeting 2")
    assert at.prefill_attendance(db, filled.id).added == 5
    before = _names(db, filled.id)
    _archive(db, monkeypatch, world.forum)
    again = at.prefill_attendance(db, filled.id)  # filled before the group was archived: everyone stays
    assert (again.added, again.taken_off, again.sentence) == (0, (), ADVICE)
    assert _names(db, filled.id) == before
    new = at.prefill_attendance(db, empty.id)
    assert (new.added, new.sentence) == (0, ADVICE)
    assert "Memberships tab" in new.sentence and "start dates" not in new.sentence
    assert _names(db, empty.id) == []
    ms.restore_group(db, world.forum.id)  # as the sentence advises
    assert at.prefill_attendance(db, empty.id).added == 5


def test_a_meeting_on_the_day_of_the_archive_is_after_it(db, world, monkeypatch):
    # as the Memberships tab "as on" that day: a group archived then has no seats in force
    m = meeting(db, world.forum, datetime.combine(DAY, datetime.min.time()).replace(hour=18))
    _archive(db, monkeypatch, world.forum)
    filled = at.prefill_attendance(db, m.id)
    assert (filled.added, filled.sentence) == (0, ADVICE)


def test_a_meeting_before_the_archive_is_filled_from_the_seats_of_its_day(db, world, monkeypatch):
    m = meeting(db, world.forum, datetime(2024, 3, 7, 10))
    earlier = meeting(db, world.forum, datetime(2024, 2, 8, 10), title="Forum meeting 0")
    at.prefill_attendance(db, earlier.id)
    _archive(db, monkeypatch, world.forum)
    filled = at.prefill_attendance(db, m.id)
    assert filled.added == 5
    assert filled.sentence == "Added 5 members of the group on 07/03/2024."
    again = at.prefill_attendance(db, earlier.id)
    assert (again.added, again.taken_off) == (0, ())
    assert again.sentence == "Everyone who was a member on the meeting date is already on the register."
    assert len(_names(db, earlier.id)) == 5
