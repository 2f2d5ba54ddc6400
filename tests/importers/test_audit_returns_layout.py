"""Section 11 and case audit returns as partners send them back after working on the layout:
the sheet renamed, another sheet in front or showing, answer cells merged over rows or across
columns, a column of their own added, text under no heading. The answers are read from the
sheet holding the return's marker line, a merged answer counts for every row it covers, and
what is not imported is said."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.audits import Grading
from bscp_desktop.domain.section11 import Rating
from bscp_desktop.importers import audits as ia
from bscp_desktop.importers.report import ImportRejected
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import samples as sa
from tests.built_once import built_copy
from tests.importers.test_audit_returns import build_setup
from tests.importers.test_audit_returns_cells import _audit, _s11


@pytest.fixture
def setup(request, db_path):
    return {"path": db_path, **built_copy(request, "audit-returns", build_setup, db_path)}


def _rated(ws, header, cols, rows: int = 3) -> None:
    for offset in range(1, rows + 1):
        ws[f"{cols['Rating']}{header + offset}"] = "Green"
        ws[f"{cols['Evidence']}{header + offset}"] = f"Board minutes {offset}"


def _council_ratings(db, cycle_id) -> list:
    return [r.self_rating for r in sr.list_ratings(db, cycle_id) if r.organisation_name == "Brent Council"]


def _police_returns(db, audit_id) -> dict:
    return {r.case_alias: r for r in sa.list_returns(db, audit_id) if r.organisation_name == "Metropolitan Police"}


def test_a_return_renamed_or_saved_showing_another_sheet_is_read_from_the_sheet_with_its_marker(setup, tmp_path):
    with Database.open(setup["path"]) as db:
        out, wb, ws, header, cols = _s11(db, tmp_path)
        _rated(ws, header, cols)
        ws.title = "LNWUHT S11 2024-26"
        wb.active = wb.sheetnames.index("Ratings")  # saved while the guide to the ratings was showing
        wb.save(out)
        assert ia.import_s11(db, out, today=date(2024, 6, 1)).added == 3
        assert _council_ratings(db, setup["cycle"].id)[:3] == [Rating.GREEN] * 3
        out, wb, ws, header, cols = _audit(db, tmp_path)
        ws[f"{cols['Grading']}{header + 1}"] = "Good"
        ws.title = "Our return"
        notes = wb.create_sheet("Notes", 0)  # in front, and showing, with nothing on it
        wb.active = 0
        wb.save(out)
        assert ia.import_audit_return(db, out, today=date(2023, 3, 1)).added == 1
        notes["A1"] = "Checked by the named nurse"
        wb.save(out)
        assert ia.import_audit_return(db, out, today=date(2023, 3, 1)).unchanged == 2
        assert _police_returns(db, setup["audit"].id)["Child A"].grading is Grading.GOOD


def test_an_answer_merged_over_rows_counts_for_each_of_them(setup, tmp_path):
    with Database.open(setup["path"]) as db:
        out, wb, ws, header, cols = _s11(db, tmp_path)
        _rated(ws, header, cols)
        rating = cols["Rating"]
        ws[f"{rating}{header + 2}"] = None
        ws.merge_cells(f"{rating}{header + 1}:{rating}{header + 2}")  # Excel shows Green for both
        wb.save(out)
        assert ia.import_s11(db, out, today=date(2024, 6, 1)).added == 3
        assert _council_ratings(db, setup["cycle"].id)[:3] == [Rating.GREEN] * 3
        out, wb, ws, header, cols = _audit(db, tmp_path)
        grading = cols["Grading"]
        ws[f"{grading}{header + 1}"] = "Inadequate"
        ws.merge_cells(f"{grading}{header + 1}:{grading}{header + 2}")
        wb.save(out)
        assert ia.import_audit_return(db, out, today=date(2023, 3, 1)).added == 2
        held = _police_returns(db, setup["audit"].id)
        assert held["Child A"].grading is held["Child B"].grading is Grading.INADEQUATE


def test_an_answer_merged_across_two_columns_of_answers_is_refused_naming_them(setup, tmp_path):
    with Database.open(setup["path"]) as db:
        out, wb, ws, header, cols = _s11(db, tmp_path)
        _rated(ws, header, cols)
        evidence, action = cols["Evidence"], cols["Your improvement action"]
        ws.merge_cells(f"{evidence}{header + 1}:{action}{header + 1}")  # one wide box: not also the action
        wb.save(out)
        with pytest.raises(ImportRejected) as refused:
            ia.import_s11(db, out, today=date(2024, 6, 1))
        assert refused.value.report.bad_rows == [
            f"Row {header + 1}: Evidence (column {evidence}) and Your improvement action (column {action}) are merged "
            "into one cell: unmerge them and put each answer in its own column, then import again."]
        assert _council_ratings(db, setup["cycle"].id)[:1] == [None]  # nothing saved


def test_text_in_a_column_the_return_does_not_read_is_said_not_imported(setup, tmp_path):
    with Database.open(setup["path"]) as db:
        out, wb, ws, header, cols = _s11(db, tmp_path)
        _rated(ws, header, cols)
        ws[f"I{header}"] = "Comments"
        ws[f"I{header + 1}"] = "Our board has not signed this off"
        ws[f"K{header + 2}"] = "Text under no heading"
        wb.save(out)
        report = ia.import_s11(db, out, today=date(2024, 6, 1))
        assert report.added == 3
        assert report.notes[:2] == [
            "Columns not imported (not recognised): Comments.",
            f"Text under no column heading is not imported (cell K{header + 2}): move it into the column of answers "
            "it belongs in."]
        out, wb, ws, header, cols = _audit(db, tmp_path)
        ws[f"G{header + 1}"] = "Seen by the GP too"
        ws[f"H{header + 2}"] = "and the school"
        wb.save(out)
        report = ia.import_audit_return(db, out, today=date(2023, 3, 1))
        assert report.notes[0].startswith(f"Text under no column heading is not imported (cells G{header + 1}, "
                                          f"H{header + 2}): ")
