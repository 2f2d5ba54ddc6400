"""The embedded TrueType fonts, and the fallback fonts for scripts the main font lacks.

Fonts are TrueType files shipped in `resources/fonts` and embedded (as subsets): DejaVu Sans
for Latin, Greek, Cyrillic, Hebrew, Arabic and most symbols, with Noto Sans for Arabic,
Bengali, Devanagari, Gujarati, Gurmukhi, Tamil, Telugu, Kannada, Malayalam, Sinhala, Odia
(Oriya), Myanmar (Burmese), Khmer, Thai, Ethiopic (Amharic, Tigrinya), Thaana (Dhivehi) and
Adlam (Fula), Droid Sans Fallback for Chinese and Japanese, and NanumSquare for Korean
(Hangul: Droid Sans Fallback has only three of its syllables). The Noto Sans fonts but Arabic
(joined by `reports.rtl`) and Ethiopic are shaped (`shaping`), so conjuncts, vowel signs and
joined letters print as they should; Thaana and Adlam, written right to left, are shaped in
reading order. The scripts from Telugu on ship in one weight (bold text in them prints regular),
which keeps the double-click bundle within its size. Every font is a `shaping.ReadableTTFont`, so
that what it prints reads back as typed, emoji and other characters beyond U+FFFF included.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics

from bscp_desktop import paths
from bscp_desktop.reports.pdf import shaping

log = logging.getLogger(__name__)


FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"

_MAIN_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

_ARABIC_SCRIPT = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)

_THAI_SCRIPT = ((0x0E00, 0x0E7F),)  # DejaVu Sans has its baht sign: a word stays in one font

_HANGUL_SCRIPT = (
    (0x1100, 0x11FF),  # jamo
    (0x3130, 0x318F),  # compatibility jamo
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),  # syllables and jamo extended-B
)


@dataclass(frozen=True)
class FallbackFont:
    """A font used for characters the main font lacks. `preferred` ranges use this font
    even where the main font has the character (so a word is not set in two fonts). A
    `shaped` font's runs are shaped (`shaping`): scripts whose letters change form, order or
    place (a vowel sign over its letter)."""

    name: str
    regular: str
    bold: str | None = None
    preferred: tuple[tuple[int, int], ...] = ()
    shaped: bool = False


FALLBACK_FONTS: tuple[FallbackFont, ...] = (
    FallbackFont(
        "NotoSansArabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", _ARABIC_SCRIPT
    ),
    FallbackFont("NotoSansBengali", "NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf", shaped=True),
    FallbackFont(
        "NotoSansDevanagari", "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf", shaped=True
    ),
    FallbackFont("NotoSansGujarati", "NotoSansGujarati-Regular.ttf", "NotoSansGujarati-Bold.ttf", shaped=True),
    FallbackFont("NotoSansGurmukhi", "NotoSansGurmukhi-Regular.ttf", "NotoSansGurmukhi-Bold.ttf", shaped=True),
    FallbackFont("NotoSansTamil", "NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf", shaped=True),
    FallbackFont("NotoSansTelugu", "NotoSansTelugu-Regular.ttf", None, shaped=True),
    FallbackFont("NotoSansKannada", "NotoSansKannada-Regular.ttf", None, shaped=True),
    FallbackFont(
        "NotoSansMalayalam", "NotoSansMalayalam-Regular.ttf", None, shaped=True
    ),
    FallbackFont("NotoSansSinhala", "NotoSansSinhala-Regular.ttf", None, shaped=True),
    FallbackFont("NotoSansOriya", "NotoSansOriya-Regular.ttf", None, shaped=True),
    FallbackFont("NotoSansMyanmar", "NotoSansMyanmar-Regular.ttf", None, shaped=True),
    FallbackFont("NotoSansKhmer", "NotoSansKhmer-Regular.ttf", None, shaped=True),
    FallbackFont(
        "NotoSansThai", "NotoSansThai-Regular.ttf", None, _THAI_SCRIPT, shaped=True
    ),
    FallbackFont("NotoSansEthiopic", "NotoSansEthiopic-Regular.ttf", None),
    FallbackFont("NotoSansThaana", "NotoSansThaana-Regular.ttf", None, shaped=True),
    FallbackFont("NotoSansAdlam", "NotoSansAdlam-Regular.ttf", None, shaped=True),
    FallbackFont("DroidSansFallback", "DroidSansFallbackFull.ttf"),
    FallbackFont("NanumSquare", "NanumSquareR.ttf", "NanumSquareB.ttf", _HANGUL_SCRIPT),
    # last: emoji and symbols no other font has, drawn in outline (a PDF embeds no colour emoji)
    FallbackFont("Symbola", "Symbola.ttf"),
)


@dataclass
class _LoadedFallback:
    spec: FallbackFont
    regular_name: str
    bold_name: str
    cmap: frozenset[int]


_font_lock = threading.Lock()
_registered = False
_cmaps: dict[str, frozenset[int]] = {}
_fallbacks: list[_LoadedFallback] = []


def register_fonts() -> None:
    """Register the shipped fonts with reportlab (once; safe from any thread).

    The DejaVu Sans family is required; a missing fallback font is logged and skipped.
    """
    global _registered
    if _registered:
        return
    with _font_lock:
        if _registered:
            return
        for name, filename in _MAIN_FILES.items():
            path = paths.resource("fonts", filename)
            if not path.is_file():
                raise FileNotFoundError(f"The PDF font {filename} is missing from {path.parent}")
            font = shaping.ReadableTTFont(name, str(path))
            pdfmetrics.registerFont(font)
            _cmaps[name] = frozenset(font.face.charToGlyph)
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
        )
        for spec in FALLBACK_FONTS:
            font_class = shaping.ShapedTTFont if spec.shaped else shaping.ReadableTTFont
            try:
                regular = font_class(spec.name, str(paths.resource("fonts", spec.regular)))
                pdfmetrics.registerFont(regular)
                bold_name = spec.name
                if spec.bold:
                    bold_name = f"{spec.name}-Bold"
                    pdfmetrics.registerFont(
                        font_class(bold_name, str(paths.resource("fonts", spec.bold)))
                    )
            except Exception:  # noqa: BLE001 - a missing fallback must not stop a report
                log.warning("PDF fallback font %s could not be loaded", spec.name, exc_info=True)
                continue
            # Italic has no face of its own: map it to upright. The plain mappings go last so
            # that reportlab reads "<font name=X>" as not italic.
            family = spec.name
            addMapping(family, 0, 1, spec.name)
            addMapping(family, 1, 1, bold_name)
            addMapping(family, 0, 0, spec.name)
            addMapping(family, 1, 0, bold_name)
            _fallbacks.append(
                _LoadedFallback(spec, spec.name, bold_name, frozenset(regular.face.charToGlyph))
            )
            if spec.shaped:  # after the cmap above: shaping maps more characters to glyphs
                for name in {spec.name, bold_name}:
                    shaping.enable(name)
        _registered = True


def _cmap_for(font_name: str) -> frozenset[int]:
    if font_name not in _cmaps:
        font = pdfmetrics.getFont(font_name)
        face = getattr(font, "face", None)
        char_to_glyph = getattr(face, "charToGlyph", None)
        _cmaps[font_name] = frozenset(char_to_glyph) if char_to_glyph else frozenset(range(256))
    return _cmaps[font_name]


# XML 1.0 cannot carry these, and reportlab's paragraph parser chokes on them.
