"""A return whose table of answers holds no row at all (its rows deleted, or moved to another
sheet) is refused in one sentence naming the audit or cycle, and the sheet its headings were
moved to where another sheet holds them; nothing is saved. A return naming only some of its
cases is imported as ever, and one sent back blank stays a note."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from bscp_desktop.domain.audits import Grading
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import audits as imp
from bscp_desktop.importers.tabular import ImportFileError
from bscp_desktop.reports import audit_templates as tpl
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.audits import section11 as s11
from tests.importers.s11_returns import returned

pytestmark = pytest.mark.slow

TODAY = date(2023, 3, 1)


@pytest.fixture
def audit(db):
    """The audit MAA-2023-01, asking the police for a return on two cases."""
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2023, 2, 1), theme="Neglect"))
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(police.id,)))
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child B", agency_ids=(police.id,)))
    return audit


def _audit_return(db, path, gradings: dict[str, str]):
    """The police's return with each case's grading as given; (workbook, its sheet, heading row)."""
    imp.write_audit_template(db, "MAA-2023-01", "Metropolitan Police", path)
    wb = load_workbook(path)
    ws = wb[tpl.AUDIT_SHEET]
    header = next(r[0].row for r in ws.iter_rows() if r[0].value == "Case")
    for row in range(header + 1, header + 3):
        ws.cell(row, 6).value = gradings.get(ws.cell(row, 1).value, "")
    wb.save(path)
    return wb, ws, header


def _moved(wb, ws, header: int, rows: int, to: str | None) -> None:
    """The table's `rows` rows cut from the return; with `to`, pasted with its headings on a new sheet."""
    if to is not None:
        other = wb.create_sheet(to)
        for row in range(header, header + rows + 1):
            other.append([c.value for c in ws[row]])
    ws.delete_rows(header + 1, rows)


def _gradings(db, audit) -> list:
    return [r.grading for r in sa.list_returns(db, audit.id)]


def test_an_audit_return_with_every_case_row_deleted_is_refused(db, audit, tmp_path):
    out = tmp_path / "audit.xlsx"
    wb, ws, header = _audit_return(db, out, {"MAA-2023-01-C1": "Good", "MAA-2023-01-C2": "Good"})
    _moved(wb, ws, header, 2, to=None)
    wb.save(out)
    with pytest.raises(ImportFileError) as refused:
        imp.import_audit_return(db, out, today=TODAY)
    assert str(refused.value) == (
        "The table of answers in audit.xlsx holds none of the cases of the audit MAA-2023-01 (its rows have been "
        f"deleted or moved), so nothing was imported: put the rows back under the headings in row {header} (or "
        "write the return again and copy the answers into it), then import it again.")
    assert _gradings(db, audit) == [None, None]


def test_an_audit_return_whose_rows_were_moved_to_another_sheet_names_that_sheet(db, audit, tmp_path):
    out = tmp_path / "audit.xlsx"
    wb, ws, header = _audit_return(db, out, {"MAA-2023-01-C1": "Good", "MAA-2023-01-C2": "Inadequate"})
    _moved(wb, ws, header, 2, to="Our answers")
    wb.save(out)
    with pytest.raises(ImportFileError) as refused:
        imp.import_audit_return(db, out, dry_run=True, today=TODAY)
    assert ("holds none of the cases of the audit MAA-2023-01 (its rows have been deleted or moved), so nothing was "
            "imported: the sheet 'Our answers' holds the table's headings, so move its rows back under the headings "
            f"in row {header} of the sheet 'Audit return'") in str(refused.value)
    assert _gradings(db, audit) == [None, None]


def test_an_audit_return_naming_only_some_of_its_cases_is_imported(db, audit, tmp_path):
    out = tmp_path / "audit.xlsx"
    wb, ws, header = _audit_return(db, out, {"MAA-2023-01-C1": "Good", "MAA-2023-01-C2": "Good"})
    ws.delete_rows(header + 2, 1)  # the second case's row
    wb.save(out)
    report = imp.import_audit_return(db, out, today=TODAY)
    assert (report.rows, report.added) == (1, 1)
    assert _gradings(db, audit).count(Grading.GOOD) == 1 and _gradings(db, audit).count(None) == 1


def _s11_cut(db, cycle, path, to: str | None) -> int:
    """The police's Section 11 return, answered, with every standard's row cut from it (and with
    `to`, pasted with its headings on a new sheet); the row of its headings."""
    header = returned(db, cycle, path, {1: {"Rating": "Green", "Evidence": "Policy reviewed"}})
    wb = load_workbook(path)
    ws = wb[tpl.S11_SHEET]
    _moved(wb, ws, header, len(s11.list_standards(db, cycle.id)), to)
    wb.save(path)
    return header


def test_a_section_11_return_with_every_standard_row_deleted_is_refused(db, cycle, tmp_path):
    out = tmp_path / "s11.xlsx"
    header = _s11_cut(db, cycle, out, to=None)
    with pytest.raises(ImportFileError) as refused:
        imp.import_s11(db, out, today=date(2024, 7, 1))
    assert str(refused.value) == (
        "The table of answers in s11.xlsx holds none of the standards of the cycle 2024-26 (its rows have been "
        f"deleted or moved), so nothing was imported: put the rows back under the headings in row {header} (or "
        "write the return again and copy the answers into it), then import it again.")
    assert s11.list_participants(db, cycle.id)[0].returned_on is None


def test_a_section_11_return_whose_rows_were_moved_names_the_sheet_they_are_on(db, cycle, tmp_path):
    out = tmp_path / "s11.xlsx"
    header = _s11_cut(db, cycle, out, to="Our answers")
    with pytest.raises(ImportFileError) as refused:
        imp.import_s11(db, out, today=date(2024, 7, 1))
    assert (f"the sheet 'Our answers' holds the table's headings, so move its rows back under the headings in row "
            f"{header} of the sheet 'Section 11 return'") in str(refused.value)


def test_a_section_11_return_sent_back_blank_is_still_only_a_note(db, cycle, tmp_path):
    out = tmp_path / "s11.xlsx"
    returned(db, cycle, out, {})
    report = imp.import_s11(db, out, today=date(2024, 7, 1))
    assert report.rows == len(s11.list_standards(db, cycle.id))
    assert any(note.startswith("The return holds no answers") for note in report.notes)
