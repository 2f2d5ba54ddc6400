"""Group names are compared as organisation names are (`name_key`): case, accents, spacing and
punctuation aside. "Safeguarding Exécutive" is refused while "Safeguarding Executive" is live,
the refusal naming the group already there as it is spelt, on a new group, a rename and a restore alike; an
archived group's name stays free for a new group, as before."""

from __future__ import annotations

import pytest

from bscp_desktop.db.models import Group
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import memberships as ms


def exists(typed: str, held: str = "Safeguarding Executive") -> str:
    return f"A group called '{typed}' already exists as '{held}'"


def _refused(call, *args) -> str:
    with pytest.raises(ValidationError) as error:
        call(*args)
    return error.value.errors["name"]


@pytest.mark.parametrize("typed", ["Safeguarding Exécutive", "SAFEGUARDING  EXÉCUTIVE", "Safeguarding Executive."])
def test_a_new_group_named_as_a_live_one_but_for_accents_is_refused_naming_it(db, typed):
    ms.create_group(db, ms.GroupFields("Safeguarding Executive", 1))
    assert _refused(ms.create_group, db, ms.GroupFields(typed, 1)) == exists(" ".join(typed.split()))
    assert [g.name for g in ms.list_groups(db)] == ["Safeguarding Executive"]


def test_organisations_and_groups_refuse_the_same_spellings(db):
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    ms.create_group(db, ms.GroupFields("Brent Council", 2))
    assert "already exists" in _refused(ms.create_organisation, db, ms.OrganisationFields("Brënt Council", "other"))
    assert _refused(ms.create_group, db, ms.GroupFields("Brënt Council", 2)) == exists("Brënt Council", "Brent Council")


def test_a_rename_to_another_groups_name_but_for_accents_is_refused(db):
    ms.create_group(db, ms.GroupFields("Safeguarding Executive", 1))
    other = ms.create_group(db, ms.GroupFields("Learning Group", 3))
    assert _refused(ms.update_group, db, other.id, ms.GroupFields("Safeguarding Exécutive", 3)) == exists(
        "Safeguarding Exécutive")
    # its own name in another spelling is its own
    renamed = ms.update_group(db, other.id, ms.GroupFields("Léarning  group", 3))
    assert renamed.name == "Léarning group"


def test_two_groups_saved_before_the_rule_can_each_still_be_changed(db):
    """Names on record that only this rule finds alike are kept: a change elsewhere still saves."""
    first = ms.create_group(db, ms.GroupFields("Safeguarding Executive", 1))
    second = ms.create_group(db, ms.GroupFields("Neglect Group", 2))
    with db.unit_of_work() as session:
        session.get(Group, second.id).name = "Safeguarding Exécutive"
    assert ms.update_group(db, second.id, ms.GroupFields("Safeguarding Exécutive", 3)).tier == 3
    assert ms.update_group(db, first.id, ms.GroupFields("Safeguarding Executive", 2)).tier == 2


def test_archived_groups_keep_their_names_free_and_come_back_only_without_a_clash(db):
    old = ms.create_group(db, ms.GroupFields("Safeguarding Executive", 1))
    ms.archive_group(db, old.id)
    new = ms.create_group(db, ms.GroupFields("Safeguarding Exécutive", 1))  # an archived name is free
    assert _refused(ms.restore_group, db, old.id) == (
        exists("Safeguarding Executive", "Safeguarding Exécutive") + ": rename or archive that one first")
    ms.archive_group(db, new.id)
    ms.restore_group(db, old.id)
    assert [g.name for g in ms.list_groups(db)] == ["Safeguarding Executive"]
