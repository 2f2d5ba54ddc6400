"""What counts as written, one rule for the checklist, the list of sections and Mark final
(letters or digits among what prints: "___" typed alone, or a soft hyphen, is not written); and
a period of at most three years, the end no later than the day before the same date three
years on (29 February: 28 February)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bscp_desktop.domain.yearly_report import SECTIONS, check_period, has_words, last_day_within_three_years
from bscp_desktop.services import yearly_report as yr

NOT_WRITTEN = {
    "underscores typed": "\\_\\_\\_\n",  # what the editor saves for "___"
    "a star typed": "\\*\n",
    "markers with nothing between": "** **\n\n- \n",
    "a soft hyphen": "\u00ad",
    "zero-width spaces": "\u200b\u200c\u2060\ufeff",
    "punctuation": "... - — ?",
}
WRITTEN = {"a word": "Neglect", "a number": "2024", "a word in bold": "**Forum**", "a soft hyphen in a word": "Safe\u00adguarding",
           "a word in another script": "王芳"}


def test_only_text_with_a_letter_or_a_digit_is_written():
    assert [kind for kind, text in NOT_WRITTEN.items() if has_words(text)] == []
    assert [kind for kind, text in WRITTEN.items() if not has_words(text)] == []


def _report(foreword: str) -> yr.ReportDTO:
    """A draft whose every section the team writes holds words, but the foreword `foreword`."""
    sections = tuple(
        yr.SectionDTO(n, 1, s.key, s.title, s.kind, s.hint, foreword if s.key == "foreword" else f"Our words on {s.title}.",
                      (), "", False, None, "") for n, s in enumerate(SECTIONS, start=1))
    return yr.ReportDTO(1, "Yearly report 2023/24", date(2023, 4, 1), date(2024, 3, 31), False, None, None, sections,
                        archived_at=None)


@pytest.mark.parametrize("kind", NOT_WRITTEN)
def test_mark_final_refuses_a_section_the_checklist_calls_empty(kind):
    refusal = yr.final_refusal(_report(NOT_WRITTEN[kind]))
    assert refusal is not None and refusal.errors == {
        "final": "Write 'Foreword' before marking the report final: it has not been written yet, and nothing in a "
                 "final report can change"}
    assert yr.final_refusal(_report("Safe\u00adguarding children is everyone's business.")) is None


@pytest.mark.parametrize(("start", "last"), [
    (date(2021, 4, 1), date(2024, 3, 31)),
    (date(2024, 2, 29), date(2027, 2, 28)),  # no 29 February three years on: three years on is 1 March
    (date(2023, 2, 28), date(2026, 2, 27)),
    (date(2021, 3, 1), date(2024, 2, 29)),  # the day before 1 March in a leap year
    (date(2022, 1, 1), date(2024, 12, 31)),
])
def test_a_period_ends_at_most_the_day_before_the_same_date_three_years_on(start, last):
    assert last_day_within_three_years(start) == last
    assert check_period(start, last) == {}
    assert check_period(start, last + timedelta(days=1)) == {
        "period_end": f"A yearly report covers at most three years: the end of the period can be {last:%d/%m/%Y} "
                      "at the latest"}


def test_three_years_and_a_day_or_more_are_refused_and_the_calendars_end_sets_no_limit():
    for end in (date(2024, 4, 1), date(2024, 4, 3), date(2024, 4, 4)):
        assert "period_end" in check_period(date(2021, 4, 1), end), end
    assert last_day_within_three_years(date(9998, 6, 1)) is None  # three years on is past the calendar's end
    assert check_period(date(9998, 6, 1), date(9999, 12, 31)) == {}


def test_the_refusal_names_the_output_it_is_for():
    assert check_period(date(2020, 1, 1), date(2024, 12, 31), "A partner's workbook") == {
        "period_end": "A partner's workbook covers at most three years: the end of the period can be 31/12/2022 at the "
                      "latest"}


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_the_last_day_is_within_three_years_and_the_next_is_not(start):
    last = last_day_within_three_years(start)
    assert last is not None and 1094 <= (last - start).days <= 1095
    assert check_period(start, last) == {}
    assert "period_end" in check_period(start, last + timedelta(days=1))
