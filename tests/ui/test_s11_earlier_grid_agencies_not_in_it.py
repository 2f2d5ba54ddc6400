"""The earlier cycle's grid beside a Section 11 cycle tells an agency that was not taking part
in the earlier cycle ("Not in 2022-24") apart from one that took part and gave no rating ("No
rating"), and a standard new since likewise; its counts count only the agencies that took part."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.ui.audits.tab import AuditsTab
from tests.built_once import database_with
from tests.ui.helpers import shown_tab

TODAY = date(2024, 10, 1)
NEW_STANDARD = "Online safety of children using the agency's services"


def build_setup(db):
    council, police, trust = (
        ms.create_organisation(db, ms.OrganisationFields(name, kind))
        for name, kind in (("Brent Council", OrganisationKind.LOCAL_AUTHORITY),
                           ("Metropolitan Police", OrganisationKind.POLICE),
                           ("Brent Community Trust", OrganisationKind.VOLUNTARY)))
    old = s11.create_cycle(db, s11.CycleFields("2022-24", date(2022, 4, 1), date(2022, 6, 30)))
    [old_council, _] = s11.add_agencies(db, old.id, [council.id, police.id])  # the trust was not asked
    sr.save_rating(db, old_council.id, s11.list_standards(db, old.id)[0].id, sr.RatingFields("Amber"))
    new = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28), compare_with_id=old.id))
    s11.add_standard(db, new.id, s11.StandardFields(NEW_STANDARD), today=date(2024, 3, 1))
    s11.add_agencies(db, new.id, [council.id, police.id, trust.id])
    return {"new": new}


db, setup = database_with("s11-earlier-grid-not-in-it", build_setup, records="setup")


def _page(qtbot, db, setup):
    tab = shown_tab(qtbot, AuditsTab(db, None, today=TODAY), (1280, 800))
    qtbot.waitUntil(lambda: tab.section11.grid_data is not None and tab.section11.grid_data.cycle.id == setup["new"].id)
    return tab.section11


def test_an_agency_not_in_the_earlier_cycle_says_so_not_no_rating(qtbot, db, setup):
    page = _page(qtbot, db, setup)
    assert page.earlier_heading.text() == "The same agencies in 2022-24"
    earlier = page.earlier.grid_model
    rows = {a.organisation_name: r for r, a in enumerate(earlier.agencies)}
    standards = len(earlier.standards)
    new_column = next(c for c, s in enumerate(earlier.standards, start=1) if s.title == NEW_STANDARD)

    def cells(name: str) -> list[str]:
        return [earlier.data(earlier.index(rows[name], c)) for c in range(1, standards + 1) if c != new_column]

    assert set(cells("Brent Community Trust")) == {"Not in 2022-24"}
    assert cells("Metropolitan Police") == ["No rating"] * (standards - 1)  # took part, rated nothing
    assert cells("Brent Council")[0] == "Amber" and set(cells("Brent Council")[1:]) == {"No rating"}
    assert earlier.data(earlier.index(rows["Brent Community Trust"], 1),
                        Qt.ItemDataRole.AccessibleTextRole) == "Not in 2022-24"  # read aloud too
    assert earlier.data(earlier.index(rows["Brent Community Trust"], 1), Qt.ItemDataRole.ToolTipRole) == (
        "Brent Community Trust was not taking part in 2022-24.")
    assert earlier.data(earlier.index(rows["Metropolitan Police"], 1), Qt.ItemDataRole.ToolTipRole) == (
        "Metropolitan Police, standard 1 in 2022-24: no rating")
    # a standard new since: not in the earlier cycle for any agency
    assert {earlier.data(earlier.index(r, new_column)) for r in rows.values()} == {"Not in 2022-24"}
    assert earlier.data(earlier.index(rows["Brent Council"], new_column), Qt.ItemDataRole.ToolTipRole) == (
        f"Standard {earlier.standards[new_column - 1].number} was not one of 2022-24's standards.")


def test_the_earlier_grid_counts_only_the_agencies_that_took_part(qtbot, db, setup):
    page = _page(qtbot, db, setup)
    earlier = page.earlier.grid_model
    n = len(earlier.agencies)
    headings = [earlier.data(earlier.index(r, 0)) for r in range(n, earlier.rowCount())]
    counts = dict(zip(headings, (earlier.data(earlier.index(r, 1)) for r in range(n, earlier.rowCount())),
                      strict=True))
    assert counts == {"Red (agencies)": "0", "Amber (agencies)": "1", "Green (agencies)": "0", "N/A (agencies)": "0",
                      "Not rated (agencies)": "1"}  # the police; not the trust, which was not asked
    current = page.grid.grid_model
    assert current.data(current.index(n + 4, 1)) == "3"  # this cycle's grid: all three not rated yet
