"""Names are listed in the order they are read: a name starting with an accented letter is
listed under its letter ("Émile" under E, "Łukasz" under L, "Özlem" under O), not after Z, in
the lists, the pickers and the members outputs, on a file and on the team database alike."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import OrganisationKind, Role
from bscp_desktop.domain.text import FSI, PDI, alphabetical
from bscp_desktop.jobs.memberships import build_workbook, members_by_group
from bscp_desktop.services import memberships as ms

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

PEOPLE = ["Zoë Ædelstein", "Émile Adébáyọ̀", "Łukasz Nowak", "Özlem Yılmaz", "Ishaan Bose", "Ömer Çelik",
          "Oliver Twist", "Anne Smith", "Seán O'Connor"]
IN_ORDER = ["Anne Smith", "Émile Adébáyọ̀", "Ishaan Bose", "Łukasz Nowak", "Oliver Twist", "Ömer Çelik",
            "Özlem Yılmaz", "Seán O'Connor", "Zoë Ædelstein"]


def test_the_order_names_are_listed_in_reads_accents_as_search_does():
    assert sorted(PEOPLE, key=alphabetical) == IN_ORDER
    # names the same but for accents or case keep one order: without accents first
    assert sorted(["José", "jose", "Jose", "Josef"], key=alphabetical) == ["jose", "Jose", "José", "Josef"]
    assert alphabetical(None) == alphabetical("") == ""


def test_people_and_their_picker_are_listed_by_name_read_without_accents(db):
    for name in PEOPLE:
        ms.create_person(db, ms.PersonFields(name))
    assert [p.name for p in ms.list_people(db)] == IN_ORDER
    assert [label for label, _id in ms.person_choices(db)] == IN_ORDER


def test_two_people_of_one_name_keep_the_order_they_were_added_in(db):
    first = ms.create_person(db, ms.PersonFields("Émile Adébáyọ̀", "Social worker"))
    ms.create_person(db, ms.PersonFields("Anne Smith"))
    second = ms.create_person(db, ms.PersonFields("Émile Adébáyọ̀", "Team manager"))
    assert [p.id for p in ms.list_people(db) if p.name.startswith("É")] == [first.id, second.id]
    assert [label for label, _id in ms.person_choices(db)] == [
        "Anne Smith", "Émile Adébáyọ̀ – Social worker", "Émile Adébáyọ̀ – Team manager"]


def test_organisations_and_groups_in_their_pickers_are_listed_by_name_read_without_accents(db):
    for name in ("Zebra Nursery", "École Française", "Örnek Trust", "Brent Council"):
        ms.create_organisation(db, ms.OrganisationFields(name, OrganisationKind.RELEVANT_AGENCY))
    for name in ("Zonal Forum", "Équipe Group", "Audit Group"):
        ms.create_group(db, ms.GroupFields(name, 2))
    assert [label for label, _id in ms.organisation_choices(db)] == [
        "Brent Council", "École Française", "Örnek Trust", "Zebra Nursery"]
    assert [label for label, _id in ms.group_choices(db)] == ["Audit Group", "Équipe Group", "Zonal Forum"]


def test_the_members_outputs_list_people_by_name_read_without_accents(db):
    group = ms.create_group(db, ms.GroupFields("Forum", 2))
    for name in ("Zoë Ædelstein", "Łukasz Nowak", "Anne Smith"):
        person = ms.create_person(db, ms.PersonFields(name))
        ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2024, 1, 1)))
    [(_group, seats)] = members_by_group(db, date(2024, 6, 1))
    assert [m.person_name for m in seats] == ["Anne Smith", "Łukasz Nowak", "Zoë Ædelstein"]
    book = build_workbook(db, today=date(2024, 6, 1))
    sheets = {sheet.name: sheet.rows for sheet in book._sheets}
    for name, column in (("People", 0), ("Memberships", 1)):
        assert [row[column] for row in sheets[name]] == ["Anne Smith", "Łukasz Nowak", "Zoë Ædelstein"], name


def test_a_right_to_left_name_reads_first_in_its_picker_label(db):
    met = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    ms.create_person(db, ms.PersonFields("فاطمة الزهراء", organisation_id=met.id))
    ms.create_person(db, ms.PersonFields("Jane Smith", organisation_id=met.id))
    assert [label for label, _id in ms.person_choices(db)] == [
        "Jane Smith (Metropolitan Police)", f"{FSI}فاطمة الزهراء{PDI} (Metropolitan Police)"]
