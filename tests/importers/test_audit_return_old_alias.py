"""A case audit return written before a case's alias was corrected: the Alias cell is locked,
so the agency cannot change it. The alias the case had then (in its change history) still
names the case, and the import report says so; an alias the case never had is refused with
what to do, and nothing of the return is saved."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.domain.audits import Grading
from bscp_desktop.importers import audits as ia
from bscp_desktop.importers.report import ImportRejected
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.audits.case_audits import find_audit
from tests.built_once import built_copy
from tests.importers.test_audit_returns import build_setup


@pytest.fixture
def setup(request, db_path):
    return {"path": db_path, **built_copy(request, "audit-returns", build_setup, db_path)}


def _police_return(db, tmp_path, alias: str | None = None):
    """The police's return, written while case C1 is Child A, with both cases graded; with
    `alias`, C1's Alias cell then reads it (changed with the sheet's protection off)."""
    out = tmp_path / "audit.xlsx"
    ia.write_audit_template(db, "MAA-2023-01", "Metropolitan Police", out)
    wb = load_workbook(out)
    ws = wb["Audit return"]
    header = next(r[0].row for r in ws.iter_rows() if r[0].value == "Case")
    cols = {c.value: c.column_letter for c in ws[header] if c.value}
    rows = {ws[f"{cols['Case']}{r}"].value: r for r in range(header + 1, ws.max_row + 1)}
    c1, c2 = rows["MAA-2023-01-C1"], rows["MAA-2023-01-C2"]
    assert ws[f"{cols['Alias']}{c1}"].value == "Child A"
    assert ws.protection.sheet and ws[f"{cols['Alias']}{c1}"].protection.locked
    if alias is not None:
        ws.protection.sheet = False
        ws[f"{cols['Alias']}{c1}"] = alias
    ws[f"{cols['Grading']}{c1}"] = "Good"
    ws[f"{cols['Grading']}{c2}"] = "Requires improvement"
    wb.save(out)
    return out, c1


def _audit_id(db) -> int:
    return find_audit(db, "MAA-2023-01").id


def _rename_c1(db, alias: str) -> None:
    """Case C1's alias corrected in the Case audits page (Edit case…)."""
    case = next(c for c in sa.list_cases(db, _audit_id(db)) if c.number == 1)
    sa.update_case(db, case.id, dataclasses.replace(case.to_fields(), alias=alias))


def _police_gradings(db) -> dict[str, Grading | None]:
    return {r.case_reference: r.grading for r in sa.list_returns(db, _audit_id(db))
            if r.organisation_name == "Metropolitan Police"}


@pytest.mark.slow
def test_a_return_naming_the_case_by_its_earlier_alias_is_imported_with_a_note(setup, tmp_path):
    with Database.open(setup["path"]) as db:
        out, row = _police_return(db, tmp_path)
        _rename_c1(db, "Child W")  # corrected after the return was sent
        report = ia.import_audit_return(db, out, today=date(2023, 3, 1))
        assert report.added == 2 and not report.bad_rows
        assert (f"Row {row} (MAA-2023-01-C1): matched by the case's earlier alias 'Child A'; the case now reads "
                "'Child W'.") in report.notes
        assert _police_gradings(db) == {"MAA-2023-01-C1": Grading.GOOD, "MAA-2023-01-C2": Grading.REQUIRES_IMPROVEMENT}
        again = ia.import_audit_return(db, out, today=date(2023, 3, 1))
        assert again.unchanged == 2 and again.added == again.updated == 0


def test_an_alias_the_case_never_had_is_refused_saying_what_to_do_and_nothing_is_saved(setup, tmp_path):
    with Database.open(setup["path"]) as db:
        out, row = _police_return(db, tmp_path, alias="Child Q")
        _rename_c1(db, "Child W")
        before = _police_gradings(db)
        with db.unit_of_work() as s:
            changes = s.scalar(select(func.count()).select_from(ChangeRecord))
        with pytest.raises(ImportRejected) as refused:
            ia.import_audit_return(db, out, today=date(2023, 3, 1))
        assert refused.value.report.bad_rows == [
            f"Row {row}: The alias 'Child Q' is not the alias of case MAA-2023-01-C1 (Child W), nor one it had: "
            "write a new return for Metropolitan Police (Audits tab, Case audits: choose the audit and press Write an "
            "agency's return…), copy the answers into it and import that."]
        assert _police_gradings(db) == before  # C2's good row is not saved either
        with db.unit_of_work() as s:
            assert s.scalar(select(func.count()).select_from(ChangeRecord)) == changes
