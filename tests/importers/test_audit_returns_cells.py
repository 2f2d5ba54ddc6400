"""Section 11 and case audit returns whose cells cannot be imported (a spreadsheet error such as
#REF! or #N/A, a formula with no saved result) are refused as every other import refuses them,
naming each cell, nothing saved; a case audit return naming what looks like a child is imported
with a note saying so."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from bscp_desktop.db.database import Database
from bscp_desktop.importers import audits as ia
from bscp_desktop.importers import tabular
from bscp_desktop.importers.report import ImportRejected
from bscp_desktop.importers.tabular import ImportFileError
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import samples as sa
from tests.built_once import built_copy
from tests.importers.test_audit_returns import _table, build_setup


@pytest.fixture
def setup(request, db_path):
    return {"path": db_path, **built_copy(request, "audit-returns", build_setup, db_path)}


def _error(ws, ref: str, error: str) -> None:
    ws[ref] = error
    ws[ref].data_type = "e"  # as Excel saves a cell showing #REF!


def _s11(db, tmp_path):
    out = tmp_path / "s11.xlsx"
    ia.write_s11_template(db, "2024-26", "Brent Council", out)
    wb = load_workbook(out)
    ws = wb["Section 11 return"]
    ws.protection.sheet = False
    header, cols = _table(ws, "No.")
    return out, wb, ws, header, cols


def _audit(db, tmp_path, agency="Metropolitan Police"):
    out = tmp_path / "audit.xlsx"
    ia.write_audit_template(db, "MAA-2023-01", agency, out)
    wb = load_workbook(out)
    ws = wb["Audit return"]
    ws.protection.sheet = False
    header, cols = _table(ws, "Case")
    return out, wb, ws, header, cols


def test_a_section_11_return_with_an_error_or_unworked_formula_is_refused_naming_each_cell(setup, tmp_path):
    with Database.open(setup["path"]) as db:
        out, wb, ws, header, cols = _s11(db, tmp_path)
        for offset in (1, 2, 3):
            ws[f"{cols['Rating']}{header + offset}"] = "Green"
            ws[f"{cols['Evidence']}{header + offset}"] = "Board minutes"
        _error(ws, f"{cols['Evidence']}{header + 1}", "#REF!")
        ws[f"{cols['Evidence']}{header + 2}"] = "=VLOOKUP(A12,Sheet2!A:B,2,0)"  # no saved result
        _error(ws, "B6", "#N/A")  # Completed by
        wb.save(out)
        with pytest.raises(ImportRejected) as refused:
            ia.import_s11(db, out, today=date(2024, 6, 1))
        ev = cols["Evidence"]
        assert refused.value.report.bad_rows == [
            "Row 6: Completed by (column B) holds a spreadsheet error (#N/A): correct the cell in Excel (or clear "
            "it), then import again.",
            f"Row {header + 1}: Evidence (column {ev}) holds a spreadsheet error (#REF!): correct the cell in Excel "
            "(or clear it), then import again.",
            f"Row {header + 2}: Evidence (column {ev}) holds a formula Excel has not worked out "
            "('=VLOOKUP(A12,Sheet2!A:B,2,0)'): open the file in Excel, save it there, then import again.",
        ]
        assert [r for r in sr.list_ratings(db, setup["cycle"].id) if r.evidence] == []  # nothing saved


def test_a_case_audit_return_with_an_error_or_unworked_formula_is_refused_and_keeps_what_was_held(setup, tmp_path):
    with Database.open(setup["path"]) as db:
        out, wb, ws, header, cols = _audit(db, tmp_path)
        ws[f"{cols['Good practice']}{header + 1}"] = "Timely strategy discussion"
        ws[f"{cols['Good practice']}{header + 2}"] = "Clear plan"
        wb.save(out)
        ia.import_audit_return(db, out, today=date(2023, 3, 1))
        _error(ws, f"{cols['Good practice']}{header + 1}", "#N/A")
        ws[f"{cols['Areas for development']}{header + 2}"] = "=A1&B1"
        wb.save(out)
        with pytest.raises(ImportRejected) as refused:
            ia.import_audit_return(db, out, today=date(2023, 3, 1))
        bad = refused.value.report.bad_rows
        assert bad[0] == (f"Row {header + 1}: Good practice (column {cols['Good practice']}) holds a spreadsheet "
                          "error (#N/A): correct the cell in Excel (or clear it), then import again.")
        assert bad[1].startswith(f"Row {header + 2}: Areas for development (column {cols['Areas for development']}) "
                                 "holds a formula Excel has not worked out ('=A1&B1')")
        held = {r.case_alias: r for r in sa.list_returns(db, setup["audit"].id, organisation_id=None)
                if r.organisation_name == "Metropolitan Police"}
        assert held["Child A"].good_practice == "Timely strategy discussion"
        assert held["Child B"].areas_for_development == ""


def test_a_return_longer_than_an_import_takes_is_refused_in_one_sentence(setup, tmp_path, monkeypatch):
    with Database.open(setup["path"]) as db:
        out, wb, ws, header, cols = _audit(db, tmp_path)
        for row in range(header + 3, header + 40):
            ws[f"{cols['Good practice']}{row}"] = "more"
        wb.save(out)
        monkeypatch.setattr(tabular, "MAX_ROWS", 30)
        with pytest.raises(ImportFileError, match="has more than 30 rows, more than one import can take"):
            ia.import_audit_return(db, out)


def test_a_case_audit_return_naming_what_looks_like_a_child_is_imported_with_a_note(setup, tmp_path):
    with Database.open(setup["path"]) as db:
        out, wb, ws, header, cols = _audit(db, tmp_path)
        ws[f"{cols['Good practice']}{header + 1}"] = "Jayden Smith was seen alone by the health visitor."
        ws[f"{cols['Areas for development']}{header + 2}"] = "Record the views of the school and Social Care."
        wb.save(out)
        report = ia.import_audit_return(db, out, today=date(2023, 3, 1))
        assert report.added == 2  # a warning, never a refusal, as for the case tracker
        [note] = [n for n in report.notes if "real name" in n]
        assert note.startswith(f"Row {header + 1} (MAA-2023-01-C1): The good practice mentions 'Jayden Smith', "
                               "which looks like a real name. Use an alias such as Child A")
