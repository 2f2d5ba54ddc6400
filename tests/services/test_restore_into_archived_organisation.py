"""A person, or an agency in a Section 11 cycle, does not come back into an organisation
archived since, and an archived organisation is not added to a cycle: each is refused as an
income line's or a membership's restore is, until the organisation is restored in Memberships."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import section11 as s11

ARCHIVED = "{} is archived: restore it on the Memberships tab first"


def _refused(command, *args) -> dict[str, str]:
    with pytest.raises(ValidationError) as error:
        command(*args)
    return error.value.errors


def test_a_person_stays_archived_while_their_organisation_is(db):
    trust = ms.create_organisation(db, ms.OrganisationFields("Closing Trust", OrganisationKind.RELEVANT_AGENCY))
    person = ms.create_person(db, ms.PersonFields("Zed Tester", organisation_id=trust.id))
    ms.archive_person(db, person.id)
    ms.archive_organisation(db, trust.id)
    said = ARCHIVED.format("Closing Trust") + ", or choose a current organisation"
    assert _refused(ms.create_person, db, ms.PersonFields("Ann Lee", organisation_id=trust.id)) == {"organisation_id": said}
    assert _refused(ms.restore_person, db, person.id) == {"organisation_id": said}  # as saving a new one says
    assert [p.name for p in ms.list_people(db)] == []

    ms.restore_organisation(db, trust.id)
    ms.restore_person(db, person.id)
    assert [(p.name, p.organisation_name) for p in ms.list_people(db)] == [("Zed Tester", "Closing Trust")]

    nowhere = ms.create_person(db, ms.PersonFields("Bo Chan"))  # no organisation: nothing to check
    ms.archive_person(db, nowhere.id)
    ms.restore_person(db, nowhere.id)


def test_an_agency_of_an_archived_organisation_is_neither_added_to_a_cycle_nor_restored_in_it(db):
    cycle = s11.create_cycle(db, s11.CycleFields("Section 11 2024", date(2024, 4, 1), date(2024, 6, 28)))
    academy = ms.create_organisation(db, ms.OrganisationFields("Gone Academy", OrganisationKind.EDUCATION))
    (agency,) = s11.add_agencies(db, cycle.id, [academy.id])
    s11.archive_participant(db, agency.id)
    ms.archive_organisation(db, academy.id)
    assert _refused(s11.restore_participant, db, agency.id) == {"organisation_ids": ARCHIVED.format("Gone Academy")}
    assert _refused(s11.add_agencies, db, cycle.id, [academy.id]) == {
        "organisation_ids": ARCHIVED.format("Gone Academy") + ", or choose a current organisation"}
    closed = ms.create_organisation(db, ms.OrganisationFields("Gone Academy 2", OrganisationKind.EDUCATION))
    ms.archive_organisation(db, closed.id)
    assert "Gone Academy 2 is archived" in _refused(s11.add_agencies, db, cycle.id, [closed.id])["organisation_ids"]
    assert _refused(s11.add_agencies, db, cycle.id, [999999]) == {"organisation_ids": "Choose the agencies from the list"}
    assert s11.list_participants(db, cycle.id, include_archived=False) == []

    ms.restore_organisation(db, academy.id)
    s11.restore_participant(db, agency.id)
    assert [p.organisation_name for p in s11.list_participants(db, cycle.id, include_archived=False)] == ["Gone Academy"]
