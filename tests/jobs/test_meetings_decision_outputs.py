"""A decision's owner, due date and evidence of impact in what the Meetings area prints and
exports: the Decisions sheet of the Meetings workbook has them with what is missing, and the
minutes PDF gives the owner and due date after each decision where they were given."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pypdf
import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.jobs.meetings import build_workbook, minutes_document
from bscp_desktop.reports.minutes import DecisionLine
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting


@pytest.fixture
def decided(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    mt.add_decision(db, item.id, mt.DecisionFields("Adopt the neglect strategy", None, world.council.id,
                                                   date(2024, 4, 30), "Every school has the toolkit"))
    mt.add_decision(db, item.id, "Review the strategy in a year")
    return m


@pytest.mark.slow  # a workbook or a PDF written and read back
def test_the_decisions_sheet_has_the_owner_due_date_evidence_and_what_is_missing(db, decided, tmp_path):
    path = build_workbook(db, today=date(2024, 5, 1)).save(tmp_path / "meetings.xlsx")
    rows = list(openpyxl.load_workbook(path)["Decisions"].iter_rows(values_only=True))
    assert rows[0][4:] == ("Decision", "Owner", "Due date", "Evidence of impact", "Missing")
    assert [r[4:] for r in rows[1:]] == [
        ("Adopt the neglect strategy", "Brent Council", datetime(2024, 4, 30), "Every school has the toolkit", None),
        ("Review the strategy in a year", None, None, None, "No owner, no due date"),
    ]


@pytest.mark.slow  # a workbook or a PDF written and read back
def test_the_minutes_give_the_owner_and_due_date_after_a_decision(db, decided, tmp_path):
    (item,) = minutes_document(db, decided.id).items
    assert item.decisions == (DecisionLine("Adopt the neglect strategy", "Brent Council", date(2024, 4, 30)),
                              DecisionLine("Review the strategy in a year"))
    path = jobs.write_report(db, "minutes", tmp_path / "minutes.pdf", meeting=decided.id)
    text = " ".join(" ".join(p.extract_text() or "" for p in pypdf.PdfReader(str(path)).pages).split())
    assert "Decision: Adopt the neglect strategy. Owner: Brent Council. Due 30/04/2024." in text
    assert "Decision: Review the strategy in a year" in text and "in a year." not in text
