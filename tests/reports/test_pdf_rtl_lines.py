"""A long passage in Arabic or Hebrew that wraps prints its lines in reading order: the first
line holds the first words, and each line reads right to left (`pdf.escaping.BidiParagraph`)."""

from __future__ import annotations

import re
import unicodedata

import pypdf
import pytest
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.platypus import Paragraph

from bscp_desktop.reports.pdf import DocumentBuilder, escape_text, paragraph
from bscp_desktop.reports.pdf.styles import paragraph_styles
from bscp_desktop.reports.rtl import visual_line

WORDS = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس"]
NUMBERED = " ".join(f"{WORDS[i % 5]}{i + 1:02d}" for i in range(40))  # word 1 to word 40


@pytest.fixture(autouse=True, scope="module")
def _fonts_loaded():
    """The fonts and the Arabic letter forms are read once, not in the first test's time."""
    paragraph(NUMBERED, paragraph_styles()["body"]).wrap(200, 100000)


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\u00a0", " ")


def _printed(para: Paragraph, width: float) -> list[str]:
    """The lines reportlab sets `para` in at `width`, each as drawn left to right."""
    para.wrap(width, 100000)
    lines = para.blPara.lines
    if para.blPara.kind == 0:
        return [_plain(" ".join(words)) for _extra, words in lines]
    return [_plain("".join(getattr(frag, "text", "") for frag in line.words)) for line in lines]


def _numbers(line: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", line)]


def test_a_wrapped_arabic_paragraph_starts_with_its_first_words():
    lines = _printed(paragraph(NUMBERED, paragraph_styles()["body"]), 200)
    assert len(lines) > 3
    assert 1 in _numbers(lines[0]) and 40 in _numbers(lines[-1])
    for line, following in zip(lines, lines[1:], strict=False):
        assert max(_numbers(line)) < min(_numbers(following))  # top to bottom in reading order
    for line in lines:  # each line reads right to left: its first word is drawn at the right
        assert _numbers(line) == sorted(_numbers(line), reverse=True)
    assert lines[0].endswith(_plain(visual_line("الأول01", True)))  # word 1, at the right end
    assert sorted(n for line in lines for n in _numbers(line)) == list(range(1, 41))


def test_a_wrapped_arabic_paragraph_in_a_pdf_reads_top_to_bottom(tmp_path):
    doc = DocumentBuilder(tmp_path / "out.pdf", title="Minutes", partnership_name="Partnership",
                          draft=False, sensitive=False)
    doc.para(NUMBERED)
    text = _plain(pypdf.PdfReader(str(doc.build())).pages[0].extract_text())
    lines = [_numbers(line) for line in text.splitlines() if "الأول" in line or "الخامس" in line]
    assert len(lines) > 1
    assert 1 in lines[0]
    assert [n for line in lines for n in sorted(line)] == list(range(1, 41))


def test_a_paragraph_that_starts_right_to_left_is_right_aligned():
    body = paragraph_styles()["body"]
    assert paragraph(NUMBERED, body).style.alignment == TA_RIGHT
    assert paragraph("Met Mr محمد today", body).style.alignment == TA_LEFT
    assert paragraph("Met Mr Smith today", body).style.alignment == TA_LEFT


def test_english_words_and_numbers_inside_arabic_stay_left_to_right():
    text = "اجتماع NSPCC في لندن (2024) مع الشركاء والمدارس في المنطقة الشمالية بتاريخ 12/03/2024."
    assert _plain(visual_line(text, True)) == (
        ".12/03/2024 خيراتب ةيلامشلا ةقطنملا يف سرادملاو ءاكرشلا عم (2024) ندنل يف NSPCC عامتجا"
    )
    lines = _printed(paragraph(text, paragraph_styles()["body"]), 240)
    assert len(lines) > 1
    assert lines[0].endswith("NSPCC عامتجا")  # the first words, read from the right
    assert lines[-1].startswith(".12/03/2024")  # the date kept whole, the full stop at its left
    assert "".join(lines).count("NSPCC") == 1


def test_a_long_arabic_run_in_an_english_paragraph_wraps_in_reading_order():
    text = "Mr Smith read out: " + NUMBERED[:300] + " and the meeting closed."
    lines = _printed(paragraph(text, paragraph_styles()["body"]), 220)
    assert lines[0].startswith("Mr Smith read out:")
    assert 1 in _numbers(lines[0])
    for line, following in zip(lines, lines[1:], strict=False):
        if _numbers(line) and _numbers(following):
            assert max(_numbers(line)) < min(_numbers(following))
    assert lines[-1].endswith("the meeting closed.")


def test_a_short_arabic_name_in_english_prints_as_before():
    body = paragraph_styles()["body"]
    text = "Met Mr محمد عمران on 12 March"
    assert paragraph(text, body).text == escape_text(text, body.fontName)


def test_each_new_line_takes_its_own_direction():
    lines = _printed(paragraph("شكراً للجميع.\nThanks to all.", paragraph_styles()["body"]), 400)
    assert lines == [_plain(visual_line("شكراً للجميع.", True)), "Thanks to all."]
    assert lines[0].startswith(".")  # the full stop ends the Arabic sentence, at its left


def test_latin_text_is_set_exactly_as_before():
    body = paragraph_styles()["body"]
    text = "Mr Smith gave apologies, & the <b>chair</b> opened the meeting.\n  Indented\tline"
    para = paragraph(text, body)
    assert type(para) is Paragraph
    assert para.text == (
        "Mr Smith gave apologies, &amp; the &lt;b&gt;chair&lt;/b&gt; opened the meeting."
        "<br/>\u00a0\u00a0Indented\u00a0\u00a0\u00a0 line"
    )
    long = "Minutes of the meeting: Mr Smith gave apologies and the chair opened it. " * 6
    assert _printed(paragraph(long, body), 180) == _printed(Paragraph(long.strip(), body), 180)


def test_user_markup_in_right_to_left_text_prints_literally(tmp_path):
    text = 'ملاحظة <b>مهمة</b> & <font name="Courier">x</font> ' + NUMBERED
    para = paragraph(text, paragraph_styles()["body"])
    para.wrap(200, 100000)
    fonts = {frag.fontName for line in para.blPara.lines for frag in line.words}
    assert fonts <= {"DejaVuSans", "NotoSansArabic"}  # no bold, no Courier
    doc = DocumentBuilder(tmp_path / "out.pdf", title="Minutes", partnership_name="Partnership",
                          draft=False, sensitive=False)
    doc.para(text)
    printed = _plain(pypdf.PdfReader(str(doc.build())).pages[0].extract_text())
    assert 'name="Courier"' in printed and "&" in printed and "b>" in printed


def test_a_paragraph_split_over_a_page_keeps_its_lines_in_order():
    para = paragraph(NUMBERED, paragraph_styles()["body"])
    para.wrap(200, 100000)
    first, rest = para.split(200, 3 * para.style.leading + 1)
    top = _printed(first, 200)
    bottom = _printed(rest, 200)
    assert len(top) == 3
    assert len(top) + len(bottom) == len(_printed(para, 200))  # no blank line at the top of the next page
    assert 1 in _numbers(top[0]) and 40 in _numbers(bottom[-1])
    assert max(_numbers(top[-1])) < min(_numbers(bottom[0]))
