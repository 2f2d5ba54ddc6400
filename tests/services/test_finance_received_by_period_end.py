"""Received, in the summary of a period, counts the payments dated by the period's end: money
that came in after a closed year does not change its report when it is made again. The Years
list's 'Still owed' stays as at today."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bscp_desktop.domain.finance import ContributionKind, Period
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.yearly_report import Table
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import yearly_report as yr
from bscp_desktop.services.finance import summaries as fs

M = Decimal


def paid_either_side_of_the_year_end(db) -> None:
    """2023/24: the Met Police agreed £5,000.02, paid £2,500.00 on 31/03/2024 and £2,500.01 on 01/04/2024."""
    police = ms.create_organisation(db, ms.OrganisationFields("Met Police", OrganisationKind.POLICE))
    c = fin.create_contribution(db, fin.ContributionFields("2023/24", police.id, ContributionKind.CASH, "5000.02"))
    fin.record_payment(db, fin.PaymentFields(c.id, date(2024, 3, 31), "2500.00"))
    fin.record_payment(db, fin.PaymentFields(c.id, date(2024, 4, 1), "2500.01"))


def test_the_summary_of_a_year_counts_what_was_received_by_its_end(db):
    paid_either_side_of_the_year_end(db)
    s = fs.year_summary(db, "2023/24")
    (row,) = s.partners
    assert (row.agreed, row.received_by_end, row.outstanding_at_end) == (M("5000.02"), M("2500.00"), M("2500.02"))
    assert (s.received_by_end_total, s.outstanding_at_end_total) == (M("2500.00"), M("2500.02"))
    assert (s.received_heading(date(2024, 6, 1)), s.outstanding_heading(date(2024, 6, 1))) == (
        "Received by 31/03/2024", "Outstanding on 31/03/2024")
    assert (s.received_total, s.outstanding_total) == (M("5000.01"), M("0.01"))  # as at today


def test_the_yearly_report_gives_what_was_received_by_the_end_of_its_period(db):
    paid_either_side_of_the_year_end(db)
    built = yr.build_section(db, "finance", date(2023, 4, 1), date(2024, 3, 31), today=date(2024, 6, 1))
    table = next(b for b in built.blocks if isinstance(b, Table) and b.rows[0][0] == "Met Police")
    assert table.headers == ("Financial contribution", "Agreed", "Received by 31/03/2024")
    assert table.rows == (("Met Police", "£5,000.02", "£2,500.00"), ("Total", "£5,000.02", "£2,500.00"))


def test_a_period_that_is_not_a_year_counts_the_payments_dated_in_it_and_before_it(db):
    police = ms.create_organisation(db, ms.OrganisationFields("Met Police", OrganisationKind.POLICE))
    c = fin.create_contribution(db, fin.ContributionFields("2023/24", police.id, ContributionKind.CASH, "3000"))
    fin.record_payment(db, fin.PaymentFields(c.id, date(2023, 3, 20), "1000"))  # before the year began
    fin.record_payment(db, fin.PaymentFields(c.id, date(2023, 9, 30), "1000"))  # the period's last day
    fin.record_payment(db, fin.PaymentFields(c.id, date(2023, 10, 1), "1000"))
    s = fs.summary(db, Period(date(2023, 4, 1), date(2023, 9, 30)))
    assert (s.received_by_end_total, s.outstanding_at_end_total) == (M("2000.00"), M("1000.00"))
    assert s.received_heading(date(2023, 10, 1)) == "Received by 30/09/2023"
    assert fs.year_summary(db, "2023/24").received_by_end_total == M("3000.00")


def test_the_years_list_counts_received_by_the_year_end_and_still_owed_as_at_today(db):
    paid_either_side_of_the_year_end(db)
    year = next(y for y in fin.list_years(db) if y.start_year == 2023)
    assert (year.received, year.received_so_far, year.outstanding) == (M("2500.00"), M("5000.01"), M("0.01"))

