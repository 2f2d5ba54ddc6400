"""The organisations import holds its rows to the rules the window holds a save to, rows of the
same file included: no two organisations share a name or short name, and none takes an archived
one's name."""

from __future__ import annotations

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services import memberships as ms

pytestmark = pytest.mark.both_engines


def _rejected(db, path) -> list[str]:
    with pytest.raises(ImportRejected) as err:
        run_import(db, "organisations", path)
    return err.value.report.bad_rows


def test_new_rows_may_not_share_a_short_name_or_take_an_earlier_rows_name(db, tmp_path):
    path = tmp_path / "organisations.csv"
    path.write_text("Name,Short name,Kind\n"
                    "Alpha Health Trust,AHT,Relevant agency\n"
                    "Acme Housing Trust,aht,Voluntary\n"
                    "AHT,,Other\n"
                    "Brent Mind,Alpha Health Trust,Voluntary\n"
                    "Kilburn Youth Trust,KYT,Voluntary\n", encoding="utf-8")
    assert _rejected(db, path) == [
        "Row 3: 'AHT' is the short name of Alpha Health Trust: give its full name to change it, or another name "
        "for a new organisation.",
        "Row 4: 'AHT' is the short name of Alpha Health Trust: give its full name to change it, or another name "
        "for a new organisation.",
        "Row 5: An organisation called 'Alpha Health Trust' already exists."]
    assert ms.list_organisations(db) == []  # nothing written
    with pytest.raises(ValidationError) as err:  # as the window says of the same organisations
        ms.create_organisation(db, ms.OrganisationFields("Alpha Health Trust", OrganisationKind.RELEVANT_AGENCY, "AHT"))
        ms.create_organisation(db, ms.OrganisationFields("Acme Housing Trust", OrganisationKind.VOLUNTARY, "aht"))
    assert err.value.errors == {"short_name": "'AHT' is the short name of Alpha Health Trust: give its full name to "
                                              "change it, or another name for a new organisation"}


def test_a_row_changing_a_short_name_holds_it_against_later_rows(db, tmp_path):
    ms.create_organisation(db, ms.OrganisationFields("Alpha Health Trust", OrganisationKind.RELEVANT_AGENCY))
    path = tmp_path / "organisations.csv"
    path.write_text("Name,Short name\nAlpha Health Trust,AHT\nAcme Housing Trust,AHT\n", encoding="utf-8")
    assert _rejected(db, path) == [
        "Row 3: 'AHT' is the short name of Alpha Health Trust: give its full name to change it, or another name "
        "for a new organisation."]
    assert ms.list_organisations(db)[0].short_name == ""


def test_a_repeated_or_archived_name_is_said_once(db, tmp_path):
    old = ms.create_organisation(db, ms.OrganisationFields("Probation Service", OrganisationKind.RELEVANT_AGENCY))
    ms.archive_organisation(db, old.id)
    path = tmp_path / "organisations.csv"
    path.write_text("Name\nBrent Mind\nbrent mind\nprobation service\n", encoding="utf-8")
    assert _rejected(db, path) == [
        "Row 3: Repeats row 2 (the same organisation name 'brent mind').",
        "Row 4: 'probation service' is Probation Service, which is archived: restore it on the Memberships tab "
        "first, or give another name for a new organisation."]


def test_distinct_new_rows_and_the_same_file_again_import(db, tmp_path):
    path = tmp_path / "organisations.csv"
    path.write_text("Name,Short name\nAlpha Health Trust,AHT\nAcme Housing Trust,ACHT\n", encoding="utf-8")
    assert run_import(db, "organisations", path).added == 2
    assert run_import(db, "organisations", path).unchanged == 2


def test_a_name_on_record_with_accents_is_found_by_a_file_without_them(db, tmp_path):
    cafe = ms.create_organisation(db, ms.OrganisationFields("Kilburn Café Youth Project", OrganisationKind.VOLUNTARY))
    zoe = ms.create_person(db, ms.PersonFields("Zoë Adebayo", "Youth worker", cafe.id))
    ms.create_person(db, ms.PersonFields("Ana Sousa", "Officer", cafe.id))
    organisations = tmp_path / "organisations.csv"
    organisations.write_text("Name,Kind\nKilburn Cafe Youth Project,Voluntary and community\n", encoding="utf-8")
    assert run_import(db, "organisations", organisations).unchanged == 1  # the accents held are kept
    people = tmp_path / "people.csv"
    people.write_text("Name,Organisation,Job title\nZOE ADEBAYO,Kilburn Cafe Youth Project,Youth worker\n"
                      "Ana Sousa,Kilburn Café Youth Project,Officer\n", encoding="utf-8")
    assert run_import(db, "people", people).unchanged == 2
    accented = tmp_path / "accented.csv"  # a file with the accents corrects a name held without them
    accented.write_text("Name,Organisation\nAna Sóusa,Kilburn Café Youth Project\n", encoding="utf-8")
    assert run_import(db, "people", accented).updated == 1
    assert [o.name for o in ms.list_organisations(db)] == ["Kilburn Café Youth Project"]
    assert sorted((p.id == zoe.id, p.name) for p in ms.list_people(db)) == [(False, "Ana Sóusa"), (True, "Zoë Adebayo")]
    twice = tmp_path / "twice.csv"
    twice.write_text("Name,Organisation\nZoe Adebayo,Kilburn Cafe Youth Project\nZoë Adebayo,Kilburn Cafe Youth Project\n",
                     encoding="utf-8")
    with pytest.raises(ImportRejected) as err:
        run_import(db, "people", twice)
    assert err.value.report.bad_rows[0].startswith("Row 3: Repeats row 2 (the same name and organisation")
