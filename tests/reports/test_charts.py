"""Charts: one definition, drawn for the PDF and as SVG for the window, with its numbers."""

from __future__ import annotations

import io
import unicodedata
import xml.etree.ElementTree as ET
from decimal import Decimal

import pypdf
import pytest
from reportlab.graphics.shapes import Drawing, String

from bscp_desktop.reports.charts import Chart, Orientation, Series, ValueKind, add_chart, chart_drawing, chart_svg, describe, format_value, split_chart, year_series
from bscp_desktop.reports.pdf import CONTENT_WIDTH, DocumentBuilder

SVG = "{http://www.w3.org/2000/svg}"


def _topics() -> Chart:
    return Chart(
        title="Attendance by course topic",
        categories=("Neglect", "Domestic abuse", "LADO"),
        series=year_series(["2022/23", "2023/24"], [(40, 31, 0), (52, 35, 9)]),
        value_label="Delegates who attended",
        category_label="Course topic",
    )


def _strings(drawing: Drawing) -> list[str]:
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, String):
            found.append(node.text)
        for child in getattr(node, "contents", []) or []:
            walk(child)
        if hasattr(node, "getContents") and not isinstance(node, String):
            for child in node.getContents():
                walk(child)

    walk(drawing)
    return found


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [
        (150 / 212, ValueKind.PERCENT, "71%"),
        (Decimal("0.655"), ValueKind.PERCENT, "66%"),  # halves round up, as people expect
        (0.045, ValueKind.PERCENT, "4.5%"),
        (0, ValueKind.PERCENT, "0%"),
        (1, ValueKind.PERCENT, "100%"),
        (Decimal("1234.5"), ValueKind.MONEY, "£1,234.50"),
        (Decimal("-5"), ValueKind.MONEY, "-£5.00"),
        (1234, ValueKind.COUNT, "1,234"),
        (2.25, ValueKind.COUNT, "2.3"),
        (None, ValueKind.COUNT, ""),
    ],
)
def test_values_print_the_way_people_read_them(value, kind, text):
    assert format_value(value, kind) == text


def test_the_numbers_behind_the_chart():
    chart = _topics()
    assert chart.table_headers() == ["Course topic", "2022/23", "2023/24"]
    assert chart.table_rows() == [["Neglect", 40, 52], ["Domestic abuse", 31, 35], ["LADO", 0, 9]]
    assert chart.table_text_rows()[0] == ["Neglect", "40", "52"]


def test_a_series_must_have_one_value_per_category():
    with pytest.raises(ValueError, match="has 2 values for 3 categories"):
        Chart("Bad", ("a", "b", "c"), (Series("x", (1, 2)),), "Count")


def test_text_alternative_describes_the_highest_and_lowest():
    text = _topics().text_alternative
    assert text.startswith("Bar chart: Attendance by course topic.")
    assert "In 2023/24, the highest is Neglect (52) and the lowest LADO (9)" in text
    assert "all 3 values" in text
    assert Chart("T", ("a",), (Series("x", (1,)),), "V", alt_text="Given words").text_alternative == "Given words"
    empty = Chart("Nothing yet", ("a",), (Series("x", (0,)),), "Delegates")
    assert empty.empty and "no figures" in describe(empty)


def test_long_or_many_categories_lie_horizontally():
    assert not _topics().horizontal
    many = Chart("Orgs", tuple(f"Organisation {i}" for i in range(12)), (Series("n", tuple(range(12))),), "n")
    assert many.horizontal
    assert Chart("T", ("a",), (Series("x", (1,)),), "V", orientation=Orientation.HORIZONTAL).horizontal


def test_drawing_carries_title_labels_values_and_legend():
    drawing = chart_drawing(_topics(), width=400)
    assert isinstance(drawing, Drawing)
    assert drawing.width == 400
    texts = _strings(drawing)
    for expected in ("Attendance by course topic", "Neglect", "LADO", "2022/23", "2023/24",
                     "Delegates who attended", "Course topic"):
        assert any(expected in t for t in texts), expected


def test_drawing_of_an_empty_chart_says_so():
    texts = _strings(chart_drawing(Chart("Nothing", (), (), "Delegates")))
    assert "No figures to show for this choice" in texts


def test_svg_is_well_formed_with_title_and_description_escaped():
    chart = Chart(
        title="Attendance <b>&</b> take-up",
        categories=("Żółć & Co", "王秀英 Trust"),
        series=(Series("Attended", (3, 5)),),
        value_label="Delegates",
    )
    svg = chart_svg(chart, 360)
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == "Attendance <b>&</b> take-up"
    assert root.find(f"{SVG}desc").text == chart.text_alternative
    texts = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Żółć & Co" in texts and "王秀英" in texts
    # QtSvg draws a clipPath's rectangle as a black box: the SVG must not have one
    assert root.find(f".//{SVG}clipPath") is None
    assert b"DejaVu Sans" in svg


def test_pdf_has_chart_text_alternative_and_table(tmp_path):
    doc = DocumentBuilder(tmp_path / "c.pdf", title="Charts", partnership_name="Partnership")
    names = ("Brent Council Children and Young People", "王秀英 Trust", "Żółć Housing", "김민준 Centre")
    chart = Chart("By organisation", names, (Series("Attended", (12, 7, 0, 2)),), "Delegates who attended",
                  "Organisation", orientation=Orientation.HORIZONTAL, note="Illustrative figures")
    add_chart(doc, chart)
    reader = pypdf.PdfReader(io.BytesIO(doc.to_bytes()))
    text = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in reader.pages))
    assert "By organisation" in text
    assert "Illustrative figures" in text
    assert "Horizontal bar chart: By organisation" in text
    for name in names:
        assert name in text
    fonts = {str(f["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].get_object().values()
             if "/BaseFont" in f.get_object()}
    assert any("DroidSansFallback" in f for f in fonts)  # the Chinese name is drawn in a font that has it
    assert any("NanumSquare" in f for f in fonts)  # the Korean one too


@pytest.mark.slow
def test_a_chart_too_tall_for_a_page_is_split(tmp_path):
    names = tuple(f"Organisation {i:03d}" for i in range(120))
    chart = Chart("Many", names, (Series("n", tuple(range(120))),), "n")
    parts = split_chart(chart, 50)
    assert [len(p.categories) for p in parts] == [50, 50, 20]
    assert parts[0].title == "Many (part 1 of 3)"
    doc = DocumentBuilder(tmp_path / "c.pdf", title="Charts", partnership_name="P")
    add_chart(doc, chart, table=False)
    assert len(pypdf.PdfReader(io.BytesIO(doc.to_bytes())).pages) >= 2


def test_year_series_shade_the_latest_year_darkest():
    series = year_series(["2021/22", "2022/23", "2023/24"], [(1,), (2,), (3,)])
    assert series[-1].colour == "#1F3A5F"
    assert len({s.colour for s in series}) == 3


def test_the_word_documents_chart_picture_draws_each_script_in_a_font_that_has_it():
    """The yearly report's Word charts drew labels in DejaVu Sans only: Chinese, Tamil and
    Gujarati names came out as boxes (the PDF's charts already fell back)."""
    import io
    from pathlib import Path

    from PIL import Image

    from bscp_desktop.reports.chart_image import _runs, chart_png

    def fonts(text: str) -> list[tuple[str, str]]:
        return [(Path(font.path).name, chunk) for font, chunk in _runs(text, 8, False)]

    assert fonts("王秀英 Trust") == [("DroidSansFallbackFull.ttf", "王秀英 "), ("DejaVuSans.ttf", "Trust")]
    assert fonts("முருகன்") == [("NotoSansTamil-Regular.ttf", "முருகன்")]
    assert fonts("김민준 Kim") == [("NanumSquareR.ttf", "김민준 "), ("DejaVuSans.ttf", "Kim")]
    assert fonts("ગુજરાતી Samaj")[0] == ("NotoSansGujarati-Regular.ttf", "ગુજરાતી ")
    assert [f for f, _ in fonts("Brent Council")] == ["DejaVuSans.ttf"]
    chart = Chart("Bookings", ("王秀英 Trust", "முருகன் School"), (Series("2024/25", (3, 4)),), "Delegates")
    assert Image.open(io.BytesIO(chart_png(chart))).size[0] > 0


def test_a_pdf_charts_punctuation_after_chinese_is_drawn_in_a_font_that_has_it():
    """DroidSansFallback has no "(", "-", "," or "/": kept in its run, they printed as nothing."""
    from reportlab.pdfbase import pdfmetrics

    from bscp_desktop.reports.charts import _cmap, _runs

    for label in ("儿童保护中心 (Brent)", "华人家庭-服务, Ltd", "Bảo vệ trẻ em / 儿童保护 / Ààbò ọmọdé"):
        runs = _runs(label)
        assert "".join(chars for _font, chars in runs) == label
        for font, chars in runs:
            missing = [c for c in chars if ord(c) not in _cmap(font)]
            assert not missing, (label, pdfmetrics.getFont(font).fontName, missing)


def _text_boxes(drawing: Drawing) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Every line of text in the drawing as it is placed on the page: (text, (x0, y0, x1, y1))."""
    from reportlab.graphics.shapes import UserNode, mmult

    found = []

    def walk(node, transform) -> None:
        while isinstance(node, UserNode):  # a chart, an axis, a label: the shapes it draws
            node = node.provideNode()
        transform = mmult(transform, getattr(node, "transform", (1, 0, 0, 1, 0, 0)))
        if isinstance(node, String):
            x0, y0, x1, y1 = node.getBounds()
            corners = [(transform[0] * x + transform[2] * y + transform[4], transform[1] * x + transform[3] * y + transform[5])
                       for x in (x0, x1) for y in (y0, y1)]
            xs, ys = [c[0] for c in corners], [c[1] for c in corners]
            found.append((node.text, (min(xs), min(ys), max(xs), max(ys))))
        for child in getattr(node, "contents", []) or []:
            walk(child, transform)

    walk(drawing, (1, 0, 0, 1, 0, 0))
    return found


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _money_chart(amounts, orientation: Orientation) -> Chart:
    return Chart("Income by partner, 2024/25", tuple(f"Partner {i}" for i in range(len(amounts))),
                 (Series("2024/25", tuple(Decimal(a) for a in amounts)),), "Income (£)", "Partner",
                 value_kind=ValueKind.MONEY, orientation=orientation)


@pytest.mark.parametrize("amounts", [("150000", "245000"), ("1500000", "3250000"), ("100000000", "60000000")])
@pytest.mark.parametrize("width", [300, 500])
def test_the_value_axis_figures_of_large_amounts_are_whole_and_clear_of_the_axis_title(amounts, width):
    drawing = chart_drawing(_money_chart(amounts, Orientation.VERTICAL), width=width)
    boxes = _text_boxes(drawing)
    title = next(box for text, box in boxes if text == "Income (£)")
    figures = [(text, box) for text, box in boxes if text.startswith("£") and "." not in text]
    assert len(figures) >= 3
    for text, box in figures:
        assert box[0] >= 0, f"{text} is cut off at the left edge"
        assert not _overlap(box, title), f"{text} runs into the axis title"


@pytest.mark.parametrize("amounts", [("100000000", "60000000"), ("99999999.99", "1"), ("1500000", "3250000")])
@pytest.mark.parametrize("width", [300, CONTENT_WIDTH, 500])
def test_the_figures_under_a_horizontal_chart_stand_apart_at_any_amount(amounts, width):
    drawing = chart_drawing(_money_chart(amounts, Orientation.HORIZONTAL), width=width)
    figures = sorted((box for text, box in _text_boxes(drawing) if text.startswith("£") and "." not in text),
                     key=lambda box: box[0])
    assert len(figures) >= 2
    for left, right in zip(figures, figures[1:], strict=False):
        assert left[2] + 2 <= right[0], "figures under the chart run into each other"
    assert figures[0][0] >= 0 and figures[-1][2] <= width


@pytest.mark.parametrize("orientation", [Orientation.VERTICAL, Orientation.HORIZONTAL])
def test_negative_amounts_are_marked_with_the_minus_before_the_pound_sign(orientation):
    chart = Chart("Change on last year", ("Police", "Council"), (Series("Change", (Decimal("-5000"), Decimal("12000"))),),
                  "Change (£)", "Partner", value_kind=ValueKind.MONEY, orientation=orientation)
    texts = [text for text, _box in _text_boxes(chart_drawing(chart, width=400))]
    assert not [t for t in texts if "£-" in t]
    assert "-£5,000" in texts and "-£5,000.00" in texts  # an axis figure, and the bar's own amount


URDU_NAME = "پاکستانی کمیونٹی سینٹر برائے تحفظ اطفال، شمال مغربی لندن"  # Pakistani Community Centre for ...


def test_a_long_urdu_label_keeps_the_start_of_the_name_and_ends_with_the_ellipsis_on_its_left():
    from bscp_desktop.reports import charts
    from bscp_desktop.reports.rtl import visual_line, visual_text

    cut = charts.fit_text(URDU_NAME, None)
    assert cut == visual_line(URDU_NAME[: charts.MAX_LABEL_CHARS - 1].rstrip() + "…", True)
    assert cut.startswith("…") and cut.endswith(visual_text("پاکستانی"))  # read from the right: the first word
    narrow = charts.fit_text(URDU_NAME, 80)
    assert narrow.startswith("…") and narrow.endswith(visual_text("پاکستانی")) and charts.text_width(narrow) <= 80
    drawing = chart_drawing(Chart(title="Returns", categories=(URDU_NAME,), series=(Series("2024", (3,)),), value_label="Returns"))
    assert cut in "".join(_strings(drawing))  # drawn in runs of the fonts that have the letters


def test_long_latin_labels_are_cut_as_before_and_the_window_keeps_reading_order():
    from bscp_desktop.reports import charts

    assert charts.fit_text("Organisation " * 5, None) == ("Organisation " * 5)[:41].rstrip() + "…"
    svg = chart_svg(Chart(title=URDU_NAME, categories=("A",), series=(Series("2024", (3,)),), value_label="Returns")).decode()
    assert f"<title>{URDU_NAME}</title>" in svg
