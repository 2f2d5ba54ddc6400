"""Organisations, people, groups, memberships and confidentiality agreements.

One package, one module per subject; everything is importable from here
(`from bscp_desktop.services import memberships as ms; ms.create_person(...)`):

- `dtos`: input fields and frozen DTOs
- `organisations`: organisations, their other names, finding one by name
- `people`: people, and adding or changing many rows in one transaction (imports)
- `leaving`: archiving a person (ending their seats) and restoring them (putting those back)
- `groups`: groups
- `memberships`: memberships and confidentiality agreements
- `restoring`: whether a seat may be archived or restored (the checks a save makes of a new one)
- `moving`: a member moving to another organisation (or role) from a date, keeping their seat
- `choices`: what the person, organisation and group pickers offer
"""

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services.memberships.choices import Choice, group_choices, organisation_choices, person_choices
from bscp_desktop.services.memberships.dtos import AgreementDTO, AgreementFields, GroupDTO, GroupFields, MembershipDTO, MembershipFields, OrganisationDTO, OrganisationFields, PersonDTO, PersonFields
from bscp_desktop.services.memberships.groups import archive_group, archive_note, create_group, list_groups, restore_group, update_group
from bscp_desktop.services.memberships.leaving import archive_person, open_memberships_of, planned_meetings_note, restore_person
from bscp_desktop.services.memberships.memberships import (
    archive_agreement,
    archive_membership,
    create_agreement,
    create_membership,
    list_agreements,
    list_memberships,
    members_on,
    restore_agreement,
    restore_membership,
    update_agreement,
    update_membership,
)
from bscp_desktop.services.memberships.moving import SeatMoveFields, move_membership, move_problems
from bscp_desktop.services.memberships.organisations import (
    ALIAS_MAX,
    NamesIndex,
    OrganisationMatcher,
    archive_organisation,
    check_aliases,
    check_organisation,
    create_organisation,
    find_organisation,
    list_organisations,
    names_index_in,
    organisation_archive_note,
    organisation_matcher_in,
    organisations_in,
    restore_organisation,
    set_aliases_in,
    update_organisation,
)
from bscp_desktop.services.memberships.people import (
    SimilarPerson,
    add_checked_in,
    change_checked_in,
    check_person,
    create_person,
    get_person_in,
    list_people,
    people_in,
    person_organisations,
    similar_people,
    update_person,
)

__all__ = [
    "OrganisationKind",
    "OrganisationDTO",
    "PersonDTO",
    "SimilarPerson",
    "similar_people",
    "open_memberships_of",
    "planned_meetings_note",
    "GroupDTO",
    "MembershipDTO",
    "AgreementDTO",
    "OrganisationFields",
    "PersonFields",
    "GroupFields",
    "MembershipFields",
    "AgreementFields",
    "ALIAS_MAX",
    "NamesIndex",
    "names_index_in",
    "check_organisation",
    "check_aliases",
    "set_aliases_in",
    "create_organisation",
    "update_organisation",
    "archive_organisation",
    "organisation_archive_note",
    "restore_organisation",
    "list_organisations",
    "OrganisationMatcher",
    "organisation_matcher_in",
    "find_organisation",
    "organisations_in",
    "check_person",
    "create_person",
    "update_person",
    "get_person_in",
    "archive_person",
    "restore_person",
    "list_people",
    "people_in",
    "person_organisations",
    "add_checked_in",
    "change_checked_in",
    "create_group",
    "update_group",
    "archive_group",
    "archive_note",
    "restore_group",
    "list_groups",
    "create_membership",
    "update_membership",
    "archive_membership",
    "restore_membership",
    "list_memberships",
    "members_on",
    "SeatMoveFields",
    "move_membership",
    "move_problems",
    "create_agreement",
    "update_agreement",
    "archive_agreement",
    "restore_agreement",
    "list_agreements",
    "Choice",
    "person_choices",
    "organisation_choices",
    "group_choices",
]
