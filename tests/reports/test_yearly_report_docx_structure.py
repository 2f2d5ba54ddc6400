"""The yearly report's Word document says on its cover what its PDF says (final or a draft); its
contents field lists the sections, not its own title; and a chart's title is a caption, as the PDF
draws it with the chart, not a heading nested under the table before it."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest

from bscp_desktop.domain.yearly_report import ChartBlock, Table
from bscp_desktop.reports.yearly_report import ReportSection, YearlyReportDocument, docx_bytes

TRAINING = ReportSection(2, "Learning and development", "Our training.", (
    Table("Training figures", ("Figure", "This period"), (("Sessions run", "45"),)),
    ChartBlock("Attendance by course topic", ("Neglect", "Exploitation"), (("This period", (100.0, 90.0)),),
               "Delegates", "Course topic", "Bar chart of delegates who attended each course topic"),
    Table("Year on year", ("Financial year", "Sessions"), (("2023/24", "25"),)),
), built=True)


def _document(final: bool) -> docx.document.Document:
    report = YearlyReportDocument("Yearly report 2023/24", "Brent Safeguarding Children Partnership",
                                  date(2023, 4, 1), date(2024, 3, 31), final,
                                  (ReportSection(1, "Foreword", "Our year."), TRAINING))
    return docx.Document(io.BytesIO(docx_bytes(report)))


@pytest.mark.parametrize(("final", "status"), [(True, "Final report"), (False, "Draft: not for publication")])
def test_the_cover_says_whether_the_report_is_final_as_the_pdf_does(final, status):
    cover = [p.text for p in _document(final).paragraphs[:5]]
    assert status in cover
    assert ("Draft: not for publication" in cover) is not final


def test_the_contents_title_is_not_a_heading_the_contents_field_would_list():
    paragraphs = _document(True).paragraphs
    (contents,) = [p for p in paragraphs if p.text == "Contents"]
    assert contents.style.name == "TOC Heading"
    assert contents.style.element.pPr.xpath("./w:outlineLvl/@w:val") == ["9"]  # body text: not in the contents
    assert [p.text for p in paragraphs if p.style.name == "Heading 1"] == ["01 Foreword", "02 Learning and development"]


def test_a_charts_title_is_a_caption_kept_with_its_chart_not_a_heading():
    paragraphs = _document(True).paragraphs
    (title,) = [p for p in paragraphs if p.text == "Attendance by course topic"]
    assert title.style.name == "Caption" and title.paragraph_format.keep_with_next
    headings = [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings == [("Heading 1", "01 Foreword"), ("Heading 1", "02 Learning and development"),
                        ("Heading 2", "Training figures"), ("Heading 2", "Year on year")]
