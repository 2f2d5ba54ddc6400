"""A first day on a new database. Finance > Summary of a year not set up says what to do first
(add the financial year) beside a button that does it; once the year is added the offer goes. A
Section 11 cycle with no agencies says above its empty grid to add them first, with the button,
instead of telling the officer to double-click cells there are none of; once agencies take part
the rating hint is back. An archived cycle with none offers nothing to add."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.ui.audits.section11_page import RATE, Section11Page
from bscp_desktop.ui.finance.dialogs import YearDialog
from bscp_desktop.ui.finance.summary import SummaryPage, summary_parts
from tests.ui.helpers import shown_tab

TODAY = date(2026, 6, 1)  # in 2026/27


def _summary(qtbot, db) -> SummaryPage:
    page = shown_tab(qtbot, SummaryPage(db, None, today=TODAY))
    page.reload()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
    return page


@pytest.mark.slow
def test_a_new_database_summary_names_the_first_step_and_its_button_adds_the_year(qtbot, db, monkeypatch):
    page = _summary(qtbot, db)
    offer = page.first_step
    assert offer is not None and offer.isVisibleTo(page)
    assert offer.note.text() == (
        "There are no finance records for 2026/27: it is not set up in Finance. Start by adding the financial "
        "year 2026/27: press New financial year (it is on Years and reserves too). A year is also added when "
        "money is recorded in it.")
    assert offer.button.text() == "New financial year…"

    opened: list[str] = []

    def save_at_once(dialog: YearDialog) -> int:  # as the officer pressing Save straight away
        opened.append(dialog.year.text())
        dialog.save_button.click()
        return dialog.result()

    monkeypatch.setattr(YearDialog, "exec", save_at_once)
    offer.button.click()
    assert opened == ["2026/27"]  # the year the summary shows, filled in
    assert [y.label for y in fin.list_years(db)] == ["2026/27"]
    qtbot.waitUntil(lambda: page.first_step is None and not page.loading() and page.summary.years_set_up == (2026,),
                    timeout=10_000)
    assert page.tables  # the figures of the year now set up, with nothing to do first


def _blocks(db, start: date, end: date):
    return [block for part in summary_parts(fin.summary(db, fin.period_for(None, start, end))) for block in part]


def test_only_a_period_with_no_year_set_up_offers_the_first_step_first(db):
    fin.create_year(db, "2024/25", fin.YearFields())
    earlier = _blocks(db, date(2023, 4, 1), date(2024, 3, 31))  # 2023/24: not set up, though 2024/25 is
    assert earlier[0].kind == "first step" and earlier[0].year == 2023  # above the figures
    assert earlier[0].text.endswith("Start by adding the financial year 2023/24: press New financial year (it is on "
                                    "Years and reserves too). A year is also added when money is recorded in it.")
    partly = _blocks(db, date(2023, 4, 1), date(2025, 3, 31))  # 2024/25 is set up: its figures, and a plain note
    assert not [b for b in partly if b.kind == "first step"]
    assert any(b.kind == "note" and b.text.startswith("There are no finance records for 2023/24 (it is not set up")
               for b in partly)


def _cycle_page(qtbot, db, cycle_id: int) -> Section11Page:
    page = shown_tab(qtbot, Section11Page(db, None, today=TODAY), (1366, 768))
    qtbot.waitUntil(lambda: not page.loading() and page.grid_data is not None and page.grid_data.cycle.id == cycle_id,
                    timeout=10_000)
    return page


@pytest.mark.slow
def test_a_first_cycle_with_no_agencies_says_to_add_them_above_the_grid(qtbot, db, monkeypatch):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    cycle = s11.create_cycle(db, s11.CycleFields("2026-28", date(2027, 1, 4), date(2027, 3, 31)))
    page = _cycle_page(qtbot, db, cycle.id)
    assert not page.grid.grid_model.agencies
    assert page.add_first.isVisibleTo(page)
    assert page.add_first.note.text() == ("No agencies are taking part in this cycle yet, so there is nothing to rate: "
                                          "press Add agencies first.")
    assert not page.grid_heading.isVisibleTo(page)  # no cell to double-click
    assert page.add_first.button.text() == "Add agencies…"

    class AddsTheCouncil:  # the Add agencies dialog, the council ticked and saved
        def __init__(self, db_, cycle_, parent):
            assert cycle_.id == cycle.id and parent is page

        def exec(self) -> int:
            s11.add_agencies(db, cycle.id, [council.id])
            return 1

    monkeypatch.setattr("bscp_desktop.ui.audits.section11_page.AddAgenciesDialog", AddsTheCouncil)
    page.add_first.button.click()
    qtbot.waitUntil(lambda: not page.loading() and len(page.participants) == 1, timeout=10_000)
    assert not page.add_first.isVisibleTo(page)
    assert page.grid_heading.isVisibleTo(page) and page.grid_heading.text() == RATE


def test_an_archived_cycle_with_no_agencies_offers_nothing_to_add(qtbot, db):
    cycle = s11.create_cycle(db, s11.CycleFields("2026-28", date(2027, 1, 4), date(2027, 3, 31)))
    s11.archive_cycle(db, cycle.id)
    page = shown_tab(qtbot, Section11Page(db, None, today=TODAY), (1366, 768))
    page.show_archived.setChecked(True)
    qtbot.waitUntil(lambda: not page.loading() and page.grid_data is not None, timeout=10_000)
    assert not page.add_first.isVisibleTo(page)
    assert page.grid_heading.text() == "This cycle is archived: no agencies took part in it, so it has no ratings."
