"""Section 11 and case audit returns import only what the person sending them sees: a row hidden
(by hand, by a filter, set to no height) or a number merged over two rows refuses the return,
each row named as every other import names it, nothing saved; a return on a hidden sheet says
to show it. A row left blank for a case or return the team archived since is left alone; a
changed 'Completed by' is said."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from bscp_desktop.db.database import Database
from bscp_desktop.domain.audits import Grading
from bscp_desktop.domain.section11 import RatingScale
from bscp_desktop.importers import ImportFileError, run_import
from bscp_desktop.importers import audits as ia
from bscp_desktop.importers.report import ImportRejected
from bscp_desktop.importers.tabular import HIDDEN_ROW, read_rows
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.audits import section11 as s11
from tests.built_once import built_copy
from tests.importers.test_audit_returns import _table, build_setup
from tests.importers.test_audit_returns_cells import _audit, _s11

TODAY = date(2024, 6, 1)


@pytest.fixture
def setup(request, db_path):
    return {"path": db_path, **built_copy(request, "audit-returns", build_setup, db_path)}


def _rated(ws, header, cols, rating="Green") -> None:
    for offset in range(1, 9):
        ws[f"{cols['Rating']}{header + offset}"] = rating
        ws[f"{cols['Evidence']}{header + offset}"] = f"Board minutes {offset}"


def _line(ws, label: str) -> int:
    """The row of the return's 'Label | value' line `label`."""
    return next(row[0].row for row in ws.iter_rows(max_col=1) if row[0].value == label)


def _council(db, cycle_id):
    return next(p for p in s11.list_participants(db, cycle_id) if p.organisation_name == "Brent Council")


def _council_ratings(db, cycle_id) -> list:
    return [r.self_rating for r in sr.list_ratings(db, cycle_id) if r.organisation_name == "Brent Council"]


def _refused(importing, db, out) -> list[str]:
    with pytest.raises(ImportRejected) as refused:
        importing(db, out, today=TODAY)
    return refused.value.report.bad_rows


@pytest.mark.slow
def test_rows_a_filter_hides_in_a_section_11_return_are_refused_each_named(setup, tmp_path):
    with Database.open(setup["path"]) as db:
        out, wb, ws, header, cols = _s11(db, tmp_path)
        _rated(ws, header, cols)
        ws.auto_filter.ref = f"A{header}:{cols['Evidence']}{header + 8}"
        ws.auto_filter.add_filter_column(3, ["Green"])
        hidden = (header + 5, header + 6)
        for number in hidden:
            ws[f"{cols['Rating']}{number}"] = "Red"
            ws.row_dimensions[number].hidden = True
        contact = _line(ws, "Completed by")
        ws[f"B{contact}"] = "Jo Head"  # the Completed by line, hidden too
        ws[f"A{header + 9}"] = 1  # a repeat of standard 1, hidden: said to be hidden
        instructions = contact + 1  # not read: hidden, it is not named
        for number in (contact, header + 9, instructions):
            ws.row_dimensions[number].hidden = True
        wb.save(out)
        assert _refused(ia.import_s11, db, out) == [f"Row {n}: {HIDDEN_ROW}" for n in (contact, *hidden, header + 9)]
        assert set(_council_ratings(db, setup["cycle"].id)) == {None}  # nothing saved
        # shown again, the return imports
        for number in (contact, *hidden, header + 9):
            ws.row_dimensions[number].hidden = False
        ws[f"A{header + 9}"] = None
        wb.save(out)
        assert ia.import_s11(db, out, today=TODAY).added == 8


@pytest.mark.slow
def test_a_hidden_row_of_a_case_audit_return_is_refused(setup, tmp_path):
    with Database.open(setup["path"]) as db:
        out, wb, ws, header, cols = _audit(db, tmp_path)
        ws[f"{cols['Grading']}{header + 1}"] = "Good"
        ws[f"{cols['Grading']}{header + 2}"] = "Inadequate"
        ws.row_dimensions[header + 2].hidden = True
        wb.save(out)
        assert _refused(ia.import_audit_return, db, out) == [f"Row {header + 2}: {HIDDEN_ROW}"]
        assert {r.grading for r in sa.list_returns(db, setup["audit"].id)} == {None}


@pytest.mark.slow
def test_a_score_merged_over_two_standards_is_refused_for_both(setup, tmp_path):
    with Database.open(setup["path"]) as db:
        cycle = s11.create_cycle(db, s11.CycleFields("2025-27", date(2025, 4, 1), date(2025, 6, 30),
                                                     rating_scale=RatingScale.SCORE))
        s11.add_agencies(db, cycle.id, [_council(db, setup["cycle"].id).organisation_id])
        out = tmp_path / "scored.xlsx"
        ia.write_s11_template(db, "2025-27", "Brent Council", out)
        wb = load_workbook(out)
        ws = wb["Section 11 return"]
        ws.protection.sheet = False
        header, cols = _table(ws, "No.")
        _rated(ws, header, cols, rating=3)
        rating = cols["Rating"]
        ws[f"{rating}{header + 1}"] = 2
        ws[f"{rating}{header + 2}"] = None
        ws.merge_cells(f"{rating}{header + 1}:{rating}{header + 2}")  # Excel shows 2 over both standards
        wb.save(out)
        said = (f"Rating (column {rating}) is one cell merged across rows {header + 1}\u2013{header + 2}, so it would "
                "count once on each row: unmerge it and give each row its own value, then import again.")
        assert _refused(ia.import_s11, db, out) == [f"Row {header + 1}: {said}", f"Row {header + 2}: {said}"]
        assert set(_council_ratings(db, cycle.id)) == {None}


def _no_height(path, row: int) -> None:
    """Set row `row` of the workbook's first sheet to a height of 0, as some programs save it
    (openpyxl leaves out a height of 0)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    assert f'<row r="{row}" ht="0.5" customHeight="1">' in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(f'<row r="{row}" ht="0.5"', f'<row r="{row}" ht="0"').encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_row_set_to_no_height_is_hidden_in_any_import(db, tmp_path):
    path = tmp_path / "people.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "People"
    for row in (["Name"], ["Shown Person"], ["No Height Person"], ["Low Person"], ["Tall Person"]):
        ws.append(row)
    ws.row_dimensions[3].height = 0.5
    ws.row_dimensions[4].height = 0.5  # under a pixel: shows nothing either
    ws.row_dimensions[5].height = 30
    wb.save(path)
    _no_height(path, 3)
    assert read_rows(path).hidden == {3, 4}
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "people", path, dry_run=True)
    assert refused.value.report.bad_rows == [f"Row 3: {HIDDEN_ROW}", f"Row 4: {HIDDEN_ROW}"]


@pytest.mark.slow
def test_a_return_on_a_hidden_sheet_says_to_show_it(setup, tmp_path):
    with Database.open(setup["path"]) as db:
        out, wb, ws, header, cols = _s11(db, tmp_path)
        _rated(ws, header, cols)
        ws.sheet_state = "hidden"
        wb.active = wb.sheetnames.index("Ratings")
        wb.save(out)
        with pytest.raises(ImportFileError) as err:
            ia.import_s11(db, out, today=TODAY)
        assert str(err.value) == (
            "The sheet 'Section 11 return' of s11.xlsx holds the return, but it is hidden: show it (in Excel, "
            "right-click any sheet's tab, choose Unhide and pick it), save the workbook and import it again.")


@pytest.mark.slow
def test_a_zip_bomb_sent_as_a_return_is_not_called_a_list_of_names(db, tmp_path):
    path = tmp_path / "return.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", " " * (20 * 1024 * 1024))
    for kind in ("s11", "audit-return", "people"):
        with pytest.raises(ImportFileError) as err:
            run_import(db, kind, path)
        said = str(err.value)
        assert said.startswith("return.xlsx was refused because it would expand to") and "list of names" not in said
        assert said.endswith("Open it in Excel, save it again as a new workbook and import that.")


def _police_returns(db, audit_id) -> dict:
    return {r.case_alias: r for r in sa.list_returns(db, audit_id) if r.organisation_name == "Metropolitan Police"}


@pytest.mark.slow
def test_a_blank_row_for_an_archived_return_or_case_is_left_alone(setup, tmp_path):
    with Database.open(setup["path"]) as db:
        audit_id = setup["audit"].id
        out, wb, ws, header, cols = _audit(db, tmp_path)  # Child A, then Child B
        sa.archive_return(db, _police_returns(db, audit_id)["Child B"].id)
        ws[f"{cols['Grading']}{header + 1}"] = "Good"
        wb.save(out)
        report = ia.import_audit_return(db, out, today=date(2023, 3, 1))
        assert (report.added, report.unchanged) == (1, 1)
        assert (f"Row {header + 2} (MAA-2023-01-C2): left as it is, as Metropolitan Police's return on this case is "
                "archived and the row holds no answers.") in report.notes
        assert _police_returns(db, audit_id)["Child A"].grading is Grading.GOOD
        # with an answer, the row is refused, saying how to restore the return
        ws[f"{cols['Grading']}{header + 2}"] = "Outstanding"
        wb.save(out)
        assert _refused(ia.import_audit_return, db, out) == [
            f"Row {header + 2}: The return of Metropolitan Police on case MAA-2023-01-C2 is archived: restore it first "
            "(Audits tab, Case audits: choose the audit, tick 'Show archived cases and returns', choose the return in "
            "the Agency returns list and press Restore return), then import the return again."]
        # a case archived since: its blank row is left alone too
        sa.restore_return(db, _police_returns(db, audit_id)["Child B"].id)
        sa.archive_case(db, _police_returns(db, audit_id)["Child B"].audit_case_id)
        ws[f"{cols['Grading']}{header + 2}"] = None
        wb.save(out)
        report = ia.import_audit_return(db, out, today=date(2023, 3, 1))
        assert report.unchanged == 2 and (f"Row {header + 2} (MAA-2023-01-C2): left as it is, as the case is archived "
                                          "and the row holds no answers.") in report.notes


@pytest.mark.slow
def test_a_return_changing_only_completed_by_says_so(setup, tmp_path):
    with Database.open(setup["path"]) as db:
        out, wb, ws, header, cols = _s11(db, tmp_path)
        contact = f"B{_line(ws, 'Completed by')}"
        ws[contact] = "Jo Head"
        wb.save(out)
        for dry_run in (True, False):
            report = ia.import_s11(db, out, dry_run=dry_run, today=TODAY)
            assert (report.added, report.updated) == (0, 0)
            assert "Completed by: Brent Council's contact for this cycle is recorded as 'Jo Head'." in report.notes
        ws[contact] = "Sam Lee"
        wb.save(out)
        report = ia.import_s11(db, out, today=TODAY)
        assert "Completed by: Brent Council's contact for this cycle changes from 'Jo Head' to 'Sam Lee'." in report.notes
        assert not any(n.startswith("Completed by") for n in ia.import_s11(db, out, today=TODAY).notes)  # as held
        assert _council(db, setup["cycle"].id).contact == "Sam Lee"
        assert set(_council_ratings(db, setup["cycle"].id)) == {None}  # only the contact changed
