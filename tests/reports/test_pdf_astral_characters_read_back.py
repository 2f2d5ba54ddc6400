"""Emoji and other characters beyond U+FFFF printed in a PDF (from the symbol font, the Chinese
and Japanese fallback font or the main font) read back as themselves when the PDF's text is
copied, searched or read aloud, not as other characters."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest
from reportlab.pdfbase import pdfmetrics

from bscp_desktop.reports.pdf import DocumentBuilder, register_fonts, shaping
from bscp_desktop.reports.pdf.escaping import font_runs
from bscp_desktop.reports.pdf.fonts import _MAIN_FILES, FALLBACK_FONTS, FONT

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")

SECTION = "Emoji 👶🏽 🧒 ❤️ 🇬🇧 ZWJ 👨‍👩‍👧 done."
DESERET = "Name 𐐀𐐨 read"  # Deseret: only in Droid Sans Fallback
MATHS = "Bold 𝐀𝐁 and Old Italic 𐌀 here"  # 𝐀 from Symbola, 𐌀 from DejaVu Sans
LATIN = "Zoë Łukasz ❤ attended"
ARABIC = "اسم الطفل"


@pytest.fixture(scope="module", autouse=True)
def _fonts():
    register_fonts()


def _poppler_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _letters(text: str) -> str:
    """Text as a reader gives it back, with Arabic's printed letter forms as letters and no
    direction marks."""
    return "".join(char for char in unicodedata.normalize("NFKC", text) if unicodedata.category(char) != "Cf")


def test_the_sample_text_is_set_in_the_symbol_the_chinese_and_the_main_font():
    runs = [run for text in (SECTION, DESERET, MATHS) for run in font_runs(text, FONT)]
    fonts = {fallback.spec.name if fallback else FONT for fallback, _text in runs}
    assert {"Symbola", "DroidSansFallback", FONT} <= fonts


def test_every_embedded_font_writes_characters_beyond_u_ffff_as_they_read():
    names = [*_MAIN_FILES, *(spec.name for spec in FALLBACK_FONTS)]
    for name in names:
        assert isinstance(pdfmetrics.getFont(name), shaping.ReadableTTFont), name


def test_emoji_and_other_characters_beyond_u_ffff_read_back_exactly(tmp_path):
    doc = DocumentBuilder(tmp_path / "out.pdf", title="Yearly report", partnership_name="Brent", sensitive=False)
    doc.heading("Partner activity 👶", 2)
    for line in (SECTION, DESERET, MATHS, LATIN, ARABIC):
        doc.para(line)
    doc.table(["Child", "Note"], [["👶 Baby", "𐐀 and 🧒"]])
    text = _poppler_text(doc.build())
    for line in (SECTION, DESERET, MATHS, LATIN, "Partner activity 👶", "👶 Baby", "𐐀 and 🧒"):
        assert line in text, line
    assert ARABIC in _letters(text) or ARABIC[::-1] in _letters(text)
