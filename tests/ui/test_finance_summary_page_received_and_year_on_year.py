"""The Finance tab's summary page: its 'received so far' is as at today, whatever a report of
the period counts, and a year with no money beside a year before with none gives no
year-on-year heading."""

from __future__ import annotations

from bscp_desktop.services import finance as fin
from bscp_desktop.services.finance import summaries as fs
from bscp_desktop.ui.finance.summary import summary_parts
from tests.services.test_finance_received_by_period_end import paid_either_side_of_the_year_end


def _blocks(summary, kind: str) -> list[str]:
    return [b.text for part in summary_parts(summary) for b in part if b.kind == kind]


def test_the_page_still_says_what_has_been_received_so_far(db):
    paid_either_side_of_the_year_end(db)
    assert "£5,000.01 received so far; £0.01 still owed." in _blocks(fs.year_summary(db, "2023/24"), "note")


def test_two_years_without_money_give_no_year_on_year_heading(db):
    fin.create_year(db, "2021/22")
    fin.create_year(db, "2022/23")
    headings = _blocks(fs.year_summary(db, "2022/23"), "heading")
    assert not [h for h in headings if h.startswith("Year on year")], headings
