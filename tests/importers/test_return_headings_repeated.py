"""A returned workbook whose table of answers has its heading row copied again lower down (two
blocks of answers pasted together) is imported as the rows under both, with a note naming the
row left out; before, the copied headings were refused as a case or a standard of their own."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from bscp_desktop.domain.audits import Grading
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import audits as imp
from bscp_desktop.reports import audit_templates as tpl
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa

TODAY = date(2023, 3, 1)


@pytest.fixture
def audit(db):
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2023, 2, 1), theme="Neglect"))
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(police.id,)))
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child B", agency_ids=(police.id,)))
    return audit


def test_an_audit_return_with_its_headings_copied_between_its_cases_imports_both(db, audit, tmp_path):
    out = tmp_path / "audit.xlsx"
    imp.write_audit_template(db, "MAA-2023-01", "Metropolitan Police", out)
    wb = load_workbook(out)
    ws = wb[tpl.AUDIT_SHEET]
    header = next(r[0].row for r in ws.iter_rows() if r[0].value == "Case")
    for row in (header + 1, header + 2):
        ws.cell(row, 6).value = "Good"
    headings = [c.value for c in ws[header]]
    ws.insert_rows(header + 2)
    for column, value in enumerate(headings, start=1):
        ws.cell(header + 2, column).value = value
    wb.save(out)

    report = imp.import_audit_return(db, out, today=TODAY)

    assert report.bad_rows == []
    assert f"Row {header + 2} repeats the column headings, so it is left out." in report.notes
    assert [r.grading for r in sa.list_returns(db, audit.id)] == [Grading.GOOD, Grading.GOOD]
