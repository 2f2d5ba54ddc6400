"""A numbered list in a yearly report section prints with its numbers, counting from the first
number typed, in the PDF (a numbered list) and in the Word document (List Number, each list
counting from its own first number); the team's words stay words, never markup."""

from __future__ import annotations

import io
from datetime import date

import docx
import pypdf
from docx.oxml.ns import qn

from bscp_desktop.reports.yearly_report import ReportSection, YearlyReportDocument, docx_bytes, pdf_bytes

TEXT = ("Our steps:\n\n1. numbered one\n2. numbered two\n\n- a bullet\n\n"
        "7. seventh **step**\n8. <b>eighth</b> & last\n")


def _report(text: str = TEXT) -> YearlyReportDocument:
    return YearlyReportDocument("Yearly report 2023/24", "Brent Safeguarding Children Partnership",
                                date(2023, 4, 1), date(2024, 3, 31), True, (ReportSection(1, "Foreword", text),))


def _pdf_words() -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(_report())))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_pdf_prints_a_numbered_list_with_its_numbers_from_the_first_one_given():
    words = _pdf_words()
    assert ("Our steps: 1. numbered one 2. numbered two • a bullet 7. seventh step 8. <b>eighth</b> & last"
            in words)
    assert "• numbered one" not in words


def _list_paragraphs(document) -> list:
    return [p for p in document.paragraphs if p.style.name.startswith("List")]


def _start(document, num_id: str) -> tuple[str, str]:
    """The first number of a numbering and how its numbers are written ("decimal")."""
    numbering = document.part.numbering_part.element
    num = numbering.num_having_numId(int(num_id))
    start = num.xpath("./w:lvlOverride[@w:ilvl='0']/w:startOverride/@w:val")
    abstract = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    (fmt,) = numbering.xpath(f"./w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl[@w:ilvl='0']/w:numFmt/@w:val")
    return (start[0] if start else "1"), fmt


def test_the_word_document_numbers_each_numbered_list_from_its_own_first_number():
    document = docx.Document(io.BytesIO(docx_bytes(_report())))
    paragraphs = _list_paragraphs(document)
    assert [(p.style.name, p.text) for p in paragraphs] == [
        ("List Number", "numbered one"), ("List Number", "numbered two"), ("List Bullet", "a bullet"),
        ("List Number", "seventh step"), ("List Number", "<b>eighth</b> & last")]
    ids = [p._p.xpath("./w:pPr/w:numPr/w:numId/@w:val") for p in paragraphs]
    first, second = ids[0], ids[3]
    assert ids[1] == first and ids[4] == second and len(first) == len(second) == 1 and first != second
    assert _start(document, first[0]) == ("1", "decimal")
    assert _start(document, second[0]) == ("7", "decimal")
    assert [r.bold for r in paragraphs[3].runs] == [None, True]


def test_bullets_in_the_word_document_stay_bullets():
    document = docx.Document(io.BytesIO(docx_bytes(_report("- one\n- two\n"))))
    assert [(p.style.name, p.text) for p in _list_paragraphs(document)] == [("List Bullet", "one"), ("List Bullet", "two")]
