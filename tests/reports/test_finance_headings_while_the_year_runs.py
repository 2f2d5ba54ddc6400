"""The Received and Outstanding headings of the finance outputs say the day their figures are
as at. While a year runs, the Summary sheet and the yearly report's funding table say what has
been received so far, at today's date, never a date still to come; once it has ended, what had
been received by its end. The finance workbook's Contributions sheet counts every payment
recorded, whatever its date, and says so, so its figure is never read as the Summary's."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.domain.finance import ContributionKind, Period
from bscp_desktop.domain.finance_headings import outstanding_heading, received_heading
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.yearly_report import Table
from bscp_desktop.importers import run_import
from bscp_desktop.jobs.finance import finance_workbook
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import yearly_report as yr
from bscp_desktop.services.finance import summaries as fs
from tests.reports.test_finance_outputs import check_sum_formulas

M = Decimal
RUNNING = date(2023, 12, 7)  # 2023/24 still running
LATER = date(2024, 12, 7)  # 2023/24 ended; its last payment came in on 15/04/2024


def _paid_a_third_after_the_year_end(db) -> None:
    """2023/24: Probation Service agreed £11,000.00, paid £7,333.34 on 01/06/2023 and £3,666.66 on 15/04/2024."""
    org = ms.create_organisation(db, ms.OrganisationFields("Probation Service", OrganisationKind.RELEVANT_AGENCY))
    c = fin.create_contribution(db, fin.ContributionFields("2023/24", org.id, ContributionKind.CASH, "11000"))
    fin.record_payment(db, fin.PaymentFields(c.id, date(2023, 6, 1), "7333.34"))
    fin.record_payment(db, fin.PaymentFields(c.id, date(2024, 4, 15), "3666.66"))


def _paid_so_far(db) -> None:
    """2023/24, as on 07/12/2023: Probation Service agreed £11,000.00 and has paid £7,333.34."""
    org = ms.create_organisation(db, ms.OrganisationFields("Probation Service", OrganisationKind.RELEVANT_AGENCY))
    c = fin.create_contribution(db, fin.ContributionFields("2023/24", org.id, ContributionKind.CASH, "11000"))
    fin.record_payment(db, fin.PaymentFields(c.id, date(2023, 6, 1), "7333.34"))


def test_the_headings_say_today_while_the_period_runs_and_its_end_once_it_has_ended():
    end = date(2027, 3, 31)
    today = date(2026, 12, 7)
    assert (received_heading(end, today), outstanding_heading(end, today)) == (
        "Received so far (at 07/12/2026)", "Outstanding at 07/12/2026")
    assert received_heading(end, end) == "Received so far (at 31/03/2027)"  # its last day: still running
    after = date(2027, 4, 1)
    assert (received_heading(end, after), outstanding_heading(end, after)) == (
        "Received by 31/03/2027", "Outstanding on 31/03/2027")


def test_the_summary_of_a_running_year_heads_its_columns_with_todays_date(db):
    _paid_so_far(db)
    s = fs.year_summary(db, "2023/24")
    assert (s.received_heading(RUNNING), s.outstanding_heading(RUNNING)) == (
        "Received so far (at 07/12/2023)", "Outstanding at 07/12/2023")
    assert s.received_text(RUNNING) == (
        "£7,333.34 of this has been received; £3,666.66 is still owed (Probation Service £3,666.66).")


def test_the_summary_sheet_of_a_running_year_gives_no_date_still_to_come(db, tmp_path):
    _paid_so_far(db)
    path = jobs.write_report(db, "finance", tmp_path / "f.xlsx", year="2023/24", today=RUNNING)
    totals = check_sum_formulas(path)
    assert totals[("Summary", "3:Received so far (at 07/12/2023)")] == M("7333.34")
    assert totals[("Summary", "3:Outstanding at 07/12/2023")] == M("3666.66")
    headings = [c.value for row in load_workbook(path)["Summary"].iter_rows() for c in row if isinstance(c.value, str)]
    assert not [h for h in headings if "31/03/2024" in h]


def test_the_yearly_reports_funding_table_of_a_running_year_says_so_far(db):
    _paid_so_far(db)
    built = yr.build_section(db, "finance", date(2023, 4, 1), date(2024, 3, 31), today=RUNNING)
    table = next(b for b in built.blocks if isinstance(b, Table) and b.rows[0][0] == "Probation Service")
    assert table.headers == ("Financial contribution", "Agreed", "Received so far (at 07/12/2023)")
    assert "has been received so far" in built.draft
    ended = yr.build_section(db, "finance", date(2023, 4, 1), date(2024, 3, 31), today=LATER)
    table = next(b for b in ended.blocks if isinstance(b, Table) and b.rows[0][0] == "Probation Service")
    assert table.headers[2] == "Received by 31/03/2024"


def test_a_period_that_is_not_a_year_is_headed_as_at_today_while_it_runs(db):
    _paid_so_far(db)
    s = fs.summary(db, Period(date(2023, 4, 1), date(2023, 12, 31)))
    assert s.received_heading(RUNNING) == "Received so far (at 07/12/2023)"
    assert s.received_heading(date(2024, 1, 1)) == "Received by 31/12/2023"


def test_the_contributions_sheet_says_the_day_its_received_is_as_at(db, tmp_path):
    _paid_a_third_after_the_year_end(db)
    path = finance_workbook(db, today=LATER).save(tmp_path / "Finance.xlsx")
    totals = check_sum_formulas(path)
    # the Summary: what had come in by the year's end; the Contributions sheet: every payment to date
    assert totals[("Summary", "3:Received by 31/03/2024")] == M("7333.34")
    assert totals[("Summary", "3:Outstanding on 31/03/2024")] == M("3666.66")
    assert totals[("Contributions", "Received so far")] == M("11000.00")
    assert totals[("Contributions", "Outstanding at 07/12/2024")] == M("0.00")
    sheet = load_workbook(path)["Contributions"]
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Received so far counted on 07/12/2024: every payment recorded, whatever its date." in texts
    headings = [c.value for c in sheet[1]]
    assert "Received" not in headings and "Outstanding" not in headings  # no heading without its day


def test_the_contributions_sheet_still_imports_again_unchanged(db, tmp_path):
    _paid_a_third_after_the_year_end(db)
    before = fin.list_contributions(db)
    path = finance_workbook(db, today=LATER).save(tmp_path / "Finance.xlsx")
    report = run_import(db, "contributions", path)
    assert (report.added, report.updated, report.unchanged, report.bad_rows) == (0, 0, 1, [])
    assert not any("Received so far" in note for note in report.notes)  # its Received column is read
    assert fin.list_contributions(db) == before
