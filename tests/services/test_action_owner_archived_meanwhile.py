"""An action is never newly given to an archived person or organisation: the owner lists leave
them out, but a form opened before another officer archived them (or a script) may still name
them. An action they already own keeps them as owner while the rest of it changes."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import memberships as ms


def _action(db, action_id):
    return next(a for a in al.list_actions(db) if a.id == action_id)


@pytest.fixture
def owners(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    school = ms.create_organisation(db, ms.OrganisationFields("Preston Manor School", OrganisationKind.EDUCATION))
    lead = ms.create_person(db, ms.PersonFields("Ama Lead", organisation_id=council.id))
    other = ms.create_person(db, ms.PersonFields("Ben Other", organisation_id=council.id))
    return council, school, lead, other


def test_a_new_action_for_a_person_archived_meanwhile_is_refused_naming_them(db, owners):
    council, _school, lead, _other = owners
    ms.archive_person(db, lead.id)
    with pytest.raises(ValidationError) as err:
        al.create_action(db, al.ActionFields("Share the chronology", owner_person_id=lead.id, due_date=date(2027, 1, 8)))
    assert err.value.errors == {"owner_person_id": "Ama Lead is archived: choose a current owner, or restore them on "
                                                   "the Memberships tab first"}
    assert al.list_actions(db) == []


def test_a_new_action_for_an_organisation_archived_meanwhile_is_refused_naming_it(db, owners):
    _council, school, _lead, _other = owners
    ms.archive_organisation(db, school.id)
    with pytest.raises(ValidationError) as err:
        al.create_action(db, al.ActionFields("Audit the register", owner_organisation_id=school.id,
                                             due_date=date(2027, 1, 8)))
    assert err.value.errors == {"owner_organisation_id": "Preston Manor School is archived: restore it on the "
                                                         "Memberships tab first, or choose a current organisation"}
    assert al.list_actions(db) == []


def test_an_action_is_not_moved_to_an_archived_owner_but_keeps_the_one_it_had(db, owners):
    _council, _school, lead, other = owners
    kept = al.create_action(db, al.ActionFields("Share the chronology", owner_person_id=lead.id, due_date=date(2027, 1, 8)))
    moved = al.create_action(db, al.ActionFields("Brief the team", owner_person_id=other.id, due_date=date(2027, 1, 8)))
    ms.archive_person(db, lead.id)
    al.update_action(db, kept.id, al.ActionFields("Share the chronology", owner_person_id=lead.id,
                                                  due_date=date(2027, 2, 5), status=ActionStatus.IN_PROGRESS))
    assert (_action(db, kept.id).due_date, _action(db, kept.id).owner_person_id) == (date(2027, 2, 5), lead.id)
    with pytest.raises(ValidationError) as err:
        al.update_action(db, moved.id, al.ActionFields("Brief the team", owner_person_id=lead.id, due_date=date(2027, 1, 8)))
    assert set(err.value.errors) == {"owner_person_id"}
    assert _action(db, moved.id).owner_person_id == other.id
