"""Amendments after approval in the minutes PDF: each line says which agenda item it changed, by
its number and title as the minutes number the items, as well as its date and reason."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pypdf

from bscp_desktop.reports.minutes import AmendmentLine, MinutesDocument, MinutesItem, write_minutes


def _amendments_section(path) -> str:
    reader = pypdf.PdfReader(str(path))
    text = " ".join(" ".join(unicodedata.normalize("NFKC", p.extract_text() or "").split()) for p in reader.pages)
    return text[text.index("Amendments after approval"):]


def _doc(*amendments: AmendmentLine) -> MinutesDocument:
    items = (MinutesItem(1, "Welcome"), MinutesItem(3, "Ofsted action plan", minutes="Agreed."),
             MinutesItem(4, "Case of Child A", confidential=True))
    return MinutesDocument("Brent Safeguarding Children Partnership", "Executive Group", "Executive Group meeting",
                           datetime(2026, 10, 8, 10), None, "Brent Civic Centre", "Approved on 01/12/2026", True,
                           items=items, amendments=amendments)


def test_an_amendment_names_the_item_by_its_number_and_title():
    line = AmendmentLine.made(date(2026, 12, 7), "Correction requested by the chair", 3, "Ofsted action plan")
    assert line.text == "07/12/2026, item 3 (Ofsted action plan): Correction requested by the chair"
    assert not line.confidential


def test_an_amendment_to_an_item_taken_off_the_agenda_names_it_by_its_title():
    line = AmendmentLine.made(date(2026, 12, 7), "Taken off in error", None, "Budget update")
    assert line.text == "07/12/2026, item taken off the agenda (Budget update): Taken off in error"


def test_an_amendment_to_no_item_says_only_its_date_and_reason():
    line = AmendmentLine.made(date(2026, 12, 7), "Start time corrected")
    assert line.text == "07/12/2026: Start time corrected"


def test_the_minutes_list_each_amendment_with_its_item(tmp_path):
    doc = _doc(AmendmentLine.made(date(2026, 12, 7), "Correction requested by the chair", 3, "Ofsted action plan"),
               AmendmentLine.made(date(2026, 12, 8), "Start time corrected"),
               AmendmentLine.made(date(2026, 12, 9), "Name corrected", 4, "Case of Child A", confidential=True))
    full = _amendments_section(write_minutes(doc, tmp_path / "full.pdf"))
    assert "07/12/2026, item 3 (Ofsted action plan): Correction requested by the chair" in full
    assert "08/12/2026: Start time corrected" in full
    assert "09/12/2026, item 4 (Case of Child A): Name corrected" in full
    circulated = _amendments_section(write_minutes(doc, tmp_path / "circulated.pdf", circulation=True))
    assert "07/12/2026, item 3 (Ofsted action plan): Correction requested by the chair" in circulated
    assert "Child A" not in circulated
    assert "1 amendment to a confidential item is left out of this version for circulation." in circulated
