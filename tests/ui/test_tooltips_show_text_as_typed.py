"""Hover texts built from record text show it as typed: Qt reads a tooltip that looks like markup
as markup, so an organisation named "<b>bold</b><font size=40>BIG</font> Org8" would show bold
and 40pt, and "&amp; &lt;x&gt;" as "& <x>". Checked through the window: the Audits tab's cell
naming a case's agencies, and the Finance summary's chart naming the highest and lowest partner."""

from __future__ import annotations

import time
from datetime import date

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QApplication, QToolTip

from bscp_desktop.domain.finance import ContributionKind
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.ui.common.labels import as_typed
from tests.ui.helpers import start_window

MARKED = "<b>bold</b><font size=40>BIG</font> Org8"
ESCAPED = "&amp; &lt;x&gt; & AT&T Org9"


def hover(qtbot, widget, pos: QPoint) -> str:
    """The text of the tooltip shown on hovering `pos` of `widget`, as it reads on screen."""
    QToolTip.hideText()
    QApplication.sendEvent(widget, QHelpEvent(QEvent.Type.ToolTip, pos, widget.mapToGlobal(pos)))
    qtbot.waitUntil(QToolTip.isVisible)
    tip = QToolTip.text()
    QToolTip.hideText()
    if not GuiQt.mightBeRichText(tip):  # shown as plain text
        return tip
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


@pytest.fixture
def window(qtbot, db):
    marked = ms.create_organisation(db, ms.OrganisationFields(MARKED, OrganisationKind.LOCAL_AUTHORITY))
    escaped = ms.create_organisation(db, ms.OrganisationFields(ESCAPED, OrganisationKind.POLICE))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2023, 2, 1), theme="Neglect"))
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(marked.id, escaped.id)))
    fin.create_contribution(db, fin.ContributionFields("2024/25", marked.id, ContributionKind.CASH, "5000"))
    fin.create_contribution(db, fin.ContributionFields("2024/25", escaped.id, ContributionKind.CASH, "1000"))
    return start_window(qtbot, db, size=(1400, 900))


@pytest.mark.slow  # the main window, its Audits and Finance tabs shown
def test_hover_texts_naming_organisations_show_them_as_typed(qtbot, window):
    audits = window.tab("Audits")
    window.tabs.setCurrentWidget(audits)
    audits.sections.setCurrentWidget(audits.audits)
    detail = audits.audits.audit_detail
    qtbot.waitUntil(lambda: detail.audit is not None and detail.cases.rowCount() == 1)
    detail.tabs.setCurrentWidget(detail.cases)
    cell = detail.cases.item(0, 3)  # Agencies involved
    agencies = cell.text()
    assert MARKED in agencies and ESCAPED in agencies
    assert cell.toolTip() == as_typed(agencies)
    detail.cases.scrollToItem(cell)
    viewport = detail.cases.viewport()
    assert hover(qtbot, viewport, detail.cases.visualItemRect(cell).center()) == agencies

    finance = window.tab("Finance")
    window.tabs.setCurrentWidget(finance)
    finance.sections.setCurrentWidget(finance.summary)
    summary = finance.summary
    deadline = time.monotonic() + 30
    while (summary.loading() or summary.income_view.chart is None) and time.monotonic() < deadline:
        qtbot.wait(10)
    chart = summary.income_view.chart
    assert chart is not None
    said = chart.text_alternative
    assert f"the highest is {MARKED}" in said and f"the lowest {ESCAPED}" in said
    canvas = summary.income_view.canvas
    assert canvas.toolTip() == as_typed(said)
    assert hover(qtbot, canvas, QPoint(10, 10)) == said


@pytest.mark.slow  # a meeting's workspace opened on the Minutes page
def test_the_minutes_page_shows_an_item_and_its_decisions_on_hover_as_typed(qtbot, db, world):
    from bscp_desktop.services import meetings as mt
    from bscp_desktop.ui.meetings.dialogs.decision import WithdrawnDecisionsDialog
    from tests.ui.helpers import minutes_page

    workspace = minutes_page(qtbot, db, world.forum, (MARKED,))
    page = workspace.minutes
    item = page.current_item()
    mt.add_decision(db, item.id, f"Adopt {ESCAPED}")
    mt.archive_decision(db, mt.add_decision(db, item.id, f"Drop {MARKED}").id)
    workspace.reload()
    qtbot.waitUntil(lambda: page.decisions.count() == 1, timeout=5000)
    row = page.item_list.item(0)
    assert MARKED in row.text() and row.toolTip() == as_typed(row.text())
    decision = page.decisions.item(0)
    assert ESCAPED in decision.text() and decision.toolTip() == as_typed(decision.text())
    dialog = WithdrawnDecisionsDialog(db, page.meeting, page.current_item(), page)
    qtbot.addWidget(dialog)
    withdrawn = dialog.list.item(0)
    assert MARKED in withdrawn.text() and withdrawn.toolTip() == as_typed(withdrawn.text())


def test_a_conflict_and_a_session_picker_show_typed_values_on_hover_as_typed(qtbot):
    from bscp_desktop.domain.validation import RecordChanged
    from bscp_desktop.ui.common.conflict import ComparedField, ConflictDialog
    from bscp_desktop.ui.training.booking_dialogs import SessionPicker

    dialog = ConflictDialog(RecordChanged("organisation", "Org8", "Sam", None), [ComparedField("Name", MARKED, ESCAPED)])
    qtbot.addWidget(dialog)
    assert [dialog.table.item(0, c).toolTip() for c in (1, 2)] == [as_typed(MARKED), as_typed(ESCAPED)]
    picker = SessionPicker([(MARKED, 1), (ESCAPED, 2)], 1)
    qtbot.addWidget(picker)
    assert picker.toolTip() == as_typed(MARKED)
    picker.set_current_id(2)
    assert picker.toolTip() == as_typed(ESCAPED)
