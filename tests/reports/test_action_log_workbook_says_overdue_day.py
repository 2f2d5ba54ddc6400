"""The action log workbook says under its table the day its Overdue column was judged on, in the
words the area workbooks use ("Overdue counted on 07/12/2026."), after what it leaves out."""

from __future__ import annotations

from datetime import date

import openpyxl

from bscp_desktop.reports import actions as action_reports

TODAY = date(2026, 12, 7)


def _row(description: str, overdue: bool) -> action_reports.ActionRow:
    return action_reports.ActionRow(description, "Added in the action log", "", "Brent Council",
                                    date(2026, 11, 30), "Open", overdue, None)


def _first_column(path) -> list:
    sheet = openpyxl.load_workbook(path)["Actions"]
    return [row[0] for row in sheet.iter_rows(values_only=True)]


def test_the_workbook_says_the_day_overdue_was_counted_on(tmp_path):
    out = action_reports.write_actions_xlsx([_row("Chase the data", True)], tmp_path / "log.xlsx", TODAY)
    assert _first_column(out) == ["Action", "Chase the data", None, "Overdue counted on 07/12/2026."]


def test_the_day_comes_after_the_actions_left_out(tmp_path):
    left_out = [action_reports.LeftOut("Safeguarding Children Forum meetings", 1, 1)]
    out = action_reports.write_actions_xlsx([_row("Chase the data", False)], tmp_path / "log.xlsx", TODAY, left_out)
    assert _first_column(out) == ["Action", "Chase the data", None, action_reports.left_out_sentence(left_out),
                                  None, "Overdue counted on 07/12/2026."]


def test_an_empty_log_says_it_too(tmp_path):
    out = action_reports.write_actions_xlsx([], tmp_path / "log.xlsx", TODAY)
    assert _first_column(out)[-1] == action_reports.overdue_counted_note(TODAY) == "Overdue counted on 07/12/2026."
