"""The yearly report window's buttons not offered say why in their tooltips: with no report,
each that works on a report says to make one first; with a final report, the title and period
and the refresh of its sections say that a final report no longer changes."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.services import yearly_report as yr
from bscp_desktop.ui.yearly_report.window import FINAL, NO_REPORT, YearlyReportWindow
from tests.services.test_yearly_report import write_every_section


def greyed(window: YearlyReportWindow) -> dict[str, str]:
    buttons = (window.new_button, window.edit_button, window.final_button, window.archive_button,
               window.restore_button, window.refresh_all_button, *window.output_buttons)
    return {b.text(): b.toolTip() for b in buttons if not b.isEnabled()}


@pytest.mark.slow
def test_with_no_report_each_button_that_needs_one_says_to_make_one_first(qtbot, db):
    window = YearlyReportWindow(db, None)
    qtbot.addWidget(window)
    assert greyed(window) == {name: NO_REPORT for name in (
        "Title and period…", "Mark final", "Archive", "Refresh all built sections", "Save as PDF…", "Save as Word…")}
    assert NO_REPORT == "Make a report first (New report…)."


@pytest.mark.slow
def test_a_final_reports_title_and_refresh_say_it_is_final_and_come_back_once_reopened(qtbot, db):
    report = yr.create_report(db, yr.ReportFields("2022/23 report", date(2022, 4, 1), date(2023, 3, 31)))
    yr.refresh_all(db, report.id)
    write_every_section(db, report.id)
    yr.set_final(db, report.id, True, on=date(2023, 6, 1))
    window = YearlyReportWindow(db, None)
    qtbot.addWidget(window)
    assert greyed(window) == {"Title and period…": FINAL, "Refresh all built sections": FINAL}
    assert FINAL.startswith("This report is final, so its title, period and sections no longer change")
    built = next(n for n, s in enumerate(window.report.sections) if s.built)
    window.sections.setCurrentRow(built)
    assert not window.refresh_button.isEnabled() and window.refresh_button.toolTip() == FINAL

    yr.set_final(db, report.id, False)
    window.reload()
    assert greyed(window) == {}
    assert window.edit_button.toolTip() == "Title and period" and window.refresh_button.isEnabled()
