"""The action log PDF says how many working days an action is overdue leaving out the team's
local closure days (Case reviews > Settings), as every other deadline does."""

from __future__ import annotations

import dataclasses
from datetime import date

import pypdf
import pytest

from bscp_desktop.jobs import meetings as meeting_jobs
from bscp_desktop.reports.actions import ActionRow
from bscp_desktop.services import actions as al
from bscp_desktop.services import case_reviews as cr

DUE = date(2025, 12, 24)  # a Wednesday: Christmas, Boxing Day and New Year's Day follow
TODAY = date(2026, 1, 5)  # working days after the due date: 29, 30, 31 December, 2 and 5 January
CLOSED = (date(2025, 12, 29), date(2025, 12, 30), date(2025, 12, 31))


def _row() -> ActionRow:
    return ActionRow("Send the budget", "", "", "Head teacher", DUE, "Open", True, None)


def test_the_overdue_words_leave_out_the_closure_days():
    assert _row().status_words(TODAY) == "Overdue by 5 working days (Open)"
    assert _row().status_words(TODAY, frozenset(CLOSED)) == "Overdue by 2 working days (Open)"


@pytest.mark.slow  # a PDF written and read back
def test_the_action_log_pdf_counts_without_the_teams_closure_days(db, world, tmp_path):
    al.create_action(db, al.ActionFields("Send the budget", owner_person_id=world.head.id, due_date=DUE))
    settings = cr.load_settings(db)
    cr.save_settings(db, dataclasses.replace(
        settings, closures=tuple(cr.ClosureDay(day, "Council closure") for day in CLOSED)))
    pdf = meeting_jobs.actions_report(db, tmp_path / "Action log.pdf", today=TODAY)
    text = " ".join(" ".join(p.extract_text() or "" for p in pypdf.PdfReader(str(pdf)).pages).split())
    assert "Overdue by 2 working days (Open)" in text
    assert "Overdue by 5" not in text
