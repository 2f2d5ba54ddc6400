"""Partner engagement in the window: from an organisation in Memberships, and a sortable table
of every organisation from Reports > Partner engagement…."""

from __future__ import annotations

import shutil
from decimal import Decimal
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.app import make_application, open_database
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.table_model import _sorted
from bscp_desktop.ui.yearly_report.engagement import COLUMNS
from tests.ui.helpers import start_window

PARTNER = "London North West University Healthcare NHS Trust"


@pytest.fixture
def window(qtbot, demo_file, tmp_path):
    make_application()
    copy = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_file, copy)
    db = open_database(copy)
    win = start_window(qtbot, db)
    yield win
    win.close()
    db.close()


@pytest.mark.slow
def test_from_an_organisation_in_memberships(window, qtbot):
    tab = window.tab("Memberships")
    window.tabs.setCurrentWidget(tab)
    page = tab.organisations
    tab.sections.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.proxy.rowCount() > 0, timeout=5000)
    assert not page.engagement_action.isEnabled()
    partner = ms.find_organisation(window.db, PARTNER)
    page.select_id(partner.id)
    assert page.engagement_action.isEnabled()
    w = page.show_engagement()
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.model.rowCount() > 0, timeout=20000)
    chosen = w.chosen()
    assert chosen is not None and chosen.organisation == PARTNER
    assert chosen.meetings_expected == 8 and chosen.below_threshold
    assert w.workbook_button.isEnabled()
    assert "below the attendance threshold" in w.state.text()


def test_every_organisation_sorted_by_any_column(window, qtbot):
    window.engagement_action.trigger()
    from bscp_desktop.ui.yearly_report.engagement import EngagementWindow

    (w,) = window.findChildren(EngagementWindow)
    qtbot.waitUntil(lambda: w.model.rowCount() > 5, timeout=20000)
    w.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # meetings expected
    expected = [r.meetings_expected for r in w.model.rows]
    assert expected == sorted(expected, reverse=True)
    w.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [r.organisation for r in w.model.rows]
    assert names == sorted(names, key=str.casefold) or names == sorted(names)
    assert not w.workbook_button.isEnabled()
    assert w.workbook_button.toolTip().startswith("Choose an organisation in the table first")  # says why
    w.table.selectRow(0)
    assert w.workbook_button.isEnabled() and "Choose" not in w.workbook_button.toolTip()


@pytest.mark.slow  # every organisation's figures on the demo
def test_the_partner_workbook_is_of_the_period_on_screen_not_the_dates_typed_since(window, qtbot, monkeypatch):
    from datetime import date

    from bscp_desktop.ui.yearly_report import engagement

    window.engagement_action.trigger()
    (w,) = window.findChildren(engagement.EngagementWindow)
    qtbot.waitUntil(lambda: w.model.rowCount() > 5, timeout=20000)
    shown = (w.date_from.value(), w.date_to.value())
    w.table.selectRow(0)
    w.date_from.set_value(date(2001, 4, 1))  # typed, not shown yet
    asked = []
    monkeypatch.setattr(engagement, "save_job", lambda _w, _db, _job, _out, options, _name: asked.append(options))
    w.save_partner_workbook()
    assert (asked[0]["date_from"], asked[0]["date_to"]) == shown


@pytest.mark.parametrize("header", ["Charges due", "Contribution agreed", "Contribution received"])
def test_money_columns_sort_by_the_amount_not_its_text(header):
    attribute = {"Charges due": "charges_due", "Contribution agreed": "contribution_agreed",
                 "Contribution received": "contribution_received"}[header]
    amounts = [Decimal("900.00"), Decimal("12500.00"), Decimal("0.00"), Decimal("2000.50"), Decimal("75.25")]
    rows = [SimpleNamespace(**{attribute: amount}) for amount in amounts]
    column = [c.header for c in COLUMNS].index(header)
    descending = _sorted(COLUMNS, rows, column, Qt.SortOrder.DescendingOrder)
    assert [getattr(r, attribute) for r in descending] == sorted(amounts, reverse=True)
    ascending = _sorted(COLUMNS, rows, column, Qt.SortOrder.AscendingOrder)
    assert [getattr(r, attribute) for r in ascending] == sorted(amounts)


@pytest.mark.slow  # every organisation's figures on the demo, twice
def test_an_organisation_renamed_meanwhile_is_named_anew_without_pressing_show(window, qtbot):
    from bscp_desktop.ui.yearly_report.engagement import EngagementWindow

    window.engagement_action.trigger()
    (w,) = window.findChildren(EngagementWindow)
    qtbot.waitUntil(lambda: w.model.rowCount() > 5 and not w.loading(), timeout=20000)
    partner = ms.find_organisation(window.db, PARTNER)
    ms.update_organisation(window.db, partner.id, ms.OrganisationFields(
        "London North West University Healthcare NHS Trust (LNWH)", partner.kind, partner.short_name))
    qtbot.waitUntil(lambda: not w.loading() and any(r.organisation.endswith("(LNWH)") for r in w.model.rows),
                    timeout=20000)
    assert PARTNER not in {r.organisation for r in w.model.rows}


@pytest.mark.slow
def test_a_long_organisation_name_gets_more_room_at_a_larger_text_size(window, qtbot):
    from bscp_desktop.ui.yearly_report.engagement import ORGANISATION_WIDTH, EngagementWindow

    window.engagement_action.trigger()
    (w,) = window.findChildren(EngagementWindow)
    qtbot.waitUntil(lambda: w.model.rowCount() > 5, timeout=20000)
    w.resize(2400, 900)
    font = w.table.font()
    font.setPixelSize(18)  # 150% of the usual text
    w.table.setFont(font)
    w.fit_columns()
    needed = w.table.fontMetrics().horizontalAdvance(PARTNER)
    assert needed > ORGANISATION_WIDTH  # cut at the usual cap
    assert w.table.columnWidth(0) > needed  # whole at this size
