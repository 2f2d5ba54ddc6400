"""A paragraph or bullet of the yearly report's written sections in Hebrew or Arabic prints as
every other report prints one (`pdf.escaping.styled_paragraph`, a `BidiParagraph`): its lines
top to bottom in reading order, right-aligned, each word in its bold or italic."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pypdf
import pytest
from reportlab.lib.enums import TA_RIGHT

from bscp_desktop.reports.pdf.escaping import BidiParagraph, styled_paragraph
from bscp_desktop.reports.pdf.styles import paragraph_styles
from bscp_desktop.reports.yearly_report import ReportSection, YearlyReportDocument, pdf_bytes


def _face(n: int) -> str:
    """Word n of the passage: every seventh bold, every fifth (not bold) italic."""
    word = f"מילה{n:02d}"
    return f"**{word}**" if n % 7 == 0 else f"*{word}*" if n % 5 == 0 else word


PASSAGE = " ".join(_face(n) for n in range(1, 61))


@pytest.fixture(autouse=True, scope="module")
def _fonts_loaded():
    """The fonts and the Arabic letter forms are read once, not in the first test's time."""
    styled_paragraph([("تقرير ", True, False), ("מילה", False, True)], paragraph_styles()["body"]).wrap(200, 1000)


def _numbers(line: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d\d", line)]


@pytest.mark.slow  # a whole PDF
def test_a_wrapped_hebrew_paragraph_of_a_written_section_reads_top_to_bottom(tmp_path):
    document = YearlyReportDocument("Yearly report", "Partnership", date(2023, 4, 1), date(2024, 3, 31), False,
                                    (ReportSection(1, "Foreword", PASSAGE + "\n\n- " + PASSAGE),))
    path = tmp_path / "yearly.pdf"
    path.write_bytes(pdf_bytes(document))
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages[2:])
    lines = [_numbers(line) for line in unicodedata.normalize("NFKC", text).splitlines() if "מילה" in line]
    assert len(lines) > 6
    words = [n for line in lines for n in sorted(line)]
    assert words == list(range(1, 61)) * 2  # the paragraph, then the bullet: each line after the one before


def _frags(para, width: float) -> list[list[tuple[str, str]]]:
    para.wrap(width, 100000)
    return [[(frag.fontName, frag.text) for frag in line.words if getattr(frag, "text", "")] for line in para.blPara.lines]


def test_each_word_of_a_right_to_left_paragraph_keeps_its_bold_or_italic():
    from bscp_desktop.domain.yearly_report import TextPara, parse_text

    (block,) = parse_text(PASSAGE)
    assert isinstance(block, TextPara)
    para = styled_paragraph([(r.text, r.bold, r.italic) for r in block.runs], paragraph_styles()["body"])
    assert isinstance(para, BidiParagraph) and para.style.alignment == TA_RIGHT
    lines = _frags(para, 300)
    assert len(lines) > 3
    seen = []
    for line in lines:
        numbers = []
        for font, text in line:
            for n in _numbers(text):
                numbers.append(n)
                assert ("Bold" in font) == (n % 7 == 0), (n, font)
                assert ("Oblique" in font) == (n % 5 == 0 and n % 7 != 0), (n, font)
        assert numbers == sorted(numbers, reverse=True)  # each line reads right to left
        seen += sorted(numbers)
    assert seen == list(range(1, 61))  # and the lines top to bottom


def test_a_lam_and_alef_joined_in_one_ligature_take_the_lams_bold():
    runs = [("تقرير ", False, False), ("ل", True, False), ("ا", False, False), (" السنوي", False, False)]
    lines = _frags(styled_paragraph(runs, paragraph_styles()["body"]), 400)
    assert len(lines) == 1
    bold = [text for font, text in lines[0] if "Bold" in font]
    assert bold == ["\ufefb"]  # lam-alef, isolated: the one bold character
    assert "".join(text for _font, text in lines[0]).count("\ufefb") == 1


def test_a_left_to_right_paragraph_keeps_its_markup():
    para = styled_paragraph([("The Forum met ", False, False), ("often", True, False), (" & <well>", False, True)],
                            paragraph_styles()["body"])
    assert not isinstance(para, BidiParagraph)
    assert para.text == "The Forum met <b>often</b><i> &amp; &lt;well&gt;</i>"
