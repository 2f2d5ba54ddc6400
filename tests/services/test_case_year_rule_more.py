"""One rule for the financial year a case counts in: its Considered on date, else the date the
local authority became aware. The Summary, the Themes page, the themes report and the tracker
workbook's Financial year column all put a case that crosses 31 March in the same year."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.domain.case_reviews import count_by_theme_and_year, counted_on
from bscp_desktop.services import case_review_summary as crs
from bscp_desktop.services import case_reviews as cr

TODAY = date(2025, 6, 2)
LAST_YEAR = (date(2024, 4, 1), date(2025, 3, 31))
THIS_YEAR = (date(2025, 4, 1), date(2026, 3, 31))


def test_a_case_counts_on_its_considered_on_date_else_on_the_date_the_authority_became_aware():
    assert counted_on(date(2025, 3, 28), date(2025, 4, 1)) == date(2025, 4, 1)
    assert counted_on(date(2025, 3, 28), None) == date(2025, 3, 28)
    counts = count_by_theme_and_year([(counted_on(date(2025, 3, 28), date(2025, 4, 1)), ["Neglect"])])
    assert counts == {"Neglect": {2025: 1}}


@pytest.fixture
def crossing(db):
    """Aware on Friday 28 March 2025, considered on Tuesday 1 April 2025 and not notifiable; and
    a case aware in March 2025 the Case Review Group has not considered yet."""
    cr.create_case_review(db, cr.CaseReviewFields(
        alias="Child K", incident_type="serious_harm", became_aware=date(2025, 3, 28),
        considered_on=date(2025, 4, 1), outcome="not_notifiable", themes=("Neglect",)))
    cr.create_case_review(db, cr.CaseReviewFields(
        alias="Child L", incident_type="serious_harm", became_aware=date(2025, 3, 20), themes=("Domestic abuse",)))
    return db


def test_the_themes_summary_puts_a_case_in_the_year_the_summary_counts_it(crossing):
    db = crossing
    themes = cr.themes_summary(db)
    assert themes.year_labels == ("2024/25", "2025/26")
    rows = {r.theme: r.counts for r in themes.rows}
    assert rows["Neglect"] == (0, 1)  # considered on 1 April 2025
    assert rows["Domestic abuse"] == (1, 0)  # not considered yet: the year it became known
    assert themes.cases_per_year == (1, 1)
    for (start, end), per_year in zip((LAST_YEAR, THIS_YEAR), themes.cases_per_year, strict=True):
        summary = crs.case_summary(db, start, end, TODAY)
        assert summary.cases_considered == per_year
    assert dict((t, n) for t, n, _share in crs.case_summary(db, *THIS_YEAR, TODAY).themes) == {"Neglect": 1}


@pytest.mark.slow  # writes two workbooks
def test_the_tracker_and_themes_workbooks_count_a_case_in_the_year_the_summary_counts_it(crossing, tmp_path):
    db = crossing
    jobs.load_all()
    tracker = load_workbook(jobs.XLSX_AREAS["case-reviews"].run(db, tmp_path / "tracker.xlsx", today=TODAY))
    header = [c.value for c in tracker["Cases"][1]]
    years = {r[header.index("Alias")]: r[header.index("Financial year")]
             for r in tracker["Cases"].iter_rows(min_row=2, values_only=True) if r[0]}  # the note under the table aside
    assert years == {"Child K": "2025/26", "Child L": "2024/25"}

    themes = load_workbook(jobs.write_report(db, "case-themes", tmp_path / "themes.xlsx", xlsx=True, today=TODAY))
    assert [c.value for c in themes["Themes"][1]] == ["Theme", "2024/25", "2025/26", "Total"]
    rows = {r[0]: r[1:] for r in themes["Themes"].iter_rows(min_row=2, values_only=True)}
    assert rows["Neglect"] == (0, 1, 1)
    assert rows["Domestic abuse"] == (1, 0, 1)


@pytest.mark.slow  # writes a PDF
def test_the_themes_report_says_which_year_a_case_counts_in(crossing, tmp_path):
    from pypdf import PdfReader

    path = jobs.write_report(crossing, "case-themes", tmp_path / "themes.pdf", today=TODAY)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(str(path)).pages).split())
    assert "in which the Case Review Group considered them" in text
    assert "a case not yet considered: the year the local authority became aware" in text
