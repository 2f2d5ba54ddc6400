"""Indic names in PDFs: shaped with HarfBuzz (conjuncts, vowel signs in their printed place),
only those runs, and still reading as typed when the text is extracted."""

from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata

import pypdf
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import ListFlowable, ListItem, Paragraph

from bscp_desktop import paths
from bscp_desktop.reports.pdf import DocumentBuilder, escape_text, paragraph, paragraph_styles, register_fonts, shaping

uharfbuzz = pytest.importorskip("uharfbuzz")

#: (text, font it prints in, file of that font): a name from each community whose script the
#: shipped fonts cover; each has a vowel sign printed before its consonant or a conjunct
NAMES = [
    ("सामुदायिक", "NotoSansDevanagari", "NotoSansDevanagari-Regular.ttf"),  # the i sign before "क"
    ("क्षत्रिय", "NotoSansDevanagari", "NotoSansDevanagari-Regular.ttf"),  # "क्ष" one glyph
    ("ભાવિન", "NotoSansGujarati", "NotoSansGujarati-Regular.ttf"),
    ("શ્રીમતી", "NotoSansGujarati", "NotoSansGujarati-Regular.ttf"),
    ("கிருஷ்ணமூர்த்தி", "NotoSansTamil", "NotoSansTamil-Regular.ttf"),
    ("ਗੁਰਪ੍ਰੀਤ", "NotoSansGurmukhi", "NotoSansGurmukhi-Regular.ttf"),
    ("রবীন্দ্রনাথ", "NotoSansBengali", "NotoSansBengali-Regular.ttf"),
]
REPORT = "सामुदायिक रिपोर्ट"


def _harfbuzz_glyphs(text: str, file: str) -> list[int]:
    """The glyphs HarfBuzz draws `text` with in the shipped font `file`."""
    face = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(paths.resource("fonts", file))))
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    uharfbuzz.shape(uharfbuzz.Font(face), buffer, {"kern": True, "liga": True, "dlig": True})
    return [info.codepoint for info in buffer.glyph_infos]


def _drawn(para: Paragraph, width: float = 400) -> list[tuple[str, list[int]]]:
    """(font, glyphs) of each run of the paragraph's first line as reportlab will draw it."""
    para.wrap(width, 1000)
    lines = para.blPara.lines
    frags = lines[0].words if para.blPara.kind else [para.frags[0]]
    runs = []
    for frag in frags:
        text = getattr(frag, "text", "")
        if text:
            face = pdfmetrics.getFont(frag.fontName).face
            runs.append((frag.fontName, [face.charToGlyph[ord(char)] for char in text]))
    return runs


def _extracted(path) -> str:
    pages = pypdf.PdfReader(str(path)).pages
    return "\n".join(unicodedata.normalize("NFC", page.extract_text() or "") for page in pages)


@pytest.fixture(scope="module", autouse=True)
def _fonts():
    register_fonts()
    if not shaping.available():
        pytest.skip("reportlab cannot shape here")


@pytest.mark.parametrize(("text", "font", "file"), NAMES)
def test_each_script_is_drawn_with_the_glyphs_harfbuzz_gives(text, font, file):
    runs = _drawn(paragraph(text, paragraph_styles()["body"]))
    assert [name for name, _glyphs in runs] == [font]
    assert runs[0][1] == _harfbuzz_glyphs(text, file)


def test_the_i_sign_prints_before_its_consonant():
    (_font, glyphs), = _drawn(paragraph("कि", paragraph_styles()["body"]))
    face = pdfmetrics.getFont("NotoSansDevanagari").face
    assert glyphs[1] == face.charToGlyph[ord("क")]  # the consonant second: the sign is drawn first
    assert glyphs[0] != face.charToGlyph[ord("ि")] or len(glyphs) == 2


def test_a_word_in_two_fonts_shapes_each_in_its_own():
    """Brackets are DejaVu Sans, the name Noto Sans Devanagari: each part keeps its own glyphs."""
    runs = _drawn(paragraph("Mr (सामुदायिक)", paragraph_styles()["body"]))
    dejavu = pdfmetrics.getFont("DejaVuSans").face
    assert runs[0] == ("DejaVuSans", [dejavu.charToGlyph[ord(c)] for c in "Mr ("])
    assert runs[1] == ("NotoSansDevanagari", _harfbuzz_glyphs("सामुदायिक)", "NotoSansDevanagari-Regular.ttf"))


def test_only_paragraphs_with_indic_text_are_shaped():
    styles = paragraph_styles()
    assert not paragraph("Mr Smith, AV To Wa office", styles["body"]).style.shaping
    assert not paragraph("محمد علي", styles["body"]).style.shaping
    assert not paragraph("王秀英 김민준", styles["body"]).style.shaping
    assert paragraph(REPORT, styles["body"]).style.shaping
    assert paragraph("محمد " + REPORT, styles["body"]).style.shaping
    assert not styles["body"].shaping  # the house style itself is left as it was


def test_latin_and_arabic_words_are_left_as_reportlab_draws_them():
    """Inside a shaped paragraph, only the Indic runs change: no kerning or ligatures in Latin."""
    word = [10.0, (paragraph("x", paragraph_styles()["body"]).frags[0], "AVATAR")]
    assert shaping.shape_frag_word(word) is word


def test_a_pdf_of_indic_names_prints_them_shaped_and_reads_as_typed(tmp_path):
    doc = DocumentBuilder(tmp_path / "out.pdf", title=REPORT, partnership_name="Brent", sensitive=False)
    doc.heading(REPORT, 1)
    for text, _font, _file in NAMES:
        doc.para(f"Name: {text}")
    doc.table(["Name", "Role"], [[text, "Member"] for text, _font, _file in NAMES])
    path = doc.build()
    text = _extracted(path)
    assert text.count(REPORT) >= 2  # heading and running header
    for name, _font, _file in NAMES:
        assert text.count(name) >= 2, name
    readings = _readings(path, "Devanagari")
    assert "क्ष" in readings  # one glyph standing for three letters


def _readings(path, family: str) -> set[str]:
    """What the codes of the PDF's subsets of `family` read as (their ToUnicode maps)."""
    readings = set()
    for ref in pypdf.PdfReader(str(path)).pages[0]["/Resources"]["/Font"].values():
        font = ref.get_object()
        if family in str(font["/BaseFont"]):
            cmap = font["/ToUnicode"].get_object().get_data().decode()
            entries = cmap.split("beginbfchar")[1].split("endbfchar")[0].split()
            readings |= {bytes.fromhex(target.strip("<>")).decode("utf-16-be") for target in entries[1::2]}
    return readings


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_poppler_reads_the_shaped_names_as_typed(tmp_path):
    doc = DocumentBuilder(tmp_path / "out.pdf", title="Names", partnership_name="Brent", sensitive=False)
    for text, _font, _file in NAMES:
        doc.para(f"Name: ({text}), पटेल ঠাকুর")
    path = doc.build()
    text = unicodedata.normalize("NFC", subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                                        text=True, check=True).stdout)
    for name, _font, _file in NAMES:
        assert f"Name: ({name}), पटेल ঠাকুর" in text


def test_paragraphs_added_as_flowables_and_contents_entries_are_shaped(tmp_path):
    """The yearly report adds its own Paragraphs of `escape_text` markup, in lists too."""
    doc = DocumentBuilder(tmp_path / "out.pdf", title="Yearly", partnership_name="Brent", sensitive=False)
    body = doc.styles["body"]
    doc.contents()
    doc.heading(REPORT, 1, contents=True)
    doc.add(Paragraph("<b>Chair:</b> " + escape_text("ભાવિન"), body))
    doc.add(ListFlowable([ListItem(Paragraph(escape_text("கிருஷ்ணமூர்த்தி"), body), value="•")], bulletType="bullet"))
    doc.add(Paragraph("Latin only", body))
    plain, listed = doc.story[-1], doc.story[-2]
    assert doc.story[-3].style.shaping and listed._flowables[0]._flowables[0].style.shaping
    assert not plain.style.shaping
    assert [level.shaping for level in doc._contents.levelStyles] == [1, 1, 1]
    text = _extracted(doc.build())
    for name in (REPORT, "ભાવિન", "கிருஷ்ணமூர்த்தி"):
        assert name in text


def test_cluster_texts_share_each_syllable_over_its_glyphs():
    # "यि": the i sign (drawn first) and "य" share cluster 0; "क" is cluster 2
    assert shaping._cluster_texts([0, 0, 2], [259, 580, 762], "यिक") == ["य", "ि", "क"]
    # a conjunct: one glyph for three letters
    assert shaping._cluster_texts([0], [712], "क्ष") == ["क्ष"]
    # a mark that takes no room reads with the glyph before it
    assert shaping._cluster_texts([0, 1, 2, 3], [568, 504, 0, 678], "पटेल") == ["प", "टे", "", "ल"]
    # more glyphs than letters: the extra glyphs read as nothing
    assert shaping._cluster_texts([0, 0, 0], [901, 825, 640], "கொ") == ["க", "ொ", ""]


@pytest.mark.slow
def test_without_harfbuzz_the_pdf_is_written_unshaped(tmp_path):
    """A copy of the program without uharfbuzz still writes the PDF, its letters in typed order."""
    out = tmp_path / "out.pdf"
    script = (
        "import sys; sys.modules['uharfbuzz'] = None\n"
        "from bscp_desktop.reports.pdf import DocumentBuilder, shaping\n"
        "assert not shaping.available()\n"
        f"doc = DocumentBuilder({str(out)!r}, title='T', partnership_name='Brent', sensitive=False)\n"
        f"doc.para({REPORT!r})\n"
        "assert not doc.story[-1].style.shaping\n"
        "doc.build()\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=paths.resources_dir().parent, timeout=120)
    assert REPORT in _extracted(out)
