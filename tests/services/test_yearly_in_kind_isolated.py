"""A partner's or a group's name in Arabic script put into a sentence of the yearly report's
built sections is isolated, as the finance PDF isolates one (`domain.text.isolate`): the
sentence it starts is still English, read left to right, and the years, the number and the
full stop after it stay in place."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from pypdf import PdfReader

from bscp_desktop import jobs
from bscp_desktop.domain.finance import ContributionKind
from bscp_desktop.domain.memberships import OrganisationKind, Role
from bscp_desktop.domain.text import FSI, PDI, isolate
from bscp_desktop.domain.yearly_report import Para
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import yearly_report as yr

SCHOOL = "مدرسة النور"
HALL = "قاعة 3"  # "hall 3": a number after Arabic letters
PERIOD = (date(2023, 4, 1), date(2024, 3, 31))


def _squeezed(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _in_kind(db):
    school = ms.create_organisation(db, ms.OrganisationFields(SCHOOL, OrganisationKind.OTHER))
    academy = ms.create_organisation(db, ms.OrganisationFields("Kilburn Academy", OrganisationKind.OTHER))
    fin.create_contribution(db, fin.ContributionFields("2023/24", school.id, ContributionKind.CASH, "1500.00"))
    fin.create_contribution(db, fin.ContributionFields("2023/24", school.id, ContributionKind.IN_KIND,
                                                       in_kind_description=HALL))
    fin.create_contribution(db, fin.ContributionFields("2023/24", academy.id, ContributionKind.IN_KIND,
                                                       in_kind_description="Room 12"))
    r = yr.create_report(db, yr.ReportFields("Yearly report 2023/24", *PERIOD))
    built = yr.refresh_section(db, r.id, "finance", today=date(2024, 6, 1))
    return r, [b.text for b in built.blocks if isinstance(b, Para) and "in kind" in b.text]


@pytest.mark.slow
def test_the_in_kind_sentence_isolates_a_name_and_a_description_in_arabic_script(db):
    _report, sentences = _in_kind(db)
    assert sentences == [
        "Kilburn Academy contributes in kind (2023/24): Room 12.",  # English names are as they are
        f"{FSI}{SCHOOL}{PDI} contributes in kind (2023/24): {FSI}{HALL}{PDI}.",
    ]


@pytest.mark.parametrize(("name", "wrapped"), [(SCHOOL, True), ("שלום", True), ("Kilburn Academy", False),
                                               ("Brent 2", False), ("", False), ("مدرسة St Mary's 12", True)])
def test_only_a_name_with_right_to_left_letters_is_isolated(name, wrapped):
    assert isolate(name) == (f"{FSI}{name}{PDI}" if wrapped else name)


def test_a_group_named_in_arabic_script_is_isolated_in_its_table_title_and_lay_member_sentence(db):
    group = ms.create_group(db, ms.GroupFields("مجموعة الأمان", tier=3))
    person = ms.create_person(db, ms.PersonFields("Pat Lay"))
    ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.LAY_MEMBER, date(2023, 1, 1)))
    r = yr.create_report(db, yr.ReportFields("Yearly report 2023/24", *PERIOD))
    built = yr.refresh_section(db, r.id, "membership", today=date(2024, 6, 1))
    named = f"{FSI}مجموعة الأمان{PDI}"
    assert [b.title for b in built.blocks if hasattr(b, "rows")] == [f"{named} on 31 March 2024"]
    assert [b.text for b in built.blocks if isinstance(b, Para)] == [f"The {named} has 1 lay member."]


@pytest.mark.slow
def test_the_yearly_report_pdf_prints_the_in_kind_sentence_left_to_right(db, tmp_path):
    r, _sentences = _in_kind(db)
    pdf = jobs.write_report(db, "yearly", tmp_path / "yearly.pdf", record_id=r.id)
    body = "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    assert FSI not in body and PDI not in body  # the isolates print as nothing
    # the name first, then the English words in their order, the hall's name and the full stop
    assert _squeezed(f"{SCHOOL} contributes in kind (2023/24): ") in _squeezed(body)
    assert _squeezed("Kilburn Academy contributes in kind (2023/24): Room 12.") in _squeezed(body)
