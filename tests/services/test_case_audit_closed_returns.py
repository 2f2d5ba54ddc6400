"""A closed audit takes no new or changed return, as it takes no new recommendation: saving,
archiving or restoring a return and importing an agency's returned workbook are refused, naming
the audit and saying to move it back to Reported; moved back, it takes them again."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from openpyxl import load_workbook

from bscp_desktop import cli
from bscp_desktop.domain.audits import AuditStatus, Grading
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.importers import audits as ia
from bscp_desktop.importers.tabular import ImportFileError
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa

D = date


def closed_audit(db):
    """An audit moved step by step to Closed: one case, two agencies' returns in, its grading agreed."""
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", D(2023, 2, 1), returns_due=D(2023, 3, 1)))
    case = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(council.id, police.id),
                                              agreed_grading=Grading.GOOD, agreed_note="Agreed"))
    sa.request_returns(db, audit.id, D(2023, 2, 3))
    for ret in case.returns:
        sa.update_return(db, ret.id, sa.ReturnFields(D(2023, 2, 3), D(2023, 2, 20), "Seen alone", "", "Good"))
    ca.set_status(db, audit.id, AuditStatus.RETURNS_IN)
    fields = ca.get_audit(db, audit.id).to_fields().__dict__
    ca.update_audit(db, audit.id, ca.AuditFields(**{**fields, "discussed_on": D(2023, 4, 1), "reported_on": D(2023, 5, 1),
                                                   "closed_on": D(2023, 6, 1)}))
    for step in (AuditStatus.DISCUSSED, AuditStatus.REPORTED, AuditStatus.CLOSED):
        ca.set_status(db, audit.id, step)
    return ca.get_audit(db, audit.id), sa.get_case(db, case.id).returns


def _said(audit) -> str:
    return f"Case audit {audit.reference} is closed: move it back to Reported to record or change a return"


def test_a_return_of_a_closed_audit_is_neither_changed_archived_nor_restored(db):
    audit, (first, second) = closed_audit(db)
    changed = dataclasses.replace(first.to_fields(), grading=Grading.INADEQUATE, good_practice="Changed")
    with pytest.raises(ValidationError) as err:
        sa.update_return(db, first.id, changed)
    assert err.value.errors == {"audit_id": _said(audit)}
    with pytest.raises(ValidationError) as err:
        sa.archive_return(db, second.id)
    assert err.value.errors == {"audit_id": _said(audit)}
    assert sa.closed_return(db, first.id) == _said(audit)  # the return's dialog opens read-only, saying so
    held = sa.get_return(db, first.id)
    assert (held.grading, held.good_practice, sa.get_return(db, second.id).archived) == (Grading.GOOD, "Seen alone", False)
    # moved back to Reported, it takes the change again
    ca.set_status(db, audit.id, AuditStatus.REPORTED)
    assert sa.closed_return(db, first.id) == ""
    assert sa.update_return(db, first.id, changed).grading is Grading.INADEQUATE


def test_a_return_archived_before_closing_is_not_restored_into_the_closed_audit(db):
    audit, (first, second) = closed_audit(db)
    ca.set_status(db, audit.id, AuditStatus.REPORTED)
    sa.archive_return(db, second.id)
    ca.set_status(db, audit.id, AuditStatus.CLOSED)
    with pytest.raises(ValidationError) as err:
        sa.restore_return(db, second.id)
    assert err.value.errors == {"audit_id": _said(audit)}
    assert sa.get_return(db, second.id).archived


def _filled_return(db, audit, path) -> None:
    """The police's return for the audit written and filled in with a changed answer."""
    ia.write_audit_template(db, audit.id, "Metropolitan Police", path)
    wb = load_workbook(path)
    ws = wb.active
    header = next(row[0].row for row in ws.iter_rows() if row[0].value == "Case")
    cols = {c.value: c.column_letter for c in ws[header] if c.value}
    ws[f"{cols['Good practice']}{header + 1}"] = "Chronology shared with the school"
    wb.save(path)


def test_importing_a_return_of_a_closed_audit_is_refused_and_imports_nothing(db, tmp_path):
    audit, returns = closed_audit(db)
    police = next(r for r in returns if r.organisation_name == "Metropolitan Police")
    path = tmp_path / "return.xlsx"
    ca.set_status(db, audit.id, AuditStatus.REPORTED)  # written while it could still take it
    _filled_return(db, audit, path)
    ca.set_status(db, audit.id, AuditStatus.CLOSED)
    for dry_run in (True, False):
        with pytest.raises(ImportFileError) as err:
            ia.import_audit_return(db, path, dry_run=dry_run)
        assert str(err.value) == (f"{_said(audit)} (Audits tab, Case audits), then import the return again. "
                                  "Nothing was imported from return.xlsx.")
    assert sa.get_return(db, police.id).good_practice == "Seen alone"
    ca.set_status(db, audit.id, AuditStatus.REPORTED)
    assert ia.import_audit_return(db, path).updated == 1
    assert sa.get_return(db, police.id).good_practice == "Chronology shared with the school"


def test_the_command_line_import_refuses_it_in_one_sentence(db, db_path, tmp_path, capsys):
    audit, _returns = closed_audit(db)
    path = tmp_path / "return.xlsx"
    ca.set_status(db, audit.id, AuditStatus.REPORTED)
    _filled_return(db, audit, path)
    ca.set_status(db, audit.id, AuditStatus.CLOSED)
    db.close()  # the command line opens the file itself
    assert cli.main(["import", "audit-return", str(path), "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert f"Case audit {audit.reference} is closed: move it back to Reported" in err
    assert "Nothing was imported from return.xlsx." in err
