"""The agenda PDF says when its timetable runs past the meeting's end, under the timetable, and
prints a start time on a later day as such ("01:10 (next day)"); a meeting with no end time,
or whose items fit, gets no such note."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import datetime

import pypdf
import pytest

from bscp_desktop.reports.agenda import AgendaDocument, AgendaLine, agenda_pdf, overrun_note, timetable

LATE = AgendaDocument(
    "Brent Safeguarding Children Partnership", "Executive Group", "Executive Group",
    datetime(2025, 6, 12, 22), datetime(2025, 6, 12, 23), "Brent Civic Centre",
    items=(
        AgendaLine(1, "Welcome", minutes_allotted=5),
        AgendaLine(2, "Budget", minutes_allotted=45),
        AgendaLine(3, "Case X", minutes_allotted=50, confidential=True),
        AgendaLine(4, "Neglect strategy", minutes_allotted=120),
        AgendaLine(5, "Any other business", minutes_allotted=5),
    ),
    overrun="The items' times add up to 3 h 45 min; the meeting is 1 h (22:00 to 23:00): 2 h 45 min over.",
)


def test_a_start_on_the_next_day_says_so():
    # printed: 1 22:00, 2 22:05, 4 22:50, 5 00:50 (next day); Part B: 3 00:55 (next day)
    assert timetable(LATE) == ["22:00", "22:05", "00:55 (next day)", "22:50", "00:50 (next day)"]


def test_the_note_names_the_first_item_printed_at_or_after_the_end():
    assert overrun_note(LATE) == (
        "These times run past the meeting's end at 23:00: item 5 and the items listed after it start at or after "
        "the end. The items' times add up to 3 h 45 min; the meeting is 1 h (22:00 to 23:00): 2 h 45 min over.")


def test_no_note_without_an_end_time_or_when_the_items_fit():
    assert overrun_note(replace(LATE, ends_at=None)) == ""
    assert overrun_note(replace(LATE, ends_at=datetime(2025, 6, 13, 2))) == ""


@pytest.mark.slow  # lays out a PDF
def test_the_pdf_prints_the_note_under_the_timetable():
    reader = pypdf.PdfReader(io.BytesIO(agenda_pdf(LATE, None).to_bytes()))
    text = " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())
    assert "00:50 (next day)" in text and "00:55 (next day)" in text
    part_b = text.split("Part B: confidential items")[1]
    assert "These times run past the meeting's end at 23:00" in part_b  # under the whole timetable
    assert "2 h 45 min over." in part_b
    fits = pypdf.PdfReader(io.BytesIO(agenda_pdf(replace(LATE, ends_at=None, overrun=""), None).to_bytes()))
    assert "run past" not in " ".join(p.extract_text() or "" for p in fits.pages)
