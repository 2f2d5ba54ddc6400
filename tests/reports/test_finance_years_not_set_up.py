"""The Finance report (workbook and PDF) for a period over a financial year never set up in
Finance names only the years set up, opens the reserves on the first of them and says which
year is not set up, as the yearly report's finance section does for the same period. The demo
has no finance records for 2022/23."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.services import yearly_report as yr
from tests.reports.test_finance_outputs import pdf_text

PERIODS = ((date(2022, 4, 1), date(2024, 3, 31)), (date(2022, 10, 1), date(2023, 9, 30)))
NOT_SET_UP = "There are no finance records for 2022/23 (it is not set up in Finance)"


def _summary_sheet(path) -> list[str]:
    return [str(row[0]) for row in load_workbook(path)["Summary"].iter_rows(values_only=True) if row[0] is not None]


def _yearly(db, start: date, end: date):
    built = yr.build_section(db, "finance", start, end, today=date(2024, 6, 1))
    titles = [getattr(b, "title", "") for b in built.blocks]
    reserves = next(b for b in built.blocks if getattr(b, "title", "") == "Reserves")
    return titles, [(label, amount) for label, amount in reserves.rows], built.draft


@pytest.mark.slow
@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_the_finance_report_names_only_the_years_set_up_as_the_yearly_report_does(demo_db, tmp_path, start, end):
    """The workbook said "Contributions for 2022/23 and 2023/24", "Reserves on 1 April 2022 £0.00"
    and "Budget against actual, 2022/23 and 2023/24" where the yearly report said 2022/23 is
    not set up and gave the reserves of 2023/24."""
    titles, reserves, draft = _yearly(demo_db, start, end)
    assert "Contributions for 2023/24" in titles and NOT_SET_UP in draft

    xlsx = jobs.write_report(demo_db, "finance", tmp_path / "f.xlsx", date_from=start, date_to=end)
    cells = _summary_sheet(xlsx)
    assert "Contributions for 2023/24" in cells and "Budget against actual, 2023/24" in cells
    assert not any("2022/23 and 2023/24" in c or c == "Reserves on 1 April 2022" for c in cells)
    # (the note may go on to the sessions' costs not in the expenditure yet)
    assert any(c.startswith(NOT_SET_UP) and "are those of 2023/24." in c for c in cells)
    sheet = load_workbook(xlsx)["Summary"]
    shown = [(row[0], f"£{row[1]:,.2f}") for row in sheet.iter_rows(values_only=True)
             if str(row[0]).startswith("Reserves on ")]
    assert shown == reserves == [("Reserves on 1 April 2023", "£0.00"), ("Reserves on 31 March 2024", "£38,131.75")]

    body = " ".join(pdf_text(jobs.write_report(demo_db, "finance", tmp_path / "f.pdf", date_from=start,
                                               date_to=end)).split())
    assert "Contributions are for the financial year 2023/24;" in body and NOT_SET_UP in body
    assert "Contributions for 2023/24" in body and "Budget against actual, 2023/24" in body
    assert "2022/23 and 2023/24" not in body and "Reserves on 1 April 2022" not in body
    assert "Reserves on 1 April 2023 £0.00 Reserves on 31 March 2024 £38,131.75" in body


@pytest.mark.slow
def test_a_period_with_no_year_set_up_gives_the_reserves_of_the_last_year_that_was(demo_db, tmp_path):
    built = yr.build_section(demo_db, "finance", date(2026, 4, 1), date(2027, 3, 31), today=date(2027, 6, 1))
    (said,) = [b.text for b in built.blocks]
    body = " ".join(pdf_text(jobs.write_report(demo_db, "finance", tmp_path / "f.pdf", date_from=date(2026, 4, 1),
                                               date_to=date(2027, 3, 31))).split())
    for words in ("There are no finance records for 2026/27: it is not set up in Finance.",
                  "The reserves were £38,131.75 on 31 March 2025, at the end of 2024/25, the last financial year "
                  "with finance records."):
        assert words in said and words in body
    assert "Reserves on 31 March 2025 £38,131.75" in body
    assert "Reserves on 1 April 2026" not in body and "Reserves on 31 March 2027" not in body
