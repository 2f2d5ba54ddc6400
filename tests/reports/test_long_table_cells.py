"""A table cell of long user text (minutes of up to 200,000 characters in the change log, a
20,000-character agency return in the audit report) prints whole, in order and as one paragraph
would, and is laid out in time growing with its length, not its square: reportlab lays every
paragraph of a cell out again each time it splits the cell over a page."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

import pypdf
import pytest
from reportlab.platypus.paragraph import Paragraph

from bscp_desktop.reports.audits import _coloured_table
from bscp_desktop.reports.change_log import ChangeLine, ChangeLogReport, write_change_log_pdf
from bscp_desktop.reports.pdf import DocumentBuilder, paragraph
from bscp_desktop.reports.pdf.builder import CELL_CHARS, LINES_PER_RUN, cell_text


def _minutes(sentences: int) -> str:
    """Numbered sentences with markup characters and a name in Arabic, a new line after every
    seventh and a blank line after every thirtieth."""
    text = ""
    for n in range(sentences):
        text += f"Item {n:05d}: health & care <agreed> the plan with أحمد علي today."
        text += "\n\n" if n % 30 == 29 else "\n" if n % 7 == 6 else " "
    return text


def _squeezed(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _cell_printed(path, before: str, after: str, footer: str) -> str:
    """The text of the one long cell of a table over many pages: on each page, what is printed
    between `before` (the last of the short cells) or `after` (the header row, repeated) and the
    page's footer (`footer`, then its number), whitespace left out."""
    found = []
    for number, page in enumerate(pypdf.PdfReader(str(path)).pages):
        text = _squeezed(page.extract_text())
        mark = _squeezed(before if number == 0 else after)
        cell = text[text.index(mark) + len(mark) : text.rindex("Page")]
        assert cell.endswith(_squeezed(footer))
        found.append(cell.removesuffix(_squeezed(footer)))
    return "".join(found)


def _characters(frags) -> int:
    """The characters of a paragraph's fragments, as reportlab keeps them: fragments of text,
    words already measured ([width, (fragment, text), ...]) or a fragment holding its words."""
    count = 0
    for frag in frags:
        if isinstance(frag, list):
            count += sum(len(text) for _frag, text in frag[1:])
        else:
            count += len(getattr(frag, "text", "") or "") + sum(len(str(w)) for w in getattr(frag, "words", ()))
    return count


@pytest.fixture
def laid_out(monkeypatch) -> list[int]:
    """The characters of each paragraph reportlab breaks into lines, one entry each time."""
    counts: list[int] = []
    break_lines = Paragraph.breakLines

    def counted(self, width):
        counts.append(_characters(self.frags))
        return break_lines(self, width)

    monkeypatch.setattr(Paragraph, "breakLines", counted)
    return counts


@pytest.mark.slow  # a PDF of about 30 pages
def test_long_minutes_in_the_change_log_print_whole_in_order_laid_out_a_few_times_over(tmp_path, laid_out):
    text = _minutes(560)
    line = ChangeLine(datetime(2024, 3, 1, 10), "Officer", "Meetings", "Agenda item 1", "Changed", "Minutes",
                      "Short <b>old</b> & minutes", text)
    path = write_change_log_pdf(ChangeLogReport("Partnership", date(2024, 3, 1), "everything", [line]),
                                tmp_path / "change-log.pdf")
    assert len(pypdf.PdfReader(str(path)).pages) > 20
    printed = _cell_printed(path, "Short <b>old</b> & minutes", "New value", "Change log Partnership")
    assert printed == _squeezed(text)  # every character once, in order, literally
    assert re.findall(r"Item(\d{5}):", printed) == [f"{n:05d}" for n in range(560)]
    # each character is broken into lines a few times (cutting the cell, then laying out the
    # page it falls on), not once for each page the cell runs over
    assert sum(laid_out) < 10 * len(text)


@pytest.mark.slow  # a PDF of about 20 pages
def test_a_long_agency_return_in_the_audit_report_prints_whole_in_order(tmp_path, laid_out):
    text = _minutes(500)
    doc = DocumentBuilder(tmp_path / "audit.pdf", "Case audit", "Partnership", sensitive=False)
    _coloured_table(doc, ["Agency", "Grading", "Good practice"],
                    [[("Police", None), ("Adequate", "#C6E8C6"), (text, None)]], [98, 72, 160])
    path = doc.build()
    assert len(pypdf.PdfReader(str(path)).pages) > 10
    assert _cell_printed(path, "Adequate", "Good practice", "Case audit Partnership") == _squeezed(text)
    assert sum(laid_out) < 10 * len(text)


@pytest.mark.parametrize("text", [
    "The partners agreed the plan & <the> next steps. " * 120,  # one line
    "The partners agreed the plan & <the> next steps with أحمد علي. " * 100,
    _minutes(150),  # lines and blank lines, where reportlab's halves of a paragraph gain or lose one
    _minutes(150).replace("أحمد علي", "Ahmed Ali"),
])
def test_a_long_cell_is_paragraphs_of_a_few_dozen_lines_that_break_as_one_paragraph(text):
    from bscp_desktop.reports.pdf.builder import _run_paragraphs
    from bscp_desktop.reports.pdf.styles import paragraph_styles

    style = paragraph_styles()["cell"]
    width = 132.0
    lines = sum(round(run.wrap(width, 10_000)[1] / style.leading) for run in _run_paragraphs(text, style))
    parts = cell_text(text, style, width)
    assert isinstance(parts, list) and len(parts) >= lines // LINES_PER_RUN
    counts = [round(part.wrap(width, 10_000)[1] / style.leading) for part in parts]
    assert max(counts) <= LINES_PER_RUN + 2
    assert sum(counts) == lines  # cut where the whole breaks its lines: none added, none lost
    assert sum(part.getSpaceAfter() for part in parts) == sum(run.getSpaceAfter() for run in _run_paragraphs(text, style))


def test_short_cells_stay_one_paragraph_as_before():
    from bscp_desktop.reports.pdf.styles import paragraph_styles

    style = paragraph_styles()["cell"]
    text = "Agreed & <noted>\n\nwith أحمد علي" + "." * (CELL_CHARS - 40)
    cell = cell_text(text, style, 132.0)
    assert isinstance(cell, Paragraph)
    one = paragraph(text, style)
    assert type(cell) is type(one) and cell.text == one.text and cell.style.spaceAfter == one.style.spaceAfter
