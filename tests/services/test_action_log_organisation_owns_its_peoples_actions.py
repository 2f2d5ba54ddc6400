"""Choosing an organisation in the action log's Owner filter lists the actions it owns in its
own name and those owned by its people, so a manager chasing everything it owes misses none;
choosing one person lists that person's actions only."""

from datetime import date

import pytest

from bscp_desktop.services import actions as al
from bscp_desktop.services import memberships as ms

pytestmark = pytest.mark.both_engines

DUE = date(2024, 6, 30)
TODAY = date(2024, 9, 2)


@pytest.fixture
def owners(db):
    brent = ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", "police"))
    manager = ms.create_person(db, ms.PersonFields("Strategic Partnerships Manager (Brent Council)",
                                                   organisation_id=brent.id))
    officer = ms.create_person(db, ms.PersonFields("Priya Shah", organisation_id=brent.id))
    constable = ms.create_person(db, ms.PersonFields("Sam Jones", organisation_id=police.id))
    return brent, police, manager, officer, constable


def _action(db, text, person=None, organisation=None, due=DUE):
    return al.create_action(db, al.ActionFields(text, owner_person_id=person.id if person else None,
                                                owner_organisation_id=organisation.id if organisation else None,
                                                due_date=due))


def _names(actions) -> set[str]:
    return {a.description for a in actions}


def test_an_organisation_lists_its_own_actions_and_its_peoples(db, owners):
    brent, police, manager, officer, constable = owners
    _action(db, "Brent's own", organisation=brent)
    _action(db, "The manager's", person=manager)
    _action(db, "Priya's for the police", person=officer, organisation=police)
    _action(db, "The police's own", organisation=police)
    _action(db, "Sam's", person=constable)

    assert _names(al.list_action_log(db, owner_organisation_id=brent.id)) == {
        "Brent's own", "The manager's", "Priya's for the police"}
    assert _names(al.list_action_log(db, owner_organisation_id=police.id)) == {
        "Priya's for the police", "The police's own", "Sam's"}


def test_an_overdue_action_of_one_of_its_people_is_not_missed(db, owners):
    brent, _police, manager, _officer, _constable = owners
    _action(db, "Chase the data", person=manager, due=date(2024, 4, 30))
    _action(db, "Due later", organisation=brent, due=date(2025, 1, 31))

    overdue = al.list_action_log(db, owner_organisation_id=brent.id, overdue_on=TODAY)
    assert _names(overdue) == {"Chase the data"}
    assert _names(al.list_actions(db, owner_organisation_id=brent.id, overdue_on=TODAY)) == {"Chase the data"}


def test_choosing_one_person_lists_only_theirs(db, owners):
    brent, _police, manager, officer, _constable = owners
    _action(db, "Brent's own", organisation=brent)
    _action(db, "The manager's", person=manager)
    _action(db, "Priya's", person=officer)

    assert _names(al.list_action_log(db, owner_person_id=manager.id)) == {"The manager's"}
    assert _names(al.list_action_log(db, owner_person_id=officer.id)) == {"Priya's"}


def test_an_archived_persons_actions_still_count_for_their_organisation(db, owners):
    brent, _police, manager, _officer, _constable = owners
    _action(db, "The manager's", person=manager)
    ms.archive_person(db, manager.id)

    assert _names(al.list_action_log(db, owner_organisation_id=brent.id)) == {"The manager's"}
