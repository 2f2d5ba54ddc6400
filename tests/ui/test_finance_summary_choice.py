"""Finance > Summary: choosing "Period from:" or "Financial year:" shows that period's figures at
once, and the outputs (the page's buttons and File > Export) write the figures on screen, their
file named for the same period as what they hold."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.finance import Period
from bscp_desktop.domain.money import format_money
from bscp_desktop.services import finance as fin
from bscp_desktop.ui.common import outputs
from bscp_desktop.ui.finance.tab import FinanceTab
from tests.ui.helpers import settled

TODAY = date(2024, 6, 3)  # the period offered: 1 October 2022 to 31 March 2024


@pytest.fixture
def tab(qtbot, demo_db) -> FinanceTab:
    """The Finance tab on the demo database, its Summary shown and read."""
    tab = FinanceTab(demo_db, None, today=TODAY)
    qtbot.addWidget(tab)
    tab.resize(1400, 900)
    tab.show()
    tab.sections.setCurrentWidget(tab.summary)
    settled(tab.summary)
    return tab


@pytest.fixture
def asked(monkeypatch):
    """The options and file name each output is asked for, instead of writing it."""
    seen: list[tuple[dict, str]] = []
    monkeypatch.setattr(outputs, "save_job", lambda _parent, _db, _job, _output, options, suggested, _title:
                        seen.append((options, suggested)))
    return seen


def _period(options: dict) -> Period:
    return Period.year(fin.start_year_of(options["year"])) if "year" in options else Period(options["date_from"], options["date_to"])


@pytest.mark.slow
def test_choosing_the_period_or_the_year_shows_it_and_the_outputs_write_what_is_shown(qtbot, demo_db, tab, asked):
    page = tab.summary
    assert page.summary.label == "2023/24" and page.by_year.isChecked()
    pdf = next(a for a in page.output_actions if a.text().endswith("(PDF)…"))

    for button, label, options, names in (
        (page.by_period, "1 October 2022 to 31 March 2024", {"date_from": date(2022, 10, 1), "date_to": date(2024, 3, 31)},
         ["Finance 1 October 2022 to 31 March 2024.pdf"] * 2),
        (page.by_year, "2023/24", {"year": "2023/24"}, ["Finance 2023-24.pdf", "Finance 2023-24.pdf"]),
    ):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert button.isChecked()
        settled(page)
        assert page.summary.label == label  # shown at once, no Show pressed
        shown_total = page.texts("Contributions")[-1]
        asked.clear()
        pdf.trigger()
        tab.report_pdf.trigger()  # File > Export names the file as the page does
        assert asked == [(options, names[0]), (options, names[1])]
        figures = fin.summary(demo_db, _period(options))  # what the output would print
        assert figures.label == label and shown_total == ["TOTAL", format_money(figures.contributions_total)]


@pytest.mark.slow
def test_the_keyboard_chooses_as_the_mouse_does(qtbot, tab, asked):
    page = tab.summary
    page.by_year.setFocus()
    qtbot.keyClick(page.by_year, Qt.Key.Key_Right)  # the arrow keys move the choice along the buttons
    assert page.by_period.isChecked()
    settled(page)
    assert page.summary.label == "1 October 2022 to 31 March 2024"
    assert page.options() == {"date_from": date(2022, 10, 1), "date_to": date(2024, 3, 31)}
