"""The memberships workbook says "Renewed" of a confidentiality agreement replaced by a newer one."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from bscp_desktop import jobs
from tests.agreements_world import renewed_agreements


@pytest.fixture
def renewed(db):
    return renewed_agreements(db)


def test_the_workbook_says_renewed_today(renewed, tmp_path):
    out = jobs.export_workbook(renewed, "memberships", tmp_path / "m.xlsx")
    sheet = load_workbook(out)["Confidentiality agreements"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert [(r["Person"], r["Current today"]) for r in rows] == [
        ("Ann Able", "Renewed"), ("Ann Able", "Yes"), ("Bob Brown", "No: review overdue"),
    ]
    assert rows[0]["Renewed on"].date() == date(2024, 1, 10)
