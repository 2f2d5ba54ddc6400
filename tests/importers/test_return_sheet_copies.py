"""A return copied to a second sheet of its workbook (Excel: Move or Copy, Create a copy) and
filled in there: which sheet holds the answers meant cannot be told, so the import is refused
naming both sheets, nothing saved, rather than one sheet read and the other's answers left out
without a word. Deleting the one not to import, as the message says, imports the other; a
hidden copy is not counted (hidden sheets hold lookups or old copies)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from openpyxl import load_workbook

from bscp_desktop.db.database import Database
from bscp_desktop.importers import audits as ia
from bscp_desktop.importers.tabular import ImportFileError
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import samples as sa
from tests.built_once import built_copy
from tests.importers.test_audit_returns import _table, build_setup


@pytest.fixture
def setup(request, db_path):
    return {"path": db_path, **built_copy(request, "audit-returns", build_setup, db_path)}


def _copied(out, sheet: str, first: str, answers: dict[str, str], hidden: bool = False):
    """The workbook at `out` with its return sheet copied (as Excel names a copy) and the copy's
    answers filled in, saved showing the copy (or with the copy hidden); the copy's worksheet."""
    wb = load_workbook(out)
    copy = wb.copy_worksheet(wb[sheet])
    copy.title = f"{sheet} (2)"
    header, cols = _table(copy, first)
    for row in range(header + 1, copy.max_row + 1):
        if copy[f"A{row}"].value:
            for heading, value in answers.items():
                copy[f"{cols[heading]}{row}"] = value
    if hidden:
        copy.sheet_state = "hidden"
    else:
        wb.active = wb.index(copy)
    wb.save(out)
    return wb, copy


def _rated(db, cycle) -> list:
    return [r for r in sr.list_ratings(db, cycle.id) if r.self_rating is not None]


@pytest.mark.slow
def test_a_section_11_return_filled_in_on_a_copy_of_its_sheet_is_refused_naming_both(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    ia.write_s11_template(db, cycle.id, "Metropolitan Police", out)
    wb, _copy = _copied(out, "Section 11 return", "No.", {"Rating": "Amber", "Evidence": "Our evidence"})
    for dry_run in (True, False):
        with pytest.raises(ImportFileError) as refused:
            ia.import_s11(db, out, dry_run=dry_run, today=date(2024, 6, 1))
        assert str(refused.value) == ("Two sheets of return.xlsx hold this return: 'Section 11 return' and "
                                      "'Section 11 return (2)'; delete the one not to import and import again.")
    assert _rated(db, cycle) == []  # nothing saved
    del wb["Section 11 return"]  # as the message says: the copy, with the answers, is imported
    wb.save(out)
    report = ia.import_s11(db, out, today=date(2024, 6, 1))
    assert report.added == report.rows > 0
    assert {r.self_rating.label for r in _rated(db, cycle)} == {"Amber"}


def test_a_case_audit_return_filled_in_on_a_copy_of_its_sheet_is_refused_naming_both(setup, tmp_path):
    with Database.open(setup["path"]) as db:
        out = tmp_path / "audit.xlsx"
        ia.write_audit_template(db, "MAA-2023-01", "Metropolitan Police", out)
        _copied(out, "Audit return", "Case", {"Good practice": "Clear plan", "Grading": "Good"})
        with pytest.raises(ImportFileError) as refused:
            ia.import_audit_return(db, out, today=date(2023, 3, 1))
        assert str(refused.value) == ("Two sheets of audit.xlsx hold this return: 'Audit return' and "
                                      "'Audit return (2)'; delete the one not to import and import again.")
        held = [r for r in sa.list_returns(db, setup["audit"].id) if r.organisation_name == "Metropolitan Police"]
        assert [(r.good_practice, r.grading) for r in held] == [("", None), ("", None)]


def test_a_hidden_copy_of_the_return_sheet_is_not_counted(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    ia.write_s11_template(db, cycle.id, "Metropolitan Police", out)
    wb = load_workbook(out)
    ws = wb["Section 11 return"]
    header, cols = _table(ws, "No.")
    ws[f"{cols['Rating']}{header + 1}"] = "Green"
    wb.save(out)
    _copied(out, "Section 11 return", "No.", {"Rating": "Red"}, hidden=True)
    report = ia.import_s11(db, out, today=date(2024, 6, 1))
    assert report.added == 1
    assert [r.self_rating.label for r in _rated(db, cycle)] == ["Green"]


def test_sheets_holding_different_returns_or_three_copies_are_refused_naming_them(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    ia.write_s11_template(db, cycle.id, "Metropolitan Police", out)
    wb, copy = _copied(out, "Section 11 return", "No.", {"Rating": "Amber"})
    marker = next(c for row in copy.iter_rows() for c in row if "Keep this line" in str(c.value or ""))
    marker.value = re.sub(r"agency \d+", "agency 999", marker.value)  # another agency's return
    wb.save(out)
    with pytest.raises(ImportFileError) as refused:
        ia.import_s11(db, out, today=date(2024, 6, 1))
    assert str(refused.value) == (
        "Two sheets of return.xlsx hold different returns: 'Section 11 return' and 'Section 11 return (2)'; a "
        "workbook holds one return: delete (or move to a workbook of its own) the one not to import and import "
        "again.")
    del wb["Section 11 return (2)"]
    for title in ("Section 11 return (2)", "Section 11 return (3)"):
        wb.copy_worksheet(wb["Section 11 return"]).title = title
    wb.save(out)
    with pytest.raises(ImportFileError) as refused:
        ia.import_s11(db, out, today=date(2024, 6, 1))
    assert str(refused.value) == (
        "Three sheets of return.xlsx hold this return: 'Section 11 return', 'Section 11 return (2)' and "
        "'Section 11 return (3)'; delete the ones not to import and import again.")
    assert _rated(db, cycle) == []
