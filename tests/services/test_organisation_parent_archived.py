"""An archived organisation is not chosen as the one another is part of, as no new person or seat
is given it; an organisation already part of it keeps it when saved."""

from __future__ import annotations

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import memberships as ms

REFUSED = "Brent Council is archived: restore it on the Memberships tab first, or choose a current organisation"


@pytest.fixture
def council(db):
    """Brent Council, archived, with Brent Children's Services part of it; Brent Early Help on
    its own."""
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    part = ms.create_organisation(db, ms.OrganisationFields("Brent Children's Services", OrganisationKind.LOCAL_AUTHORITY,
                                                            parent_id=council.id))
    alone = ms.create_organisation(db, ms.OrganisationFields("Brent Early Help", OrganisationKind.LOCAL_AUTHORITY))
    ms.archive_organisation(db, council.id)
    return db, council, part, alone


def test_a_new_organisation_cannot_be_part_of_an_archived_one(council):
    db, council, _part, _alone = council
    with pytest.raises(ValidationError) as err:
        ms.create_organisation(db, ms.OrganisationFields("Brent Youth Offending Service", OrganisationKind.LOCAL_AUTHORITY,
                                                         parent_id=council.id))
    assert err.value.errors == {"parent_id": REFUSED}
    assert "Brent Youth Offending Service" not in [o.name for o in ms.list_organisations(db)]


def test_the_person_and_seat_refusals_use_the_same_words(council):
    db, council, _part, _alone = council
    with pytest.raises(ValidationError) as err:
        ms.create_person(db, ms.PersonFields("Ann Able", organisation_id=council.id))
    assert err.value.errors == {"organisation_id": REFUSED}


def test_an_organisation_cannot_be_moved_under_an_archived_one(council):
    db, council, _part, alone = council
    with pytest.raises(ValidationError) as err:
        ms.update_organisation(db, alone.id, ms.OrganisationFields("Brent Early Help", OrganisationKind.LOCAL_AUTHORITY,
                                                                   parent_id=council.id))
    assert err.value.errors == {"parent_id": REFUSED}


def test_one_already_part_of_it_keeps_it_when_saved(council):
    db, council, part, _alone = council
    saved = ms.update_organisation(db, part.id, ms.OrganisationFields(
        "Brent Children's Services", OrganisationKind.LOCAL_AUTHORITY, "CS", parent_id=council.id))
    assert (saved.short_name, saved.parent_id, saved.parent_name) == ("CS", council.id, "Brent Council")


def test_a_current_parent_is_chosen_again_once_restored(council):
    db, council, _part, alone = council
    ms.restore_organisation(db, council.id)
    saved = ms.update_organisation(db, alone.id, ms.OrganisationFields("Brent Early Help", OrganisationKind.LOCAL_AUTHORITY,
                                                                       parent_id=council.id))
    assert saved.parent_id == council.id
