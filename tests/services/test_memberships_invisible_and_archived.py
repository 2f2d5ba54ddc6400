"""A name with an invisible character inside is the name without it; an archived person's seat
ends by the day they were archived; a group archived by a day has no seats in force on it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bscp_desktop.db.models import Person
from bscp_desktop.domain.memberships import OrganisationKind, name_key
from bscp_desktop.domain.validation import ValidationError, one_line
from bscp_desktop.jobs.memberships import members_by_group
from bscp_desktop.services import memberships as ms

LA = OrganisationKind.LOCAL_AUTHORITY


def test_invisible_characters_that_carry_nothing_leave_a_name_on_one_line():
    assert one_line(" Brent Coun\u200bcil ") == "Brent Council"
    assert one_line("Kil\u00adburn\u2060 Mind\ufeff") == "Kilburn Mind"
    assert one_line("Ann \u200b Lee") == "Ann Lee"
    assert one_line("\u200b") == ""
    assert one_line("Mehr\u200cnaz Sha\u200dh") == "Mehr\u200cnaz Sha\u200dh"  # Persian and Indic names need them
    assert name_key("Brent Coun\u200bcil") == name_key("BRENT COUNCIL") == "brent council"
    assert name_key("Ann Le\u00ade") == name_key("Ann Lee")


@pytest.mark.slow
def test_a_zero_width_space_makes_no_second_organisation_or_person(db):
    brent = ms.create_organisation(db, ms.OrganisationFields("Brent Council", LA))
    with pytest.raises(ValidationError) as err:
        ms.create_organisation(db, ms.OrganisationFields("Brent Coun\u200bcil", OrganisationKind.OTHER))
    assert err.value.errors == {"name": "An organisation called 'Brent Council' already exists"}
    assert ms.create_organisation(db, ms.OrganisationFields("Kil\u200bburn Mind", "voluntary", "K\u00adM")).name == "Kilburn Mind"
    assert ms.find_organisation(db, "Kilburn Mind").short_name == "KM"
    ann = ms.create_person(db, ms.PersonFields("Ann Lee", organisation_id=brent.id))
    assert [s.person.id for s in ms.similar_people(db, "Ann Le\u200be", "", brent.id)] == [ann.id]
    again = ms.create_person(db, ms.PersonFields("Ann Le\u200be", "Social\u200b worker", organisation_id=brent.id))
    assert (again.name, again.job_title) == ("Ann Lee", "Social worker")


@pytest.mark.slow
def test_pickers_tell_apart_names_that_differ_only_by_an_invisible_character(db):
    brent = ms.create_organisation(db, ms.OrganisationFields("Brent Council", LA))
    ann = ms.create_person(db, ms.PersonFields("Ann Lee", "Officer", organisation_id=brent.id))
    other = ms.create_person(db, ms.PersonFields("Ann Lee", "Manager", organisation_id=brent.id))
    with db.unit_of_work() as session:  # as saved before such characters were taken out
        session.get(Person, other.id).name = "Ann Le\u200be"
    labels = dict((i, label) for label, i in ms.person_choices(db))
    assert labels[ann.id] == "Ann Lee (Brent Council) – Officer"
    assert labels[other.id] == "Ann Le\u200be (Brent Council) – Manager"


@pytest.fixture
def seats(db):
    brent = ms.create_organisation(db, ms.OrganisationFields("Brent Council", LA))
    group = ms.create_group(db, ms.GroupFields("Case Review Group", tier=3))
    old = ms.create_group(db, ms.GroupFields("Old Group", tier=3))
    ann = ms.create_person(db, ms.PersonFields("Ann Lee", organisation_id=brent.id))
    cat = ms.create_person(db, ms.PersonFields("Cat Day", organisation_id=brent.id))
    seat = ms.create_membership(db, ms.MembershipFields(ann.id, group.id, "member", date(2024, 1, 1), None, brent.id))
    ms.create_membership(db, ms.MembershipFields(cat.id, old.id, "member", date(2024, 1, 1), None, brent.id))
    return ann, seat, old


def _changed(db, seat, end, notes=""):
    seat = next(m for m in ms.list_memberships(db) if m.id == seat.id)
    return ms.update_membership(db, seat.id, ms.MembershipFields(
        seat.person_id, seat.group_id, "member", seat.start_date, end, seat.organisation_id, notes=notes), seat.version)


@pytest.mark.slow
def test_an_archived_persons_seat_cannot_run_past_the_day_they_were_archived(db, seats):
    ann, seat, _old = seats
    today = date.today()
    ms.archive_person(db, ann.id, end_memberships_on=today)
    with pytest.raises(ValidationError) as err:
        _changed(db, seat, today + timedelta(days=60))
    assert err.value.errors == {"end_date": (
        f"End date ({today + timedelta(days=60):%d/%m/%Y}) cannot be after {today:%d/%m/%Y}, the day Ann Lee was "
        "archived, and an archived person's seat ends by the day they were archived; restore them first to keep "
        "them on the group longer")}
    with pytest.raises(ValidationError) as err:
        _changed(db, seat, None)
    assert err.value.errors["end_date"].startswith(f"End date is required: Ann Lee was archived on {today:%d/%m/%Y}")
    assert _changed(db, seat, today - timedelta(days=1)).end_date == today - timedelta(days=1)
    assert _changed(db, seat, today - timedelta(days=1), notes="Left").notes == "Left"
    later = today + timedelta(days=30)
    assert [m.person_id for m in ms.list_memberships(db, on=later)] == [m.person_id for _g, s in
                                                                      members_by_group(db, later) for m in s]


def test_a_seat_left_open_when_its_person_was_archived_still_takes_other_changes(db, seats):
    ann, seat, _old = seats
    ms.archive_person(db, ann.id)
    assert _changed(db, seat, None, notes="Left in March").notes == "Left in March"


def test_no_seat_of_a_group_archived_by_a_day_is_in_force_on_it(db, seats):
    _ann, _seat, old = seats
    today = date.today()
    ms.archive_group(db, old.id)
    for on, listed in ((today - timedelta(days=1), {"Case Review Group", "Old Group"}),
                       (today, {"Case Review Group"}), (today + timedelta(days=30), {"Case Review Group"})):
        assert {m.group_name for m in ms.list_memberships(db, on=on)} == listed
        assert {g.name for g, s in members_by_group(db, on) for _m in s} == listed
    assert {m.group_name for m in ms.list_memberships(db)} == {"Case Review Group", "Old Group"}
