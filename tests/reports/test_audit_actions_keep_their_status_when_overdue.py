"""The audits workbook's Actions sheet keeps each action's own status (Open, In progress) with an
Overdue column beside it, as the action log and the case reviews workbook do; the PDF prints an
overdue action as "Overdue (In progress)"."""

from __future__ import annotations

from datetime import date

import openpyxl

from bscp_desktop import jobs
from bscp_desktop.reports.audits import ActionLine


def test_the_actions_sheet_keeps_the_status_beside_overdue(demo_db, tmp_path):
    out = jobs.export_workbook(demo_db, "audits", tmp_path / "audits.xlsx")
    rows = list(openpyxl.load_workbook(out)["Actions"].iter_rows(values_only=True))
    status, overdue = rows[0].index("Status"), rows[0].index("Overdue")
    assert "Overdue" not in {r[status] for r in rows[1:]}
    late = [r for r in rows[1:] if r[overdue] == "Yes"]
    assert late and {r[status] for r in late} <= {"Open", "In progress"}


def test_an_overdue_action_prints_with_its_status():
    line = ActionLine("MAA-2023-01 R2", "Share the learning", "Jo Bloggs", date(2024, 1, 31), "In progress", None, "",
                      overdue=True)
    assert line.status_text == "Overdue (In progress)"
    assert ActionLine("MAA-2023-01 R1", "x", "y", None, "Done", date(2024, 1, 2), "z").status_text == "Done"
