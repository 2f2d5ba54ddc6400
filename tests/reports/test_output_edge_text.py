"""Text at the edges of what an output can hold: a name with a line break in a Word chart, an
answer longer than an Excel cell in a return, and a long alias in the case review tracker."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from PIL import Image, ImageDraw
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from bscp_desktop import jobs
from bscp_desktop.reports import audit_templates as tpl
from bscp_desktop.reports import case_reviews as crr
from bscp_desktop.reports.chart_image import _fit, _length, chart_png
from bscp_desktop.reports.charts import Chart, Series
from bscp_desktop.reports.pdf import FONT, register_fonts
from bscp_desktop.reports.pdf.tables import PADDING
from bscp_desktop.reports.xlsx import MAX_CELL_CHARS
from bscp_desktop.services import case_reviews as cr

# ------------------------------------------------------------------ a Word chart's labels


@pytest.mark.slow  # loads the chart's fonts
def test_a_chart_picture_draws_a_name_with_a_line_break_on_one_line():
    """A course topic saved with a line break stopped the yearly report's Word draft: "can't
    measure length of multiline text"."""
    chart = Chart("Courses\nby topic", ("Neglect\nand abuse", "Online\r\nsafety"),
                  (Series("2023/24\nto date", (3, 4)), Series("2024/25", (5, None))), "Delegates")
    assert Image.open(io.BytesIO(chart_png(chart))).size[0] > 0
    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    assert _fit(draw, "Neglect\nand \t abuse", 8, 10_000) == "Neglect and abuse"
    assert _length(draw, "Neglect\nand abuse", 8) == _length(draw, "Neglect and abuse", 8)
    assert _fit(draw, "Neglect\nand abuse " * 20, 8, 200).endswith("…")


# ------------------------------------------------------------------ a return's answer cells


def _s11(evidence: str, **answer) -> tpl.S11Template:
    row = tpl.S11TemplateRow(3, "Safer recruitment", ("Is there a lead?",), "Green", evidence=evidence, **answer)
    return tpl.S11Template("Brent Safeguarding Children Partnership", 2, "2024-26", date(2025, 9, 30), 1,
                           "Brent Council", "A. Officer", (row,))


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_a_section_11_return_is_refused_when_an_answer_is_longer_than_an_excel_cell():
    """19,020 characters of mostly emoji are 38,021 as Excel counts them: the return named no
    standard, and Excel would cut the cell (or refuse the file)."""
    evidence = "Evidence 📄 " + "😀" * 19000 + " END-MARK"
    assert len(evidence) < MAX_CELL_CHARS < _utf16(evidence)
    with pytest.raises(ValueError) as err:
        tpl.s11_workbook(_s11(evidence))
    said = str(err.value)
    assert said.startswith("Standard 3's evidence for Brent Council is too long for one cell of the return "
                           f"({_utf16(evidence):,} characters as Excel counts them")
    assert "at most 32,767" in said and "shorten it in the Audits tab (Section 11, 2024-26)" in said
    with pytest.raises(ValueError, match="Standard 3's improvement action for Brent Council"):
        tpl.s11_workbook(_s11("", action="a" * (MAX_CELL_CHARS + 1)))


def test_an_answer_that_just_fits_a_cell_is_written_whole_on_its_standards_row(tmp_path):
    evidence = "😀" * (MAX_CELL_CHARS // 2 - 1) + "end"  # 32,767 as Excel counts them
    assert _utf16(evidence) == MAX_CELL_CHARS
    path = tpl.write_s11_template(_s11(evidence), tmp_path / "s11.xlsx")
    ws = load_workbook(path)[tpl.S11_SHEET]
    (row,) = [r for r in ws.iter_rows(values_only=True) if r[0] == 3]
    assert row[tpl.S11_HEADERS.index("Evidence")] == evidence
    assert [r[0] for r in ws.iter_rows(values_only=True) if any(r)][-1] == 3  # nothing continued below it


def test_a_case_audit_return_is_refused_when_an_answer_is_longer_than_an_excel_cell():
    row = tpl.AuditTemplateRow("MAA-2024-01-C1", "Child A", "5 to 9", good_practice="𝒜" * 17000)
    data = tpl.AuditTemplate("Brent Safeguarding Children Partnership", 7, "MAA-2024-01", "Neglect audit", "Neglect",
                             None, 1, "Brent Council", ("Was the child seen?",), (row,))
    with pytest.raises(ValueError, match=r"Case MAA-2024-01-C1's good practice for Brent Council is too long .*"
                                         r"shorten it in the Audits tab \(Case audits, MAA-2024-01\)"):
        tpl.audit_workbook(data)


# ------------------------------------------------------------------ the case review tracker


LONG_ALIAS = "ChildZwithAVeryLongAliasNoSpaces34"


def _tracker_cases(db) -> None:
    for alias in ('=HYPERLINK("http://evil","Child Z")', LONG_ALIAS, "Child Y", "Child X"):
        cr.create_case_review(db, cr.CaseReviewFields(alias, "serious_harm", date(2024, 2, 1),
                                                      notification_sent=date(2024, 2, 7)))


def _words(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(str(path)).pages).split())


@pytest.mark.slow
def test_a_long_alias_breaks_in_its_own_column_and_never_squeezes_a_status_word(db, tmp_path):
    """An alias typed as one long word took the tracker's width from the other columns: every
    row's status printed as "Overdu / e"."""
    _tracker_cases(db)
    text = _words(jobs.write_report(db, "case-tracker", tmp_path / "tracker.pdf", today=date(2026, 12, 6)))
    assert "Overdu e" not in text
    assert text.count("Overdue") == 4 + 1  # each row's status, and the heading of the list below
    assert "ChildZwithAVery LongAliasNoSpac es34" in text  # broken inside its column of the table
    assert f"({LONG_ALIAS}):" in text  # and whole in the list of overdue deadlines


def test_the_tracker_columns_keep_a_status_box_on_one_line_and_cap_an_aliass_word():
    class Doc:
        content_width = 493.2

    register_fonts()
    statuses = ["Overdue", "Met on time", "Due soon"]
    rows = [[f"BSCP-2024-0{i}", LONG_ALIAS * 2, "Notification sent", "Safeguarding partners told",
             date(2024, 2, 8), status, "715 working days overdue"] for i, status in enumerate(statuses)]
    widths = crr._tracker_widths(Doc(), rows, [True] * len(rows))
    assert sum(widths) == pytest.approx(Doc.content_width)
    assert widths[1] == pytest.approx(crr.ALIAS_WORD_MOST + PADDING)  # its long word breaks inside it
    room = widths[5] - 8 - 2 * 2  # the cell's padding and the box's
    assert all(stringWidth(status, FONT, 8.5) <= room for status in statuses)
