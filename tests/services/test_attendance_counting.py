"""Who counts: the secretariat, advisers and guests never count for an organisation or toward
quorum; quorum as a head count or each safeguarding partner represented; attendance per seat;
kinds of meeting not counted; the escalation log; minutes approved between meetings."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import AttendanceStatus, MeetingKind, MeetingStatus, MinutesStatus, QuorumRule, RegisterEntry, attendance_rates, quorum_verdict, seat_rates
from bscp_desktop.domain.memberships import OrganisationKind, Role, role_counts
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import attendance as at
from bscp_desktop.services import escalations as es
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting

HELD = MeetingStatus.HELD


# ---------------------------------------------------------------- rules


def test_which_roles_count():
    assert role_counts("member") and role_counts("chair") and role_counts("lay_member")
    assert role_counts("delegated_safeguarding_partner") and role_counts("independent_scrutineer")
    assert not role_counts("secretariat") and not role_counts("adviser") and not role_counts("guest")
    assert not role_counts("member", expected=False)
    assert Role.LAY_MEMBER.has_organisation is False


def test_the_secretariat_never_counts_for_its_organisation():
    entries = [
        RegisterEntry(1, HELD, 10, 1, AttendanceStatus.PRESENT, role="secretariat"),
        RegisterEntry(1, HELD, 10, 1, AttendanceStatus.ABSENT, role="member"),
        RegisterEntry(1, HELD, 10, 2, AttendanceStatus.PRESENT, role="adviser"),
        RegisterEntry(1, HELD, 10, 3, AttendanceStatus.GUEST, expected=False, role="guest"),
    ]
    by_group, by_org = attendance_rates(entries)
    assert [(r.organisation_id, r.expected, r.attended, r.absent) for r in by_org] == [(1, 1, 0, 1)]


def test_kinds_of_meeting_not_counted():
    entries = [
        RegisterEntry(1, HELD, 10, 1, AttendanceStatus.ABSENT, meeting_kind=MeetingKind.WORKSHOP),
        RegisterEntry(2, HELD, 10, 1, AttendanceStatus.PRESENT, meeting_kind=MeetingKind.ORDINARY),
    ]
    assert [(r.expected, r.attended) for r in attendance_rates(entries)[1]] == [(1, 1)]
    assert [(r.expected, r.attended) for r in attendance_rates(entries, uncounted_kinds=())[1]] == [(2, 1)]


def test_seats_show_an_absence_the_organisation_rate_hides():
    entries = [
        RegisterEntry(m, HELD, 10, 1, AttendanceStatus.PRESENT, seat=("CYP officer", "member")) for m in (1, 2)
    ] + [
        RegisterEntry(m, HELD, 10, 1, AttendanceStatus.ABSENT, seat=("Housing officer", "member")) for m in (1, 2)
    ] + [RegisterEntry(1, HELD, 10, None, AttendanceStatus.APOLOGIES, role="lay_member", seat=("Lay member", "lay_member"))]
    assert [(r.organisation_id, r.rate) for r in attendance_rates(entries)[1]] == [(1, 1.0)]
    seats = {r.seat[0]: r for r in seat_rates(entries)}
    assert seats["CYP officer"].rate == 1.0 and seats["Housing officer"].rate == 0.0
    assert seats["Lay member"].apologies == 1 and seats["Lay member"].organisation_id is None


def test_quorum_rules():
    council, icb, police = OrganisationKind.LOCAL_AUTHORITY, OrganisationKind.ICB, OrganisationKind.POLICE
    assert quorum_verdict(QuorumRule.STATUTORY_PARTNERS, None, 3, [council, icb, police]).met is True
    missing = quorum_verdict(QuorumRule.STATUTORY_PARTNERS, 2, 5, [council, council, icb])
    assert missing.met is False and missing.missing_partners == (police,)
    assert missing.sentence.startswith("Quorum not met: the police are not represented")
    assert quorum_verdict(QuorumRule.HEAD_COUNT, 3, 3).met is True
    assert quorum_verdict(QuorumRule.HEAD_COUNT, None, 3).met is None


# ---------------------------------------------------------------- through the services



def held_meeting(db, world, when=datetime(2024, 1, 11, 10), kind=MeetingKind.ORDINARY, group=None):
    m = meeting(db, group or world.forum, when, kind=kind, status=MeetingStatus.HELD)
    at.prefill_attendance(db, m.id)
    return m, {r.name: r for r in at.list_attendance(db, m.id)}


def test_secretariat_present_does_not_make_the_council_attend(db, world):
    m, rows = held_meeting(db, world)
    at.set_attendance(db, [rows[world.officer.name].id], AttendanceStatus.PRESENT)  # the secretariat
    at.set_attendance(db, [rows[world.chair.name].id], AttendanceStatus.APOLOGIES)
    report = at.attendance_monitoring(db, date(2024, 1, 1), date(2024, 1, 31))
    council = next(r for r in report.by_organisation if r.organisation_name == "Brent Council")
    assert (council.expected, council.attended, council.apologies) == (1, 0, 1)
    assert not any(s.role == "secretariat" for s in report.by_seat)
    assert {s.name for s in report.by_seat} >= {world.chair.name, world.inspector.name}


def test_quorum_head_count_leaves_out_the_secretariat_and_guests(db, world):
    m, rows = held_meeting(db, world)
    at.set_quorum(db, world.forum.id, 2)
    at.set_attendance(db, [rows[world.officer.name].id, rows[world.chair.name].id], AttendanceStatus.PRESENT)
    at.add_attendee(db, m.id, at.AttendeeFields(name="A visitor", status=AttendanceStatus.GUEST))
    state = at.quorum_state(db, m.id)
    assert (state.attending, state.met) == (1, False)
    at.set_attendance(db, [rows[world.inspector.name].id], AttendanceStatus.DEPUTY, deputy_person_id=world.sergeant.id)
    assert at.quorum_state(db, m.id).met is True


def test_one_person_in_the_room_counts_once_toward_quorum_however_many_seats_they_cover(db, world):
    m, rows = held_meeting(db, world)  # the forum: chair, inspector, nurse and head count
    at.set_quorum(db, world.forum.id, 3)
    at.set_attendance(db, [rows[world.chair.name].id], AttendanceStatus.PRESENT)
    # the chair also deputises for the inspector and the nurse: still one person in the room
    at.set_attendance(db, [rows[world.inspector.name].id, rows[world.nurse.name].id], AttendanceStatus.DEPUTY,
                      deputy_person_id=world.chair.id)
    state = at.quorum_state(db, m.id)
    assert (state.attending, state.met) == (1, False)
    # a deputy named in words, twice, with other spacing and case: one person
    at.set_attendance(db, [rows[world.inspector.name].id], AttendanceStatus.DEPUTY, deputy_name="Jo  Bloggs")
    at.set_attendance(db, [rows[world.nurse.name].id], AttendanceStatus.DEPUTY, deputy_name="jo bloggs")
    assert at.quorum_state(db, m.id).attending == 2
    at.set_attendance(db, [rows[world.head.name].id], AttendanceStatus.PRESENT)
    state = at.quorum_state(db, m.id)
    assert (state.attending, state.met) == (3, True)


def test_a_member_cannot_be_their_own_deputy(db, world):
    m, rows = held_meeting(db, world)
    with pytest.raises(ValidationError) as refused:
        at.set_attendance(db, [rows[world.inspector.name].id, rows[world.nurse.name].id], AttendanceStatus.DEPUTY,
                          deputy_person_id=world.nurse.id)
    assert refused.value.errors == {"deputy": "A member cannot be their own deputy: mark them present instead"}
    assert all(r.status is not AttendanceStatus.DEPUTY for r in at.list_attendance(db, m.id))  # nothing marked


def test_executive_quorum_needs_each_safeguarding_partner(db, world):
    assert at.get_quorum_rule(db, world.executive.id) is QuorumRule.STATUTORY_PARTNERS  # tier 1 default
    assert at.get_quorum_rule(db, world.forum.id) is QuorumRule.HEAD_COUNT
    bcu = ms.create_organisation(db, ms.OrganisationFields("North West BCU", OrganisationKind.OTHER,
                                                           parent_id=world.police.id))
    for person, org in ((world.nurse, world.icb), (world.sergeant, bcu)):
        ms.create_membership(db, ms.MembershipFields(person.id, world.executive.id, Role.MEMBER, date(2022, 4, 1),
                                                     organisation_id=org.id))
    ms.create_membership(db, ms.MembershipFields(world.officer.id, world.executive.id, Role.SECRETARIAT,
                                                 date(2022, 4, 1), organisation_id=world.council.id))
    m, rows = held_meeting(db, world, group=world.executive)
    at.set_attendance(db, [rows[world.nurse.name].id, rows[world.sergeant.name].id, rows[world.officer.name].id],
                      AttendanceStatus.PRESENT)
    state = at.quorum_state(db, m.id)
    assert state.met is False and "the local authority is not represented" in state.sentence
    from bscp_desktop.jobs.meetings import minutes_document

    assert minutes_document(db, m.id).quorum == state.sentence  # the minutes say so too
    at.set_attendance(db, [rows[world.chair.name].id], AttendanceStatus.PRESENT)
    state = at.quorum_state(db, m.id)
    assert state.met is True  # the BCU stands for the police through its parent
    at.set_quorum(db, world.executive.id, 2, QuorumRule.HEAD_COUNT)
    assert at.quorum_state(db, m.id).sentence.startswith("Quorum met: 3 of 2")


def test_lay_members_sit_without_an_organisation(db, world):
    lay = ms.create_person(db, ms.PersonFields("Lay member", organisation_id=world.council.id))
    with pytest.raises(ValidationError) as err:
        ms.create_membership(db, ms.MembershipFields(lay.id, world.forum.id, Role.LAY_MEMBER, date(2022, 4, 1),
                                                     organisation_id=world.council.id))
    assert "lay member" in err.value.errors["organisation_id"]
    ms.create_membership(db, ms.MembershipFields(lay.id, world.forum.id, Role.LAY_MEMBER, date(2022, 4, 1)))
    m, rows = held_meeting(db, world)
    assert rows["Lay member"].organisation_id is None  # not counted as the council's, though employed there
    at.set_attendance(db, [rows["Lay member"].id], AttendanceStatus.PRESENT)
    seats = at.attendance_monitoring(db, date(2024, 1, 1), date(2024, 1, 31)).by_seat
    assert next(s for s in seats if s.name == "Lay member").rate == 1.0


def test_workshops_are_not_counted_unless_the_team_says_so(db, world):
    _, rows = held_meeting(db, world, kind=MeetingKind.WORKSHOP)
    at.set_attendance(db, [rows[world.inspector.name].id], AttendanceStatus.PRESENT)  # a register marked
    report = at.attendance_monitoring(db, date(2024, 1, 1), date(2024, 1, 31))
    assert report.by_organisation == [] and report.meetings_of_kinds_not_counted == 1
    at.set_uncounted_kinds(db, [MeetingKind.RAPID_REVIEW])
    report = at.attendance_monitoring(db, date(2024, 1, 1), date(2024, 1, 31))
    assert report.by_organisation and report.kinds_not_counted == (MeetingKind.RAPID_REVIEW,)


def test_escalation_log(db, world):
    with pytest.raises(ValidationError) as err:
        es.create_escalation(db, es.EscalationFields(None, None, ""))
    assert set(err.value.errors) == {"organisation_id", "raised_on", "raised_with"}
    e = es.create_escalation(db, es.EscalationFields(
        world.school.id, date(2024, 2, 1), "Headteacher", "Independent Chair", "Attended 1 of 3 Forum meetings",
        world.forum.id), today=date(2024, 3, 1))
    assert e.awaiting_reply and e.group_name == "Safeguarding Children Forum"
    with pytest.raises(ValidationError) as err:
        es.update_escalation(db, e.id, es.EscalationFields(world.school.id, date(2024, 2, 1), "Headteacher",
                                                           replied_on=date(2024, 1, 1)), today=date(2024, 3, 1))
    assert "replied_on" in err.value.errors
    done = es.update_escalation(db, e.id, es.EscalationFields(
        world.school.id, date(2024, 2, 1), "Headteacher", reply="A deputy will attend", replied_on=date(2024, 2, 9)),
        today=date(2024, 3, 1))
    assert not done.awaiting_reply
    assert [x.id for x in es.list_escalations(db, organisation_id=world.school.id)] == [e.id]
    es.archive_escalation(db, e.id)
    assert es.list_escalations(db) == [] and len(es.list_escalations(db, include_archived=True)) == 1


def test_minutes_approved_by_chairs_action_or_email(db, world):
    m, _rows = held_meeting(db, world, when=datetime(2024, 1, 11, 10))
    with pytest.raises(ValidationError) as err:
        mt.approve_minutes(db, m.id, None, method="chairs_action")
    assert set(err.value.errors) == {"approved_by", "on"}
    approved = mt.approve_minutes(db, m.id, None, date(2024, 1, 19), method="chairs_action",
                                  approved_by="Independent Chair")
    assert approved.minutes_status is MinutesStatus.APPROVED and approved.approved_at_meeting_id is None
    assert approved.minutes_state == "Approved on 19/01/2024 by chair's action (Independent Chair)"
    other, _ = held_meeting(db, world, when=datetime(2024, 2, 8, 10))
    by_mail = mt.approve_minutes(db, other.id, None, date(2024, 2, 16), method="email", approved_by="Members")
    assert by_mail.minutes_state.endswith("by e-mail (Members)")
    with pytest.raises(ValidationError):
        mt.approve_minutes(db, meeting(db, world.forum, datetime(2024, 3, 7, 10)).id, None, method="fax")


# ---------------------------------------------------------------- the demo


@pytest.fixture
def demo(demo_db):
    return demo_db  # the demo database built once for the run, a private copy


def test_demo_council_attendance_is_no_longer_the_secretariats(demo):
    report = at.attendance_monitoring(demo, date(2022, 10, 1), date(2024, 3, 31))
    council = {r.group_name: r for r in report.by_group if r.organisation_name == "Brent Council"}
    # at the Case Review Group of 22 February 2024 every council member sent apologies while the
    # Strategic Partnerships Lead (secretariat, a council officer) was there
    crg = council["Case Review Group"]
    assert crg.rate < 1 and crg.apologies == 1
    overall = next(r for r in report.by_organisation if r.organisation_name == "Brent Council")
    assert overall.rate < 1
    assert not any(s.role == "secretariat" for s in report.by_seat)
    lay = [s for s in report.by_seat if s.role == "lay_member"]
    assert len(lay) == 2 and all(s.organisation_name == "" for s in lay)


@pytest.mark.slow
def test_demo_attendance_report_does_not_show_the_council_at_100_percent(demo, tmp_path):
    import openpyxl

    from bscp_desktop import jobs

    out = jobs.write_report(demo, "attendance", tmp_path / "attendance.xlsx", date_from=date(2022, 10, 1),
                            date_to=date(2024, 3, 31))
    wb = openpyxl.load_workbook(out)
    header = [c.value for c in wb["By organisation"][1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in wb["By organisation"].iter_rows(min_row=2, values_only=True)}
    council = rows["Brent Council"]
    assert council["Attendance rate"] < 1
    seats = [dict(zip([c.value for c in wb["By seat"][1]], r, strict=True))
             for r in wb["By seat"].iter_rows(min_row=2, values_only=True)]
    assert seats and not any(s["Role"] == "Secretariat" for s in seats)
    assert any("secretariat" in (r[0] or "").lower() for r in wb["About"].iter_rows(values_only=True))


def test_demo_organisations_have_parents_and_other_names(demo):
    bcu = ms.find_organisation(demo, "North West BCU")
    assert bcu is not None and bcu.parent_name == "Metropolitan Police"
    assert ms.find_organisation(demo, "London North West University Health Care NHS Trust").short_name == "LNWUHT"
    assert ms.find_organisation(demo, "National Probation Service").name == "Probation Service"
    executive = next(g for g in ms.list_groups(demo) if g.name == "Executive Group")
    assert at.get_quorum_rule(demo, executive.id) is QuorumRule.STATUTORY_PARTNERS


def test_a_groups_quorum_is_set_where_the_group_is(db):
    executive = ms.create_group(db, ms.GroupFields("Executive Group", 1))
    forum = ms.create_group(db, ms.GroupFields("Forum", 2, quorum_rule="head_count", quorum=6))
    assert (executive.quorum_rule, executive.quorum) == (QuorumRule.STATUTORY_PARTNERS, None)
    assert (forum.quorum_rule, forum.quorum) == (QuorumRule.HEAD_COUNT, 6)
    # saved again without a quorum (an import, an older caller): the quorum stays as it was
    forum = ms.update_group(db, forum.id, ms.GroupFields("Safeguarding Forum", 2))
    assert (forum.name, forum.quorum_rule, forum.quorum) == ("Safeguarding Forum", QuorumRule.HEAD_COUNT, 6)
    forum = ms.update_group(db, forum.id, ms.GroupFields("Safeguarding Forum", 2, quorum_rule=QuorumRule.STATUTORY_PARTNERS,
                                                         quorum=0))
    assert (forum.quorum_rule, forum.quorum) == (QuorumRule.STATUTORY_PARTNERS, None)
    assert at.get_quorum_rule(db, forum.id) is QuorumRule.STATUTORY_PARTNERS
    with pytest.raises(ValidationError) as err:
        ms.update_group(db, forum.id, ms.GroupFields("Renamed", 2, quorum_rule="most", quorum=501))
    assert set(err.value.errors) == {"quorum_rule", "quorum"}
    assert {g.name for g in ms.list_groups(db)} == {"Executive Group", "Safeguarding Forum"}  # nothing saved


def test_an_archived_person_does_not_deputise_unless_already_recorded(db, world):
    m, rows = held_meeting(db, world)
    helper = ms.create_person(db, ms.PersonFields("Dee Puty", organisation_id=world.council.id))
    at.set_attendance(db, [rows[world.inspector.name].id], AttendanceStatus.DEPUTY, deputy_person_id=helper.id)
    ms.archive_person(db, helper.id)
    at.set_attendance(db, [rows[world.inspector.name].id], AttendanceStatus.DEPUTY,  # as recorded: kept
                      deputy_person_id=helper.id)
    with pytest.raises(ValidationError) as refused:
        at.set_attendance(db, [rows[world.nurse.name].id], AttendanceStatus.DEPUTY, deputy_person_id=helper.id)
    assert refused.value.errors == {"deputy": "Dee Puty is archived, so cannot deputise at a meeting; restore them on "
                                              "the Memberships tab first"}
    assert {r.name: r.status for r in at.list_attendance(db, m.id)}[world.nurse.name] is not AttendanceStatus.DEPUTY


# ---------------------------------------------------------------- deputies who cannot count


def test_the_secretariat_cannot_be_recorded_as_a_members_deputy_to_make_quorum(db, world):
    m, rows = held_meeting(db, world)
    at.set_quorum(db, world.forum.id, 1)
    inspector = rows[world.inspector.name]
    with pytest.raises(ValidationError) as refused:
        at.set_attendance(db, [inspector.id], AttendanceStatus.DEPUTY, deputy_person_id=world.officer.id)
    assert refused.value.errors == {"deputy": (
        f"{world.officer.name} sits on the group on 11/01/2024 as the secretariat, which never counts toward "
        "attendance or quorum, so cannot be recorded as a member's deputy: choose the person who deputised for "
        "the member")}
    assert {r.name: r.status for r in at.list_attendance(db, m.id)}[world.inspector.name] is AttendanceStatus.ABSENT
    assert at.quorum_state(db, m.id).met is False
    # a deputy from the group's members, from outside it, or named in words still counts
    at.set_attendance(db, [inspector.id], AttendanceStatus.DEPUTY, deputy_person_id=world.sergeant.id)
    at.set_attendance(db, [inspector.id], AttendanceStatus.DEPUTY, deputy_name="Sergeant Hathaway")
    assert at.quorum_state(db, m.id).met is True


def test_an_adviser_or_a_guest_on_the_register_cannot_be_a_members_deputy(db, world):
    adviser = ms.create_person(db, ms.PersonFields("Ada Adviser", organisation_id=world.council.id))
    ms.create_membership(db, ms.MembershipFields(adviser.id, world.forum.id, Role.ADVISER, date(2022, 4, 1),
                                                 organisation_id=world.council.id))
    visitor = ms.create_person(db, ms.PersonFields("Vic Visitor", organisation_id=world.police.id))
    m, rows = held_meeting(db, world)
    at.add_attendee(db, m.id, at.AttendeeFields(person_id=visitor.id))
    inspector = rows[world.inspector.name].id
    with pytest.raises(ValidationError) as refused:
        at.set_attendance(db, [inspector], AttendanceStatus.DEPUTY, deputy_person_id=adviser.id)
    assert "Ada Adviser sits on the group on 11/01/2024 as an adviser, which never counts" in refused.value.errors["deputy"]
    with pytest.raises(ValidationError) as refused:
        at.set_attendance(db, [inspector], AttendanceStatus.DEPUTY, deputy_person_id=visitor.id)
    assert refused.value.errors["deputy"] == (
        "Vic Visitor is on this meeting's register as a guest, which never counts toward attendance or quorum, so "
        "cannot be recorded as a member's deputy: take them off the register first if they came as the member's "
        "deputy")
    guest = next(r for r in at.list_attendance(db, m.id) if r.person_id == visitor.id)
    at.remove_attendee(db, guest.id)
    (row,) = at.set_attendance(db, [inspector], AttendanceStatus.DEPUTY, deputy_person_id=visitor.id)
    assert row.deputy_name == "Vic Visitor"
    # the other way round: once the deputy, not added again as a guest
    with pytest.raises(ValidationError) as refused:
        at.add_attendee(db, m.id, at.AttendeeFields(person_id=visitor.id))
    assert refused.value.errors["name"] == (
        f"Vic Visitor is recorded as deputising for {world.inspector.name} at this meeting, so is not added again "
        "as a guest")


def test_a_recorded_deputy_is_not_then_given_a_seat_that_never_counts_over_the_meeting(db, world):
    """The register and quorum keep to the rule the register itself applies: a deputy from outside
    the group, given the secretariat's or an adviser's seat dated back over the meeting afterwards,
    would be that seat's holder deputising, which never counts."""
    m, rows = held_meeting(db, world)
    at.set_quorum(db, world.forum.id, 1)
    helper = ms.create_person(db, ms.PersonFields("Dee Puty", organisation_id=world.council.id))
    at.set_attendance(db, [rows[world.inspector.name].id], AttendanceStatus.DEPUTY, deputy_person_id=helper.id)
    refusal = (f"Dee Puty is recorded as deputy for {world.inspector.name} at the Safeguarding Children Forum meeting "
               "of 11/01/2024, "
               "and would sit on the group that day only as {place}, which never counts toward attendance or "
               "quorum, so cannot be recorded as a member's deputy: change that register first, or keep the seat's "
               "dates off that meeting")
    for role, place in ((Role.SECRETARIAT, "the secretariat"), (Role.ADVISER, "an adviser")):
        with pytest.raises(ValidationError) as refused:
            ms.create_membership(db, ms.MembershipFields(helper.id, world.forum.id, role, date(2023, 10, 1),
                                                         organisation_id=world.council.id))
        assert refused.value.errors == {"role": refusal.format(place=place)}
    assert helper.id not in {s.person_id for s in ms.list_memberships(db, group_id=world.forum.id)}
    assert at.quorum_state(db, m.id).met is True
    # a seat from after the meeting is given; moved back over it, or restored so, it is refused
    seat = ms.create_membership(db, ms.MembershipFields(helper.id, world.forum.id, Role.SECRETARIAT,
                                                        date(2024, 2, 1), organisation_id=world.council.id))
    with pytest.raises(ValidationError) as refused:
        ms.update_membership(db, seat.id, ms.MembershipFields(helper.id, world.forum.id, Role.SECRETARIAT,
                                                              date(2023, 10, 1), organisation_id=world.council.id))
    assert refused.value.errors == {"start_date": refusal.format(place="the secretariat")}
    # while they also hold a seat that counts that day, they deputise as that
    member = ms.create_membership(db, ms.MembershipFields(helper.id, world.forum.id, Role.MEMBER, date(2023, 10, 1),
                                                          organisation_id=world.council.id))
    ms.update_membership(db, seat.id, ms.MembershipFields(helper.id, world.forum.id, Role.SECRETARIAT,
                                                          date(2023, 10, 1), organisation_id=world.council.id))
    with pytest.raises(ValidationError) as refused:
        ms.archive_membership(db, member.id)
    assert refused.value.errors == {"membership": refusal.format(place="the secretariat")}
    ms.archive_membership(db, seat.id)
    ms.archive_membership(db, member.id)
    with pytest.raises(ValidationError) as refused:
        ms.restore_membership(db, seat.id)
    assert refused.value.errors == {"membership": refusal.format(place="the secretariat")}
    assert at.quorum_state(db, m.id).met is True


# ---------------------------------------------------------------- a seat representing no organisation


def test_a_seat_not_representing_an_organisation_counts_for_none_on_the_register_or_in_quorum(db, world):
    """The membership dialog offers the person's own organisation; a seat saved with
    '(not representing an organisation)' stands for none, as the yearly report lists it."""
    fellow = ms.create_person(db, ms.PersonFields("Ruth Baker", organisation_id=world.icb.id))
    ms.create_membership(db, ms.MembershipFields(fellow.id, world.executive.id, Role.MEMBER, date(2022, 4, 1)))
    ms.create_membership(db, ms.MembershipFields(world.inspector.id, world.executive.id, Role.MEMBER,
                                                 date(2022, 4, 1), organisation_id=world.police.id))
    m, rows = held_meeting(db, world, group=world.executive)
    assert rows["Ruth Baker"].organisation_id is None and rows["Ruth Baker"].organisation_name == ""
    at.set_attendance(db, [r.id for r in rows.values()], AttendanceStatus.PRESENT)
    state = at.quorum_state(db, m.id)
    assert state.met is False and "the Integrated Care Board is not represented" in state.sentence
    # added by hand, a person with such a seat is listed by it too
    other = meeting(db, world.executive, datetime(2024, 2, 8, 10), status=MeetingStatus.HELD)
    row = at.add_attendee(db, other.id, at.AttendeeFields(person_id=fellow.id))
    assert (row.expected, row.organisation_id) == (True, None)


# ---------------------------------------------------------------- one program fills a register at a time


def test_filling_and_adding_to_a_register_decide_alone_about_that_meeting(db, world, monkeypatch):
    from bscp_desktop.db import engines

    asked = []
    real = engines.decide_alone
    monkeypatch.setattr(engines, "decide_alone", lambda session, what: (asked.append(what), real(session, what)))
    m = meeting(db, world.forum, datetime(2024, 1, 11, 10), status=MeetingStatus.HELD)
    at.prefill_attendance(db, m.id)
    at.add_attendee(db, m.id, at.AttendeeFields(name="A visitor"))
    assert asked == [f"meeting {m.id} register"] * 2


def test_a_held_meeting_whose_register_marks_nobody_present_is_named_and_counts_for_nobody(db, world):
    """Filled in from the members and never marked: a meeting cannot have been held with nobody
    there, so nobody is counted absent from it, here, on the Attendance tab and in partner
    engagement alike, and it is named as a register to mark."""
    m, rows = held_meeting(db, world)
    report = at.attendance_monitoring(db, date(2024, 1, 1), date(2024, 1, 31))
    assert report.by_organisation == [] and report.meetings_held == 1
    assert report.held_nobody_present == ("Safeguarding Children Forum, 11/01/2024",)
    assert report.nobody_present_sentence == (
        "1 held meeting has a register with nobody marked present, so nobody's attendance at it is counted: "
        "Safeguarding Children Forum, 11/01/2024. Mark who attended on its register (or, if it did not take "
        "place, mark it cancelled).")
    at.set_attendance(db, [rows[world.inspector.name].id], AttendanceStatus.PRESENT)
    marked = at.attendance_monitoring(db, date(2024, 1, 1), date(2024, 1, 31))
    assert marked.held_nobody_present == () and marked.nobody_present_sentence == ""
    assert any(r.attended == 0 and r.expected == 1 for r in marked.by_organisation)  # the others now absent
