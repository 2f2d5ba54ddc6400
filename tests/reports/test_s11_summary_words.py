"""The Section 11 summary's words: a cycle that has not opened yet "opens" on its date, as the
window says, and one opened "opened"; a cycle with no standards says so in a sentence instead of
an empty list of standards and empty tables."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from bscp_desktop.domain.section11 import Rating, Timeliness, no_standards_problem, opened_word
from bscp_desktop.reports import audits as out

AGENCY = out.S11AgencyLine("Brent Council", "Not sent", None, None, None, Timeliness.NOT_YET_DUE, "Not yet due")


def _cycle(standards=((1, "Leadership and accountability"),), agencies=(AGENCY,)) -> out.S11CycleReport:
    cells = tuple(tuple(out.S11CellLine(Rating.GREEN, None) for _ in standards) for _ in agencies)
    return out.S11CycleReport("2030-32", date(2030, 4, 1), date(2030, 6, 28), "", tuple(standards),
                              tuple(agencies), cells)


def _summary(tmp_path, cycle: out.S11CycleReport, today: date) -> str:
    path = out.write_s11_summary(out.AuditsReport("Brent Safeguarding Children Partnership", today, (cycle,)),
                                 tmp_path / "s11.pdf")
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


@pytest.mark.slow
def test_the_word_for_the_opening_date_follows_the_day_it_is_written(tmp_path):
    assert opened_word(date(2030, 4, 1), date(2030, 3, 31)) == "opens"
    assert opened_word(date(2030, 4, 1), date(2030, 4, 1)) == "opened"
    before = _summary(tmp_path, _cycle(agencies=()), date(2026, 12, 6))
    assert "Opens 1 Apr 2030; returns due 28 Jun 2030." in before and "Opened" not in before
    after = _summary(tmp_path, _cycle(agencies=()), date(2030, 4, 1))
    assert "Opened 1 Apr 2030; returns due 28 Jun 2030." in after


@pytest.mark.slow
def test_a_cycle_with_no_standards_says_so_instead_of_empty_tables(tmp_path):
    text = _summary(tmp_path, _cycle(standards=()), date(2026, 12, 6))
    assert ("The cycle 2030-32 has no standards, so its agencies have nothing to rate and there are no ratings "
            "to show.") in text
    for empty in ("Standards: .", "Ratings by agency and standard", "Counts per standard", "Counts per agency",
                  "Each cell shows"):
        assert empty not in text
    assert "Returns" in text and "Brent Council" in text  # who was asked is still listed
    with_one = _summary(tmp_path, _cycle(), date(2026, 12, 6))
    assert "Standards: 1. Leadership and accountability." in with_one and "no standards" not in with_one


def test_why_a_cycle_with_no_standards_has_nothing_to_rate():
    assert no_standards_problem("2030-32", date(2030, 4, 1), date(2026, 12, 6)) == (
        "The cycle 2030-32 has no standards, so its agencies have nothing to rate: add them first (Audits tab, "
        "Section 11, Standards…)")
    assert "opened on 01/04/2030, so none can be added now: start a new cycle (New cycle…)" in no_standards_problem(
        "2030-32", date(2030, 4, 1), date(2030, 5, 1))
