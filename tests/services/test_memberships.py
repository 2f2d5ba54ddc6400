import dataclasses
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from bscp_desktop.db.models import ChangeRecord, Membership, Organisation
from bscp_desktop.domain.memberships import OrganisationKind, Role
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import memberships as ms
from tests.built_once import database_with

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines


def build_setup(db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY, "LBB"))
    person = ms.create_person(db, ms.PersonFields("Żółć Nguyễn", "Head of service", org.id, "z@brent.gov.uk"))
    group = ms.create_group(db, ms.GroupFields("Case Review Group", 3, needs_agreement=True))
    return org, person, group


db, setup = database_with("memberships", build_setup, records="setup")


def test_create_and_list(db, setup):
    org, person, group = setup
    assert [o.name for o in ms.list_organisations(db)] == ["Brent Council"]
    assert ms.list_people(db)[0].organisation_name == "Brent Council"
    m = ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.CHAIR, date(2023, 4, 1), organisation_id=org.id))
    assert m.person_name == "Żółć Nguyễn" and m.group_name == "Case Review Group"


def test_archiving_a_group_is_told_what_still_hangs_on_it(db, setup):
    from datetime import datetime

    from bscp_desktop.services import meetings as mt

    org, person, group = setup
    on = date(2024, 6, 1)
    assert ms.archive_note(db, group.id, on) == ""
    ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.CHAIR, date(2023, 4, 1)))
    ended = ms.create_person(db, ms.PersonFields("Ada Obi"))
    ms.create_membership(db, ms.MembershipFields(ended.id, group.id, Role.MEMBER, date(2022, 4, 1), date(2023, 3, 31)))
    assert ms.archive_note(db, group.id, on) == (
        "It has 1 current membership: it stays as it is (end the memberships and cancel the meetings too if the "
        "group has stopped meeting).")
    for day in (datetime(2024, 5, 1, 10), datetime(2024, 7, 1, 10), datetime(2024, 9, 1, 10)):
        mt.create_meeting(db, mt.MeetingFields(group.id, "Case Review Group", day))
    assert ms.archive_note(db, group.id, on).startswith("It has 1 current membership and 2 planned meetings: they stay")


def test_archiving_a_group_is_told_of_the_open_actions_its_meetings_raised(db, setup):
    from datetime import datetime

    from bscp_desktop.domain.actions import ActionStatus
    from bscp_desktop.services import actions as al
    from bscp_desktop.services import meetings as mt

    org, person, group = setup
    other = ms.create_group(db, ms.GroupFields("Safeguarding Forum"))
    held = mt.create_meeting(db, mt.MeetingFields(group.id, "Case Review Group", datetime(2024, 5, 1, 10)))
    elsewhere = mt.create_meeting(db, mt.MeetingFields(other.id, "Safeguarding Forum", datetime(2024, 5, 2, 10)))
    for meeting, description, status in ((held, "Circulate the learning brief", ActionStatus.OPEN),
                                         (held, "Write to the Panel", ActionStatus.IN_PROGRESS),
                                         (held, "Book the room", ActionStatus.DONE),
                                         (elsewhere, "Plan the forum", ActionStatus.OPEN)):
        al.create_action(db, al.ActionFields(description, owner_person_id=person.id, status=status, due_date=date(2024, 7, 1),
                                             completed_on=date(2024, 5, 3) if status is ActionStatus.DONE else None,
                                             evidence="Room booked for the learning event" if status is ActionStatus.DONE else ""),
                         {"meeting_id": meeting.id})
    owner = person.name
    assert ms.archive_note(db, group.id, date(2024, 6, 1)) == (
        f"Its meetings raised 2 open actions: “Circulate the learning brief” ({owner}, due 01/07/2024) and "
        f"“Write to the Panel” ({owner}, due 01/07/2024). They stay in the action log: mark them done there, or "
        "archive them there if no longer to be done.")  # named, as the other archive questions name them


def test_bad_values_name_the_field_and_save_nothing(db, setup):
    with pytest.raises(ValidationError) as err:
        ms.create_organisation(db, ms.OrganisationFields("  ", "nonsense"))
    assert set(err.value.errors) == {"name", "kind"}
    with pytest.raises(ValidationError) as err:
        ms.create_person(db, ms.PersonFields("A Person", email="not-an-email"))
    assert "email" in err.value.errors
    assert len(ms.list_people(db)) == 1


def test_duplicate_organisation_name_refused(db, setup):
    with pytest.raises(ValidationError) as err:
        ms.create_organisation(db, ms.OrganisationFields("brent council", "other"))
    assert "already exists" in err.value.errors["name"]


def test_a_group_name_with_a_stray_space_is_the_same_group(db, setup):
    with pytest.raises(ValidationError) as err:
        ms.create_group(db, ms.GroupFields("Case  Review Group "))
    assert err.value.errors["name"] == "A group called 'Case Review Group' already exists"
    assert ms.create_group(db, ms.GroupFields(" Learning   and Improvement Group")).name == "Learning and Improvement Group"


def test_end_before_start_and_overlap(db, setup):
    _, person, group = setup
    with pytest.raises(ValidationError) as err:
        ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2024, 1, 1), date(2023, 1, 1)))
    assert "end_date" in err.value.errors
    ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2023, 1, 1), None))
    with pytest.raises(ValidationError) as err:
        ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2024, 1, 1), None))
    assert "overlap" in err.value.errors["start_date"]
    assert err.value.errors["start_date"].startswith("Żółć Nguyễn is already a member of Case Review Group from")
    # A different role, or a term that does not overlap, is fine
    ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.CHAIR, date(2024, 1, 1), None))
    with db.unit_of_work() as s:
        assert s.scalar(select(Membership).where(Membership.role == "member")) is not None


def test_members_on_date_and_agreement_flag(db, setup):
    org, person, group = setup
    other = ms.create_person(db, ms.PersonFields("Ørsted Çelik"))
    ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.CHAIR, date(2023, 1, 1), date(2023, 12, 31)))
    ms.create_membership(db, ms.MembershipFields(other.id, group.id, Role.MEMBER, date(2023, 6, 1)))
    ms.create_agreement(db, ms.AgreementFields(other.id, date(2023, 6, 1), date(2024, 6, 1)))
    members = ms.members_on(db, group.id, date(2023, 7, 1))
    assert [m.person_name for m in members] == ["Żółć Nguyễn", "Ørsted Çelik"]
    assert [m.missing_agreement for m in members] == [True, False]
    assert [m.person_name for m in ms.members_on(db, group.id, date(2024, 1, 1))] == ["Ørsted Çelik"]
    assert ms.members_on(db, group.id, date(2024, 7, 1))[0].missing_agreement


def test_archive_and_restore_keep_the_record(db, setup):
    org, person, _ = setup
    ms.archive_person(db, person.id)
    assert ms.list_people(db) == []
    assert ms.list_people(db, include_archived=True)[0].archived
    ms.restore_person(db, person.id)
    assert not ms.list_people(db)[0].archived


def test_every_write_is_in_the_history(db, setup):
    org, _, _ = setup
    ms.update_organisation(db, org.id, ms.OrganisationFields("Brent Council", "local_authority", "Brent"))
    ms.archive_organisation(db, org.id)
    with db.unit_of_work() as s:
        rows = s.scalars(select(ChangeRecord).where(ChangeRecord.table_name == "organisation")).all()
    by_action = {(r.action, r.field): (r.old_value, r.new_value) for r in rows}
    assert by_action[("insert", "name")] == (None, "Brent Council")
    assert by_action[("update", "short_name")] == ("LBB", "Brent")
    assert ("archive", "archived_at") in by_action
    assert all(r.changed_by for r in rows)


def test_failed_write_rolls_back_everything(db, setup):
    org, _, _ = setup
    with pytest.raises(RuntimeError):
        with db.unit_of_work() as s:
            s.add(Organisation(name="Half saved", kind="other", short_name=""))
            s.flush()
            raise RuntimeError("boom")
    assert "Half saved" not in [o.name for o in ms.list_organisations(db)]
    with db.unit_of_work() as s:
        assert not s.scalars(select(ChangeRecord).where(ChangeRecord.new_value == "Half saved")).all()


def test_group_cannot_be_its_own_ancestor(db, setup):
    _, _, group = setup
    child = ms.create_group(db, ms.GroupFields("Child group", 3, parent_id=group.id))
    with pytest.raises(ValidationError) as err:
        ms.update_group(db, group.id, ms.GroupFields("Case Review Group", 3, parent_id=child.id))
    assert "parent_id" in err.value.errors


def test_a_direction_override_pasted_into_a_name_is_not_saved(db, setup):
    """"\u202eSmith" would show as "htimS" in every list and output: the override goes, and the
    same name with and without it is one organisation."""
    person = ms.create_person(db, ms.PersonFields("\u202eAmina Yusuf\u202c", email="amina@example.org"))
    assert person.name == "Amina Yusuf"
    with pytest.raises(ValidationError, match="already"):
        ms.create_organisation(db, ms.OrganisationFields("Brent\u202e Council", OrganisationKind.LOCAL_AUTHORITY))


def test_seats_agreements_and_meetings_are_not_given_to_archived_records(db, setup):
    from datetime import datetime, timedelta

    from bscp_desktop.services import meetings as mt

    org, person, group = setup
    left = ms.create_person(db, ms.PersonFields("Ada Obi"))
    ms.archive_person(db, left.id)
    closed = ms.create_group(db, ms.GroupFields("Old Panel"))
    ms.archive_group(db, closed.id)
    with pytest.raises(ValidationError) as err:
        ms.create_membership(db, ms.MembershipFields(left.id, closed.id, Role.MEMBER, date(2024, 1, 1)))
    assert err.value.errors == {"person_id": "Ada Obi is archived: restore them before giving them a seat",
                                "group_id": "Old Panel is archived: restore it before adding members to it"}
    with pytest.raises(ValidationError) as err:
        ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.DEPUTY, date(2024, 1, 1),
                                                     deputy_for_id=left.id))
    assert err.value.errors == {"deputy_for_id": "Ada Obi is archived: choose a current member to deputise for"}
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(ValidationError) as err:
        ms.create_agreement(db, ms.AgreementFields(left.id, tomorrow))
    assert err.value.errors == {"person_id": "Ada Obi is archived: restore them before recording their agreement",
                                "signed_on": f"Signed on ({tomorrow:%d/%m/%Y}) cannot be in the future"}
    with pytest.raises(ValidationError) as err:
        mt.create_meeting(db, mt.MeetingFields(closed.id, "Old Panel", datetime(2024, 5, 1, 10)))
    assert err.value.errors == {"group_id": "Old Panel is archived: restore it before planning its meetings"}


def test_a_deputy_stands_in_for_a_member_of_the_same_group_in_that_time(db, setup):
    org, person, group = setup
    member = ms.create_person(db, ms.PersonFields("Ørsted Çelik"))
    with pytest.raises(ValidationError) as err:
        ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.DEPUTY, date(2024, 1, 1),
                                                     deputy_for_id=member.id))
    assert err.value.errors == {"deputy_for_id": "Ørsted Çelik is not a member of Case Review Group in that time: a "
                                                 "deputy stands in for a member of the same group"}
    ms.create_membership(db, ms.MembershipFields(member.id, group.id, Role.MEMBER, date(2023, 4, 1)))
    deputy = ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.DEPUTY, date(2024, 1, 1),
                                                          deputy_for_id=member.id))
    assert deputy.deputy_for_name == "Ørsted Çelik"


def test_an_archived_persons_seat_left_open_is_held_up_to_the_day_they_were_archived(db, setup):
    org, person, group = setup
    ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.CHAIR, date(2023, 4, 1)))
    ms.archive_person(db, person.id)
    from bscp_desktop.jobs.memberships import members_by_group

    before, after = date(2024, 6, 1), date.today() + timedelta(days=1)
    for on in (before, after):
        assert [m.person_name for m in ms.list_memberships(db, on=on)] == ["Żółć Nguyễn"]  # the record is kept
    assert [m.person_name for m in ms.list_memberships(db, on=before, seated=True)] == ["Żółć Nguyễn"]
    assert [m.person_name for m in ms.members_on(db, group.id, before)] == ["Żółć Nguyễn"]
    assert ms.list_memberships(db, on=after, seated=True) == [] and ms.members_on(db, group.id, after) == []
    assert [(g.name, members) for g, members in members_by_group(db, after)] == [("Case Review Group", [])]


def test_an_archived_organisation_takes_no_new_person_or_seat_but_those_it_had_keep_it(db, setup):
    org, person, group = setup
    seat = ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2023, 4, 1),
                                                        organisation_id=org.id))
    ms.archive_organisation(db, org.id)
    refused = {"organisation_id": "Brent Council is archived: restore it on the Memberships tab first, or choose a "
                                  "current organisation"}
    with pytest.raises(ValidationError) as err:
        ms.create_person(db, ms.PersonFields("Ada Obi", "Officer", org.id))
    assert err.value.errors == refused
    other = ms.create_person(db, ms.PersonFields("Ada Obi", "Officer"))
    with pytest.raises(ValidationError) as err:
        ms.create_membership(db, ms.MembershipFields(other.id, group.id, Role.MEMBER, date(2023, 4, 1),
                                                     organisation_id=org.id))
    assert err.value.errors == refused
    kept = ms.update_person(db, person.id, ms.PersonFields("Żółć Nguyễn", "Director", org.id, "z@brent.gov.uk"))
    assert kept.job_title == "Director" and kept.organisation_id == org.id  # as it was: still saved
    assert ms.update_membership(db, seat.id, ms.MembershipFields(person.id, group.id, Role.CHAIR, date(2023, 4, 1),
                                                                 organisation_id=org.id)).role is Role.CHAIR


def test_a_person_is_offered_with_their_organisation_once(db, setup):
    from bscp_desktop.services.memberships.choices import person_choices

    org, person, _group = setup
    post = ms.create_person(db, ms.PersonFields("Head of Service (Brent Council)", "", org.id))
    offered = dict((pid, label) for label, pid in person_choices(db))
    assert offered[person.id] == "Żółć Nguyễn (Brent Council)"
    assert offered[post.id] == "Head of Service (Brent Council)"


def test_people_of_the_same_name_are_offered_with_what_tells_them_apart(db, setup):
    from bscp_desktop.services.memberships.choices import group_choices, organisation_choices, person_choices

    org, _person, _group = setup
    social = ms.create_person(db, ms.PersonFields("Jane Smith", "Social worker", org.id, "jane.smith1@brent.gov.uk"))
    head = ms.create_person(db, ms.PersonFields("Jane Smith", "Head of Service", org.id, "jane.smith2@brent.gov.uk"))
    again = ms.create_person(db, ms.PersonFields("JANE SMITH", "Head of Service", org.id, "js3@brent.gov.uk"))
    alone = ms.create_person(db, ms.PersonFields("Jane Smith", "Head of Service", None))
    twin = ms.create_person(db, ms.PersonFields("Ali Khan", "", None, "ak1@x.org"))
    other = ms.create_person(db, ms.PersonFields("ALI KHAN", "", None, "ak2@x.org"))
    same = [ms.create_person(db, ms.PersonFields("Sam Lee", "", None)) for _ in range(2)]
    ms.archive_person(db, same[1].id)
    offered = {pid: label for label, pid in person_choices(db, include=same[1].id)}
    assert offered[social.id] == "Jane Smith (Brent Council) – Social worker"
    assert offered[head.id] == "Jane Smith (Brent Council) – Head of Service, jane.smith2@brent.gov.uk"
    assert offered[again.id] == "JANE SMITH (Brent Council) – Head of Service, js3@brent.gov.uk"
    assert offered[alone.id] == "Jane Smith"  # no organisation: reads apart already
    assert (offered[twin.id], offered[other.id]) == ("Ali Khan – ak1@x.org", "ALI KHAN – ak2@x.org")
    assert (offered[same[0].id], offered[same[1].id]) == (f"Sam Lee (#{same[0].id})", f"Sam Lee (#{same[1].id}) (archived)")
    labels = [label.casefold() for label, _pid in person_choices(db)]
    assert len(labels) == len(set(labels))
    assert [label for label, _id in organisation_choices(db)] == ["Brent Council"]  # one of a name: as it is
    assert [label for label, _id in group_choices(db)] == ["Case Review Group"]


def test_a_deputys_seat_never_outlasts_the_member_they_stand_in_for(db, setup):
    org, person, group = setup
    seat = ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2023, 4, 1),
                                                        date(2025, 3, 31), organisation_id=org.id))
    helper = ms.create_person(db, ms.PersonFields("Dee Puty", "Officer", org.id))
    fields = ms.MembershipFields(helper.id, group.id, Role.DEPUTY, date(2024, 1, 1), organisation_id=org.id,
                                 deputy_for_id=person.id)
    with pytest.raises(ValidationError) as err:  # no end, while the member's seat ends
        ms.create_membership(db, fields)
    assert err.value.errors == {"end_date": "Żółć Nguyễn's seat on Case Review Group ends on 31/03/2025: a deputy's "
                                            "seat ends then at the latest"}
    deputy = ms.create_membership(db, dataclasses.replace(fields, end_date=date(2025, 3, 31)))
    shorter = ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2023, 4, 1), date(2024, 6, 30),
                                  organisation_id=org.id)
    with pytest.raises(ValidationError) as err:  # the member's seat cut short under the deputy
        ms.update_membership(db, seat.id, shorter)
    assert err.value.errors == {"end_date": "Dee Puty (from 01/01/2024 to 31/03/2025) deputises for Żółć Nguyễn on "
                                            "Case Review Group on days they would hold no seat there: change that "
                                            "seat first, or make the deputy stand in for another member"}
    with pytest.raises(ValidationError) as err:
        ms.archive_membership(db, seat.id)
    assert ("Dee Puty deputises for Żółć Nguyễn on Case Review Group with no member's seat to stand in for"
            in err.value.errors["membership"])
    assert _seat(db, seat.id).end_date == date(2025, 3, 31) and not _seat(db, seat.id).archived  # nothing changed
    # the member leaves: their deputy's seat for them ends the same day
    assert [m.id for m in ms.open_memberships_of(db, person.id, date(2024, 9, 30))] == [seat.id, deputy.id]
    assert ms.archive_person(db, person.id, end_memberships_on=date(2024, 9, 30)) == 2
    assert _seat(db, deputy.id).end_date == date(2024, 9, 30)


def test_a_deputys_whole_term_falls_within_the_members_counting_seats(db, setup):
    org, person, group = setup
    seat = ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2024, 1, 1),
                                                        date(2024, 12, 31)))
    helper = ms.create_person(db, ms.PersonFields("Dee Puty"))
    early = ms.MembershipFields(helper.id, group.id, Role.DEPUTY, date(2020, 1, 1), date(2024, 6, 30),
                                deputy_for_id=person.id)
    with pytest.raises(ValidationError) as err:  # starting years before the member's seat
        ms.create_membership(db, early)
    assert err.value.errors == {"start_date": "Żółć Nguyễn's seat on Case Review Group starts on 01/01/2024: a "
                                              "deputy's seat starts then at the earliest"}
    deputy = ms.create_membership(db, dataclasses.replace(early, start_date=date(2024, 1, 1)))
    later = ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2024, 9, 1), date(2024, 12, 31))
    with pytest.raises(ValidationError) as err:  # the member's seat moved away from under the deputy
        ms.update_membership(db, seat.id, later)
    assert err.value.errors == {"start_date": "Dee Puty (from 01/01/2024 to 30/06/2024) deputises for Żółć Nguyễn "
                                              "on Case Review Group on days they would hold no seat there: change "
                                              "that seat first, or make the deputy stand in for another member"}
    with pytest.raises(ValidationError) as err:  # made an adviser, whom no deputy stands in for
        ms.update_membership(db, seat.id, dataclasses.replace(later, role=Role.ADVISER, start_date=date(2024, 1, 1)))
    assert set(err.value.errors) == {"role"} and "with no member's seat to stand in for" in err.value.errors["role"]
    assert _seat(db, seat.id).start_date == date(2024, 1, 1) and _seat(db, seat.id).role is Role.MEMBER
    # a second seat straight after the first: the deputy may run on into it, but not over a gap
    ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.CHAIR, date(2025, 1, 1), date(2025, 12, 31)))
    ms.update_membership(db, deputy.id, dataclasses.replace(early, start_date=date(2024, 6, 1), end_date=date(2025, 3, 31)))
    ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2026, 3, 1)))
    with pytest.raises(ValidationError) as err:
        ms.create_membership(db, dataclasses.replace(early, start_date=date(2025, 12, 1), end_date=None))
    assert err.value.errors == {"end_date": "Żółć Nguyễn holds no seat on Case Review Group from 01/01/2026 to "
                                            "28/02/2026: a deputy's seat ends by 31/12/2025, and another can start "
                                            "when the member's next seat does"}


def test_only_a_counting_members_seat_is_deputised_for(db, setup):
    org, person, group = setup
    ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.SECRETARIAT, date(2024, 1, 1)))
    helper = ms.create_person(db, ms.PersonFields("Dee Puty"))
    other = ms.create_person(db, ms.PersonFields("Ørsted Çelik"))
    ms.create_membership(db, ms.MembershipFields(other.id, group.id, Role.MEMBER, date(2024, 1, 1)))
    ms.create_membership(db, ms.MembershipFields(helper.id, group.id, Role.DEPUTY, date(2024, 1, 1),
                                                 deputy_for_id=other.id))
    refused = ("sits on Case Review Group then only as a deputy, an adviser or the secretariat: a deputy stands in "
               "for a member whose seat counts toward quorum")
    for deputised in (person, helper):  # the secretariat, and another deputy
        with pytest.raises(ValidationError) as err:
            ms.create_membership(db, ms.MembershipFields(other.id if deputised is person else person.id, group.id,
                                                         Role.DEPUTY, date(2024, 1, 1), deputy_for_id=deputised.id))
        assert err.value.errors == {"deputy_for_id": f"{deputised.name} {refused}"}


def _seat(db, membership_id):
    return next(m for m in ms.list_memberships(db, include_archived=True) if m.id == membership_id)


def test_a_deputy_stands_in_for_someone_and_only_a_deputy_does(db, setup):
    org, person, group = setup
    member = ms.create_person(db, ms.PersonFields("Ørsted Çelik"))
    ms.create_membership(db, ms.MembershipFields(member.id, group.id, Role.MEMBER, date(2023, 4, 1)))
    with pytest.raises(ValidationError) as err:
        ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.DEPUTY, date(2024, 1, 1)))
    assert err.value.errors == {"deputy_for_id": "Choose the member this deputy stands in for"}
    with pytest.raises(ValidationError) as err:
        ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.CHAIR, date(2024, 1, 1),
                                                     deputy_for_id=member.id))
    assert err.value.errors == {"deputy_for_id": "Only a deputy stands in for someone, and this seat's role is Chair: "
                                                 "choose Deputy as the role, or set Deputy for to (nobody)"}
    assert [m.person_name for m in ms.list_memberships(db)] == ["Ørsted Çelik"]  # neither was saved
    seat = ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.DEPUTY, date(2024, 1, 1),
                                                        deputy_for_id=member.id))
    with pytest.raises(ValidationError) as err:  # made chair, still standing in for the member
        ms.update_membership(db, seat.id, ms.MembershipFields(person.id, group.id, Role.CHAIR, date(2024, 1, 1),
                                                              deputy_for_id=member.id))
    assert set(err.value.errors) == {"deputy_for_id"}
    chair = ms.update_membership(db, seat.id, ms.MembershipFields(person.id, group.id, Role.CHAIR, date(2024, 1, 1)))
    assert chair.role is Role.CHAIR and chair.deputy_for_id is None


def test_a_seat_is_restored_only_where_a_save_would_let_it(db, setup):
    org, person, group = setup
    old = ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2023, 1, 1)))
    ms.archive_membership(db, old.id)
    new = ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2023, 6, 1)))
    with pytest.raises(ValidationError) as err:  # two live member's seats at once
        ms.restore_membership(db, old.id)
    assert err.value.errors == {"membership": "Żółć Nguyễn is already a member of Case Review Group from 01/06/2023 "
                                              "with no end date; the dates overlap. End or archive that seat, or edit "
                                              "this one's dates, then restore this one"}
    assert _seat(db, old.id).archived
    helper = ms.create_person(db, ms.PersonFields("Dee Puty"))
    deputy = ms.create_membership(db, ms.MembershipFields(helper.id, group.id, Role.DEPUTY, date(2023, 6, 1),
                                                          deputy_for_id=person.id))
    ms.archive_membership(db, deputy.id)
    ms.update_membership(db, new.id, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2023, 6, 1),
                                                         date(2023, 12, 31)))
    with pytest.raises(ValidationError) as err:  # the deputy's seat would outlast the member's
        ms.restore_membership(db, deputy.id)
    assert err.value.errors == {"membership": "Żółć Nguyễn's seat on Case Review Group ends on 31/12/2023: a "
                                              "deputy's seat ends then at the latest. Edit this seat's dates or who "
                                              "it stands in for, then restore it"}
    assert _seat(db, deputy.id).archived
    ms.update_membership(db, deputy.id, ms.MembershipFields(helper.id, group.id, Role.DEPUTY, date(2023, 6, 1),
                                                            date(2023, 12, 31), deputy_for_id=person.id))
    ms.restore_membership(db, deputy.id)  # ends with the member's seat: back
    ms.update_membership(db, old.id, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2023, 1, 1),
                                                         date(2023, 5, 31)))
    ms.restore_membership(db, old.id)  # no longer overlapping: back
    assert not _seat(db, old.id).archived and not _seat(db, deputy.id).archived


def test_an_organisation_is_not_restored_while_its_short_name_is_another_ones(db, setup):
    old = ms.create_organisation(db, ms.OrganisationFields("Old Care Board", OrganisationKind.ICB, short_name="ICB"))
    ms.archive_organisation(db, old.id)
    new = ms.create_organisation(db, ms.OrganisationFields("New Care Board", OrganisationKind.ICB, short_name="icb"))
    with pytest.raises(ValidationError) as err:
        ms.restore_organisation(db, old.id)
    assert err.value.errors == {"short_name": "'icb' is the short name of New Care Board: rename or archive that one "
                                              "first"}
    assert ms.find_organisation(db, "ICB").id == new.id
    ms.update_organisation(db, new.id, ms.OrganisationFields("New Care Board", OrganisationKind.ICB, short_name="NCB"))
    ms.restore_organisation(db, old.id)
    assert ms.find_organisation(db, "ICB").id == old.id


def _flagged(db, group, **kw) -> dict[tuple[int, date], bool]:
    return {(m.person_id, m.start_date): m.missing_agreement for m in ms.list_memberships(db, group_id=group.id, **kw)}


def test_an_ended_seat_is_judged_on_its_last_day_for_an_agreement(db, setup):
    """The Memberships list without an 'as on' date: a seat that has ended is not flagged for
    want of an agreement today, only if its person had none current on its last day."""
    org, person, group = setup
    lapsed = ms.create_person(db, ms.PersonFields("Ada Obi"))
    ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2022, 10, 1), date(2023, 7, 31)))
    ms.create_membership(db, ms.MembershipFields(lapsed.id, group.id, Role.MEMBER, date(2022, 10, 1), date(2023, 12, 31)))
    ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.CHAIR, date(2024, 1, 1)))
    ms.create_agreement(db, ms.AgreementFields(person.id, date(2022, 9, 20), date(2023, 9, 20)))
    ms.create_agreement(db, ms.AgreementFields(lapsed.id, date(2022, 9, 20), date(2023, 9, 20)))
    assert _flagged(db, group, today=date(2025, 1, 1)) == {
        (person.id, date(2022, 10, 1)): False,  # the agreement covered the whole seat
        (lapsed.id, date(2022, 10, 1)): True,  # it had lapsed by the seat's last day
        (person.id, date(2024, 1, 1)): True,  # a seat still running is judged today
    }
    assert _flagged(db, group, today=date(2023, 8, 1))[person.id, date(2022, 10, 1)] is False


def test_a_seat_follows_the_agreement_that_replaced_an_earlier_one(db, setup):
    """As the agreements list says: an agreement renewed by a newer one no longer counts, even
    before its own review date; the seat is flagged once the newer one is overdue."""
    org, person, group = setup
    ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2023, 1, 1)))
    ms.create_agreement(db, ms.AgreementFields(person.id, date(2023, 1, 1), date(2027, 12, 31)))
    ms.create_agreement(db, ms.AgreementFields(person.id, date(2024, 6, 1), date(2025, 6, 30)))
    later = date(2026, 1, 1)
    assert [a.standing_on(later) for a in ms.list_agreements(db)] == ["Renewed", "No: review overdue"]
    seat = (person.id, date(2023, 1, 1))
    assert _flagged(db, group, today=later)[seat] is True
    assert _flagged(db, group, on=later)[seat] is True
    assert _flagged(db, group, today=date(2024, 3, 1))[seat] is False  # the first one, not yet renewed
    assert _flagged(db, group, today=date(2025, 1, 1))[seat] is False  # the newer one, current
