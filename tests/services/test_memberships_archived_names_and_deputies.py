"""Memberships rules a save and a restore share: a new organisation may not take an archived
one's name, a seat comes back only for a current person on a current group, and one person may
be the named deputy of two members of a group at once."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.db.models import Organisation
from bscp_desktop.domain.meetings import AttendanceStatus
from bscp_desktop.domain.memberships import OrganisationKind, Role
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms

pytestmark = pytest.mark.both_engines

ARCHIVED_ADVICE = "which is archived: restore it on the Memberships tab first, or give another name"


def _refused(command, *args) -> dict:
    with pytest.raises(ValidationError) as err:
        command(*args)
    return err.value.errors


def test_a_new_organisation_may_not_take_an_archived_ones_name_alias_or_short_name(db):
    old = ms.create_organisation(db, ms.OrganisationFields("Riverside Trust", OrganisationKind.VOLUNTARY, "RST",
                                                           aliases=("Riverside Charity",)))
    ms.archive_organisation(db, old.id)
    for name in ("RIVERSIDE TRUST", "RST", "Riverside Charity"):
        assert _refused(ms.create_organisation, db, ms.OrganisationFields(name, OrganisationKind.VOLUNTARY)) == {
            "name": f"Name '{name}' is Riverside Trust, {ARCHIVED_ADVICE} for a new organisation"}
    other = ms.create_organisation(db, ms.OrganisationFields("Brent Mind", OrganisationKind.VOLUNTARY))
    assert _refused(ms.update_organisation, db, other.id, ms.OrganisationFields(  # nor renamed to it
        "Riverside Trust", OrganisationKind.VOLUNTARY)) == {"name": f"Name 'Riverside Trust' is Riverside Trust, "
                                                                    f"{ARCHIVED_ADVICE}"}
    assert [o.name for o in ms.list_organisations(db)] == ["Brent Mind"]
    # a short name or other name like the archived one's is not its name: restoring it says so
    ms.update_organisation(db, other.id, ms.OrganisationFields("Brent Mind", OrganisationKind.VOLUNTARY, "RST"))
    assert "'RST' is the short name of Brent Mind" in _refused(ms.restore_organisation, db, old.id)["short_name"]
    ms.update_organisation(db, other.id, ms.OrganisationFields("Brent Mind", OrganisationKind.VOLUNTARY))
    ms.restore_organisation(db, old.id)
    assert ms.find_organisation(db, "Riverside Charity").id == old.id


def test_an_organisation_sharing_its_name_with_an_archived_one_is_still_saved(db):
    """Two of one name from before the rule: a change elsewhere in the live one is saved."""
    old = ms.create_organisation(db, ms.OrganisationFields("Riverside Trust", OrganisationKind.VOLUNTARY))
    ms.archive_organisation(db, old.id)
    with db.unit_of_work() as session:  # as an older version of the program let it be made
        session.add(Organisation(name="Riverside Trust", kind="voluntary", short_name=""))
    live = ms.find_organisation(db, "Riverside Trust")
    assert ms.update_organisation(db, live.id, ms.OrganisationFields(
        "Riverside Trust", OrganisationKind.VOLUNTARY, "RT")).short_name == "RT"


def _seat_of(db, seat_id: int) -> ms.MembershipDTO:
    return next(m for m in ms.list_memberships(db, include_archived=True) if m.id == seat_id)


def test_a_seat_of_an_archived_person_or_on_an_archived_group_is_not_restored(db):
    group = ms.create_group(db, ms.GroupFields("Case Review Group", 3))
    person = ms.create_person(db, ms.PersonFields("Robin Ade"))
    seat = ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2024, 1, 1)))
    ms.archive_membership(db, seat.id)
    ms.archive_person(db, person.id)
    ms.archive_group(db, group.id)
    refused = {"person_id": "Robin Ade is archived: restore them before giving them a seat",
               "group_id": "Case Review Group is archived: restore it before adding members to it"}
    assert _refused(ms.create_membership, db, ms.MembershipFields(person.id, group.id, Role.MEMBER,
                                                                  date(2024, 1, 1))) == refused
    assert _refused(ms.restore_membership, db, seat.id) == refused
    assert _seat_of(db, seat.id).archived
    ms.restore_person(db, person.id)
    assert _refused(ms.restore_membership, db, seat.id) == {"group_id": refused["group_id"]}
    ms.restore_group(db, group.id)
    ms.restore_membership(db, seat.id)
    assert not _seat_of(db, seat.id).archived


def test_one_person_may_deputise_for_two_members_of_a_group_at_once_and_counts_once(db):
    group = ms.create_group(db, ms.GroupFields("Case Review Group", 3))
    amy, ben, dee = (ms.create_person(db, ms.PersonFields(name)) for name in ("Amy Member", "Ben Member", "Dee Puty"))
    for member in (amy, ben):
        ms.create_membership(db, ms.MembershipFields(member.id, group.id, Role.MEMBER, date(2024, 1, 1)))
    for_amy = ms.create_membership(db, ms.MembershipFields(dee.id, group.id, Role.DEPUTY, date(2024, 1, 1),
                                                           deputy_for_id=amy.id))
    for_ben = ms.create_membership(db, ms.MembershipFields(dee.id, group.id, Role.DEPUTY, date(2024, 3, 1),
                                                           deputy_for_id=ben.id))
    assert for_ben.deputy_for_name == "Ben Member"
    # still not twice for the same member
    assert _refused(ms.create_membership, db, ms.MembershipFields(dee.id, group.id, Role.DEPUTY, date(2024, 6, 1),
                                                                  deputy_for_id=amy.id)) == {
        "start_date": "Dee Puty is already a deputy for Amy Member on Case Review Group from 01/01/2024 with no end "
                      "date; the dates overlap"}
    ms.archive_membership(db, for_amy.id)
    ms.restore_membership(db, for_amy.id)  # the seat for Ben is no clash
    assert not _seat_of(db, for_amy.id).archived
    meeting = mt.create_meeting(db, mt.MeetingFields(group.id, "Case Review Group", datetime(2024, 6, 5, 10)))
    at.prefill_attendance(db, meeting.id)
    rows = at.list_attendance(db, meeting.id)
    assert sorted(r.name for r in rows) == ["Amy Member", "Ben Member"]  # a deputy's seat is not a member's row
    at.set_attendance(db, [r.id for r in rows], AttendanceStatus.DEPUTY, deputy_person_id=dee.id)
    assert at.quorum_state(db, meeting.id).attending == 1  # one person in the room
