"""The Finance tab's summary of a financial year that has ended gives what had been received and
what was still owed at its end, in the words the finance report prints, beside what has been
received so far; once everything is paid after the year end it still says what was owed then."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QLabel

from bscp_desktop.domain.finance import ContributionKind
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.finance.summary import summary_parts
from bscp_desktop.ui.finance.tab import FinanceTab
from tests.ui.test_finance_tab import settle

TODAY = date(2024, 6, 3)
AT_YEAR_END = ("£0.00 of this had been received by 31/03/2024; £2,000.00 was still owed on 31/03/2024 "
               "(Brent Schools Forum £2,000.00).")


def _contribution(db) -> int:
    """2023/24: Brent Schools Forum agreed £2,000.00, £1,000.00 received on 15/04/2024, after the year end."""
    forum = ms.create_organisation(db, ms.OrganisationFields("Brent Schools Forum", OrganisationKind.OTHER))
    c = fin.create_contribution(db, fin.ContributionFields("2023/24", forum.id, ContributionKind.CASH, "2,000.00"))
    fin.record_payment(db, fin.PaymentFields(c.id, date(2024, 4, 15), "1,000.00"))
    return c.id


def _notes(db, today: date) -> list[str]:
    parts = summary_parts(fin.year_summary(db, "2023/24"), today)
    return [b.text for part in parts for b in part if b.kind == "note"]


def test_a_year_that_has_ended_gives_its_year_end_position_and_todays(db):
    _contribution(db)
    notes = _notes(db, TODAY)
    assert notes[:2] == [AT_YEAR_END, "£1,000.00 received so far; £1,000.00 still owed."]
    assert fin.year_summary(db, "2023/24").received_text(TODAY) == AT_YEAR_END  # the sentence the report prints


def test_everything_paid_after_the_year_end_still_says_what_was_owed_at_it(db):
    contribution = _contribution(db)
    fin.record_payment(db, fin.PaymentFields(contribution, date(2024, 5, 1), "1,000.00"))
    assert _notes(db, TODAY)[:2] == [AT_YEAR_END, "£2,000.00 received so far; nothing is still owed."]


def test_a_year_not_yet_ended_or_unchanged_since_its_end_says_only_what_is_received_so_far(db):
    _contribution(db)
    assert "£1,000.00 received so far; £1,000.00 still owed." in _notes(db, date(2024, 3, 31))
    assert not [n for n in _notes(db, date(2024, 3, 31)) if "31/03/2024" in n]
    forum = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    fin.create_contribution(db, fin.ContributionFields("2022/23", forum.id, ContributionKind.CASH, "500"))
    notes = [b.text for part in summary_parts(fin.year_summary(db, "2022/23"), TODAY) for b in part if b.kind == "note"]
    assert "£0.00 received so far; £500.00 still owed." in notes  # nothing paid since: said once
    assert not [n for n in notes if "31/03/2023" in n]


@pytest.mark.slow
def test_the_window_shows_the_year_end_position_of_a_closed_year(qtbot, db):
    _contribution(db)
    tab = FinanceTab(db, None, today=TODAY)
    qtbot.addWidget(tab)
    tab.resize(1300, 850)
    tab.show()
    page = tab.summary
    tab.sections.setCurrentWidget(page)
    settle(page)
    page.year.setCurrentIndex(page.year.findData(2023))
    settle(page)
    assert page.summary.label == "2023/24"
    shown = [label.text() for label in page.content.findChildren(QLabel) if label.isVisible()]
    assert AT_YEAR_END in shown
    assert "£1,000.00 received so far; £1,000.00 still owed." in shown
