"""PDF output: build real documents, extract their text with pypdf and check it."""

from __future__ import annotations

import io
import os
import re
import unicodedata
from datetime import date

import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.graphics.shapes import Drawing

from bscp_desktop.reports import pdf
from bscp_desktop.reports.pdf import DocumentBuilder, bar_chart, escape_text, paragraph, register_fonts
from bscp_desktop.reports.rtl import shape_arabic, visual_text
from tests.examples import examples
from tests.reports.pdf_fonts import unembedded_fonts

PARTNERSHIP = "Barsetshire Safeguarding Children Partnership"
LATIN_NAMES = ["Żółć", "Nguyễn Thị Ánh", "Ørsted", "Çelik", "Ó Súilleabháin"]
SCRIPT_NAMES = ["王秀英", "محمد", "রহমান", "ਸਿੰਘ", "પટેલ", "முருகன்", "शर्मा", "שלום", "김민준"]
MARKUP = "<b>bold</b> & <i>"


def _builder(tmp_path, **kwargs) -> DocumentBuilder:
    options = dict(
        title="Test document", partnership_name=PARTNERSHIP, draft=False, sensitive=False
    )
    options.update(kwargs)
    return DocumentBuilder(tmp_path / "out.pdf", **options)


def _read(path) -> pypdf.PdfReader:
    return pypdf.PdfReader(str(path))


def _page_texts(reader: pypdf.PdfReader) -> list[str]:
    return [unicodedata.normalize("NFKC", p.extract_text() or "") for p in reader.pages]


def _fonts(reader: pypdf.PdfReader) -> dict[str, pypdf.generic.DictionaryObject]:
    found = {}
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            found[str(font["/BaseFont"])] = font
    return found


def test_names_and_user_markup_print_literally(tmp_path):
    doc = _builder(tmp_path)
    doc.heading("Names <i>not italic</i>", 1)
    doc.para(", ".join(LATIN_NAMES))
    doc.para(MARKUP)
    doc.para('&amp; <font name="Helvetica">x</font> <br/>')
    path = doc.build()
    assert path == tmp_path / "out.pdf"
    text = "\n".join(_page_texts(_read(path)))
    for name in LATIN_NAMES:
        assert name in text
    assert MARKUP in text
    assert '&amp; <font name="Helvetica">x</font> <br/>' in text
    assert "Names <i>not italic</i>" in text


def test_other_scripts_survive_extraction(tmp_path):
    doc = _builder(tmp_path)
    for name in SCRIPT_NAMES:
        doc.para(f"Name: {name}")
    doc.table(["Name"], [[n] for n in SCRIPT_NAMES])
    text = _page_texts(_read(doc.build()))[0]
    for name in SCRIPT_NAMES:
        assert text.count(name) >= 2, name


def test_fonts_are_embedded(tmp_path):
    doc = _builder(tmp_path)
    doc.heading("Heading", 1)
    doc.para("Plain " + " ".join(SCRIPT_NAMES))
    fonts = _fonts(_read(doc.build()))
    assert fonts
    names = " ".join(fonts)
    for family in ("DejaVuSans", "DroidSansFallback", "NotoSansBengali", "NotoSansArabic", "NanumSquare"):
        assert family in names
    for font in fonts.values():
        descriptors = [font.get("/FontDescriptor")] + [
            d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts", [])
        ]
        embedded = [d.get_object() for d in descriptors if d is not None]
        assert embedded and all("/FontFile2" in d for d in embedded), font["/BaseFont"]
        assert "/Helvetica" not in str(font["/BaseFont"])


def test_every_part_of_a_document_names_only_fonts_it_embeds(tmp_path):
    """Tables, the contents page and charts were set up in Helvetica, which the file named
    without carrying it (nothing was drawn in it, but a checker of accessible PDFs refuses it)."""
    from bscp_desktop.reports.charts import Chart, Series, add_chart

    doc = _builder(tmp_path)
    doc.contents()
    doc.heading("Figures", 1, contents=True)
    doc.key_values([("Lead reviewer", "Çelik & Co")])
    doc.table(["Name", "Count"], [["Ørsted", 3]])
    doc.bullets(["First"])
    add_chart(doc, Chart("Bookings", ("2022/23", "2023/24"), (Series("Booked", (3, 8)),), "Delegates"))
    assert unembedded_fonts(doc.build()) == []


def test_page_x_of_y_and_partnership_footer(tmp_path):
    doc = _builder(tmp_path)
    doc.para("First page")
    doc.page_break()
    doc.para("Second page")
    texts = _page_texts(_read(doc.build()))
    assert len(texts) == 2
    assert "Page 1 of 2" in texts[0]
    assert "Page 2 of 2" in texts[1]
    assert all(PARTNERSHIP in t for t in texts)
    assert all("DRAFT" not in t for t in texts)
    assert all("OFFICIAL-SENSITIVE" not in t for t in texts)


def test_draft_watermark_on_every_page(tmp_path):
    doc = _builder(tmp_path, draft=True)
    doc.para("One")
    doc.page_break()
    doc.para("Two")
    texts = _page_texts(_read(doc.build()))
    assert len(texts) == 2
    assert all("DRAFT" in t for t in texts)


def test_official_sensitive_on_every_page_and_in_metadata(tmp_path):
    doc = _builder(tmp_path, sensitive=True, title="Case review CSPR-7")
    for i in range(3):
        doc.para(f"Page {i}")
        doc.page_break()
    reader = _read(doc.build())
    texts = _page_texts(reader)
    assert len(texts) >= 3
    for t in texts:
        assert t.count("OFFICIAL-SENSITIVE") >= 2  # top and bottom
    meta = reader.metadata
    assert "OFFICIAL-SENSITIVE" in meta.subject
    assert "OFFICIAL-SENSITIVE" in meta["/Keywords"]
    assert meta.title == "Case review CSPR-7"
    assert meta.author == PARTNERSHIP


def test_metadata_without_marking(tmp_path):
    doc = _builder(tmp_path, title="Training <report> & more", author="Jo Bloggs")
    doc.para("x")
    meta = _read(doc.build()).metadata
    assert meta.title == "Training <report> & more"
    assert meta.author == "Jo Bloggs"
    assert "OFFICIAL-SENSITIVE" not in (meta.subject or "")


@pytest.mark.slow
def test_table_repeats_header_and_splits_long_cells(tmp_path):
    doc = _builder(tmp_path)
    long_note = "A long note that goes on. " * 400  # taller than a page on its own
    rows = [[f"Person {i}", date(2024, 4, 1), i, long_note if i == 5 else "ok"] for i in range(80)]
    doc.table(["Full name", "Joined", "Count", "Notes"], rows)
    doc.table(["Empty"], [])
    texts = _page_texts(_read(doc.build()))
    assert len(texts) >= 3
    assert all("Full name" in t for t in texts)  # the header row repeats
    assert "01/04/2024" in texts[0]
    assert "Person 79" in texts[-1]


def test_table_col_widths_and_values(tmp_path):
    doc = _builder(tmp_path)
    doc.table(["A", "B"], [[True, None], [MARKUP, 3]], col_widths=[400, 400])
    with pytest.raises(ValueError):
        doc.table(["A"], [["a", "b"]])
    with pytest.raises(ValueError):
        doc.table(["A", "B"], [["a", "b"]], col_widths=[10])
    text = _page_texts(_read(doc.build()))[0]
    assert "Yes" in text and MARKUP in text


def test_bullets_key_values_spacer_and_chart(tmp_path):
    doc = _builder(tmp_path)
    doc.bullets(["First <b>", "Ørsted"])
    doc.key_values(
        [
            ("Lead reviewer", "Çelik & Co"),
            ("Notified", date(2024, 5, 3)),
            ("Rapid review held", False),
        ]
    )
    doc.spacer(10)
    doc.chart("Notifications by year", ["2022/23", "2023/24", "2024/25"], [3, 8, 5])
    text = _page_texts(_read(doc.build()))[0]
    for expected in (
        "First <b>",
        "Ørsted",
        "Çelik & Co",
        "03/05/2024",
        "No",
        "Notifications by year",
        "2023/24",
    ):
        assert expected in text


def test_bar_chart_flowable():
    drawing = bar_chart("Cases", ["a", "b"], [1, 2.5])
    assert isinstance(drawing, Drawing)
    assert isinstance(bar_chart("Nothing", [], []), Drawing)
    with pytest.raises(ValueError):
        bar_chart("Bad", ["a"], [1, 2])


def test_build_is_atomic(tmp_path, monkeypatch):
    doc = _builder(tmp_path)
    doc.para("first")
    path = doc.build()
    first = path.read_bytes()

    doc2 = _builder(tmp_path)
    doc2.para("second")
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError("locked")))
    with pytest.raises(OSError):
        doc2.build()
    monkeypatch.undo()
    assert path.read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_to_bytes_without_path():
    doc = DocumentBuilder(None, "T", PARTNERSHIP)
    doc.para("x")
    reader = pypdf.PdfReader(io.BytesIO(doc.to_bytes()))
    assert len(reader.pages) == 1
    with pytest.raises(ValueError):
        DocumentBuilder(None, "T", PARTNERSHIP).build()


# ---------------------------------------------------------------- escaping and fallback


def test_escape_text_escapes_markup():
    assert escape_text("<b>&amp;</b>") == "&lt;b&gt;&amp;amp;&lt;/b&gt;"
    assert escape_text("Żółć") == "Żółć"
    assert escape_text("a\x00b\ufffe") == "ab"
    assert escape_text("del\x7f nel\x85 csi\x9b") == "del nel csi"  # each printed as a box before


def test_escape_text_uses_fallback_fonts_for_runs():
    register_fonts()
    out = escape_text("Mr 王秀英 Smith")
    assert out == 'Mr <font name="DroidSansFallback">王秀英 </font>Smith'
    assert '<font name="NotoSansTamil">' in escape_text("முருகன்")
    assert escape_text("Ms 김민준 Kim") == 'Ms <font name="NanumSquare">김민준 </font>Kim'  # every Hangul syllable
    bold = escape_text("রহমান", pdf.FONT_BOLD)
    assert '<font name="NotoSansBengali-Bold">' in bold


def test_paragraph_keeps_new_lines():
    para = paragraph("line one\nline <two>\r\nthree", pdf._styles()["body"])
    assert para.text == "line one<br/>line &lt;two&gt;<br/>three"


@settings(max_examples=examples(150), deadline=None)
@given(st.text())
def test_any_text_makes_a_valid_paragraph(text):
    for style in ("body", "h1", "cell_head"):
        para = paragraph(text, pdf._styles()[style])  # would raise on broken markup
        para.wrap(300, 1000)


def test_rtl_helpers():
    shaped = shape_arabic("محمد")
    assert unicodedata.normalize("NFKC", shaped) == "محمد"
    assert shaped != "محمد"  # contextual forms
    assert shape_arabic("سلام") == "\ufeb3\ufefc\ufee1"  # seen, lam-alef ligature, meem
    assert "\ufefc" in shape_arabic("سلَام")  # a vowel mark between lam and alef
    assert visual_text("Mr שלום Smith") == "Mr םולש Smith"
    assert visual_text("plain text") == "plain text"
    assert visual_text("עד 2024 שנה") == "הנש\u00a02024\u00a0דע"  # numbers keep their order
    assert unicodedata.normalize("NFKC", visual_text("(محمد)")) == "(دمحم)"


def test_text_of_many_lines_is_set_in_runs_that_read_as_one_paragraph(tmp_path):
    """Thousands of lines in one paragraph took minutes (reportlab breaks it again at each page):
    they are set as runs of a few dozen lines, each line and each blank line kept in its place."""
    from reportlab.platypus import Paragraph

    from bscp_desktop.reports.pdf.builder import LINES_PER_RUN

    doc = _builder(tmp_path)
    lines = [f"Point {n} <b>noted</b>" if n % 9 else "" for n in range(1, 400)]  # a blank line every ninth
    before = len(doc.story)
    doc.para("\n".join(lines))
    runs = [f for f in doc.story[before:] if isinstance(f, Paragraph)]
    assert len(runs) == len(doc.story) - before and 8 <= len(runs) <= 400 // LINES_PER_RUN + 2
    assert all(r.style.spaceAfter in (0, r.style.leading) for r in runs[:-1])  # closed up, a blank line as space
    assert runs[-1].style.spaceAfter == doc.styles["body"].spaceAfter
    words = " ".join(_page_texts(_read(doc.build())))
    found = [int(n) for n in re.findall(r"Point (\d+) <b>noted</b>", words)]
    assert found == [n for n in range(1, 400) if n % 9]  # every line, in order, printed literally


@pytest.mark.slow
def test_a_heading_is_never_left_at_the_foot_of_a_page(tmp_path):
    builder = _builder(tmp_path)
    for n in range(1, 61):
        builder.para("Filler text for the page. " * (n % 7 + 1))
        builder.heading(f"Heading {n}", level=n % 3 + 1)
        builder.para(f"Under heading {n}.")
    pages = _page_texts(_read(builder.build()))
    for n in range(1, 61):
        [page] = [text for text in pages if re.search(rf"Heading {n}\b", text)]
        assert f"Under heading {n}." in page


@pytest.mark.slow
def test_a_heading_stays_with_a_chart_or_block_kept_on_one_page(tmp_path):
    from reportlab.platypus import KeepTogether, Spacer

    from bscp_desktop.reports.charts import Chart, Series, add_chart

    builder = _builder(tmp_path)
    room = pdf.PAGE_HEIGHT - pdf.MARGIN_TOP - pdf.MARGIN_BOTTOM
    builder.add(Spacer(1, room - 60))  # room for a heading, not for a chart
    builder.heading("Charts", 2)
    add_chart(builder, Chart("Income by partner", ("A", "B"), (Series("Income", (1, 2)),), "£"), table=False)
    builder.add(Spacer(1, room - 60))
    builder.heading("Blocks", 3)
    builder.add(KeepTogether([paragraph("First line of the block.", builder.styles["body"]), Spacer(1, 80)]))
    builder.add(Spacer(1, room - 60))
    builder.heading("Plain chart", 2)
    builder.chart("Cases per year", ["2023", "2024"], [3, 4])
    pages = _page_texts(_read(builder.build()))
    for heading, follower in (("Charts", "Income by partner"), ("Blocks", "First line of the block."),
                              ("Plain chart", "Cases per year")):
        [page] = [text for text in pages if re.search(rf"^{heading}$", text, re.M)]
        assert follower in page, (heading, pages)


@pytest.mark.slow
def test_a_heading_stays_with_the_first_item_of_a_list(tmp_path):
    """However the list was added: the builder's bullets, or a reportlab list as the yearly
    report adds its text's bullets, and in a document with a contents page."""
    from reportlab.platypus import Spacer

    from bscp_desktop.reports.yearly_report import _pdf_text

    builder = _builder(tmp_path)
    builder.contents()
    room = pdf.PAGE_HEIGHT - pdf.MARGIN_TOP - pdf.MARGIN_BOTTOM
    builder.add(Spacer(1, room - 40))  # room for a heading, not for a line under it
    builder.heading("Bullets", 1, contents=True)
    builder.bullets(["First bullet", "Second bullet"])
    builder.add(Spacer(1, room - 40))
    builder.heading("Report text", 2)
    _pdf_text(builder, "- First item of the text\n- Second item of the text\n")
    pages = _page_texts(_read(builder.build()))
    for heading, follower in (("Bullets", "First bullet"), ("Report text", "First item of the text")):
        [page] = [text for text in pages[1:] if re.search(rf"^{heading}$", text, re.M)]
        assert follower in page, (heading, pages)
    [at] = [n for n, text in enumerate(pages[1:], start=2) if re.search("^Bullets$", text, re.M)]
    assert re.search(rf"\.\s*{at}$", pages[0], re.M), pages[0]  # the contents page names where it went


@pytest.mark.slow
def test_a_long_list_under_a_heading_goes_on_over_the_page(tmp_path):
    builder = _builder(tmp_path)
    builder.para("Opening words.")
    builder.heading("Actions agreed", 2)
    builder.bullets([f"Action number {n} agreed" for n in range(120)])
    pages = _page_texts(_read(builder.build()))
    assert "Actions agreed" in pages[0] and "Action number 0 agreed" in pages[0]
    assert pages[0].count("Action number") >= 20  # not moved whole to the next page
    found = [int(n) for n in re.findall(r"Action number (\d+) agreed", " ".join(pages))]
    assert found == list(range(120)) and len(pages) >= 3


def test_paragraph_keeps_indentation_tabs_and_runs_of_spaces_without_reading_markup():
    body = pdf._styles()["body"]
    para = paragraph("  a) <b>first</b>\n\ti) sub\nAgency\tLead\nTotal    £5 &amp; 6  \none space", body)
    nbsp = "\u00a0"
    assert para.text == (f"{nbsp * 2}a) &lt;b&gt;first&lt;/b&gt;<br/>{nbsp * 4}i) sub<br/>Agency{nbsp * 3} Lead<br/>"
                         f"Total{nbsp * 3} £5 &amp;amp; 6<br/>one space")


def test_a_long_line_with_runs_of_spaces_still_wraps_within_the_column():
    body = pdf._styles()["body"]
    para = paragraph("Item   Owner   Due   " * 40, body)
    _width, height = para.wrap(300, 10_000)
    assert len(para.blPara.lines) > 5 and height > 5 * body.leading
    room = [line[0] if isinstance(line, tuple) else line.extraSpace for line in para.blPara.lines]
    assert min(room) >= -0.01  # no line wider than the column


@pytest.mark.slow
def test_a_long_table_starts_under_its_heading_and_goes_on_over_the_page(tmp_path):
    builder = _builder(tmp_path, landscape=True)
    builder.heading("Section 11 self-assessment", 1)
    builder.para("Opened 1 Apr 2025; returns due 30 Jun 2025.")
    builder.heading("Ratings by agency and standard", 2)
    builder.table(["Agency", "Standard 1"], [[f"Agency number {i}\nsecond line", "Red"] for i in range(40)])
    pages = _page_texts(_read(builder.build()))
    assert "Ratings by agency and standard" in pages[0] and "Agency number 0" in pages[0]
    assert pages[0].count("Agency number") >= 5  # not moved whole to the next page, this one left blank
    assert all("Standard 1" in page for page in pages)  # the header row repeated on every page


@pytest.mark.slow
def test_a_heading_with_no_room_for_the_start_of_its_table_begins_the_next_page(tmp_path):
    from reportlab.platypus import Spacer

    builder = _builder(tmp_path)
    room = pdf.PAGE_HEIGHT - pdf.MARGIN_TOP - pdf.MARGIN_BOTTOM
    builder.add(Spacer(1, room - 90))  # room for the heading and the header row, not three rows
    builder.heading("Actions", 2)
    builder.table(["Action", "Owner"], [[f"Action {i}\nin detail", "Jo"] for i in range(5)])
    pages = _page_texts(_read(builder.build()))
    assert len(pages) == 2 and "Actions" not in pages[0]
    assert "Actions" in pages[1] and "Action 4" in pages[1]


@pytest.mark.slow
def test_whole_numbers_print_with_thousands_separators_and_years_given_as_text_stay_as_they_are(tmp_path):
    assert [pdf.format_value(v) for v in (1230, 0, -45000, 1234567, True, "2024")] == [
        "1,230", "0", "-45,000", "1,234,567", "Yes", "2024"]
    doc = _builder(tmp_path)
    doc.table(["Figure", "This period", "Financial year"], [["Places", 1230, "2024/25"], ["Sessions", 45, "2024"]])
    doc.key_values([("Bookings", 10200)])
    words = _page_texts(_read(doc.build()))[0].split()
    assert words[words.index("Places") + 1] == "1,230" and words[words.index("Bookings") + 1] == "10,200"
    assert words[words.index("Sessions") + 1: words.index("Sessions") + 3] == ["45", "2024"]
