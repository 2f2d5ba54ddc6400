"""The training figures show their counts with thousands separators, as the changes beside them
and the rest of the program write them ("3,362" beside "up 3,362 (from 0)")."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from PySide6.QtWidgets import QLabel

from bscp_desktop.domain.training import Figures, Rate
from bscp_desktop.ui.training.figures import FiguresPage, as_text, figure_row, read_only_table

BIG = Figures(sessions=1200, places=24_000, bookings=3362, attended=2500, no_shows=1100, cancellations=1234,
              late_cancellations=1001, waitlisted=1500)


def test_counts_are_shown_with_thousands_separators():
    assert as_text([["Bookings", 3362, Rate(1500, 3362), None, "12 (3)"]]) == \
        [["Bookings", "3,362", "45% (1,500 of 3,362)", "", "12 (3)"]]
    assert as_text([figure_row("Total", BIG)])[0][:8] == \
        ["Total", "1,200", "24,000", "3,362", "2,500", "1,100", "1,234 (1,001)", "1,500"]


def _report(upcoming: int = 0) -> SimpleNamespace:
    total = SimpleNamespace(figures=BIG, previous=Figures())
    gain = SimpleNamespace(mean_before=Decimal("2.5"), mean_after=Decimal("4"), mean_gain=Decimal("1.5"))
    return SimpleNamespace(
        total=total, by_course=[], by_topic=[], by_organisation=[], by_sector=[], years=[],
        gains=[SimpleNamespace(course_title="Neglect", evaluations=2048, gain=gain, delegate_follow_ups=1010,
                               manager_follow_ups=1002)],
        period_label="2024/25", previous_period=SimpleNamespace(label="2023/24"), empty=False,
        upcoming_sessions=upcoming, upcoming_bookings=12_345, registrations=None, previous_registrations=None,
        called_off_note="")


def test_the_evaluation_results_count_with_thousands_separators():
    gains = FiguresPage.tables_of(_report())["gains"]
    assert gains[0][1] == "2,048" and gains[0][-1] == "1,010 / 1,002"


def test_the_key_figures_and_the_sessions_still_to_come_have_thousands_separators(qtbot):
    page = SimpleNamespace(status=QLabel(), key=read_only_table(["Figure", "This period", "Previous period", "Change"],
                                                                "Key figures", stretch=3))
    qtbot.addWidget(page.status)
    qtbot.addWidget(page.key)
    FiguresPage._show_key(page, _report(upcoming=1500))
    rows = {page.key.item(r, 0).text(): [page.key.item(r, c).text() for c in (1, 3)] for r in range(page.key.rowCount())}
    assert rows["Bookings"] == ["3,362", "up 3,362 (from 0)"]
    assert "1,500 sessions later in the period (12,345 bookings)" in page.status.text()
