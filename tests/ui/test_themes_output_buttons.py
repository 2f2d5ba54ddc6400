"""Case reviews > Themes: the page's output buttons are named, for a screen reader, as every
other output button is: the output's name without the "…" the button shows (they were read out
as "Case review themes (PDF)…")."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from bscp_desktop.ui.case_reviews.tab import CaseReviewsTab
from tests.ui.helpers import shown_tab


def test_the_themes_output_buttons_are_named_without_the_dots(qtbot, db):
    tab = shown_tab(qtbot, CaseReviewsTab(db, None))
    page = tab.themes
    tab.sections.setCurrentWidget(page)
    qtbot.waitUntil(lambda: not page.loading())
    buttons = [b for b in page.findChildren(QPushButton) if b.text().startswith("Case review themes")]
    assert sorted(b.text() for b in buttons) == ["Case review themes (Excel)…", "Case review themes (PDF)…"]
    assert sorted(b.accessibleName() for b in buttons) == ["Case review themes (Excel)", "Case review themes (PDF)"]
