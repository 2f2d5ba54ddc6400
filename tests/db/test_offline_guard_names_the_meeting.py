"""A change on the team database that would take someone off the register of a meeting another
officer has taken offline (a seat ended before it, the person archived with their seats ending
before it) is refused naming the meeting by its group and day, why the register would change,
and what to do instead; before, it said only "This meeting was taken offline by …", though the
officer was ending a seat, not changing a meeting (on a real PostgreSQL server, skipped with the
reason without one). The refusal is under the field the officer changed (End date), where the
dialog shows it."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.db.offline_guard import local_time
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import attendance as at
from bscp_desktop.services import memberships as ms
from tests.offline.helpers import ALICE, as_officer, taken_offline

pytestmark = pytest.mark.slow  # a team database with a meeting taken offline to a file

FORUM = "the Safeguarding Children Forum meeting of 14/03/2024"  # the meeting Alice took offline


@pytest.fixture
def offline(pg_db, tmp_path):
    """(the team database as Bob, the world, the meeting, the sentence's "Alice took it offline on …")."""
    server, world, m, _items, _path, mark = taken_offline(pg_db, tmp_path)
    return as_officer(server, "Bob Manager"), world, m, f"{ALICE} took it offline on {local_time(mark.taken_at)}"


def _register(db, meeting_id: int) -> list[str]:
    return sorted(row.name for row in at.list_attendance(db, meeting_id))


def test_ending_a_seat_before_the_meeting_names_the_meeting_the_register_and_what_to_do(offline):
    server, world, m, taken = offline
    seat = next(s for s in ms.list_memberships(server) if s.person_id == world.nurse.id and s.group_id == world.forum.id)
    register = _register(server, m.id)
    fields = ms.MembershipFields(seat.person_id, seat.group_id, seat.role, seat.start_date, date(2024, 3, 13),
                                 organisation_id=seat.organisation_id, notes=seat.notes)
    with pytest.raises(ValidationError) as refused:
        ms.update_membership(server, seat.id, fields, version=seat.version)
    assert refused.value.errors == {"end_date": (  # under the field the officer changed
        f"This change would take Nurse 王芳 off the register of {FORUM} (they would hold no seat on the group that "
        f"day), and that register is read-only here while the meeting is offline: {taken}. Wait until they bring "
        "it back (or another officer releases it), or keep their seat covering that day (ending on 14/03/2024 or "
        "later)")}
    assert next(s for s in ms.list_memberships(server) if s.id == seat.id).end_date is None
    assert _register(server, m.id) == register and "Nurse 王芳" in register


def test_archiving_the_person_with_their_seats_ending_before_the_meeting_says_how_to_archive_them(offline):
    server, world, m, taken = offline
    with pytest.raises(ValidationError) as refused:
        ms.archive_person(server, world.nurse.id, end_memberships_on=date(2024, 3, 13))
    said = refused.value.errors["membership"]  # where the Person dialog shows a seat's refusal
    assert said.startswith(f"This change would take Nurse 王芳 off the register of {FORUM} (they would hold no seat")
    assert f"{taken}. Wait until they bring it back" in said
    assert said.endswith(", or archive them with their seats ending on 14/03/2024 or later")  # the meeting has passed
    assert world.nurse.id in {p.id for p in ms.list_people(server)}  # not archived
