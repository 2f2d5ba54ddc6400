"""A corrected case audit return that leaves an answer blank keeps the one held (a blank never
clears an answer), and the import report names each answer a blank keeps, as a Section 11
return's does; a row left wholly blank, or the return imported again as written, says nothing."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from bscp_desktop.domain.audits import Grading
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import audits as imp
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa

KEPT = "recorded earlier is kept (change it in the window, Audits tab, if it is no longer right)."


def _audit_with_a_return(db):
    """An audit of two cases; the police's return on the first in, with all three answers."""
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2023, 2, 1), returns_due=date(2023, 3, 1)))
    first = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(police.id,)))
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child B", agency_ids=(police.id,)))
    sa.request_returns(db, audit.id, date(2023, 2, 3))
    sa.update_return(db, first.returns[0].id, sa.ReturnFields(
        date(2023, 2, 3), date(2023, 2, 20), "Seen alone", "Sharing with school slow", Grading.GOOD))
    return audit, first.returns[0].id


def _written(db, audit, path, **answers_of_first_case) -> int:
    """The police's return written and its first case's cells set as given; its row number."""
    imp.write_audit_template(db, audit.id, "Metropolitan Police", path)
    wb = load_workbook(path)
    ws = wb.active
    header = next(row[0].row for row in ws.iter_rows() if row[0].value == "Case")
    cols = {c.value: c.column_letter for c in ws[header] if c.value}
    for column, value in answers_of_first_case.items():
        ws[f"{cols[column.replace('_', ' ').capitalize()]}{header + 1}"] = value
    wb.save(path)
    return header + 1


def test_a_corrected_return_clearing_an_answer_keeps_it_and_says_so(db, tmp_path):
    audit, ret_id = _audit_with_a_return(db)
    path = tmp_path / "return.xlsx"
    row = _written(db, audit, path, areas_for_development=None, grading="Requires improvement")
    said = (f"Row {row} ({audit.reference}-C1): your return leaves the areas for development blank; the answer "
            f"'Sharing with school slow' {KEPT}")
    for dry_run in (True, False):
        report = imp.import_audit_return(db, path, dry_run=dry_run)
        assert report.updated == 1
        assert said in report.notes
        assert not [n for n in report.notes if "good practice blank" in n or "grading blank" in n]
    held = sa.get_return(db, ret_id)
    assert (held.areas_for_development, held.grading) == ("Sharing with school slow", Grading.REQUIRES_IMPROVEMENT)


def test_every_answer_a_blank_keeps_is_named_with_the_grading(db, tmp_path):
    audit, _ret_id = _audit_with_a_return(db)
    path = tmp_path / "return.xlsx"
    row = _written(db, audit, path, good_practice="Seen alone, twice", areas_for_development=None, grading=None)
    notes = imp.import_audit_return(db, path).notes
    where = f"Row {row} ({audit.reference}-C1)"
    assert f"{where}: your return leaves the grading blank; the grading Good {KEPT}" in notes
    assert f"{where}: your return leaves the areas for development blank; the answer 'Sharing with school slow' {KEPT}" in notes


def test_a_row_left_blank_or_a_return_imported_as_written_names_nothing_kept(db, tmp_path):
    audit, _ret_id = _audit_with_a_return(db)
    as_written, emptied = tmp_path / "as written.xlsx", tmp_path / "emptied.xlsx"
    _written(db, audit, as_written)
    _written(db, audit, emptied, good_practice=None, areas_for_development=None, grading=None)
    for path in (as_written, emptied):
        report = imp.import_audit_return(db, path)
        assert not [n for n in report.notes if "recorded earlier is kept" in n], report.notes
