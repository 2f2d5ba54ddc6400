"""The audits workbook's Actions sheet says under its table the day its Overdue column was
judged on, in the words of the action log and case review workbooks."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.reports.actions import overdue_counted_note


def test_the_audit_actions_say_the_day_overdue_was_counted_on(db, tmp_path):
    today = date.today()
    sheet = load_workbook(jobs.export_workbook(db, "audits", tmp_path / "audits.xlsx"))["Actions"]
    first = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert first[-1] == overdue_counted_note(today) == f"Overdue counted on {today:%d/%m/%Y}."
