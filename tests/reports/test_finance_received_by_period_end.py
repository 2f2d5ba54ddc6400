"""The finance PDF, the finance summary workbook and the finance workbook count what was
received against a period's contributions by the period's end, as the yearly report does, and
say so: a payment dated after a closed year leaves its report as it was. A year with no money
gives no year-on-year heading."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.services import finance as fin
from tests.reports.test_finance_outputs import check_sum_formulas, pdf_text
from tests.services.test_finance_received_by_period_end import paid_either_side_of_the_year_end

M = Decimal
AFTER = date(2024, 6, 1)


def _squeezed(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.slow
def test_the_pdf_of_a_closed_year_counts_the_payments_dated_in_it(db, tmp_path):
    paid_either_side_of_the_year_end(db)
    body = _squeezed(pdf_text(jobs.write_report(db, "finance", tmp_path / "f.pdf", year="2023/24", today=AFTER)))
    assert ("£2,500.00 of this had been received by 31/03/2024; £2,500.02 was still owed on 31/03/2024 "
            "(Met Police £2,500.02).") in body
    assert "£5,000.01" not in body


def test_the_summary_workbook_of_a_year_counts_the_payments_dated_in_it(db, tmp_path):
    paid_either_side_of_the_year_end(db)
    path = jobs.write_report(db, "finance", tmp_path / "f.xlsx", year="2023/24", today=AFTER)
    totals = check_sum_formulas(path)
    assert totals[("Summary", "3:Received by 31/03/2024")] == M("2500.00")
    assert totals[("Summary", "3:Outstanding on 31/03/2024")] == M("2500.02")
    assert totals[("Years", "Contributions received by the year's end")] == M("2500.00")
    assert ("Summary", "3:Received") not in totals


def test_the_finance_workbook_years_sheet_counts_each_year_to_its_end(db, tmp_path):
    paid_either_side_of_the_year_end(db)
    path = jobs.export_workbook(db, "finance", tmp_path / "Finance.xlsx")
    totals = check_sum_formulas(path)
    assert totals[("Years", "Contributions received by the year's end")] == M("2500.00")
    assert totals[("Summary", "3:Received by 31/03/2024")] == M("2500.00")  # its summary is of 2023/24


def test_the_pdf_of_a_year_still_running_says_what_has_been_received(db, tmp_path):
    paid_either_side_of_the_year_end(db)
    body = _squeezed(pdf_text(jobs.write_report(db, "finance", tmp_path / "f.pdf", year="2023/24",
                                                today=date(2024, 3, 31))))
    assert "£2,500.00 of this has been received; £2,500.02 is still owed (Met Police £2,500.02)." in body


def test_a_year_without_money_gives_no_year_on_year_heading(db, tmp_path):
    fin.create_year(db, "2021/22")
    fin.create_year(db, "2022/23")
    body = _squeezed(pdf_text(jobs.write_report(db, "finance", tmp_path / "f.pdf", year="2022/23")))
    assert "Year on year, 2021/22 to 2022/23" not in body
    assert "Year on year: there are no figures for 2021/22 to compare with." in body
    wb = load_workbook(jobs.write_report(db, "finance", tmp_path / "f.xlsx", year="2022/23"))
    assert not [c.value for row in wb["Summary"].iter_rows() for c in row if str(c.value or "").startswith("Year on year")]
