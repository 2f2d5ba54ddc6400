"""Names in Thai, Ethiopic, Sinhala, Telugu, Kannada, Malayalam, Myanmar, Khmer, Odia, Thaana and
Adlam print in PDFs in their own Noto Sans font (not as missing-glyph boxes), shaped where the
script needs it, and come back as text when the PDF is read."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest
from reportlab.pdfbase import pdfmetrics

from bscp_desktop import paths
from bscp_desktop.reports.pdf import DocumentBuilder, paragraph, paragraph_styles, register_fonts, shaping
from tests.reports.test_pdf_indic_shaping import _drawn, _extracted

uharfbuzz = pytest.importorskip("uharfbuzz")

#: (name, font it prints in): a name from each community, written as its people write it
NAMES = [
    ("สมศักดิ์ ใจดี", "NotoSansThai"),  # Thai: a tone mark stacked over a vowel sign
    ("አበበ በቂላ", "NotoSansEthiopic"),  # Amharic
    ("ተስፋዬ ገብረመድህን", "NotoSansEthiopic"),  # Tigrinya
    ("ශ්‍රීයානි පෙරේරා", "NotoSansSinhala"),  # "ශ්‍රී" joined with a zero width joiner
    ("వెంకటేశ్వర్లు", "NotoSansTelugu"),
    ("ಶ್ರೀನಿವಾಸ", "NotoSansKannada"),
    ("ലക്ഷ്മി കൃഷ്ണൻ", "NotoSansMalayalam"),
    ("အောင်ဆန်းစုကြည်", "NotoSansMyanmar"),  # a vowel sign printed before its consonant
    ("សុខ ស្រីពៅ", "NotoSansKhmer"),  # a consonant written under another
    ("ପ୍ରିୟଙ୍କା", "NotoSansOriya"),  # two signs over and under one letter
]
#: Right to left: Dhivehi (Thaana, a vowel sign on every letter) and Fula (Adlam, joined letters)
THAANA = ("މުޙައްމަދު ނަޝީދު", "NotoSansThaana")
ADLAM = ("𞤀𞤥𞤢𞤣𞤵 𞤔𞤢𞤤𞤤𞤮", "NotoSansAdlam")
EVERY_NAME = [*NAMES, THAANA, ADLAM]


@pytest.fixture(scope="module", autouse=True)
def _fonts():
    register_fonts()
    if not shaping.available():
        pytest.skip("reportlab cannot shape here")
    for name, _font in EVERY_NAME:  # each font's first shaping, not in the first test's time
        paragraph(name, paragraph_styles()["body"]).wrap(400, 1000)


def _harfbuzz_glyphs(text: str, font: str) -> list[int]:
    """The glyphs HarfBuzz draws `text` (in reading order) with in the shipped font, in the
    order they print."""
    face = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(paths.resource("fonts", f"{font}-Regular.ttf"))))
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    uharfbuzz.shape(uharfbuzz.Font(face), buffer, {"kern": True, "liga": True, "dlig": True})
    return [info.codepoint for info in buffer.glyph_infos]


def _poppler_text(path) -> str:
    run = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return unicodedata.normalize("NFC", run.stdout)


@pytest.mark.parametrize(("text", "font"), EVERY_NAME, ids=[font for _text, font in EVERY_NAME])
def test_each_name_prints_in_its_script_font_with_the_glyphs_harfbuzz_gives(text, font):
    word = text.split(" ")[0]
    runs = _drawn(paragraph(word, paragraph_styles()["body"]))
    assert [name for name, _glyphs in runs] == [font]
    space = pdfmetrics.getFont(font).face.charToGlyph[32]
    glyphs = [glyph for glyph in runs[0][1] if glyph != space]  # a blank before a raised sign
    assert 0 not in glyphs  # no missing-glyph box
    assert glyphs == _harfbuzz_glyphs(word, font)


def test_a_right_to_left_name_prints_from_its_last_letter_joined():
    """Adlam is shaped in reading order: the letters of "𞤀𞤥𞤢𞤣𞤵" take their joined forms, not
    the forms standing alone, and print from the last letter, at the left, to the first."""
    (font, glyphs), = _drawn(paragraph("𞤀𞤥𞤢𞤣𞤵", paragraph_styles()["body"]))
    face = pdfmetrics.getFont(font).face
    alone = [face.charToGlyph[ord(char)] for char in "𞤀𞤥𞤢𞤣𞤵"]
    assert glyphs == _harfbuzz_glyphs("𞤀𞤥𞤢𞤣𞤵", "NotoSansAdlam")
    assert not set(glyphs) & set(alone)


def test_a_raised_sign_never_starts_a_run_nor_follows_another():
    """reportlab cannot start a piece of text with a raised or lowered glyph, and after one
    (Khmer's "ស្ត្រី" has two, lowered by different amounts) it leaves the baseline where the
    second put it: a blank that takes no room stands between."""
    for text in ("ދު", "ស្ត្រី", "ប៉ុន្តែ"):
        frag = paragraph(text, paragraph_styles()["body"]).frags[0]  # the run in the script's font
        for _frag, shaped in shaping.shape_frag_word([0.0, (frag, text)])[1:]:
            data = shaped.__shapeData__
            assert not data[0].y_offset
            for before, glyph in zip(data, data[1:], strict=False):
                if before.y_offset and glyph.y_offset:
                    assert (before.cluster, before.y_offset) == (glyph.cluster, glyph.y_offset)


def test_cluster_texts_give_a_sign_over_a_sign_to_the_letter_under_them():
    # "ପ୍ରି": the i sign and the ra under "ପ" take no room; both read with "ପ"
    texts = shaping._cluster_texts([0, 1, 1, 4, 5, 8], [741, 0, 0, 848, 738, 201], "ପ୍ରିୟଙ୍କା")
    assert texts == ["ପ୍ରି", "", "", "ୟ", "ଙ୍କ", "ା"]


def test_cluster_texts_of_a_right_to_left_run_read_each_glyph_as_itself():
    # "މަދު" drawn from its end: the sign of "ދ" first, then "ދ", the sign of "މ", then "މ"
    texts = shaping._cluster_texts([3, 2, 1, 0], [0, 634, 0, 518], "މަދު", right_to_left=True)
    assert texts == ["ު", "ދ", "ަ", "މ"]


@pytest.mark.slow  # lays out and reads back a PDF
def test_a_pdf_of_these_names_prints_them_and_reads_as_typed(tmp_path):
    doc = DocumentBuilder(tmp_path / "out.pdf", title="Members", partnership_name="Brent", sensitive=False)
    for text, _font in EVERY_NAME:
        doc.para(f"Name: {text}")
    doc.para(" ".join([THAANA[0]] * 4))  # a long passage: its words are drawn apart, each from its last sign
    doc.table(["Name", "Role"], [[text, "Member"] for text, _font in EVERY_NAME])
    path = doc.build()
    text = _extracted(path)
    for name, _font in NAMES:
        assert text.count(name) >= 2, name
    assert text.count(THAANA[0]) >= 6
    # pypdf turns only the right-to-left scripts of Unicode's first plane back into reading
    # order: Adlam comes back as printed, from its last letter
    assert text.count(ADLAM[0]) + text.count(ADLAM[0][::-1]) >= 2


@pytest.mark.slow  # lays out a PDF and runs pdftotext
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_poppler_reads_the_names_as_typed(tmp_path):
    doc = DocumentBuilder(tmp_path / "out.pdf", title="Members", partnership_name="Brent", sensitive=False)
    for text, _font in EVERY_NAME:
        doc.para(f"Name: ({text}), Member")
    text = _poppler_text(doc.build())
    for name, _font in NAMES:
        assert f"Name: ({name}), Member" in text
    # poppler moves the sign drawn first (the run's last, before any right-to-left letter) to
    # the run's front, and leaves Adlam (beyond Unicode's first plane) in the order it prints
    assert THAANA[0][:-1] in text.replace("\u00a0", " ")
    assert ADLAM[0] in text or ADLAM[0][::-1] in text
