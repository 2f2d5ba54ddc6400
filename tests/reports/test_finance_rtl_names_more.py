"""A partner's name in Arabic script or Hebrew inside an English sentence of the finance PDF is
isolated (`domain.text.isolate`): the amount and the semicolon after it keep their places, as the
Unicode bidirectional algorithm lays out isolates."""

from __future__ import annotations

import ctypes
import ctypes.util
import unicodedata
from datetime import date

import pytest
from pypdf import PdfReader
from reportlab.lib.enums import TA_LEFT

from bscp_desktop import jobs
from bscp_desktop.domain.finance import ContributionKind
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.text import FSI, PDI, isolate
from bscp_desktop.reports.pdf import paragraph
from bscp_desktop.reports.pdf.styles import paragraph_styles
from bscp_desktop.reports.rtl import keep_names_whole, visual_line, visual_text
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from tests.reports.test_outputs_rtl_numbers import _fribidi

SCHOOL = "مدرسة النور"
SHOWN = "رونلا ةسردم"  # the school's name as drawn, right to left


@pytest.fixture(autouse=True, scope="module")
def _fonts_loaded():
    """The fonts and the Arabic letter forms are read once, not in the first test's time."""
    paragraph(SCHOOL, paragraph_styles()["body"]).wrap(200, 1000)


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\u00a0", " ")


def _squeezed(text: str) -> str:
    return "".join(_plain(text).split())


def test_an_isolated_name_keeps_the_amount_after_it_in_its_place():
    owed = f"still owed ({isolate(SCHOOL)} £1,500.00; Kilburn Academy £700.00)."
    assert _plain(visual_line(owed, False)) == f"still owed ({SHOWN} £1,500.00; Kilburn Academy £700.00)."
    two = f"owed ({isolate(SCHOOL)} £1,500.00; {isolate('שלום')} £700.00)."
    assert _plain(visual_text(two)) == f"owed ({SHOWN} £1,500.00; םולש £700.00)."
    # without the isolate the amount is read with the name, as the bidirectional algorithm reads it
    assert _plain(visual_line(f"({SCHOOL} £1,500.00; K £7)", False)) == f"(1,500.00£ {SHOWN}; K £7)"


def test_isolate_leaves_left_to_right_text_as_it_is_and_prints_nothing_of_its_own():
    assert isolate("Kilburn Academy") == "Kilburn Academy"
    assert isolate(SCHOOL) == f"{FSI}{SCHOOL}{PDI}"
    assert visual_text(f"{FSI}Kilburn{PDI} £5") == "Kilburn £5"
    assert FSI not in visual_line(f"a {isolate(SCHOOL)} b", False) and PDI not in visual_text(f"a {isolate(SCHOOL)} b")
    assert keep_names_whole(f"a {isolate(SCHOOL)} £5") == f"a {FSI}{SCHOOL.replace(' ', chr(0xA0))}{PDI} £5"


def test_a_sentence_starting_with_an_isolated_name_reads_left_to_right():
    text = f"{isolate(SCHOOL)} contributes in kind (2024/25): {isolate('قاعة الاجتماعات')}."
    assert paragraph(text, paragraph_styles()["body"]).style.alignment == TA_LEFT
    assert _plain(visual_line(text, False)).startswith(f"{SHOWN} contributes in kind (2024/25): ")


def test_a_wrapped_sentence_keeps_each_isolated_name_whole():
    names = [f"{SCHOOL} {i}" for i in range(1, 7)]
    text = "Owed by " + "; ".join(f"{isolate(n)} £{i},000.00" for i, n in enumerate(names, 1)) + "."
    para = paragraph(text, paragraph_styles()["body"])
    para.wrap(220, 100000)
    lines = [_plain("".join(getattr(f, "text", "") for f in line.words)) for line in para.blPara.lines]
    assert len(lines) > 2
    printed = " ".join(lines)
    assert FSI not in printed and PDI not in printed
    for i in range(1, 7):  # each name on one line, its amount after it
        assert f"{i} {SHOWN} £{i},000.00" in printed


@pytest.mark.parametrize("right_to_left", [False, True])
def test_isolates_in_the_same_order_as_the_reference_implementation(right_to_left):
    lib = _fribidi()
    if lib is None:
        pytest.skip("GNU FriBidi is not on this computer")
    lines = [
        f"still owed ({isolate(SCHOOL)} £1,500.00; Kilburn Academy £700.00).",
        f"({isolate(SCHOOL)} £1,500.00; {isolate('שלום עולם')} £700.00; Brent £5)",
        f"{isolate(SCHOOL)} contributes in kind (2023/24 and 2024/25): {isolate('قاعة 3')}.",
        f"שלום {FSI}Kilburn Academy 12{PDI} 34 עוד",
        f"مبلغ {FSI}Kilburn (North) 5{PDI} £700 و {FSI}مدرسة 7{PDI} 8",
    ]
    for logical in lines:
        size = len(logical)
        text = (ctypes.c_uint32 * size)(*map(ord, logical))
        out = (ctypes.c_uint32 * (size + 1))()
        direction = ctypes.c_uint32(0x111 if right_to_left else 0x110)  # FRIBIDI_PAR_RTL, FRIBIDI_PAR_LTR
        lib.fribidi_log2vis(text, size, ctypes.byref(direction), out, None, None, None)
        shown = "".join(chr(out[i]) for i in range(size) if chr(out[i]) not in (FSI, PDI))
        assert _plain(visual_line(logical, right_to_left)) == _plain(shown), logical


@pytest.mark.slow
def test_the_finance_pdf_prints_each_name_before_what_it_owes(db, tmp_path):
    school = ms.create_organisation(db, ms.OrganisationFields(SCHOOL, OrganisationKind.OTHER))
    academy = ms.create_organisation(db, ms.OrganisationFields("Kilburn Academy", OrganisationKind.OTHER))
    for org, amount in ((school, "1500.00"), (academy, "700.00")):
        fin.create_contribution(db, fin.ContributionFields("2024/25", org.id, ContributionKind.CASH, amount))
    fin.create_contribution(db, fin.ContributionFields("2024/25", school.id, ContributionKind.IN_KIND,
                                                       in_kind_description="قاعة الاجتماعات"))
    pdf = jobs.write_report(db, "finance", tmp_path / "f.pdf", year="2024/25", today=date(2024, 6, 1))
    body = "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    assert FSI not in body and PDI not in body
    squeezed = _squeezed(body)
    assert _squeezed(f"is still owed ({SCHOOL} £1,500.00; Kilburn Academy £700.00).") in squeezed
    assert _squeezed(f"{SCHOOL} contributes in kind (2024/25): ") in squeezed
