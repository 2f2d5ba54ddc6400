"""One organisation's workbook (`export xlsx --partner ORG`, `report partner --organisation ORG`)
for a name that names no one organisation: the refusal says which it is, never "none (or more
than one)": the organisations a shared name could mean, with their ids to give instead; that
the database has no organisations yet; or that none is called so."""

from __future__ import annotations

import shutil

import pytest

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.jobs.engagement import find_partner
from bscp_desktop.services import memberships as ms
from tests.safety.helpers import assert_refused, cli


def _refusal(db, text: str) -> str:
    with pytest.raises(ValidationError) as refused:
        find_partner(db, text)
    return refused.value.sentence()


def test_a_name_two_organisations_go_by_names_both_with_their_ids(db, monkeypatch):
    """Memberships refuses a name another organisation goes by, but records made before it did
    may still share one: both are named, with the ids to give instead."""
    one = ms.create_organisation(db, ms.OrganisationFields("North Health Trust", "voluntary"))
    two = ms.create_organisation(db, ms.OrganisationFields("South Health Trust", "voluntary"))
    monkeypatch.setattr(ms.OrganisationMatcher, "candidates",
                        lambda self, text: [two, one] if text == "The Trust" else [])
    assert _refusal(db, "The Trust") == (f"'The Trust' could mean more than one organisation (North Health Trust (id "
                                         f"{one.id}); South Health Trust (id {two.id})): give its full name or its id.")
    assert find_partner(db, str(two.id)).id == two.id  # the id it names is taken


def test_a_name_no_organisation_has_says_so(db):
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    sentence = _refusal(db, "Brent Police")
    assert sentence == ("There is no organisation called 'Brent Police': give its name, short name or id as the "
                        "Memberships tab lists it.")


def test_on_a_database_with_no_organisations_it_says_none_is_recorded_yet(db, empty_file, tmp_path):
    sentence = _refusal(db, "Police")
    assert sentence == ("There is no organisation called 'Police': this database has no organisations yet; add them "
                        "in the Memberships tab.")
    copy = shutil.copyfile(empty_file, tmp_path / "new.sqlite3")
    line = assert_refused(cli("export", "xlsx", "--partner", "Police", "--from", "1/4/2024", "--to", "31/3/2025",
                              "-o", tmp_path / "p.xlsx", "--db", copy, data_dir=tmp_path / "data"),
                          "this database has no organisations yet")
    assert "more than one" not in line and not (tmp_path / "p.xlsx").exists()
