"""Tab goes down a page, not back up it: the deadline rules' fields come before the buttons under
their table, and the Finance summary's tables before the charts beside them (its scroll area,
showing no focus, takes none). On a new database the action dialog offers to add the owning
organisation as well as the owner, saying what each list holds, and a new recommendation offers
to add its lead agency. Partner engagement counts "1 organisation"; an organisation's short name is said to be found when typed."""

from __future__ import annotations

import time
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from bscp_desktop.domain.deadlines import DEFAULT_RULES
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.actions.dialogs import ActionDialog
from bscp_desktop.ui.actions.recommendations import RecommendationDialog
from bscp_desktop.ui.audits.recommendations_page import RECOMMENDATIONS
from bscp_desktop.ui.case_reviews.rules_editor import APPLIES_COLUMN, RulesEditor
from bscp_desktop.ui.finance.summary import SummaryPage
from bscp_desktop.ui.memberships.dialogs import OrganisationDialog
from bscp_desktop.ui.yearly_report.engagement import EngagementWindow

TODAY = date(2024, 6, 3)


def tab_order(start: QWidget, wanted: list[QWidget]) -> list[QWidget]:
    """`wanted` in the order Tab reaches them, going round the window's focus chain from `start`."""
    order, widget = [], start
    for _ in range(2000):
        if widget in wanted and widget not in order:
            order.append(widget)
        widget = widget.nextInFocusChain()
        if widget is start:
            break
    return order


def offer(dialog, field):
    box = dialog.fields[field].parentWidget()
    notes = [w for w in box.children() if type(w).__name__ == "AddFirst"]
    return notes[0] if notes else None


def test_the_rules_fields_come_before_the_buttons_under_the_table(qtbot):
    editor = RulesEditor(DEFAULT_RULES)
    qtbot.addWidget(editor)
    editor.add_rule()
    table = editor.table
    fields = [table.cellWidget(row, column) for row in range(table.rowCount()) for column in range(1, APPLIES_COLUMN + 1)]
    buttons = [editor.add_button, editor.remove_button, editor.defaults_button]
    assert tab_order(table, [*fields, *buttons]) == [*fields, *buttons]  # the new rule's too


@pytest.mark.slow  # the summary is read in a worker
def test_the_summary_tables_come_before_the_charts_beside_them(qtbot, db):
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    fin.create_contribution(db, fin.ContributionFields("2023/24", police.id, "cash", "2500"), today=TODAY)
    page = SummaryPage(db, None, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1300, 850)
    page.show()
    page.reload()
    deadline = time.monotonic() + 30
    while page.loading() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)
    tables = list(page.tables.values())
    assert len(tables) >= 2
    toggles = [page.income_view.toggle, page.spending_view.toggle]
    assert tab_order(page.last_in_bar, [*tables, *toggles]) == [*tables, *toggles]
    assert page.findChild(QScrollArea).focusPolicy() == Qt.FocusPolicy.NoFocus


def test_a_new_action_offers_the_owning_organisation_too_and_says_what_there_is(qtbot, db, monkeypatch):
    dialog = ActionDialog(db, None)
    qtbot.addWidget(dialog)
    people, organisations = offer(dialog, "owner_person_id"), offer(dialog, "owner_organisation_id")
    assert people.note.text() == "No people yet: add the owner first, or add an owning organisation below."
    assert people.button.text() == "Add a person…"
    assert organisations.note.text().startswith("No organisations yet: add the owning organisation first")
    assert organisations.button.text() == "Add an organisation…"

    class Saves:  # the organisation dialog, saved as soon as it opens
        def __init__(self, db_, record, parent):
            self.result_value = None

        def exec(self):
            self.result_value = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
            return True

    monkeypatch.setattr("bscp_desktop.ui.memberships.dialogs.OrganisationDialog", Saves)
    organisations.button.click()
    assert organisations.isHidden() and dialog.organisation.current_id() is not None
    assert people.note.text() == "No people yet: add the owner first, or choose only an owning organisation."


def test_a_new_recommendation_offers_to_add_its_lead_agency(qtbot, db):
    dialog = RecommendationDialog(db, RECOMMENDATIONS, None, None)
    qtbot.addWidget(dialog)
    lead = offer(dialog, "lead_organisation_id")
    assert lead is not None and lead.note.text() == "No organisations yet: add the lead agency first."
    assert lead.button.text() == "Add an organisation…"


def test_one_organisation_in_partner_engagement_is_one_organisation(qtbot, db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    window = EngagementWindow(db, None, organisation_id=org.id)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.loading(), timeout=10000)
    assert window.state.text().startswith("1 organisation took part in the period;")


def test_the_short_name_hint_says_what_it_is_for(qtbot, db):
    dialog = OrganisationDialog(db, None)
    qtbot.addWidget(dialog)
    hint = dialog.hints["short_name"]
    assert "tables and charts" not in hint
    assert hint.startswith("Another name it is known by") and "'LNWUHT'" in hint
