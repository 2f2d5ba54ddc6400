"""No return is written for a closed audit, as none could be imported into it; and a return
whose Audit line and the line under its title name different audits is refused in words that
say which audit each names, whichever of the two was changed."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from bscp_desktop.domain.audits import AuditStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.importers import audits as imp
from bscp_desktop.importers.report import ImportRejected
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa
from tests.services.test_case_audit_closed_returns import closed_audit


def test_a_return_for_a_closed_audit_is_not_written(db, tmp_path):
    audit, _returns = closed_audit(db)
    path = tmp_path / "return.xlsx"
    with pytest.raises(ValidationError) as err:
        imp.write_audit_template(db, audit.id, "Metropolitan Police", path)
    assert err.value.errors == {"audit": f"Case audit {audit.reference} is closed: move it back to Reported to "
                                         "record or change a return (Audits tab, Case audits), then write the "
                                         "agency's return"}
    assert not path.exists()
    ca.set_status(db, audit.id, AuditStatus.REPORTED)  # moved back, it is written
    assert imp.write_audit_template(db, audit.id, "Metropolitan Police", path).exists()


def _marked_for(path, audit_id: int, agency_id: int) -> None:
    """The line under the return's title changed to name another audit."""
    wb = load_workbook(path)
    ws = wb.active
    ws.protection.sheet = False
    cell = next(c for row in ws.iter_rows(max_row=5) for c in row if "Keep this line" in str(c.value or ""))
    cell.value = f"Made by BSCP Desktop: audit return, audit {audit_id}, agency {agency_id}. Keep this line."
    wb.save(path)


def test_a_return_marked_for_another_audit_names_the_audit_of_each_line(db, tmp_path):
    audit, returns = closed_audit(db)
    ca.set_status(db, audit.id, AuditStatus.REPORTED)
    police = next(r.organisation_id for r in returns if r.organisation_name == "Metropolitan Police")
    other = ca.create_audit(db, ca.AuditFields("Other audit", audit.audit_date))
    sa.add_case(db, sa.AuditCaseFields(other.id, "Child A", agency_ids=(police,)))
    path = tmp_path / "return.xlsx"
    imp.write_audit_template(db, audit.id, "Metropolitan Police", path)
    _marked_for(path, other.id, police)
    with pytest.raises(ImportRejected) as err:
        imp.import_audit_return(db, path)
    [said] = err.value.report.bad_rows
    assert (f"The audit '{audit.reference} Neglect audit' named here is not the audit the line under the title "
            f"marks this return for, {other.reference}, which it would be imported into: write a new return for "
            "the audit you mean and copy the answers into it.") in said
    assert "written for" not in said
    assert not [r for r in sa.list_returns(db, other.id) if r.received]
