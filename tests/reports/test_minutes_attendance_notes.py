"""The minutes' attendance lists print each person's note from the register (arrived late, left
early) beside their name, as typed: escaped like all user text."""

from __future__ import annotations

from datetime import datetime

import pytest

from bscp_desktop.reports.minutes import Attendee, MinutesDocument, write_minutes
from tests.reports.test_minutes_pdf import _flat, _text


def test_an_attendees_line_ends_with_their_note():
    assert Attendee("Jane Smith", "Brent Council", "Member", note=" arrived 10:45 ").line == (
        "Jane Smith (Member, Brent Council): arrived 10:45")
    assert Attendee("Sergeant Lewis", "Metropolitan Police", deputy_for="Inspector Morse", note="left early").line == (
        "Sergeant Lewis (Metropolitan Police), deputising for Inspector Morse: left early")
    assert Attendee("Jane Smith", "Brent Council", "Member").line == "Jane Smith (Member, Brent Council)"


@pytest.mark.slow
def test_the_minutes_pdf_prints_the_notes_as_typed(tmp_path):
    doc = MinutesDocument(
        "Brent Safeguarding Children Partnership", "Safeguarding Children Forum", "Forum",
        datetime(2024, 6, 13, 10), None, "Brent Civic Centre", "Draft", False,
        present=(Attendee("Jane Smith", "Brent Council", "Member", note="arrived 10:45 <late> & left at <b>11:30</b>"),),
        in_attendance=(Attendee("Visiting Speaker", note="for item 2 only"),),
    )
    flat = _flat(_text(write_minutes(doc, tmp_path / "m.pdf")))
    assert "Jane Smith (Member, Brent Council): arrived 10:45 <late> & left at <b>11:30</b>" in flat
    assert "Visiting Speaker: for item 2 only" in flat
