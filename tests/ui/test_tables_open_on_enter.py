"""Tables that open a record on a double-click open it from the keyboard too: Return, Enter or F2
on the chosen cell or row of the Section 11 grid, its returns and improvement actions, a case
audit's cases and returns, and the Finance budgets opens the same dialog ("Enter opens the
chosen record")."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.ui.audits.tab import AuditsTab
from bscp_desktop.ui.finance.pages import BudgetsPage
from tests.built_once import database_with
from tests.ui.helpers import shown_tab, when_modal

TODAY = date(2024, 10, 1)
KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2)


def build_setup(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    [council_part, _] = s11.add_agencies(db, cycle.id, [council.id, police.id])
    sr.save_rating(db, council_part.id, s11.list_standards(db, cycle.id)[0].id,
                   sr.RatingFields("Amber", action="Train the new starters", action_due=date(2025, 3, 1)))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2023, 2, 1), theme="Neglect"))
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(council.id, police.id)))
    return {"cycle": cycle}


db, setup = database_with("tables-open-on-enter", build_setup, records="setup")


@pytest.fixture
def tab(qtbot, db, setup):
    widget = shown_tab(qtbot, AuditsTab(db, None, today=TODAY), (1280, 800))
    qtbot.waitUntil(lambda: widget.section11.grid_data is not None and widget.section11.actions_table.rowCount() == 1)
    return widget


def press_on(qtbot, view, index, key) -> list[str]:
    """Choose `index` in `view` and press `key` there: the titles of the dialogs it opened (each closed)."""
    opened: list[str] = []
    when_modal(lambda dialog: (opened.append(dialog.windowTitle()), dialog.reject()))
    view.window().activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    view.setCurrentIndex(index)
    qtbot.keyClick(view, key)
    qtbot.wait(30)
    return opened


def _shown(view) -> None:
    """Bring the page of tabs holding `view` to it."""
    parent = view.parentWidget()
    while parent is not None:
        if hasattr(parent, "setCurrentWidget") and hasattr(parent, "indexOf"):
            for i in range(parent.count()):
                if parent.widget(i) is view or parent.widget(i).isAncestorOf(view):
                    parent.setCurrentIndex(i)
        parent = parent.parentWidget()


def opens_as_a_double_click(qtbot, view, index, key) -> str:
    """`key` on `index` of `view` opens one dialog, the one a double-click on it opens: its title."""
    _shown(view)
    view.setCurrentIndex(index)
    mouse = _double_clicked(view)
    assert press_on(qtbot, view, index, key) == [mouse]
    return mouse


@pytest.mark.slow
@pytest.mark.parametrize("key", KEYS)
def test_a_key_on_a_section_11_rating_return_or_action_opens_it(qtbot, tab, key):
    page = tab.section11
    model = page.grid.grid_model
    council = next(i for i, a in enumerate(model.agencies) if a.organisation_name == "Brent Council")
    assert opens_as_a_double_click(qtbot, page.grid, model.index(council, 1), key) == "Brent Council: standard 1"
    its_return = opens_as_a_double_click(qtbot, page.grid, model.index(council, 0), key)  # the agency's name
    returns = page.returns
    row = next(r for r in range(returns.rowCount()) if returns.item(r, 0).text() == "Brent Council")
    assert opens_as_a_double_click(qtbot, returns, returns.model().index(row, 3), key) == its_return
    assert opens_as_a_double_click(qtbot, page.actions_table, page.actions_table.model().index(0, 2), key) == "Edit action"


@pytest.mark.slow
@pytest.mark.parametrize("key", KEYS)
def test_a_key_on_a_case_audits_case_or_return_opens_it(qtbot, tab, key):
    tab.sections.setCurrentWidget(tab.audits)
    detail = tab.audits.audit_detail
    qtbot.waitUntil(lambda: detail.audit is not None and detail.cases.rowCount() == 1)
    assert opens_as_a_double_click(qtbot, detail.cases, detail.cases.model().index(0, 1), key)
    assert opens_as_a_double_click(qtbot, detail.returns, detail.returns.model().index(1, 2), key)


def _double_clicked(view) -> str:
    """The title of the dialog a double-click on `view`'s chosen row opens."""
    opened: list[str] = []
    when_modal(lambda dialog: (opened.append(dialog.windowTitle()), dialog.reject()))
    view.doubleClicked.emit(view.currentIndex())
    assert len(opened) == 1
    return opened[0]


@pytest.mark.slow
@pytest.mark.parametrize("key", KEYS)
def test_a_key_on_a_budget_opens_the_years_budgets(qtbot, db, key):
    page = shown_tab(qtbot, BudgetsPage(db, None, today=TODAY), (1000, 600))
    page.reload()
    qtbot.waitUntil(lambda: not page.loading() and page.table.rowCount() > 1)
    assert opens_as_a_double_click(qtbot, page.table, page.table.model().index(1, 0), key).startswith("Budgets")
