"""The Section 11 summary of a new cycle names, under its improvement actions, the improvement
actions still open in the earlier cycle it is compared with: they stay in the action log under
that cycle, and the summary says so rather than only "No improvement actions recorded."."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from bscp_desktop.domain.section11 import Rating, Timeliness
from bscp_desktop.reports import audits as out

AGENCY = out.S11AgencyLine("Brent Council", "Not sent", None, None, None, Timeliness.NOT_YET_DUE, "Not yet due")
TODAY = date(2026, 12, 7)


def _cycle(open_before: int, agencies=(AGENCY,), previous: str = "2024-26") -> out.S11CycleReport:
    cells = tuple((out.S11CellLine(Rating.GREEN, None),) for _ in agencies)
    return out.S11CycleReport("2026-28", date(2026, 11, 2), date(2027, 1, 29), previous,
                              ((1, "Leadership and accountability"),), tuple(agencies), cells,
                              previous_open_actions=open_before)


def _summary(tmp_path, cycle: out.S11CycleReport) -> str:
    path = out.write_s11_summary(out.AuditsReport("Brent Safeguarding Children Partnership", TODAY, (cycle,)),
                                 tmp_path / "s11.pdf")
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


@pytest.mark.slow
def test_the_earlier_cycles_open_actions_are_named_under_the_improvement_actions(tmp_path):
    text = _summary(tmp_path, _cycle(3))
    actions = text.index("Agencies' improvement actions")
    assert text.index("No improvement actions recorded.") > actions
    assert text.index("Open improvement actions from 2024-26: 3, in the action log.") > actions


@pytest.mark.slow
def test_a_cycle_with_no_agencies_yet_still_names_them(tmp_path):
    text = _summary(tmp_path, _cycle(3, agencies=()))
    assert "No agencies are taking part yet. Open improvement actions from 2024-26: 3, in the action log." in text


@pytest.mark.slow
def test_nothing_is_said_when_none_are_open_or_there_is_no_earlier_cycle(tmp_path):
    assert "Open improvement actions from" not in _summary(tmp_path, _cycle(0))
    assert "Open improvement actions from" not in _summary(tmp_path, _cycle(3, previous=""))
