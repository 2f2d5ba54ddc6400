"""Acceptance: the demo's yearly report as PDF and Word, read back (pypdf, python-docx)."""

from __future__ import annotations

import re
import shutil
from datetime import date

import docx
import pytest
from pypdf import PdfReader

from bscp_desktop import jobs
from bscp_desktop.db.database import Database
from bscp_desktop.domain.yearly_report import SECTIONS
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import yearly_report as yr

MEETINGS = [
    "7 November 2022", "1 December 2022", "6 December 2022", "2 March 2023", "9 March 2023", "20 April 2023",
    "17 May 2023", "26 July 2023", "8 December 2023", "14 December 2023", "1 February 2024", "22 February 2024",
    "14 March 2024", "21 March 2024",
]


def demo_report(db):
    (report,) = [r for r in yr.list_reports(db) if (r.period_start, r.period_end) == (date(2022, 10, 1), date(2024, 3, 31))]
    return report


def flat(text: str) -> str:
    return " ".join(text.split())


def in_order(text: str, needles: list[str]) -> bool:
    positions = [text.find(n) for n in needles]
    return all(p >= 0 for p in positions) and positions == sorted(positions)


@pytest.fixture(scope="module")
def outputs(demo_file, tmp_path_factory):
    """The demo's yearly report as PDF and Word, written once for the tests that only read them."""
    folder = tmp_path_factory.mktemp("yearly")
    shutil.copyfile(demo_file, folder / "demo.sqlite3")
    db = Database.open(folder / "demo.sqlite3", backup_folder=folder / "backups")
    report = demo_report(db)
    pdf = jobs.write_report(db, "yearly", folder / "Yearly report.pdf", record_id=report.id)
    word = jobs.write_report(db, "yearly", folder / "Yearly report.docx", record_id=report.id)
    yield db, report, pdf, word
    db.close()


def docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@pytest.mark.slow
def test_the_demo_pdf_has_the_meetings_in_order_the_finance_totals_and_every_section(outputs):
    db, report, pdf, _word = outputs
    reader = PdfReader(pdf)
    text = flat("\n".join(p.extract_text() for p in reader.pages))
    assert in_order(text, MEETINGS)
    activity = text[text.find("Meetings held"):]
    assert [m for m in re.findall(r"\d{1,2} [A-Z][a-z]+ 20\d\d", activity) if m in MEETINGS][:14] == MEETINGS
    assert "£65,619.75" in text and "£27,488.00" in text
    for number, s in enumerate(SECTIONS, start=1):
        assert f"{number:02d} {s.title}" in text
    assert "Contents" in text and "DRAFT" in text and f"Page 1 of {len(reader.pages)}" in text
    assert "Bar chart of delegates who attended each course topic" in text  # the charts' text alternative
    fonts = {str(f.get("/BaseFont")) for page in reader.pages for f in (page["/Resources"].get("/Font") or {}).values()
             for f in [f.get_object()]}
    assert any("DejaVu" in f for f in fonts)


@pytest.mark.slow
def test_the_demo_word_document_has_headings_header_rows_and_alt_text(outputs):
    _db, _report, _pdf, word = outputs
    document = docx.Document(word)
    text = docx_text(document)
    assert in_order(flat(text), MEETINGS)
    assert "£65,619.75" in text and "£27,488.00" in text
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"{n:02d} {s.title}" for n, s in enumerate(SECTIONS, start=1)]  # "Contents" is not one
    assert document.paragraphs[1].style.name == "Title"
    fields = [t.text for t in document.element.body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}instrText")]
    assert any(f.startswith("TOC ") for f in fields)  # a contents field Word fills with page numbers
    for table in document.tables:
        assert table.rows[0]._tr.trPr is not None and table.rows[0]._tr.trPr.xpath("./w:tblHeader")
    pictures = document.inline_shapes
    assert len(pictures) == 2  # attendance by topic and by partner agency
    for picture in pictures:
        assert picture._inline.docPr.get("descr", "").startswith("Bar chart of delegates")
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "Integrated Care Board" in bold  # simple formatting survives
    assert any(p.style.name == "List Bullet" for p in document.paragraphs)


@pytest.mark.slow
def test_no_child_alias_or_reference_is_printed(outputs):
    db, _report, pdf, word = outputs
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages) + docx_text(docx.Document(word))
    for case in cr.list_case_reviews(db, include_archived=True):
        assert case.reference not in text
        assert not re.search(rf"\b{re.escape(case.alias)}\b", text)


@pytest.mark.slow
def test_a_final_report_has_no_draft_mark(demo_db, tmp_path):
    db, report = demo_db, demo_report(demo_db)
    yr.set_final(db, report.id, True, on=date(2024, 6, 30))
    out = jobs.write_report(db, "yearly", tmp_path / "final.pdf", record_id=report.id)
    assert "DRAFT" not in "\n".join(p.extract_text() for p in PdfReader(out).pages)
