"""Restoring a person archived by mistake puts back the seats archiving them ended (or says which
stay ended, and why); one confidentiality agreement is not recorded twice."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from bscp_desktop.domain.memberships import Role
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import memberships as ms

pytestmark = pytest.mark.both_engines

START = date(2023, 4, 1)


def _seat(db, seat_id: int) -> ms.MembershipDTO:
    return next(m for m in ms.list_memberships(db, include_archived=True) if m.id == seat_id)


def _panel(db):
    group = ms.create_group(db, ms.GroupFields("Test Panel", 3))
    alice, carol = (ms.create_person(db, ms.PersonFields(name)) for name in ("Alice Adams", "Carol Cole"))
    own = ms.create_membership(db, ms.MembershipFields(alice.id, group.id, Role.MEMBER, START))
    deputy = ms.create_membership(db, ms.MembershipFields(carol.id, group.id, Role.DEPUTY, START,
                                                          deputy_for_id=alice.id))
    return group, alice, carol, own, deputy


def test_restoring_a_person_archived_only_puts_back_their_deputys_seat(db):
    _group, alice, _carol, own, deputy = _panel(db)
    ms.archive_person(db, alice.id)  # "Archive only": their deputy's seat for them ends today
    assert _seat(db, deputy.id).end_date == date.today()
    assert ms.restore_person(db, alice.id) == []
    assert _seat(db, deputy.id).end_date is None and _seat(db, own.id).end_date is None
    assert not next(p for p in ms.list_people(db) if p.id == alice.id).archived


def test_restoring_a_person_whose_seats_were_ended_gives_them_back_their_dates(db):
    group, alice, _carol, own, deputy = _panel(db)
    ms.update_membership(db, deputy.id, dataclasses.replace(_fields(_seat(db, deputy.id)), end_date=date(2030, 3, 31)))
    ms.update_membership(db, own.id, ms.MembershipFields(alice.id, group.id, Role.MEMBER, START, date(2031, 3, 31)))
    later = ms.create_membership(db, ms.MembershipFields(alice.id, group.id, Role.CHAIR, date(2030, 4, 1)))
    assert ms.archive_person(db, alice.id, end_memberships_on=date.today()) == 3
    assert _seat(db, own.id).end_date == date.today() and _seat(db, later.id).archived
    assert ms.restore_person(db, alice.id) == []
    assert _seat(db, own.id).end_date == date(2031, 3, 31)
    assert _seat(db, deputy.id).end_date == date(2030, 3, 31)
    assert not _seat(db, later.id).archived


def _fields(m: ms.MembershipDTO) -> ms.MembershipFields:
    return ms.MembershipFields(m.person_id, m.group_id, m.role, m.start_date, m.end_date, m.organisation_id,
                               m.deputy_for_id, m.notes)


def test_a_seat_ending_on_the_archive_day_that_archiving_did_not_end_stays_as_it_is(db):
    _group, alice, _carol, _own, deputy = _panel(db)
    ms.update_membership(db, deputy.id, dataclasses.replace(_fields(_seat(db, deputy.id)), end_date=date.today()))
    ms.archive_person(db, alice.id)  # the deputy's seat already ends today: left as it is
    assert ms.restore_person(db, alice.id) == []
    assert _seat(db, deputy.id).end_date == date.today()


def test_a_seat_changed_since_the_archiving_is_left_as_the_officer_set_it(db):
    _group, alice, _carol, _own, deputy = _panel(db)
    ms.archive_person(db, alice.id)
    ms.update_membership(db, deputy.id, dataclasses.replace(_fields(_seat(db, deputy.id)), end_date=date(2024, 3, 31)))
    assert ms.restore_person(db, alice.id) == []
    assert _seat(db, deputy.id).end_date == date(2024, 3, 31)


def test_a_seat_that_cannot_be_put_back_is_named_and_the_person_is_restored_all_the_same(db):
    _group, alice, carol, own, deputy = _panel(db)
    ms.archive_person(db, alice.id)
    ms.archive_person(db, carol.id)  # the deputy has left too: her seat cannot run on
    today = f"{date.today():%d/%m/%Y}"
    assert ms.restore_person(db, alice.id) == [
        f"Carol Cole's seat as deputy for Alice Adams on Test Panel (from 01/04/2023 to {today}) stays ended: "
        "Carol Cole is archived. Restore Carol Cole on the People page, then edit the seat on the Memberships "
        "page to give it its dates again."]
    assert not next(p for p in ms.list_people(db) if p.id == alice.id).archived
    assert _seat(db, deputy.id).end_date == date.today() and _seat(db, own.id).end_date is None


def test_the_same_agreement_is_not_recorded_twice(db):
    bob = ms.create_person(db, ms.PersonFields("Bob Brown"))
    first = ms.create_agreement(db, ms.AgreementFields(bob.id, date(2023, 10, 1), date(2024, 9, 30)))
    with pytest.raises(ValidationError) as refused:
        ms.create_agreement(db, ms.AgreementFields(bob.id, date(2023, 10, 1), date(2024, 9, 30)))
    assert refused.value.errors == {"signed_on": (
        "Bob Brown's agreement signed on 01/10/2023 (review due 30/09/2024) is already recorded: change that one "
        "rather than record it twice, or correct the Signed on date")}
    assert [a.id for a in ms.list_agreements(db)] == [first.id]
    assert ms.list_agreements(db)[0].renewed_on is None
    # the agreement itself is still saved with its own date; an archived one records nothing
    ms.update_agreement(db, first.id, ms.AgreementFields(bob.id, date(2023, 10, 1), date(2024, 10, 31)))
    ms.archive_agreement(db, first.id)
    again = ms.create_agreement(db, ms.AgreementFields(bob.id, date(2023, 10, 1), date(2024, 9, 30)))
    with pytest.raises(ValidationError) as refused:
        ms.restore_agreement(db, first.id)
    assert set(refused.value.errors) == {"signed_on"} and "(review due 30/09/2024)" in refused.value.errors["signed_on"]
    assert [a.id for a in ms.list_agreements(db)] == [again.id]
    # signed on another day: a renewal
    ms.create_agreement(db, ms.AgreementFields(bob.id, date(2024, 10, 1), date(2025, 9, 30)))
