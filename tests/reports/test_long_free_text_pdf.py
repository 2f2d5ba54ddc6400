"""Very long text typed or pasted by an officer prints whole, in order and literally, and is set as
paragraphs of a few dozen lines (reportlab lays a paragraph out again, whole, at each page it runs
over, and measures a word longer than a line letter by letter: one line of a million characters
took minutes). Covers an agenda item's minutes, an action's description in the minutes' actions
table, a case's summary in its details and the pieces a long line is cut into."""

from __future__ import annotations

import io
import re
from datetime import datetime

import pypdf
import pytest
from reportlab.platypus import Flowable, Paragraph

from bscp_desktop.reports.minutes import ActionLine, MinutesDocument, MinutesItem, minutes_pdf
from bscp_desktop.reports.pdf import DocumentBuilder, paragraph
from bscp_desktop.reports.pdf.builder import LINES_PER_RUN, RUN_CHARS, _run_paragraphs
from bscp_desktop.reports.pdf.long_lines import LONG_LINE
from bscp_desktop.reports.pdf.styles import CONTENT_WIDTH, paragraph_styles

#: The most characters one paragraph of long user text may hold: a run's lines up to `RUN_CHARS`
#: characters and one more line of up to `LONG_LINE`.
MOST = RUN_CHARS + LONG_LINE

# a word with no spaces, markup characters in it: a pasted link or a long identifier
WORD = "https://example.org/case?ref=<b>A&amp;B</b>&id=" + "".join(f"{n:05d}x" for n in range(10_000))


def _prose(words: int, every: int = 0) -> str:
    """Numbered words with markup characters, a new line after every `every`th (none for 0)."""
    return "".join(f"w{n:06d}&<i>" + ("\n" if every and n % every == every - 1 else " ") for n in range(words))


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _printed(pdf: bytes, *furniture: str) -> str:
    """Every page's text, whitespace left out, without the page's header and footer."""
    pages = []
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        text = _squeezed(page.extract_text())
        text = re.sub(r"Page\d+of\d+$", "", text)
        for words in furniture:
            text = text.replace(_squeezed(words), "")
        pages.append(text)
    return "".join(pages)


def _minutes(minutes: str, action: str = "Share the plan") -> MinutesDocument:
    item = MinutesItem(1, "Item one", minutes=minutes, actions=(ActionLine(action, "Brent Council"),))
    return MinutesDocument("Brent Partnership", "Forum", "Forum", datetime(2024, 3, 1, 10), None, "Online",
                           "Approved on 01/04/2024", True, items=[item])


def _paragraph_sizes(flowables) -> list[int]:
    """The characters of every paragraph among `flowables` (in table cells too)."""
    sizes = []
    for flowable in flowables:
        if isinstance(flowable, Paragraph):
            sizes.append(len(flowable.getPlainText()))
        for row in getattr(flowable, "_cellvalues", ()):
            for value in row:
                sizes += _paragraph_sizes(value if isinstance(value, list) else [value])
    return sizes


MINUTES_FURNITURE = ("Minutes: Forum, 1 Mar 2024", "Brent Partnership", "ItemActionOwnerDueStatus")
LONG_TEXTS = {
    "a word longer than many pages": WORD[:30_000],
    "one line of 30,000 characters": _prose(3_000),
    "200,000 characters taller than a page": _prose(20_000, every=15),
}


def _case_details(summary: str) -> DocumentBuilder:
    doc = DocumentBuilder(None, "Case summary", "Brent Partnership", sensitive=False)
    doc.key_values([("Reference", "CR-2024-01"), ("Summary", summary), ("Panel's view", WORD[:20_000])])
    return doc


@pytest.mark.parametrize("name", LONG_TEXTS)
def test_long_minutes_are_set_as_short_paragraphs(name):
    assert max(_paragraph_sizes(minutes_pdf(_minutes(LONG_TEXTS[name]), None).story)) <= MOST


@pytest.mark.slow  # a PDF of up to 60 pages, read back
@pytest.mark.parametrize("name", LONG_TEXTS)
def test_long_minutes_print_whole_in_order(name):
    text = LONG_TEXTS[name]
    printed = _printed(minutes_pdf(_minutes(text), None).to_bytes(), *MINUTES_FURNITURE)
    assert _squeezed(text) in printed  # every character once, in order, never markup
    numbers = re.findall(r"w(\d{6})&<i>", printed)
    assert numbers == [f"{n:06d}" for n in range(len(numbers))]


def test_a_long_action_in_the_minutes_actions_table_is_set_as_short_paragraphs():
    assert max(_paragraph_sizes(minutes_pdf(_minutes("Discussed.", action=WORD[:30_000]), None).story)) <= MOST


@pytest.mark.slow  # a PDF of about 20 pages, read back
def test_a_long_action_in_the_minutes_actions_table_prints_whole():
    printed = _printed(minutes_pdf(_minutes("Discussed.", action=WORD[:30_000]), None).to_bytes(), *MINUTES_FURNITURE)
    assert _squeezed(WORD[:30_000]) in printed


def test_a_long_value_beside_its_label_is_set_as_a_long_cell():
    """A case's summary in its details (`key_values`): one paragraph of 100,000 characters in a
    row taller than a page took half a minute to print."""
    sizes = _paragraph_sizes(_case_details(_prose(3_000, every=40)).story)
    assert max(sizes) <= MOST and len(sizes) > 6


@pytest.mark.slow  # a PDF of about 20 pages, read back
def test_a_long_value_beside_its_label_prints_whole():
    text = _prose(3_000, every=40)
    printed = _printed(_case_details(text).to_bytes(), "Case summary", "Brent Partnership")
    assert _squeezed(text) in printed and _squeezed(WORD[:20_000]) in printed


@pytest.mark.parametrize("line", [
    _prose(3_000),  # words of ten characters
    WORD[:30_000],  # one word
    "The partners agreed the plan & <the> next steps. " * 300 + WORD[:15_000] + " and then more text." * 200,
    "Safeguarding   children\tacross    Brent. " * 600,  # runs of spaces and tabs printed as typed
])
def test_a_long_line_is_cut_where_its_printed_lines_end(line):
    """The pieces of a long line print the lines the whole line prints: none added, none lost."""
    style = paragraph_styles()["body"]
    assert len(line) > LONG_LINE
    runs = _run_paragraphs(line, style, CONTENT_WIDTH)
    assert len(runs) > 3 and all(len(run.text) <= MOST for run in runs)
    counts = [round(run.wrap(CONTENT_WIDTH, 1e9)[1] / style.leading) for run in runs]
    assert counts[:-1] == [LINES_PER_RUN] * (len(runs) - 1)
    whole = round(paragraph(line, style).wrap(CONTENT_WIDTH, 1e9)[1] / style.leading)
    assert sum(counts) == whole


def test_short_text_is_one_paragraph_as_before():
    style = paragraph_styles()["body"]
    text = "Agreed & <noted>\nwith the school " + "x" * 3_000
    [run] = _run_paragraphs(text, style, CONTENT_WIDTH)
    assert isinstance(run, Flowable) and run.text == paragraph(text, style).text
