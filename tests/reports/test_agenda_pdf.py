"""The agenda PDF prints the open business (Part A), then the confidential items (Part B), and
its timetable runs in that printed order."""

from __future__ import annotations

import io
from datetime import datetime

import pypdf
import pytest

from bscp_desktop.reports.agenda import AgendaDocument, AgendaLine, agenda_pdf, timetable


def _agenda(*lines: AgendaLine) -> AgendaDocument:
    return AgendaDocument("Brent Safeguarding Children Partnership", "Case Review Group", "Case Review Group",
                          datetime(2026, 6, 11, 10), datetime(2026, 6, 11, 12), "Brent Civic Centre", items=lines)


PART_B_SECOND = _agenda(
    AgendaLine(1, "Welcome", minutes_allotted=5),
    AgendaLine(2, "Rapid review: Child A", minutes_allotted=45, confidential=True),
    AgendaLine(3, "ICON training", minutes_allotted=20),
    AgendaLine(4, "Any other business", minutes_allotted=5),
)


def test_the_times_follow_the_printed_order_part_a_then_part_b():
    # printed: 1 Welcome, 3 ICON training, 4 Any other business; then Part B: 2 Rapid review
    assert timetable(PART_B_SECOND) == ["10:00", "10:30", "10:05", "10:25"]


def test_an_item_without_a_time_leaves_the_later_printed_ones_without_one():
    doc = _agenda(AgendaLine(1, "Welcome", minutes_allotted=5), AgendaLine(2, "Child A", confidential=True),
                  AgendaLine(3, "Budget"), AgendaLine(4, "Any other business", minutes_allotted=5))
    assert timetable(doc) == ["10:00", "", "10:05", ""]  # Budget has no time: the rest printed after it have none


@pytest.mark.slow  # lays out a PDF
def test_the_pdf_prints_part_b_after_the_open_business_at_the_times_that_follow_it():
    reader = pypdf.PdfReader(io.BytesIO(agenda_pdf(PART_B_SECOND, None).to_bytes()))
    text = " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())
    part_a, part_b = text.split("Part B: confidential items")
    assert part_a.index("Welcome") < part_a.index("ICON training") < part_a.index("Any other business")
    assert "10:00" in part_a and "10:05" in part_a and "10:25" in part_a and "10:30" not in part_a
    assert "Rapid review: Child A" in part_b and "10:30" in part_b
