"""The yearly report's "Title and period" dialog checks with the service's own rules as the
officer types, and a final report's built section says its text is final, not a draft."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.app import make_application
from bscp_desktop.domain.yearly_report import MAX_TITLE_CHARS
from bscp_desktop.services import yearly_report as yr
from bscp_desktop.ui.yearly_report.report_dialog import ReportDialog
from tests.ui.helpers import type_text


def _shown(dialog: ReportDialog) -> dict[str, str]:
    return {name: label.text() for name, label in dialog.error_labels.items() if label.isVisible() and label.text()}


@pytest.mark.slow
def test_a_long_title_or_a_long_period_is_said_beside_its_field_as_it_is_typed(qtbot, db):
    make_application()
    dialog = ReportDialog(db, None)
    qtbot.addWidget(dialog)
    dialog.show()
    hints = " ".join(label.text() for label in dialog.findChildren(type(dialog.error_labels["title"])))
    assert "any date from 1900 to 2200" in hints and "(any date)" not in hints

    dialog.start.set_value(date(2020, 4, 1))
    dialog.end.set_value(date(2025, 3, 31))  # five years
    type_text(dialog.title_edit, "y" * (MAX_TITLE_CHARS + 50))
    shown = _shown(dialog)
    assert shown["title"] == f"Title is too long ({MAX_TITLE_CHARS + 50} characters; at most {MAX_TITLE_CHARS})"
    assert shown["period_end"] == ("A yearly report covers at most three years: the end of the period can be "
                                   "31/03/2023 at the latest")
    assert not dialog.save_button.isEnabled()

    dialog.title_edit.setText("Yearly report 2024/25")
    dialog.start.set_value(date(2024, 4, 1))
    assert _shown(dialog) == {} and dialog.save_button.isEnabled()

    dialog.start.line.setText("01/01/1850")  # outside the years the hint names
    assert "outside the years 1900 to 2200" in _shown(dialog)["period_start"] and not dialog.save_button.isEnabled()
    assert yr.list_reports(db) == []


@pytest.mark.slow
def test_a_final_reports_built_section_says_its_text_is_final_not_a_draft_to_edit(qtbot, db):
    from bscp_desktop.ui.yearly_report import window as module
    from tests.services.test_yearly_report import write_every_section

    make_application()
    r = yr.create_report(db, yr.ReportFields("2023/24 report", date(2023, 4, 1), date(2024, 3, 31)))
    yr.refresh_section(db, r.id, "activity", today=date(2024, 6, 1))
    write_every_section(db, r.id)
    w = module.YearlyReportWindow(db, None)
    qtbot.addWidget(w)
    w.sections.setCurrentRow([s.key for s in w.report.sections].index("activity"))
    assert w.text_label.text() == "Draft text (yours to edit; refreshing keeps your words):"

    yr.set_final(db, r.id, True, on=date(2024, 6, 1))
    w.reload()
    assert w.report.final and w.key == "activity"
    assert w.text_label.text() == "Final text (not editable: reopen the report as a draft to change it):"
