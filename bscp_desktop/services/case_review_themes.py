"""The case review themes summary: cases by theme and financial year, as the Themes page, the
themes report (`report case-themes`) and the tracker workbook show it.

A case counts in the financial year of its Considered on date, else of the date the local
authority became aware (`domain.case_reviews.counted_on`): the rule the summary for a period and
the yearly report count cases considered by, so every page puts a case in the same year.
`services.case_reviews.themes_summary` reads the cases; all of it is importable from there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bscp_desktop.domain.case_reviews import count_by_theme_and_year, counted_on
from bscp_desktop.domain.case_summary import theme_spelling
from bscp_desktop.domain.dates import financial_year_label, financial_year_of
from bscp_desktop.services.case_review_dtos import CaseReviewDTO

NO_THEME = "No theme recorded"


@dataclass(frozen=True)
class ThemeRow:
    theme: str
    counts: tuple[int, ...]  # one per year of ThemesSummary.years

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class ThemesSummary:
    years: tuple[int, ...]  # financial year start years, oldest first
    rows: tuple[ThemeRow, ...]
    cases_per_year: tuple[int, ...]

    @property
    def year_labels(self) -> tuple[str, ...]:
        return tuple(financial_year_label(y) for y in self.years)

    @property
    def total_cases(self) -> int:
        return sum(self.cases_per_year)


def summarise_themes(configured: Iterable[str], cases: Iterable[CaseReviewDTO]) -> ThemesSummary:
    """Cases by theme and by the financial year they count in (`counted_on`). Every configured
    theme has a row, in the configured order; other themes follow alphabetically, then cases
    without a theme."""
    spelt = theme_spelling(configured := list(configured))  # a configured theme in its configured spelling
    counted = [(counted_on(c.became_aware, c.considered_on), tuple(map(spelt, c.themes))) for c in cases]
    counts = count_by_theme_and_year(counted)
    years = sorted({financial_year_of(day) for day, _themes in counted})
    folded = {t.casefold(): t for t in counts}
    order = [folded.pop(t.casefold(), t) for t in configured]
    extra = sorted((t for t in folded.values() if t != NO_THEME), key=str.casefold)
    order += extra + ([NO_THEME] if NO_THEME in counts else [])
    rows = tuple(ThemeRow(t, tuple(counts.get(t, {}).get(y, 0) for y in years)) for t in order)
    per_year = tuple(sum(1 for day, _themes in counted if financial_year_of(day) == y) for y in years)
    return ThemesSummary(tuple(years), rows, per_year)
