"""The return dialog checks the dates as they are typed against the audit's date, as saving
does: a Requested or Received date more than a year before it is named beside the field, and
Save waits, before Save is pressed."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.ui.audits.audit_dialogs import ReturnDialog

AUDIT_DAY = date(2025, 3, 31)


@pytest.fixture
def dialog(qtbot, db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", AUDIT_DAY, theme="Neglect"))
    case = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child Z", agency_ids=(org.id,)))
    shown = ReturnDialog(db, case.returns[0])
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_a_requested_date_years_before_the_audit_is_named_as_it_is_typed(qtbot, dialog):
    qtbot.keyClicks(dialog.requested_on.line, "01/01/2001")
    assert not dialog.save_button.isEnabled()
    assert dialog.error_labels["requested_on"].text() == (
        "Requested (01/01/2001) is more than a year before the audit date (31/03/2025): check the year")
    dialog.requested_on.line.clear()
    qtbot.keyClicks(dialog.requested_on.line, "31/03/2024")  # a year before: kept
    assert not dialog.error_labels["requested_on"].text()
    assert dialog.save_button.isEnabled(), dialog.status.text()


def test_a_received_date_years_before_the_audit_is_named_as_it_is_typed(qtbot, dialog):
    qtbot.keyClicks(dialog.received_on.line, "30/03/2024")
    assert not dialog.save_button.isEnabled()
    assert dialog.error_labels["received_on"].text() == (
        "Received (30/03/2024) is more than a year before the audit date (31/03/2025): check the year")
