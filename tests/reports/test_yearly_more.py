"""The yearly report's Word draft is laid out as its PDF is: an A4 page with the PDF's margins,
and British English as the language of its text (python-docx's own template is US Letter, en-US)."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

from bscp_desktop.reports.yearly_report import ReportSection, YearlyReportDocument, docx_bytes

TWIPS_PER_MM = 1440 / 25.4


def _xml(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def _report() -> bytes:
    return docx_bytes(YearlyReportDocument(
        "Yearly report 2023/24", "Brent Safeguarding Children Partnership", date(2023, 4, 1), date(2024, 3, 31),
        False, (ReportSection(1, "Foreword", "The partnership's year, organised by its groups."),)))


def test_the_word_draft_is_an_a4_page_with_the_margins_of_the_pdf():
    document = _xml(_report(), "word/document.xml")
    (size,) = re.findall(r"<w:pgSz [^>]*>", document)
    width, height = (int(re.search(rf'w:{a}="(\d+)"', size).group(1)) for a in ("w", "h"))
    assert (round(width / TWIPS_PER_MM), round(height / TWIPS_PER_MM)) == (210, 297)
    (margins,) = re.findall(r"<w:pgMar [^>]*>", document)
    mm = {side: round(int(re.search(rf'w:{side}="(\d+)"', margins).group(1)) / TWIPS_PER_MM)
          for side in ("top", "right", "bottom", "left")}
    assert mm == {"top": 22, "right": 18, "bottom": 20, "left": 18}  # as reports/pdf/styles.py has them


def test_the_word_draft_is_in_british_english():
    styles = _xml(_report(), "word/styles.xml")
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S).group(0)
    assert re.search(r'<w:lang [^>]*w:val="en-GB"', defaults)
    normal = re.search(r'<w:style [^>]*w:styleId="Normal".*?</w:style>', styles, re.S).group(0)
    assert re.search(r'<w:lang [^>]*w:val="en-GB"', normal)
    assert "en-US" not in re.findall(r'<w:lang [^>]*w:val="([^"]+)"', styles)
    assert 'w:val="en-GB"' in re.search(r"<w:themeFontLang [^>]*>", _xml(_report(), "word/settings.xml")).group(0)
