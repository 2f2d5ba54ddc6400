"""The Themes page puts a case that crosses 31 March in the year the Summary for a period counts
it (its Considered on date), and its heading says so."""

from __future__ import annotations

from datetime import date

from bscp_desktop.services import case_reviews as cr
from bscp_desktop.ui.case_reviews.tab import CaseReviewsTab


def test_the_themes_page_counts_a_case_in_the_year_it_was_considered_and_says_so(qtbot, db):
    cr.create_case_review(db, cr.CaseReviewFields(
        "Child K", "serious_harm", date(2025, 3, 28), considered_on=date(2025, 4, 1), outcome="not_notifiable",
        themes=("Neglect",)))
    cr.create_case_review(db, cr.CaseReviewFields("Child L", "serious_harm", date(2024, 5, 2), themes=("Neglect",)))
    tab = CaseReviewsTab(db, None, today=date(2025, 6, 2))
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show()
    tab.sections.setCurrentIndex(2)  # Themes
    qtbot.waitUntil(lambda: tab.sections.built_page("themes") is not None)
    themes = tab.sections.built_page("themes")
    qtbot.waitUntil(lambda: not themes.loading() and themes.table.rowCount() > 1)
    rows = {r[0]: r[1:] for r in themes.cell_texts()}
    assert [themes.table.horizontalHeaderItem(c).text() for c in range(themes.table.columnCount())] == [
        "Theme", "2024/25", "2025/26", "Total"]
    assert rows["Neglect"] == ["1", "1", "2"]  # Child K in 2025/26, the year it was considered
    heading = themes.heading.text()
    assert "in which the Case Review Group considered them" in heading
    assert "as the Summary for a period counts them" in heading
