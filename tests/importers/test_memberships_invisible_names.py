"""An import matches a name with an invisible character inside (a zero-width space pasted from
a document) to the organisation or person of the name without it, as the window does."""

from __future__ import annotations

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services import memberships as ms


@pytest.fixture
def brent(db):
    return ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))


def test_an_organisation_named_with_a_zero_width_space_is_the_one_held(db, brent, tmp_path):
    path = tmp_path / "organisations.csv"
    path.write_text("Name,Short name,Kind\nBrent Coun\u200bcil,BC,\nKil\u200bburn Mind,,Voluntary\n", encoding="utf-8")
    report = run_import(db, "organisations", path)
    assert (report.added, report.updated) == (1, 1)
    assert sorted((o.name, o.short_name) for o in ms.list_organisations(db)) == [("Brent Council", "BC"),
                                                                                ("Kilburn Mind", "")]


def test_a_person_or_organisation_named_with_a_zero_width_space_is_the_one_held(db, brent, tmp_path):
    zoe = ms.create_person(db, ms.PersonFields("Zoë Adebayo", "Officer", organisation_id=brent.id))
    path = tmp_path / "people.csv"
    path.write_text("Name,Job title,Organisation,Email\nZoë Adeb\u200bayo,Officer,Brent Coun\u200bcil,\n"
                    "Ann Lee,Manager,Brent Coun\u200bcil,\n", encoding="utf-8")
    report = run_import(db, "people", path)
    assert (report.added, report.updated, report.unchanged) == (1, 0, 1)
    people = sorted((p.name, p.organisation_id, p.id == zoe.id) for p in ms.list_people(db))
    assert people == [("Ann Lee", brent.id, False), ("Zoë Adebayo", brent.id, True)]


def test_two_rows_alike_but_for_a_zero_width_space_are_one_person(db, brent, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("Name,Job title,Organisation,Email\nZoë Adeb\u200bayo,Officer,Brent Coun\u200bcil,\n"
                    "Zoe Adebayo,Officer,Brent Council,\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as err:
        run_import(db, "people", path)
    assert err.value.report.bad_rows == ["Row 3: Repeats row 2 (the same name and organisation)."]
