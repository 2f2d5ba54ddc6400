"""PDF output in the house style (reportlab platypus, A4).

Callers lay out a document from plain data::

    doc = DocumentBuilder(path, title="Annual report 2024/25",
                          partnership_name="Barsetshire Safeguarding Children Partnership",
                          draft=True, sensitive=False)
    doc.heading("Annual report 2024/25", 1)
    doc.para(summary_text)                       # user text: always escaped
    doc.table(["Name", "Role"], rows)            # header repeats on every page
    doc.build()                                  # atomic: temp file, then os.replace

Every page has the partnership name and "Page X of Y" in the footer, a diagonal DRAFT
watermark while `draft`, and OFFICIAL-SENSITIVE at the top and bottom (and in the PDF's
subject and keywords) when `sensitive`.

Fonts are TrueType files shipped in `resources/fonts` and embedded (as subsets): DejaVu Sans
for Latin, Greek, Cyrillic, Hebrew, Arabic and most symbols, with Noto Sans for Arabic,
Bengali, Devanagari, Gujarati, Gurmukhi and Tamil, Droid Sans Fallback for Chinese and
Japanese, and NanumSquare for Korean. reportlab has no per-glyph font fallback, so `escape_text` wraps runs of
characters the main font lacks in `<font>` tags for a font that has them. Arabic letters join
and right-to-left text reads in its order, line by line (`reports/rtl.py`,
`escaping.BidiParagraph`); Bengali, Devanagari, Gujarati, Gurmukhi and Tamil are shaped with
HarfBuzz (`shaping`: conjuncts, vowel signs in their printed place), and still read as typed.
No other font is named in the file: tables (`styles.CELL_FONT`), the contents page and charts
start in the house font, where reportlab would start them in Helvetica.

User text never becomes markup: `paragraph`, `DocumentBuilder.para`, `table`, `bullets` and
`key_values` escape it, so `<b>`, `&amp;` or `<font>` typed by a user print literally.

The package, one module per concern; callers import from here
(`from bscp_desktop.reports.pdf import DocumentBuilder`):

- `fonts`: the embedded fonts and their fallbacks
- `escaping`: user text into safe markup (`escape_text`, `paragraph`)
- `shaping`: the Indic scripts shaped (only those runs), and readable as typed
- `styles`: colours, page geometry, paragraph styles, cell text
- `charts`: the bar chart
- `furniture`: header, footer, page numbers, DRAFT and OFFICIAL-SENSITIVE marks
- `long_lines`: a line of user text too long for one paragraph, cut where its printed lines end
- `whole_rows`: data tables whose rows move to the next page whole (only a row taller than a
  page is split), the header repeated at the top of each page
- `builder`: `DocumentBuilder`
"""

from bscp_desktop.reports.pdf.builder import DocumentBuilder
from bscp_desktop.reports.pdf.charts import bar_chart
from bscp_desktop.reports.pdf.escaping import escape_text, paragraph
from bscp_desktop.reports.pdf.fonts import FALLBACK_FONTS, FONT, FONT_BOLD, FONT_BOLD_ITALIC, FONT_ITALIC, FallbackFont, register_fonts
from bscp_desktop.reports.pdf.furniture import OFFICIAL_SENSITIVE, PageFurniture, make_canvas_class
from bscp_desktop.reports.pdf.styles import (
    CONTENT_WIDTH,
    GREY_TEXT,
    GRID,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    NAVY,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
    ZEBRA,
    format_value,
    is_number,
    paragraph_styles,
    text_width,
)

_styles = paragraph_styles  # the older private name

__all__ = [
    "FALLBACK_FONTS",
    "CONTENT_WIDTH",
    "DocumentBuilder",
    "FONT",
    "FONT_BOLD",
    "FONT_BOLD_ITALIC",
    "FONT_ITALIC",
    "FallbackFont",
    "GREY_TEXT",
    "GRID",
    "MARGIN_BOTTOM",
    "MARGIN_TOP",
    "MARGIN_X",
    "NAVY",
    "OFFICIAL_SENSITIVE",
    "PAGE_HEIGHT",
    "PAGE_WIDTH",
    "PageFurniture",
    "RULE",
    "ZEBRA",
    "bar_chart",
    "escape_text",
    "format_value",
    "is_number",
    "make_canvas_class",
    "paragraph",
    "paragraph_styles",
    "register_fonts",
    "text_width",
]
