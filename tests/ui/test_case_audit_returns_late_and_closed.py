"""The Case audits page's list of agency returns: one received after its due date says so under
Received, coloured as a late Section 11 return is; a closed audit offers no Record a return…
nor Archive return, each saying why, and a return opened from the list is read-only."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from bscp_desktop.domain.audits import AuditStatus
from bscp_desktop.domain.section11 import TIMELINESS_COLOURS, Timeliness
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.ui.audits.case_audits_page import CaseAuditsPage
from tests.reports.test_case_audit_late_returns_in_outputs import audit_with_a_late_return
from tests.ui.helpers import shown_tab

TODAY = date(2024, 1, 8)


def _detail(qtbot, db):
    page = shown_tab(qtbot, CaseAuditsPage(db, None, today=TODAY), (1280, 800))
    qtbot.waitUntil(lambda: page.audit_detail.audit is not None and page.audit_detail.returns.rowCount() == 2)
    return page, page.audit_detail


def _row(detail, agency: str) -> int:
    return next(r for r in range(detail.returns.rowCount()) if detail.returns.item(r, 2).text() == agency)


def test_a_late_return_says_so_under_received(qtbot, db):
    audit_with_a_late_return(db)
    _page, detail = _detail(qtbot, db)
    late = detail.returns.item(_row(detail, "Metropolitan Police"), 4)
    assert late.text() == "03/03/2023 (late: due 24/02/2023)"
    assert late.background().color() == QColor(TIMELINESS_COLOURS[Timeliness.LATE])
    on_time = detail.returns.item(_row(detail, "Brent Council"), 4)
    assert on_time.text() == "22/02/2023" and on_time.background().style() == Qt.BrushStyle.NoBrush  # no colour: nothing to flag
    assert detail.record_return.isEnabled()


def test_a_closed_audit_offers_no_record_a_return(qtbot, db):
    audit = audit_with_a_late_return(db)
    case = sa.list_cases(db, audit.id)[0]
    sa.update_case(db, case.id, sa.AuditCaseFields(audit.id, "Child A", agency_ids=case.agency_ids,
                                                   agreed_grading="Good"))
    ca.set_status(db, audit.id, AuditStatus.RETURNS_IN)
    fields = ca.get_audit(db, audit.id).to_fields().__dict__
    ca.update_audit(db, audit.id, ca.AuditFields(**{**fields, "discussed_on": date(2023, 4, 1),
                                                   "reported_on": date(2023, 5, 1), "closed_on": date(2023, 6, 1)}))
    for step in (AuditStatus.DISCUSSED, AuditStatus.REPORTED, AuditStatus.CLOSED):
        ca.set_status(db, audit.id, step)
    page, detail = _detail(qtbot, db)
    said = f"Case audit {audit.reference} is closed: move it back to Reported to record or change a return."
    assert not detail.record_return.isEnabled() and detail.record_return.toolTip() == said
    detail.tabs.setCurrentWidget(detail.returns)
    detail.returns.setCurrentCell(_row(detail, "Metropolitan Police"), 0)
    assert not detail.archive_row.isEnabled() and detail.archive_row.toolTip() == said
    dialog = detail.return_dialog(detail.returns.item(_row(detail, "Metropolitan Police"), 0).data(Qt.ItemDataRole.UserRole))
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()
    # moved back to Reported, it is offered again
    ca.set_status(db, audit.id, AuditStatus.REPORTED)
    page.reload()
    qtbot.waitUntil(lambda: detail.audit is not None and detail.audit.status is AuditStatus.REPORTED)
    assert detail.record_return.isEnabled()
