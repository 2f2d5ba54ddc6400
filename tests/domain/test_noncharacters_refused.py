"""The noncharacters (U+FFFE, U+FFFF, U+FDD0 to U+FDEF and the last two of every plane) are
dropped from text as control characters are: no workbook holds U+FFFE or U+FFFF, so text kept
with them was a second name beside the first ("Brent Council\\ufffe") and read back from the
program's own Section 11 return as changed."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError, clean_text, one_line
from bscp_desktop.importers import audits as imp
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11

NONCHARACTERS = [chr(c) for c in range(0xFDD0, 0xFDF0)] + [chr(plane | last) for plane in range(0, 0x110000, 0x10000)
                                                           for last in (0xFFFE, 0xFFFF)]


def test_every_noncharacter_is_dropped_and_the_characters_beside_them_kept():
    assert len(NONCHARACTERS) == 66
    for ch in NONCHARACTERS:
        assert clean_text(f"Brent{ch} Council{ch}") == "Brent Council", f"U+{ord(ch):04X}"
        assert one_line(f"{ch}Brent Council") == "Brent Council", f"U+{ord(ch):04X}"
        assert clean_text(ch) == "", f"U+{ord(ch):04X}"
    kept = "\ufdcf\ufdf0\ufffd\ufffc\U0001fffd\U0010fffd"  # their neighbours are characters
    assert clean_text(f"a{kept}b") == f"a{kept}b"


def test_an_organisation_named_with_a_noncharacter_is_the_organisation_without_it(db):
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    with pytest.raises(ValidationError) as refused:
        ms.create_organisation(db, ms.OrganisationFields("Brent Council\ufffe", OrganisationKind.OTHER))
    assert refused.value.errors == {"name": "An organisation called 'Brent Council' already exists"}
    saved = ms.create_organisation(db, ms.OrganisationFields("Harrow\uffff Council", OrganisationKind.LOCAL_AUTHORITY))
    assert saved.name == "Harrow Council"
    assert sorted(o.name for o in ms.list_organisations(db)) == ["Brent Council", "Harrow Council"]


def test_a_section_11_return_read_back_untouched_changes_nothing(db, tmp_path):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    s11.add_agencies(db, cycle.id, [council.id])
    (part,) = s11.list_participants(db, cycle.id)
    standard = s11.list_standards(db, cycle.id)[0].id
    saved = sr.save_rating(db, part.id, standard, sr.RatingFields("Green", evidence="Evidence\ufffe kept\uffff as typed"))
    assert saved.evidence == "Evidence kept as typed"
    out = imp.write_s11_template(db, cycle.id, "Brent Council", tmp_path / "return.xlsx")
    report = imp.import_s11(db, out, today=date(2024, 6, 1))
    assert (report.added, report.updated) == (0, 0) and report.unchanged > 0
    assert sr.get_rating(db, part.id, standard).evidence == "Evidence kept as typed"
