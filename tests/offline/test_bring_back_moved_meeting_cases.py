"""A meeting moved to another day in its offline copy and brought back moves the stage dates
case reviews take from it with it, in the same transaction, as moving it on the team database
does; where a case's rules would refuse the new day, the plan and bringing back refuse it in
the words moving it gives, naming the case, and nothing is written (on a real PostgreSQL
server, skipped with the reason without one)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import offline as off
from tests.offline.helpers import ALICE, as_officer, forum_meeting

pytestmark = pytest.mark.slow  # a team database taken offline to a file and brought back

AWARE = date(2024, 3, 1)


@pytest.fixture
def linked(pg_db, tmp_path):
    """The forum meeting of 14/03/2024, Child A's rapid review meeting and where Child B was
    considered, taken offline by Alice: (server, meeting, Child A, Child B, path of the copy)."""
    server = as_officer(pg_db, ALICE)
    _world, m, _items = forum_meeting(server)
    a = cr.create_case_review(server, cr.CaseReviewFields("Child A", "serious_harm", AWARE,
                                                          notification_sent=date(2024, 3, 4),
                                                          rapid_review_meeting_id=m.id))
    b = cr.create_case_review(server, cr.CaseReviewFields("Child B", "serious_harm", AWARE, outcome="notified",
                                                          notification_sent=date(2024, 3, 4),
                                                          considered_meeting_id=m.id))
    path = tmp_path / "March forum.sqlite3"
    off.take_offline(server, m.id, path)
    return server, m, a, b, path


def _move_in_copy(path, m, day: date) -> None:
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.update_meeting(local, m.id, mt.MeetingFields(m.group_id, m.title, datetime.combine(day, m.starts_at.time()),
                                                        place=m.place))


def test_the_case_dates_follow_the_meeting_brought_back_on_another_day(linked):
    server, m, a, b, path = linked
    _move_in_copy(path, m, date(2024, 3, 21))
    assert off.plan_bring_back(server, path).problems == ()
    off.bring_back(server, path)
    assert mt.get_meeting(server, m.id).starts_at == datetime(2024, 3, 21, 10)
    moved_a, moved_b = cr.get_case_review(server, a.id), cr.get_case_review(server, b.id)
    assert moved_a.rapid_review_meeting == date(2024, 3, 21)
    assert moved_b.considered_on == date(2024, 3, 21)
    # the case is saved again as usual, its date the meeting's
    saved = cr.update_case_review(server, a.id, dataclasses.replace(moved_a.to_fields(),
                                                                    rapid_review_sent=date(2024, 3, 25)))
    assert (saved.rapid_review_sent, saved.rapid_review_meeting) == (date(2024, 3, 25), date(2024, 3, 21))


def test_a_move_the_case_could_not_take_is_refused_in_the_plan_and_bringing_back_naming_the_case(linked):
    server, m, a, b, path = linked
    _move_in_copy(path, m, date(2024, 2, 29))
    said = (f"This meeting is linked to 2 case reviews: {a.reference} (Child A) as its rapid review meeting, whose "
            "date would follow it: Rapid review meeting (29/02/2024) cannot be before the date the local authority "
            f"became aware (01/03/2024); {b.reference} (Child B) as the meeting it was considered at, whose date "
            "would follow it: Considered by the Case Review Group (29/02/2024) cannot be before the date the local "
            "authority became aware (01/03/2024). Change those cases first, or keep the meeting's date (14/03/2024)")
    (problem,) = off.plan_bring_back(server, path).problems
    assert problem == ("Meeting: Safeguarding Children Forum 29/02/2024, moved in the offline copy from 14/03/2024: "
                       f"{said[:1].lower()}{said[1:]}, then bring the copy back"), problem
    with pytest.raises(ValidationError) as refused:
        off.bring_back(server, path)
    assert refused.value.errors == {"records": f"{problem}."}
    assert mt.get_meeting(server, m.id).starts_at == datetime(2024, 3, 14, 10)  # nothing written
    assert cr.get_case_review(server, a.id).rapid_review_meeting == date(2024, 3, 14)
    assert cr.get_case_review(server, b.id).considered_on == date(2024, 3, 14)
    assert off.meeting_mark(server, m.id).taken_by == ALICE
