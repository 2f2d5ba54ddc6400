"""With display scaling and a larger system font, the Section 11 page's headings ("Rate each
standard…", the empty sentence, the earlier cycle's name) did not wrap: the page's least width
grew past a laptop screen's, so the main window stayed wider than the screen on every tab. They
wrap now, and the page needs no more than the screen it is on."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from bscp_desktop.ui.audits.tab import AuditsTab
from tests.built_once import database_with
from tests.ui.helpers import shown_tab
from tests.ui.test_audits_tab import build_setup

db, setup = database_with("audits-large-font", build_setup, records="setup")

SCREEN_WIDTH = 853  # a 1280-pixel screen at 150 per cent


def test_the_section_11_page_is_no_wider_than_a_laptop_screen_with_a_large_font(qtbot, db, setup):
    app = QApplication.instance()
    before = app.font()
    large = QFont(before)
    large.setPointSize(14)
    app.setFont(large)
    try:
        tab = shown_tab(qtbot, AuditsTab(db, None, today=date(2024, 10, 1)), (SCREEN_WIDTH, 480))
        qtbot.waitUntil(lambda: tab.section11.grid_data is not None)
        page = tab.section11
        tab.sections.setCurrentWidget(page)
        for label in (page.grid_heading, page.empty, page.earlier_heading):
            assert label.wordWrap(), label.text()
        assert page.minimumSizeHint().width() <= SCREEN_WIDTH
    finally:
        app.setFont(before)
