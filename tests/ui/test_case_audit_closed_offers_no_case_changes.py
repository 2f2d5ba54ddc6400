"""A closed case audit's sample of cases is what its report says: the Case audits page greys
Add case…, Edit case…, Archive case and Restore case, and Write an agency's return…, each
saying why in its tooltip; a case opened from the list (double-click or Enter) is read, not
changed. Moved back to Reported, the audit offers them again."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialogButtonBox, QLabel

from bscp_desktop.domain.audits import AuditStatus
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.ui.audits import tables
from bscp_desktop.ui.audits.audit_dialogs import AuditCaseDialog
from bscp_desktop.ui.audits.case_audits_page import CaseAuditsPage
from tests.reports.test_case_audit_late_returns_in_outputs import audit_with_a_late_return
from tests.ui.helpers import shown_tab

TODAY = date(2024, 1, 8)


def _closed_audit(db):
    """An audit taken through every step to Closed: its one case has an agreed grading."""
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
    return ca.get_audit(db, audit.id)


def _detail(qtbot, db):
    page = shown_tab(qtbot, CaseAuditsPage(db, None, today=TODAY), (1280, 800))
    qtbot.waitUntil(lambda: page.audit_detail.audit is not None and page.audit_detail.cases.rowCount() == 1)
    return page, page.audit_detail


def _why(dialog) -> str:
    return " ".join(label.text() for label in dialog.findChildren(QLabel)
                    if label.accessibleName() == "Why it cannot be changed")


def test_a_closed_audit_greys_its_case_tools_saying_why(qtbot, db):
    audit = _closed_audit(db)
    _page, detail = _detail(qtbot, db)
    cases_said = (f"Case audit {audit.reference} is closed: move it back to Reported to add, change, archive or "
                  "restore a case.")
    for button in (detail.add_case, detail.edit_case):
        assert not button.isEnabled() and button.toolTip() == cases_said
    assert not detail.write.isEnabled()
    assert detail.write.toolTip() == (f"Case audit {audit.reference} is closed: move it back to Reported to write "
                                      "an agency's return.")
    detail.tabs.setCurrentWidget(detail.cases)
    detail.cases.setCurrentCell(0, 0)
    assert detail.archive_row.text() == "Archive case"
    assert not detail.archive_row.isEnabled() and detail.archive_row.toolTip() == cases_said
    assert not detail.restore_row.isEnabled() and detail.restore_row.toolTip() == cases_said


def test_a_case_of_a_closed_audit_opens_to_be_read(qtbot, db, monkeypatch):
    audit = _closed_audit(db)
    _page, detail = _detail(qtbot, db)
    opened: list[AuditCaseDialog] = []
    monkeypatch.setattr(AuditCaseDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    detail.tabs.setCurrentWidget(detail.cases)
    detail.cases.setCurrentCell(0, 0)
    detail.on_edit_case()  # as a double-click, or Enter, on the case does
    [dialog] = opened
    qtbot.addWidget(dialog)
    dialog.show()
    assert _why(dialog) == (f"Case audit {audit.reference} is closed: move it back to Reported to add, change, "
                            "archive or restore a case.")
    qtbot.keyClicks(dialog.alias, " typed anyway")
    assert dialog.alias.text() == "Child A"
    assert not dialog.agencies.isEnabled() and not dialog.agreed.isEnabled()
    assert not dialog.save_button.isEnabled()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Close"


def test_moved_back_to_reported_the_case_tools_are_offered_again(qtbot, db):
    audit = _closed_audit(db)
    ca.set_status(db, audit.id, AuditStatus.REPORTED)
    _page, detail = _detail(qtbot, db)
    for button in (detail.add_case, detail.edit_case, detail.write):
        assert button.isEnabled() and "closed" not in button.toolTip()
    detail.tabs.setCurrentWidget(detail.cases)
    detail.cases.setCurrentCell(0, 0)
    assert detail.archive_row.isEnabled()
    dialog = AuditCaseDialog(db, detail.audit, tables.row_data(detail.cases), detail)
    qtbot.addWidget(dialog)
    assert _why(dialog) == "" and not dialog.alias.isReadOnly()
