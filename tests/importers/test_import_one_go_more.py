"""Every bad row of a file named in one go: a row with a cell that cannot be imported (a formula
Excel has not worked out, a spreadsheet error) is named with the rows the import's own checks
refuse (a date, a category, an amount; a rating, a grading), not on the next attempt, and
nothing is saved. A case audit return naming a case or return the team archived says so, and
where to restore it."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from bscp_desktop.db.database import Database
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.importers import audits as ia
from bscp_desktop.services import finance as fin
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import samples as sa
from tests.built_once import built_copy
from tests.importers.s11_returns import returned
from tests.importers.test_audit_returns import _table, build_setup

UNWORKED = "holds a formula Excel has not worked out"


@pytest.fixture
def setup(request, db_path):
    return {"path": db_path, **built_copy(request, "audit-returns", build_setup, db_path)}


def _error(ws, ref: str, error: str) -> None:
    ws[ref] = error
    ws[ref].data_type = "e"  # as Excel saves a cell showing #N/A


def test_every_bad_row_of_an_expenditure_workbook_is_named_in_one_go(db, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Expenditure"
    for row in (["Date", "Category", "Payee", "Description", "Amount"],
                ["01/05/2024", "Events", "Hall", "Spring forum", "=100*1.2"],  # 2: no saved result
                ["31/02/2024", "Events", "Hall", "Hire", "10"],  # 3: no such date
                ["01/05/2024", "Catering", "Cafe", "Lunch", "10"],  # 4: no such category
                ["01/05/2024", "Events", "Hall", "Refund", "-50"],  # 5: a negative amount
                ["02/05/2024", "Events", "Hall", "Hire", "75"]):  # 6: good
        ws.append(row)
    path = tmp_path / "spend.xlsx"
    wb.save(path)
    for dry_run in (True, False):
        with pytest.raises(ImportRejected) as refused:
            run_import(db, "expenditure", path, dry_run=dry_run)
        bad = refused.value.report.bad_rows
        assert [line.split(":")[0] for line in bad] == ["Row 2", "Row 3", "Row 4", "Row 5"]
        assert f"Amount (column E) {UNWORKED} ('=100*1.2')" in bad[0]
        assert bad[1].startswith("Row 3: Date:")
        assert "Category 'Catering' is not one of" in bad[2]
        assert "cannot be negative" in bad[3]
        assert refused.value.report.summary() == ("Nothing imported from spend.xlsx: 4 of 5 rows have problems; "
                                                  "correct them and import the file again.")
    assert fin.list_expenses(db) == []  # nothing saved, not even the good row


def test_a_section_11_return_names_its_unworked_formula_and_its_bad_rating_in_one_go(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    header = returned(db, cycle, out, {1: {"Rating": "Green", "Evidence": "=A1&B1"},
                                       2: {"Rating": "Purple", "Evidence": "Board minutes"},
                                       3: {"Rating": "Amber", "Evidence": "Audit of files"}})
    with pytest.raises(ImportRejected) as refused:
        ia.import_s11(db, out, today=date(2024, 6, 1))
    bad = refused.value.report.bad_rows
    assert [line.split(":")[0] for line in bad] == [f"Row {header + 1}", f"Row {header + 2}"]
    assert f"Evidence (column F) {UNWORKED} ('=A1&B1')" in bad[0]
    assert bad[1].startswith(f"Row {header + 2}: Rating: 'Purple' is not a rating")
    assert [r for r in sr.list_ratings(db, cycle.id) if r.self_rating is not None] == []


def test_a_case_audit_return_names_its_error_cell_and_its_bad_grading_in_one_go(setup, tmp_path):
    with Database.open(setup["path"]) as db:
        out = tmp_path / "audit.xlsx"
        ia.write_audit_template(db, "MAA-2023-01", "Metropolitan Police", out)
        wb = load_workbook(out)
        ws = wb["Audit return"]
        header, cols = _table(ws, "Case")
        _error(ws, f"{cols['Good practice']}{header + 1}", "#N/A")
        ws[f"{cols['Good practice']}{header + 2}"] = "Clear plan"
        ws[f"{cols['Grading']}{header + 2}"] = "Brilliant"
        wb.save(out)
        with pytest.raises(ImportRejected) as refused:
            ia.import_audit_return(db, out, today=date(2023, 3, 1))
        bad = refused.value.report.bad_rows
        assert [line.split(":")[0] for line in bad] == [f"Row {header + 1}", f"Row {header + 2}"]
        assert "holds a spreadsheet error (#N/A)" in bad[0]
        assert bad[1].startswith(f"Row {header + 2}: Grading: 'Brilliant'")
        held = [r for r in sa.list_returns(db, setup["audit"].id) if r.organisation_name == "Metropolitan Police"]
        assert [r.good_practice for r in held] == ["", ""]  # nothing saved


# ------------------------------------------------------------------ archived cases and returns


def _filled_in(db, tmp_path, agency: str):
    """The agency's return written and filled in, each case's good practice given."""
    out = tmp_path / f"{agency}.xlsx"
    ia.write_audit_template(db, "MAA-2023-01", agency, out)
    wb = load_workbook(out)
    ws = wb["Audit return"]
    header, cols = _table(ws, "Case")
    for row in range(header + 1, ws.max_row + 1):
        if ws[f"{cols['Case']}{row}"].value:
            ws[f"{cols['Good practice']}{row}"] = "Timely strategy discussion"
    wb.save(out)
    return out, header


def _archive(db, audit_id: int, agency: str, alias: str) -> None:
    ret = next(r for r in sa.list_returns(db, audit_id) if r.organisation_name == agency and r.case_alias == alias)
    sa.archive_return(db, ret.id)


RESTORE_RETURN = ("restore it first (Audits tab, Case audits: choose the audit, tick 'Show archived cases and "
                  "returns', choose the return in the Agency returns list and press Restore return), then import "
                  "the return again.")


def test_a_return_the_team_archived_is_named_archived_with_where_to_restore_it(setup, tmp_path):
    with Database.open(setup["path"]) as db:
        out, header = _filled_in(db, tmp_path, "Metropolitan Police")
        _archive(db, setup["audit"].id, "Metropolitan Police", "Child B")
        with pytest.raises(ImportRejected) as refused:
            ia.import_audit_return(db, out, today=date(2023, 3, 1))
        assert refused.value.report.bad_rows == [
            f"Row {header + 2}: The return of Metropolitan Police on case MAA-2023-01-C2 is archived: "
            + RESTORE_RETURN]


def test_an_agency_whose_only_return_was_archived_is_not_said_to_be_in_no_case(setup, tmp_path):
    with Database.open(setup["path"]) as db:
        out, header = _filled_in(db, tmp_path, "Brent Council")
        _archive(db, setup["audit"].id, "Brent Council", "Child A")
        with pytest.raises(ImportRejected) as refused:
            ia.import_audit_return(db, out, today=date(2023, 3, 1))
        assert refused.value.report.bad_rows == [
            f"Row {header + 1}: The return of Brent Council on case MAA-2023-01-C1 is archived: " + RESTORE_RETURN]


def test_a_case_the_team_archived_is_named_archived_not_unknown(setup, tmp_path):
    with Database.open(setup["path"]) as db:
        out, header = _filled_in(db, tmp_path, "Metropolitan Police")
        case = next(c for c in sa.list_cases(db, setup["audit"].id) if c.alias == "Child B")
        sa.archive_case(db, case.id)
        with pytest.raises(ImportRejected) as refused:
            ia.import_audit_return(db, out, today=date(2023, 3, 1))
        assert refused.value.report.bad_rows == [
            f"Row {header + 2}: Case MAA-2023-01-C2 is archived: restore it first (Audits tab, Case audits: choose "
            "the audit, tick 'Show archived cases and returns', choose the case in the Cases and agreed gradings "
            "list and press Restore case), then import the return again."]
