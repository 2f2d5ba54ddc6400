"""The yearly report's Word document numbers its pages as its PDF does: a footer on every page with
the partnership's name and "Page X of Y" (Word's PAGE and NUMPAGES fields, with a value shown
until Word works them out), its contents field marked for Word to fill in the page numbers when
the file is opened, and its contents on a page of their own after the cover."""

from __future__ import annotations

import io
import posixpath
import zipfile
from datetime import date
from xml.etree import ElementTree

import pytest

from bscp_desktop.reports.marking import OFFICIAL_SENSITIVE
from bscp_desktop.reports.yearly_report import ReportSection, YearlyReportDocument, docx_bytes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
FOOTER_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
PARTNERSHIP = "Brent & Ørsted Safeguarding Children Partnership"


def _docx(final: bool) -> bytes:
    return docx_bytes(YearlyReportDocument(
        "Yearly report 2023/24", PARTNERSHIP, date(2023, 4, 1), date(2024, 3, 31), final,
        (ReportSection(1, "Foreword", "Our year."), ReportSection(2, "Governance", "How we work."))))


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def _fields(root: ElementTree.Element) -> list[tuple[str, str]]:
    """Each complex field's instruction and the value shown for it, in order."""
    fields, state, instruction, shown = [], None, "", ""
    for element in root.iter():
        if element.tag == f"{W}fldChar":
            kind = element.get(f"{W}fldCharType")
            if kind == "begin":
                state, instruction, shown = "code", "", ""
            elif kind == "separate":
                state = "result"
            elif kind == "end":
                fields.append((instruction.strip(), shown))
                state = None
        elif element.tag == f"{W}instrText" and state == "code":
            instruction += element.text or ""
        elif element.tag == f"{W}t" and state == "result":
            shown += element.text or ""
    return fields


@pytest.mark.parametrize("final", [True, False])
def test_every_section_names_a_footer_part_holding_page_x_of_y(final):
    parts = _parts(_docx(final))
    document = ElementTree.fromstring(parts["word/document.xml"])
    rels = ElementTree.fromstring(parts["word/_rels/document.xml.rels"])
    targets = {r.get("Id"): posixpath.join("word", r.get("Target")) for r in rels.iter(f"{RELS}Relationship")
               if r.get("Type") == FOOTER_TYPE}
    sections = list(document.iter(f"{W}sectPr"))
    assert sections
    for section in sections:
        references = [f for f in section.findall(f"{W}footerReference") if f.get(f"{W}type") == "default"]
        assert len(references) == 1, "every section has a footer on every page"
        footer_name = targets[references[0].get(f"{R}id")]
        assert footer_name in parts
        footer = ElementTree.fromstring(parts[footer_name])
        assert _fields(footer) == [("PAGE", "1"), ("NUMPAGES", "1")]  # a value shown before Word works them out
        runs = [r for r in footer.iter(f"{W}r")]
        text = "".join((c.text or "") if c.tag == f"{W}t" else "\t" for r in runs for c in r
                       if c.tag in (f"{W}t", f"{W}tab"))
        assert text == f"{PARTNERSHIP}\tPage 1 of 1"  # as the PDF's footer: the name, then "Page X of Y"
        assert OFFICIAL_SENSITIVE not in parts[footer_name].decode()  # the yearly report is not marked
    assert b"<w:titlePg" not in parts["word/document.xml"]  # not left off the cover either


def test_the_contents_field_is_marked_for_word_to_fill_in_its_page_numbers():
    parts = _parts(_docx(final=True))
    document = ElementTree.fromstring(parts["word/document.xml"])
    begins = [c for c in document.iter(f"{W}fldChar") if c.get(f"{W}fldCharType") == "begin"]
    (toc,) = [f for f in _fields(document) if f[0].startswith("TOC ")]
    assert toc == ('TOC \\o "1-1" \\h \\z \\u', "01 Foreword02 Governance")  # the sections until Word updates it
    assert [b.get(f"{W}dirty") for b in begins] == ["true"]
    # marked on the field itself, not by asking Word to update every field in the file
    assert b"updateFields" not in parts["word/settings.xml"]


def test_the_word_document_opens_with_its_footer_contents_page_and_a4_right_tab():
    docx = pytest.importorskip("docx")
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Pt

    from bscp_desktop.reports.pdf.styles import MARGIN_X, PAGE_WIDTH

    document = docx.Document(io.BytesIO(_docx(final=False)))
    for section in document.sections:
        assert not section.footer.is_linked_to_previous
        (paragraph,) = section.footer.paragraphs
        assert paragraph.text == f"{PARTNERSHIP}\tPage 1 of 1"
        stops = [(s.position, s.alignment) for s in paragraph.paragraph_format.tab_stops
                 if s.alignment != WD_TAB_ALIGNMENT.CLEAR]
        # one stop, at the right margin of A4: the Footer style's centre stop (for US Letter) is cleared
        assert stops == [(section.page_width - section.left_margin - section.right_margin, WD_TAB_ALIGNMENT.RIGHT)]
        assert abs(section.page_width - Pt(PAGE_WIDTH)) < Pt(1) and abs(section.left_margin - Pt(MARGIN_X)) < Pt(1)
        assert section.header.paragraphs[0].text == "DRAFT"
    (contents,) = [p for p in document.paragraphs if p.text == "Contents"]
    assert contents.paragraph_format.page_break_before  # after the cover, as the PDF's contents page
    assert document.styles["Footer"].font.size == Pt(8)
