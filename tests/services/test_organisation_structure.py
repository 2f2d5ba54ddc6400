"""Organisations: parents (a unit of a larger body) and other names (aliases) imports match."""

from __future__ import annotations

import dataclasses

import pytest

from bscp_desktop.domain.memberships import OrganisationKind, clean_aliases, name_key
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import memberships as ms


@pytest.fixture
def met(db):
    return ms.create_organisation(
        db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE, "MPS",
                                  aliases=("Met Police", "Metropolitan Police Service", "met police")),
    )


def test_name_key_ignores_case_spacing_stops_and_ampersand():
    assert name_key("  St. Mary's  R.C. & Co ") == name_key("st mary\u2019s rc and co")
    assert name_key("N.H.S. Trust") == "nhs trust"
    assert name_key("Brent") != name_key("Barnet")


def test_name_key_ignores_accents_as_a_search_does():
    assert name_key("Kilburn Café Youth Project") == name_key("KILBURN CAFE YOUTH PROJECT") == "kilburn cafe youth project"
    assert name_key("Zoë  Adebayo") == name_key("Zoe Adebayo")
    assert name_key("Łukasz Żółć") == "lukasz zolc"
    assert name_key("प्रिया") != name_key("पर")  # the marks that are part of a letter stay


def test_clean_aliases_drops_blanks_repeats_and_the_own_name():
    assert clean_aliases(["Met", " met ", "", "Metropolitan Police", "MPS"], "Metropolitan Police") == ["Met", "MPS"]


def test_aliases_are_kept_in_order_without_repeats(db, met):
    assert met.aliases == ("Met Police", "Metropolitan Police Service")
    assert ms.list_organisations(db)[0].aliases_text == "Met Police; Metropolitan Police Service"


def test_find_organisation_by_name_alias_or_short_name(db, met):
    assert ms.find_organisation(db, "metropolitan police").id == met.id
    assert ms.find_organisation(db, "MET  POLICE").id == met.id
    assert ms.find_organisation(db, "Metropolitan Police Service.").id == met.id
    assert ms.find_organisation(db, "mps").id == met.id
    assert ms.find_organisation(db, "Barnet Council") is None
    assert ms.find_organisation(db, "") is None


def test_name_preferred_over_alias_and_ambiguity_reported(db, met):
    other = ms.create_organisation(db, ms.OrganisationFields("Police Scotland", "police", "PSoS"))
    # two organisations of one short name (saved before a second was refused): neither is guessed
    listed = [dataclasses.replace(o, short_name="MPS") for o in ms.list_organisations(db)]
    matcher = ms.OrganisationMatcher(listed)
    assert matcher.find("Police Scotland") == (other.id, None)
    org_id, problem = matcher.find("MPS")
    assert org_id is None and "more than one" in problem and "Police Scotland" in problem
    org_id, problem = matcher.find("Nowhere")
    assert org_id is None and "not in the database" in problem


def test_archived_organisations_are_not_found(db, met):
    ms.archive_organisation(db, met.id)
    assert ms.find_organisation(db, "Met Police") is None


def test_a_name_short_name_or_alias_may_not_be_another_organisations_short_name(db, met):
    """Imports find an organisation by its short name too: a second one using it would take the
    Metropolitan Police's records, as the organisations import already refused."""
    for fields, field in ((ms.OrganisationFields("MPS", "other"), "name"),
                          (ms.OrganisationFields("Met Police Cadets", "other", "mps"), "short_name"),
                          (ms.OrganisationFields("Met Police Cadets", "other", aliases=("MPS",)), "aliases")):
        with pytest.raises(ValidationError) as err:
            ms.create_organisation(db, fields)
        assert "'MPS' is the short name of Metropolitan Police" in err.value.errors[field]
    with pytest.raises(ValidationError) as err:  # nor a short name another's name or other name
        ms.create_organisation(db, ms.OrganisationFields("Met Police Cadets", "other", "Met Police"))
    assert "another name of Metropolitan Police" in err.value.errors["short_name"]
    assert [o.name for o in ms.list_organisations(db)] == ["Metropolitan Police"]
    assert ms.update_organisation(db, met.id, ms.OrganisationFields(  # its own short name stays its own
        "Metropolitan Police", OrganisationKind.POLICE, "MPS", aliases=("Met Police",))).short_name == "MPS"


def test_alias_may_not_be_another_organisations_name_or_alias(db, met):
    with pytest.raises(ValidationError) as err:
        ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority", aliases=("Met Police",)))
    assert "Met Police" in err.value.errors["aliases"] and "Metropolitan Police" in err.value.errors["aliases"]
    with pytest.raises(ValidationError) as err:
        ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority", aliases=("metropolitan police",)))
    assert "already exists" in err.value.errors["aliases"]
    with pytest.raises(ValidationError) as err:
        ms.create_organisation(db, ms.OrganisationFields("Met. Police", "police"))
    assert "another name of Metropolitan Police" in err.value.errors["name"]
    assert [o.name for o in ms.list_organisations(db)] == ["Metropolitan Police"]


def test_editing_aliases_replaces_them_and_history_records_it(db, met):
    updated = ms.update_organisation(
        db, met.id, ms.OrganisationFields("Metropolitan Police", "police", "MPS", aliases=("The Met",))
    )
    assert updated.aliases == ("The Met",)
    assert ms.find_organisation(db, "Met Police") is None
    assert ms.find_organisation(db, "the met").id == met.id
    # its own aliases never clash with itself
    ms.update_organisation(db, met.id, ms.OrganisationFields("Metropolitan Police", "police", aliases=("The Met",)))


def test_parent_organisation_and_cycles_refused(db, met):
    bcu = ms.create_organisation(
        db, ms.OrganisationFields("North West Basic Command Unit", "police", "NW BCU", parent_id=met.id)
    )
    assert bcu.parent_id == met.id and bcu.parent_name == "Metropolitan Police"
    with pytest.raises(ValidationError) as err:
        ms.update_organisation(db, met.id, ms.OrganisationFields("Metropolitan Police", "police", parent_id=bcu.id))
    assert "its own parts" in err.value.errors["parent_id"]
    with pytest.raises(ValidationError) as err:
        ms.update_organisation(db, met.id, ms.OrganisationFields("Metropolitan Police", "police", parent_id=met.id))
    assert "part of itself" in err.value.errors["parent_id"]
    with pytest.raises(ValidationError) as err:
        ms.create_organisation(db, ms.OrganisationFields("X", "other", parent_id=9999))
    assert "parent_id" in err.value.errors


def test_a_name_differing_only_by_accents_is_taken_and_the_person_may_be_on_record(db):
    cafe = ms.create_organisation(db, ms.OrganisationFields("Kilburn Café Youth Project", OrganisationKind.VOLUNTARY))
    with pytest.raises(ValidationError) as err:
        ms.create_organisation(db, ms.OrganisationFields("Kilburn Cafe Youth Project", OrganisationKind.VOLUNTARY))
    assert err.value.errors == {"name": "An organisation called 'Kilburn Café Youth Project' already exists"}
    zoe = ms.create_person(db, ms.PersonFields("Zoë Adebayo", "Youth worker", cafe.id))
    assert [(s.person.id, s.reason) for s in ms.similar_people(db, "Zoe Adebayo", organisation_id=cafe.id)] == [
        (zoe.id, "the same name at Kilburn Café Youth Project")]


def test_two_organisations_on_record_alike_but_for_accents_can_each_still_be_saved(db):
    """Saved before names were compared without accents: each keeps its name when saved again,
    but neither may take the other's."""
    from bscp_desktop.db.models import Organisation

    cafe = ms.create_organisation(db, ms.OrganisationFields("Kilburn Café Youth Project", OrganisationKind.VOLUNTARY,
                                                            aliases=("Café Project",)))
    with db.unit_of_work() as session:  # as an earlier version of the program let it be added
        session.add(Organisation(name="Kilburn Cafe Youth Project", kind=OrganisationKind.VOLUNTARY.value))
    plain = next(o for o in ms.list_organisations(db) if o.name == "Kilburn Cafe Youth Project")
    ms.update_organisation(db, cafe.id, dataclasses.replace(
        ms.OrganisationFields("Kilburn Café Youth Project", OrganisationKind.VOLUNTARY, aliases=("Café Project",)),
        short_name="KCYP"))
    ms.update_organisation(db, plain.id, ms.OrganisationFields("Kilburn Cafe Youth Project", OrganisationKind.VOLUNTARY))
    with pytest.raises(ValidationError) as refused:
        ms.update_organisation(db, plain.id, ms.OrganisationFields("KCYP", OrganisationKind.VOLUNTARY))
    assert "short name of Kilburn Café Youth Project" in refused.value.errors["name"]
