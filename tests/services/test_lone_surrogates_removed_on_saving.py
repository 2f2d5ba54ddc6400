"""Half of a character beyond U+FFFF on its own (a lone surrogate: from a script, a damaged file
or a bad paste) cannot be held by the database, a workbook or a PDF. Saving a yearly report
section holding one failed with an encoding error; it is now removed on saving, as control
characters are, from every text the program saves, while whole characters beyond U+FFFF
(emoji) are kept."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import clean_text, long_text_as_saved
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import yearly_report as yr


def test_a_lone_surrogate_is_removed_and_an_emoji_kept():
    assert clean_text("Jo\ud800 Bloggs") == "Jo Bloggs"
    assert clean_text("\udfff") == ""
    assert long_text_as_saved("Partners met \udc00 monthly 👶\n") == "Partners met  monthly 👶\n"


def test_a_yearly_report_section_with_a_lone_surrogate_is_saved_without_it(db):
    report = yr.create_report(db, yr.ReportFields("2024-26 report", date(2024, 4, 1), date(2026, 3, 31)))
    assert yr.save_section_text(db, report.id, "scrutiny", "Scrutiny \ud800 found 🧒 progress.").changed
    assert yr.get_report(db, report.id).section("scrutiny").text == "Scrutiny  found 🧒 progress."


def test_a_name_with_a_lone_surrogate_is_saved_without_it(db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent\udbff Council", OrganisationKind.LOCAL_AUTHORITY))
    assert ms.list_organisations(db)[0].name == org.name == "Brent Council"
