"""Attendance registers, quorum and monitoring against a hand-computed fixture."""

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import AttendanceStatus as A
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.memberships import Role
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting


def _mark(db, meeting_id, marks, deputy=None):
    """marks: {person_id: status}; a deputy is (member person id, deputy person id)."""
    register = {r.person_id: r.id for r in at.list_attendance(db, meeting_id)}
    for person_id, status in marks.items():
        kwargs = {}
        if status is A.DEPUTY:
            kwargs["deputy_person_id"] = deputy
        at.set_attendance(db, [register[person_id]], status, **kwargs)


def test_register_prefilled_from_members_on_the_date(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    assert at.prefill_attendance(db, m.id).added == 5  # the deputy is not expected in their own right
    rows = at.list_attendance(db, m.id)
    assert [r.name for r in rows][0] == world.chair.name  # chair first
    assert {r.name for r in rows} == {p.name for p in (world.chair, world.officer, world.inspector, world.nurse, world.head)}
    assert all(r.expected and r.status is A.ABSENT for r in rows)
    assert {r.name: r.organisation_name for r in rows}[world.inspector.name] == "Metropolitan Police"
    assert at.prefill_attendance(db, m.id).added == 0  # never twice
    # someone who joined later is not on an earlier register
    before = meeting(db, world.forum, datetime(2022, 3, 1, 10))
    assert at.prefill_attendance(db, before.id).added == 0


def test_marking_deputy_guest_and_rules(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    at.prefill_attendance(db, m.id)
    by_person = {r.person_id: r for r in at.list_attendance(db, m.id)}
    inspector = by_person[world.inspector.id]
    with pytest.raises(ValidationError) as err:
        at.set_attendance(db, [inspector.id], A.DEPUTY)
    assert "deputy" in err.value.errors
    (row,) = at.set_attendance(db, [inspector.id], A.DEPUTY, deputy_person_id=world.sergeant.id)
    assert row.deputy_name == "Sergeant Lewis" and row.status_text == "Deputy attended: Sergeant Lewis"
    (row,) = at.set_attendance(db, [inspector.id], A.PRESENT)
    assert row.deputy_person_id is None and row.deputy_name == ""
    with pytest.raises(ValidationError):
        at.set_attendance(db, [inspector.id], A.GUEST)
    # several at once
    ids = [by_person[p.id].id for p in (world.chair, world.nurse)]
    assert {r.status for r in at.set_attendance(db, ids, A.APOLOGIES)} == {A.APOLOGIES}
    guest = at.add_attendee(db, m.id, at.AttendeeFields(name="Visiting Speaker", organisation_id=world.school.id))
    assert guest.status is A.GUEST and not guest.expected and guest.role_label == "Guest"
    with pytest.raises(ValidationError) as err:
        at.add_attendee(db, m.id, at.AttendeeFields(person_id=world.chair.id))
    assert "already on the register" in err.value.errors["name"]
    with pytest.raises(ValidationError):
        at.add_attendee(db, m.id, at.AttendeeFields(name=" "))
    at.remove_attendee(db, guest.id)
    assert guest.id not in {r.id for r in at.list_attendance(db, m.id)}


def test_quorum(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    at.prefill_attendance(db, m.id)
    assert at.quorum_state(db, m.id).met is None
    at.set_quorum(db, world.forum.id, 4)
    _mark(db, m.id, {world.chair.id: A.PRESENT, world.nurse.id: A.PRESENT, world.inspector.id: A.DEPUTY}, world.sergeant.id)
    state = at.quorum_state(db, m.id)
    assert (state.quorum, state.attending, state.met) == (4, 3, False)
    assert "not met" in state.sentence
    _mark(db, m.id, {world.head.id: A.PRESENT})
    assert at.quorum_state(db, m.id).met is True
    with pytest.raises(ValidationError):
        at.set_quorum(db, world.forum.id, -1)


def test_approved_minutes_keep_the_quorum_they_were_judged_by(db, world):
    m = meeting(db, world.forum, datetime(2023, 12, 14, 10), status=MeetingStatus.HELD)
    later = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    at.prefill_attendance(db, m.id)
    at.prefill_attendance(db, later.id)
    at.set_quorum(db, world.forum.id, 2)
    for one in (m, later):
        _mark(db, one.id, {world.chair.id: A.PRESENT, world.nurse.id: A.PRESENT})
    mt.approve_minutes(db, m.id, later.id)
    at.set_quorum(db, world.forum.id, 5)  # the group's rule changes after the approval
    kept = at.quorum_state(db, m.id)
    assert (kept.quorum, kept.attending, kept.met) == (2, 2, True)
    now = at.quorum_state(db, later.id)  # minutes not approved yet follow the rule as it is
    assert (now.quorum, now.met) == (5, False)


def test_register_is_locked_with_the_minutes(db, world):
    m = meeting(db, world.forum, datetime(2023, 12, 14, 10), status=MeetingStatus.HELD)
    later = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    at.prefill_attendance(db, m.id)
    row = at.list_attendance(db, m.id)[0]
    mt.approve_minutes(db, m.id, later.id)
    with pytest.raises(ValidationError) as err:
        at.set_attendance(db, [row.id], A.PRESENT)
    assert "locked" in err.value.errors["attendance"]
    at.set_attendance(db, [row.id], A.PRESENT, reason="Chair arrived late; confirmed at the next meeting")
    assert at.list_attendance(db, m.id)[0].status is A.PRESENT
    assert mt.list_amendments(db, m.id)[0].reason.startswith("Chair arrived late")


def test_a_register_filled_late_has_the_members_who_have_left_since(db, world):
    """Those who held a seat on the meeting's day are expected, whatever happened later; an
    archived person is not expected after their seat ended."""
    held = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    ms.archive_person(db, world.inspector.id, date(2024, 6, 30))  # leaves: their seat, and their deputy's, end then
    ms.archive_person(db, world.sergeant.id)  # the deputy leaves too
    assert world.inspector.name in {m.person_name for m in ms.members_on(db, world.forum.id, date(2024, 3, 14))}
    assert at.prefill_attendance(db, held.id).added == 5
    rows = {r.person_id: r for r in at.list_attendance(db, held.id)}
    assert rows[world.inspector.id].expected and rows[world.inspector.id].organisation_name == "Metropolitan Police"
    at.set_quorum(db, world.forum.id, 4)  # the chair and three members (the secretariat never counts)
    at.set_attendance(db, [r.id for r in rows.values()], A.PRESENT)
    assert at.quorum_state(db, held.id).met is True
    # taken off the register, they can be put back by hand; on a day after their seat, not
    at.remove_attendee(db, rows[world.inspector.id].id)
    back = at.add_attendee(db, held.id, at.AttendeeFields(world.inspector.id, expected=True, status=A.PRESENT))
    assert back.name == world.inspector.name
    after = meeting(db, world.forum, datetime(2024, 9, 12, 10))
    assert at.prefill_attendance(db, after.id).added == 4
    assert world.inspector.id not in {r.person_id for r in at.list_attendance(db, after.id)}
    with pytest.raises(ValidationError) as refused:
        at.add_attendee(db, after.id, at.AttendeeFields(world.inspector.id, status=A.GUEST))
    assert refused.value.errors == {"name": "Inspector Morse is archived and held no seat on the group on 12/09/2024, "
                                           "so cannot be added to this register; restore them on the Memberships tab "
                                           "first"}
    # at the earlier meeting the archived deputy who sat on the group then may deputise
    at.set_attendance(db, [back.id], A.DEPUTY, deputy_person_id=world.sergeant.id)


def test_an_archived_person_is_not_expected_at_a_meeting_after_they_were_archived(db, world):
    ms.archive_person(db, world.nurse.id, date(2030, 3, 31))  # their seat left to end later
    today = date.today()
    assert world.nurse.name in {m.person_name for m in ms.members_on(db, world.forum.id, today)}
    assert world.nurse.name not in {m.person_name for m in ms.members_on(db, world.forum.id, date(2030, 1, 1))}


def build_fixture(db, world):
    """Hand-computed fixture: see test_rates_match_the_hand_computed_fixture."""
    w = world

    def held(group, when, marks, deputy=None, status=MeetingStatus.HELD):
        m = meeting(db, group, when)
        at.prefill_attendance(db, m.id)
        _mark(db, m.id, marks, deputy)
        mt.set_meeting_status(db, m.id, status)  # a register filled before the meeting was called off
        return m

    held(w.forum, datetime(2023, 3, 2, 10), {w.head.id: A.PRESENT})  # before the period
    held(w.forum, datetime(2023, 6, 1, 10), {w.chair.id: A.PRESENT, w.officer.id: A.PRESENT,
                                             w.inspector.id: A.APOLOGIES, w.nurse.id: A.PRESENT})  # head absent
    held(w.forum, datetime(2023, 9, 7, 10), {w.chair.id: A.PRESENT, w.inspector.id: A.DEPUTY,
                                             w.nurse.id: A.PRESENT, w.head.id: A.APOLOGIES}, w.sergeant.id)
    held(w.forum, datetime(2023, 12, 7, 10), {}, status=MeetingStatus.CANCELLED)  # all absent, must not count
    m4 = held(w.forum, datetime(2024, 3, 7, 10), {w.chair.id: A.APOLOGIES, w.officer.id: A.APOLOGIES,
                                                  w.inspector.id: A.PRESENT, w.nurse.id: A.PRESENT, w.head.id: A.PRESENT})
    at.add_attendee(db, m4.id, at.AttendeeFields(name="Guest Speaker", organisation_id=w.school.id))
    held(w.executive, datetime(2023, 7, 1, 10), {w.chair.id: A.PRESENT})


@pytest.mark.slow
def test_rates_match_the_hand_computed_fixture(db, world):
    build_fixture(db, world)
    report = at.attendance_monitoring(db, date(2023, 4, 1), date(2024, 3, 31))
    assert report.threshold == 75 and report.meetings_held == 4 and report.meetings_not_counted == 1
    by_group = {(r.organisation_name, r.group_name): r for r in report.by_group}
    got = {k: (r.expected, r.in_person, r.by_deputy, r.apologies, r.absent, r.rate_percent, r.below_threshold)
           for k, r in by_group.items()}
    forum, executive = "Safeguarding Children Forum", "Executive Group"
    assert got == {
        # Council: Jun chair+officer present, Sep chair present, Mar both apologies
        ("Brent Council", forum): (3, 2, 0, 1, 0, 66.7, True),
        ("Brent Council", executive): (1, 1, 0, 0, 0, 100.0, False),
        # Police: Jun apologies, Sep sergeant deputised, Mar present
        ("Metropolitan Police", forum): (3, 1, 1, 1, 0, 66.7, True),
        ("NWL Integrated Care Board", forum): (3, 3, 0, 0, 0, 100.0, False),
        # School: Jun absent, Sep apologies, Mar present; the guest does not count
        ("Kilburn Park School", forum): (3, 1, 0, 1, 1, 33.3, True),
    }
    totals = {r.organisation_name: (r.expected, r.attended, r.rate_percent, r.below_threshold) for r in report.by_organisation}
    assert totals == {
        "Brent Council": (4, 3, 75.0, False),  # exactly the threshold is not below it
        "Metropolitan Police": (3, 2, 66.7, True),
        "NWL Integrated Care Board": (3, 3, 100.0, False),
        "Kilburn Park School": (3, 1, 33.3, True),
    }


@pytest.mark.slow
def test_threshold_is_a_setting(db, world):
    build_fixture(db, world)
    at.set_threshold(db, 60)
    assert at.get_threshold(db) == 60
    report = at.attendance_monitoring(db, date(2023, 4, 1), date(2024, 3, 31))
    assert {r.organisation_name for r in report.by_organisation if r.below_threshold} == {"Kilburn Park School"}
    with pytest.raises(ValidationError):
        at.set_threshold(db, 150)
    only_forum = at.attendance_monitoring(db, date(2023, 4, 1), date(2024, 3, 31), group_id=world.forum.id)
    assert {r.group_name for r in only_forum.by_group} == {"Safeguarding Children Forum"}
    with pytest.raises(ValidationError):
        at.attendance_monitoring(db, date(2024, 1, 1), date(2023, 1, 1))


def test_a_quorum_rule_in_the_change_history_reads_as_words():
    from bscp_desktop.services.history_names import value_text

    for table, field in (("meeting", "approved_quorum_rule"), ("partnership_group", "quorum_rule")):
        assert value_text("statutory_partners", table, field) == "Each of the three safeguarding partners represented"


def test_filling_the_register_takes_off_those_not_members_that_day_where_nothing_was_recorded(db, world):
    """A register filled before the members' seats ended: those never marked are taken off as
    their seats end (filling it again would take them off too, `_stale_register`); anything an
    officer recorded stays (and keeps the seat from ending before it)."""
    m = meeting(db, world.forum, datetime(2024, 6, 13, 10), status=MeetingStatus.HELD)
    at.prefill_attendance(db, m.id)
    rows = {r.person_id: r for r in at.list_attendance(db, m.id)}
    at.set_attendance(db, [rows[world.nurse.id].id], A.APOLOGIES)  # marked
    at.set_attendance(db, [rows[world.chair.id].id], A.PRESENT)
    at.set_attendance(db, [rows[world.chair.id].id], A.ABSENT)  # marked absent after all
    at.set_attendance(db, [rows[world.officer.id].id], A.ABSENT)  # as filled: nothing changes
    guest = at.add_attendee(db, m.id, at.AttendeeFields(None, "Visiting Speaker"))
    for person in (world.head, world.nurse, world.chair, world.officer):
        (seat,) = [s for s in ms.list_memberships(db, group_id=world.forum.id) if s.person_id == person.id]
        ended = ms.MembershipFields(seat.person_id, seat.group_id, seat.role, seat.start_date, date(2024, 5, 31),
                                    seat.organisation_id)
        if person in (world.nurse, world.chair):  # recorded at the meeting: their seats cannot end before it
            with pytest.raises(ValidationError, match="take them off that register first"):
                ms.update_membership(db, seat.id, ended)
        else:
            ms.update_membership(db, seat.id, ended)
    assert at.prefill_attendance(db, m.id).added == 0
    left = {r.person_id: r.status for r in at.list_attendance(db, m.id)}
    assert left == {world.inspector.id: A.ABSENT, world.nurse.id: A.APOLOGIES, world.chair.id: A.ABSENT,
                    guest.person_id: A.GUEST}
    assert {r.person_id for r in at.list_attendance(db, m.id, include_archived=True) if r.archived} == {
        world.head.id, world.officer.id}  # archived: the history keeps them
    # attendance monitoring no longer counts them
    seats = {s.name: s.expected for s in at.attendance_monitoring(db, date(2024, 6, 1), date(2024, 6, 30)).by_seat}
    assert seats.get(world.head.name, 0) == 0
    assert seats[world.nurse.name] == 1


def _stale_register(db, world, m, *people):
    """End the people's seats on the forum on 31/05/2024 while meeting `m` is archived (an
    archived meeting's register is not changed), then restore it: its register lists them still."""
    mt.archive_meeting(db, m.id)
    _end_seats(db, world, *people)
    mt.restore_meeting(db, m.id)


def test_filling_approved_minutes_register_asks_for_the_reason_to_take_anyone_off(db, world):
    m = meeting(db, world.forum, datetime(2024, 6, 13, 10))
    at.prefill_attendance(db, m.id)
    mt.approve_minutes(db, m.id, None, date(2024, 6, 20), method="email", approved_by="Chair")
    (seat,) = [s for s in ms.list_memberships(db, group_id=world.forum.id) if s.person_id == world.head.id]
    with pytest.raises(ValidationError, match="take them off that register first"):  # approved: an amendment
        ms.update_membership(db, seat.id, ms.MembershipFields(seat.person_id, seat.group_id, seat.role,
                                                              seat.start_date, date(2024, 5, 31), seat.organisation_id))
    _stale_register(db, world, m, world.head)
    with pytest.raises(ValidationError) as err:
        at.prefill_attendance(db, m.id)
    assert set(err.value.errors) == {"attendance", "reason"}
    assert world.head.id in {r.person_id for r in at.list_attendance(db, m.id)}
    at.prefill_attendance(db, m.id, reason="Her seat ended in May")
    assert world.head.id not in {r.person_id for r in at.list_attendance(db, m.id)}
    assert mt.list_amendments(db, m.id)[-1].new_text == "1 taken off it (not members on 13/06/2024)"


def test_an_archived_meetings_register_is_not_changed(db, world):
    """Archived (perhaps by a colleague while the register was open): marking, adding, taking
    off and filling it are refused naming the register; restored, they are taken again."""
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    at.prefill_attendance(db, m.id)
    rows = {r.person_id: r.id for r in at.list_attendance(db, m.id)}
    mt.archive_meeting(db, m.id)
    refused = {"attendance": "The meeting of 14/03/2024 is archived: restore it first to change its register"}
    for call in (
        lambda: at.set_attendance(db, [rows[world.chair.id]], A.PRESENT),
        lambda: at.set_attendance(db, [rows[world.inspector.id]], A.DEPUTY, deputy_person_id=world.sergeant.id),
        lambda: at.add_attendee(db, m.id, at.AttendeeFields(None, "Visiting Speaker")),
        lambda: at.remove_attendee(db, rows[world.head.id]),
        lambda: at.remove_attendees(db, [rows[world.head.id], rows[world.nurse.id]]),
    ):
        with pytest.raises(ValidationError) as err:
            call()
        assert err.value.errors == refused
    (seat,) = [s for s in ms.list_memberships(db, group_id=world.forum.id) if s.person_id == world.head.id]
    ms.update_membership(db, seat.id, ms.MembershipFields(seat.person_id, seat.group_id, seat.role,
                                                          seat.start_date, date(2024, 2, 29), seat.organisation_id))
    with pytest.raises(ValidationError) as err:  # filling it would take her off
        at.prefill_attendance(db, m.id)
    assert err.value.errors == refused
    register = at.list_attendance(db, m.id)
    assert len(register) == 5 and {r.status for r in register} == {A.ABSENT}
    mt.restore_meeting(db, m.id)
    assert at.prefill_attendance(db, m.id).taken_off == (world.head.name,)
    (row,) = at.set_attendance(db, [rows[world.chair.id]], A.PRESENT)
    assert row.status is A.PRESENT


def test_filling_the_register_says_how_many_were_added_and_who_was_taken_off(db, world):
    """The window's line after Fill from members names those taken off, not only those added."""
    m = meeting(db, world.forum, datetime(2024, 6, 13, 10))
    filled = at.prefill_attendance(db, m.id)
    assert (filled.added, filled.taken_off) == (5, ())
    assert filled.sentence == "Added 5 members of the group on 13/06/2024."
    _stale_register(db, world, m, world.head)
    newcomer = ms.create_person(db, ms.PersonFields("Ms New Member", organisation_id=world.school.id))
    ms.create_membership(db, ms.MembershipFields(newcomer.id, world.forum.id, Role.MEMBER, date(2024, 6, 1),
                                                 organisation_id=world.school.id))
    filled = at.prefill_attendance(db, m.id)
    assert (filled.added, filled.taken_off) == (1, (world.head.name,))
    assert filled.sentence == ("Added 1 member of the group on 13/06/2024. Took 1 person off the register who was "
                               f"not a member of the group on 13/06/2024 and had nothing recorded: {world.head.name}.")
    _stale_register(db, world, m, world.nurse, world.chair)
    filled = at.prefill_attendance(db, m.id)
    assert (filled.added, filled.taken_off) == (0, (world.chair.name, world.nurse.name))  # as the register lists them
    assert filled.sentence == ("Took 2 people off the register who were not members of the group on 13/06/2024 and "
                               f"had nothing recorded: {world.chair.name} and {world.nurse.name}.")
    nothing = at.prefill_attendance(db, m.id)
    assert (nothing.added, nothing.taken_off) == (0, ())
    assert nothing.sentence == "Everyone who was a member on the meeting date is already on the register."


def _end_seats(db, world, *people):
    """End the people's seats on the forum on 31/05/2024."""
    for person in people:
        (seat,) = [s for s in ms.list_memberships(db, group_id=world.forum.id) if s.person_id == person.id]
        ms.update_membership(db, seat.id, ms.MembershipFields(seat.person_id, seat.group_id, seat.role,
                                                              seat.start_date, date(2024, 5, 31), seat.organisation_id))


def test_a_long_list_of_people_taken_off_names_the_first_ten():
    names = tuple(f"Member {n}" for n in range(1, 13))
    sentence = at.RegisterFilled(date(2024, 6, 13), 0, names).sentence
    assert sentence.endswith("had nothing recorded: Member 1, Member 2, Member 3, Member 4, Member 5, Member 6, "
                             "Member 7, Member 8, Member 9, Member 10 and 2 more.")
    assert sentence.startswith("Took 12 people off the register")


def test_a_guest_on_the_register_is_a_value_the_file_check_reads(db, world):
    """A guest's register row is a role the program writes itself: `check`, restore and
    bring-back read it as one of the column's values, not as another program's."""
    import sqlite3

    from bscp_desktop.db import stored_values

    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    at.add_attendee(db, m.id, at.AttendeeFields(name="Visiting Inspector"))
    con = sqlite3.connect(db.path)
    try:
        assert stored_values.values_problem(con) == ""
    finally:
        con.close()


def test_a_group_with_no_members_on_the_meeting_date_says_so_rather_than_everyone_is_there(db, world):
    """Members whose seats start after the meeting (typed with today's date, say) are not on the
    group that day: filling the register says where to look, not that everyone is on it."""
    group = ms.create_group(db, ms.GroupFields("Task and finish group"))
    m = meeting(db, group, datetime(2024, 6, 13, 10))
    ms.create_membership(db, ms.MembershipFields(world.chair.id, group.id, Role.MEMBER, date(2024, 7, 1),
                                                 organisation_id=world.council.id))
    filled = at.prefill_attendance(db, m.id)
    assert (filled.added, filled.taken_off) == (0, ())
    assert filled.sentence == ("The group had no members on 13/06/2024: a member counts from the start date of their "
                               "membership, so check the start dates on the Memberships tab.")
