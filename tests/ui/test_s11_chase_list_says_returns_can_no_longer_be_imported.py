"""Once the Section 11 cycle compared with an earlier one has opened, the earlier cycle's chase
list no longer invites a chase for returns that could not be imported: it says so, naming the
later cycle, the agencies not returned and what to do instead. Before the later cycle opens, and
for the later cycle itself, the chase list is as before."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.ui.audits.tab import AuditsTab
from tests.ui.helpers import shown_tab

LATER_OPENS = date(2026, 4, 1)
NOT_CHASED = ("Nothing to chase: 2026-28 has opened and compares with 2024-26's ratings, so a 2024-26 return could "
              "no longer be imported. Not returned: Brent Council (not sent); Metropolitan Police (sent). Ask them "
              "for their 2026-28 return instead (choose 2026-28), and change a 2024-26 rating on this grid.")


@pytest.fixture
def cycles(db):
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    earlier = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    later = s11.create_cycle(db, s11.CycleFields("2026-28", LATER_OPENS, date(2026, 6, 30), compare_with_id=earlier.id))
    for cycle in (earlier, later):
        s11.add_agencies(db, cycle.id, [police.id, council.id])
    sent = next(p for p in s11.list_participants(db, earlier.id) if p.organisation_name == "Metropolitan Police")
    s11.mark_sent(db, [sent.id], date(2024, 4, 2))
    return earlier, later


def _page_showing(qtbot, db, cycle, today):
    page = shown_tab(qtbot, AuditsTab(db, None, today=today), (1280, 800)).section11
    qtbot.waitUntil(lambda: page.grid_data is not None)
    page.cycle_combo.setCurrentIndex(page.cycle_combo.findText(cycle.name))
    qtbot.waitUntil(lambda: page.grid_data is not None and page.grid_data.cycle.id == cycle.id)
    return page


def test_the_earlier_cycle_chases_no_one_once_the_later_one_has_opened(qtbot, db, cycles):
    earlier, _later = cycles
    page = _page_showing(qtbot, db, earlier, LATER_OPENS)
    assert page.chase.text() == NOT_CHASED
    assert "To chase" not in page.chase.text()


def test_agencies_are_chased_before_it_opens_and_for_the_later_cycle(qtbot, db, cycles):
    earlier, later = cycles
    page = _page_showing(qtbot, db, earlier, date(2026, 3, 31))
    assert page.chase.text().startswith("To chase (2 not returned, 1 overdue): Brent Council (not sent); "
                                        "Metropolitan Police (sent).")
    page = _page_showing(qtbot, db, later, LATER_OPENS)
    assert page.chase.text().startswith("To chase (2 not returned): ")


def test_an_archived_cycle_chases_no_one_and_says_how_to_restore_it(qtbot, db, cycles):
    """An archived cycle's page said "To chase …" though its returns are refused until it is restored."""
    earlier, _later = cycles
    s11.archive_cycle(db, earlier.id)
    page = shown_tab(qtbot, AuditsTab(db, None, today=date(2026, 3, 31)), (1280, 800)).section11
    qtbot.waitUntil(lambda: page.grid_data is not None)
    page.show_archived.setChecked(True)
    qtbot.waitUntil(lambda: page.cycle_combo.findText(earlier.name) >= 0)
    page.cycle_combo.setCurrentIndex(page.cycle_combo.findText(earlier.name))
    qtbot.waitUntil(lambda: page.grid_data is not None and page.grid_data.cycle.id == earlier.id)
    assert page.chase.text() == ("Nothing to chase while 2024-26 is archived: its returns cannot be imported. "
                                 "Press Restore cycle to chase the 2 not returned.")
