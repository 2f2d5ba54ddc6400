"""Bringing back holds the seats, agreements, registers and deputies the offline copy changed to
the memberships service's own rules on the team database as it is now, as the same change made
there is refused: a seat moved off an earlier meeting whose register (not in the copy) records
its member, a deputy's seat left standing in for no one, and people archived there meanwhile
given a seat, an agreement, an agreement restored, a place on the register or a deputy's place.
The plan names each before anything is written; bringing back is refused with it. On a real
PostgreSQL server, skipped with the reason without one."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.memberships import Role
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import offline as off
from tests.offline.helpers import ALICE, as_officer, count, forum_meeting

pytestmark = pytest.mark.slow  # a team database taken offline to a file and brought back

BOB = "Bob Manager"
FORUM = "Safeguarding Children Forum"


def _local(path):
    return as_officer(Database.open(path, create=False), ALICE)


def _take(server, meeting_id, tmp_path):
    path = tmp_path / "March forum.sqlite3"
    off.take_offline(server, meeting_id, path)
    return path


def _seat(db, person_id, group_id):
    return next(s for s in ms.list_memberships(db, group_id=group_id) if s.person_id == person_id)


def _moved(seat, **changes):
    return ms.MembershipFields(seat.person_id, seat.group_id, seat.role, changes.get("start_date", seat.start_date),
                               changes.get("end_date", seat.end_date), seat.organisation_id, seat.deputy_for_id,
                               seat.notes)


def _refused_alike(server, path, expected: list[str]) -> None:
    """The plan names each problem in `expected` (each a part of one), and nothing else of the
    people; bringing back is refused naming them, and writes nothing."""
    history = count(server, "SELECT count(*) FROM change_record")
    plan = off.plan_bring_back(server, path)
    assert count(server, "SELECT count(*) FROM change_record") == history  # planning leaves no trace
    for words in expected:
        assert any(words in p for p in plan.problems), (words, plan.problems)
    assert len(plan.problems) == len(expected), plan.problems
    with pytest.raises(ValidationError) as refused:
        off.bring_back(server, path, prefer=off.OFFLINE)
    for problem in plan.problems:
        assert problem in str(refused.value)
    assert count(server, "SELECT count(*) FROM change_record") == history


def test_a_seat_moved_offline_off_earlier_approved_registers_is_refused_as_there(pg_db, tmp_path):
    """The copy holds only the March meeting, so its own check passed; the team database's
    January register (approved) records the nurse present as a member, whom the seat moved to
    start in February would leave with no seat that day."""
    server = as_officer(pg_db, ALICE)
    world, m, _items = forum_meeting(server)
    january = next(x for x in mt.list_meetings(server) if x.title == "January forum")
    at.prefill_attendance(server, january.id)
    nurse = next(r for r in at.list_attendance(server, january.id) if r.person_id == world.nurse.id)
    at.set_attendance(server, [nurse.id], "present")
    mt.set_meeting_status(server, january.id, MeetingStatus.HELD)
    mt.approve_minutes(server, january.id, None, on=date(2024, 1, 20), method="chairs_action", approved_by="The chair")
    seat = _seat(server, world.nurse.id, world.forum.id)
    there = f"{world.nurse.name} is on the register of the {FORUM} meeting of 11/01/2024 as a member, and would hold no seat"
    with pytest.raises(ValidationError, match=there):  # the same change made on the team database
        ms.update_membership(server, seat.id, _moved(seat, start_date=date(2024, 2, 1)))
    path = _take(server, m.id, tmp_path)
    with _local(path) as local:
        ms.update_membership(local, seat.id, _moved(_seat(local, world.nurse.id, world.forum.id),
                                                    start_date=date(2024, 2, 1)))
    _refused_alike(server, path, [f"Membership: {world.nurse.name} in {FORUM} (changed offline, as the team "
                                  f"database stands now): {there}"])
    assert _seat(server, world.nurse.id, world.forum.id).start_date == date(2022, 4, 1)
    assert off.meeting_mark(server, m.id) is not None


def test_a_seat_ended_offline_leaving_a_deputy_given_there_meanwhile_is_refused(pg_db, tmp_path):
    """The inspector's seat ended offline; meanwhile the team database gave the inspector a
    deputy whose seat runs on past that day, with no member's seat to stand in for."""
    server = as_officer(pg_db, ALICE)
    world, m, _items = forum_meeting(server)
    sergeant = _seat(server, world.sergeant.id, world.forum.id)
    ms.update_membership(server, sergeant.id, _moved(sergeant, end_date=date(2023, 12, 31)))
    path = _take(server, m.id, tmp_path)
    inspector = _seat(server, world.inspector.id, world.forum.id)
    with _local(path) as local:
        ms.update_membership(local, inspector.id, _moved(_seat(local, world.inspector.id, world.forum.id),
                                                         end_date=date(2024, 6, 30)))
    as_officer(server, BOB)
    ms.create_membership(server, ms.MembershipFields(world.head.id, world.forum.id, Role.DEPUTY, date(2024, 4, 1),
                                                     deputy_for_id=world.inspector.id))
    as_officer(server, ALICE)
    _refused_alike(server, path, [f"Membership: {world.inspector.name} in {FORUM} (changed offline, as the team "
                                  f"database stands now): {world.head.name} (from 01/04/2024 with no end date) "
                                  f"deputises for {world.inspector.name} on {FORUM} on days they would hold no seat "
                                  "there"])
    assert _seat(server, world.inspector.id, world.forum.id).end_date is None


def _archived_meanwhile(server, tmp_path):
    """Jo and Kim sat on the forum until 2023 (Kim with an agreement); the March meeting is taken
    offline; Bob archives both, and Kim's agreement, meanwhile. Returns (world, meeting, path,
    Jo, Kim, Kim's agreement)."""
    world, m, _items = forum_meeting(server)
    jo = ms.create_person(server, ms.PersonFields("Jo Bloggs", organisation_id=world.council.id))
    kim = ms.create_person(server, ms.PersonFields("Kim Lee", organisation_id=world.police.id))
    for person, end in ((jo, date(2023, 12, 31)), (kim, date(2023, 6, 30))):
        ms.create_membership(server, ms.MembershipFields(person.id, world.forum.id, Role.MEMBER, date(2022, 4, 1), end,
                                                         organisation_id=person.organisation_id))
    agreement = ms.create_agreement(server, ms.AgreementFields(kim.id, date(2023, 1, 5), date(2025, 1, 5)))
    path = _take(server, m.id, tmp_path)
    as_officer(server, BOB)
    ms.archive_person(server, jo.id)
    ms.archive_person(server, kim.id)
    ms.archive_agreement(server, agreement.id)
    as_officer(server, ALICE)
    return world, m, path, jo, kim, agreement


def test_people_archived_there_meanwhile_get_nothing_from_the_copy(pg_db, tmp_path):
    """Offline, where they are current, Jo is given a seat and an agreement and is added to the
    register, Kim's agreement is edited and Kim is recorded as the inspector's deputy: the team
    database refuses each of them for someone archived, and so does bringing back."""
    server = as_officer(pg_db, ALICE)
    world, m, path, jo, kim, agreement = _archived_meanwhile(server, tmp_path)
    with _local(path) as local:
        ms.create_membership(local, ms.MembershipFields(jo.id, world.forum.id, Role.MEMBER, date(2024, 3, 1),
                                                        organisation_id=world.council.id))
        ms.create_agreement(local, ms.AgreementFields(jo.id, date(2024, 3, 1), notes="Signed at the meeting"))
        ms.update_agreement(local, agreement.id, ms.AgreementFields(kim.id, agreement.signed_on, agreement.review_due,
                                                                    "Re-signed"))
        at.add_attendee(local, m.id, at.AttendeeFields(person_id=jo.id, expected=True, status="present"))
        inspector = next(r for r in at.list_attendance(local, m.id) if r.person_id == world.inspector.id)
        at.set_attendance(local, [inspector.id], "deputy", deputy_person_id=kim.id)
    _refused_alike(server, path, [
        f"Membership: Jo Bloggs in {FORUM} (given offline, as the team database stands now): Jo Bloggs is "
        "archived: restore them before giving them a seat",
        "(made offline, as the team database stands now): Jo Bloggs is archived: restore them before recording "
        "their agreement",
        "Kim Lee: removed on the team database after the copy was taken, and the team database refuses restoring it: "
        "Kim Lee is archived: restore them before recording their agreement; keep the team database's",
        "Register: Jo Bloggs (added in the offline copy to the register of ",
        f"Register: {world.inspector.name} (of ",
    ])
    problems = " ".join(off.plan_bring_back(server, path).problems)
    assert "Jo Bloggs is archived and held no seat on the group on 14/03/2024, so cannot be added to this register" \
        in problems
    assert "but Kim Lee is archived, so cannot deputise at a meeting" in problems
    for sql in ("SELECT count(*) FROM membership WHERE person_id IN (:jo, :kim) AND archived_at IS NULL "
                "AND start_date > '2023-12-31'",
                "SELECT count(*) FROM confidentiality_agreement WHERE person_id IN (:jo, :kim) AND archived_at IS NULL",
                "SELECT count(*) FROM attendance WHERE (person_id = :jo OR deputy_person_id = :kim) "
                "AND archived_at IS NULL"):
        assert count(server, sql, jo=jo.id, kim=kim.id) == 0


def test_the_same_offline_changes_come_back_for_people_current_there(pg_db, tmp_path):
    """With no one archived on the team database, the same kind of changes come back: a seat
    moved still covering every register there (the January register with nothing recorded for
    the member follows the seat, as it does there), a seat and an agreement given, a deputy
    recorded."""
    server = as_officer(pg_db, ALICE)
    world, m, _items = forum_meeting(server)
    january = next(x for x in mt.list_meetings(server) if x.title == "January forum")
    at.prefill_attendance(server, january.id)
    path = _take(server, m.id, tmp_path)
    seat = _seat(server, world.nurse.id, world.forum.id)
    with _local(path) as local:
        ms.update_membership(local, seat.id, _moved(_seat(local, world.nurse.id, world.forum.id),
                                                    start_date=date(2024, 2, 1)))
        ms.create_membership(local, ms.MembershipFields(world.sergeant.id, world.forum.id, Role.ADVISER,
                                                        date(2024, 3, 1)))
        ms.create_agreement(local, ms.AgreementFields(world.nurse.id, date(2024, 3, 1)))
        inspector = next(r for r in at.list_attendance(local, m.id) if r.person_id == world.inspector.id)
        at.set_attendance(local, [inspector.id], "deputy", deputy_person_id=world.sergeant.id)
    assert off.plan_bring_back(server, path).problems == ()
    off.bring_back(server, path)
    assert _seat(server, world.nurse.id, world.forum.id).start_date == date(2024, 2, 1)
    assert [r.person_id for r in at.list_attendance(server, january.id) if r.person_id == world.nurse.id] == []
    assert count(server, "SELECT count(*) FROM confidentiality_agreement WHERE person_id = :p", p=world.nurse.id) == 1
    back = next(r for r in at.list_attendance(server, m.id) if r.person_id == world.inspector.id)
    assert back.deputy_person_id == world.sergeant.id
