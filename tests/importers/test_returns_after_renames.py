"""A return written before its agency was renamed is still that agency's: the Agency line may
name the organisation by a name or short name it had then, never by another organisation's. A
row names a standard the team retitled or renumbered since by the title and number it had."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from bscp_desktop.importers import audits as imp
from bscp_desktop.importers.report import ImportRejected
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from tests.importers.s11_returns import returned

TODAY = date(2024, 6, 1)


def _police(db) -> ms.OrganisationDTO:
    return next(o for o in ms.list_organisations(db) if o.kind == "police")


def _rename(db, name: str, short_name: str = "") -> None:
    o = _police(db)
    ms.update_organisation(db, o.id, ms.OrganisationFields(name, o.kind, short_name, o.parent_id, tuple(o.aliases)))


def _agency_line(path, value: str) -> None:
    wb = load_workbook(path)
    ws = wb["Section 11 return"]
    row = next(r[0].row for r in ws.iter_rows() if r[0].value == "Agency")
    ws.cell(row, 2).value = value
    wb.save(path)


def test_a_return_written_before_the_agency_was_renamed_is_imported(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    returned(db, cycle, out, {1: {"Rating": "Green", "Evidence": "Policy reviewed"}})
    _rename(db, "Metropolitan Police Service")
    _rename(db, "MPS London")  # renamed twice: the first name still counts
    report = imp.import_s11(db, out, today=TODAY)
    assert report.added == 1 and not report.bad_rows


def test_a_short_name_the_agency_had_still_counts(db, cycle, tmp_path):
    _rename(db, "Metropolitan Police", "MPS")
    out = tmp_path / "return.xlsx"
    returned(db, cycle, out, {1: {"Rating": "Green", "Evidence": "Policy reviewed"}})
    _agency_line(out, "mps")
    _rename(db, "Metropolitan Police", "Met")
    assert imp.import_s11(db, out, today=TODAY).added == 1


def test_a_name_the_agency_never_had_is_still_refused(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    returned(db, cycle, out, {1: {"Rating": "Green"}})
    _rename(db, "Metropolitan Police Service")
    _agency_line(out, "Brent Council")
    with pytest.raises(ImportRejected) as refused:
        imp.import_s11(db, out, today=TODAY)
    assert any("The agency 'Brent Council' is not the one this return was written for (Metropolitan Police "
               "Service)" in line for line in refused.value.report.bad_rows)


BEFORE_OPENING = date(2024, 3, 1)


def _change_standard(db, cycle, number: int, title: str | None = None, new_number: int | None = None):
    s = next(s for s in s11.list_standards(db, cycle.id) if s.number == number)
    s11.update_standard(db, s.id, s11.StandardFields(title or s.title, "\n".join(s.questions), new_number or number),
                        today=BEFORE_OPENING)
    return s


def test_a_return_written_before_a_standard_was_retitled_or_renumbered_is_imported(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    returned(db, cycle, out, {n: {"Rating": "Green", "Evidence": f"Evidence {n}"} for n in range(1, 9)})
    retitled = _change_standard(db, cycle, 3, title="Clear accountability for safeguarding children")
    moved = _change_standard(db, cycle, 8, new_number=12)
    taken = _change_standard(db, cycle, 7, new_number=8)  # another standard takes the number 8
    report = imp.import_s11(db, out, today=TODAY)
    assert (report.added, report.bad_rows) == (8, [])
    held = {r.standard_id: r.evidence for r in sr.list_ratings(db, cycle.id)}
    assert (held[retitled.id], held[moved.id], held[taken.id]) == ("Evidence 3", "Evidence 8", "Evidence 7")


def test_a_title_the_standard_never_had_says_the_team_changed_it_since(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    header = returned(db, cycle, out, {3: {"Rating": "Green", "Standard": "Something else"}})
    _change_standard(db, cycle, 3, title="Clear accountability for safeguarding children")
    with pytest.raises(ImportRejected) as refused:
        imp.import_s11(db, out, today=TODAY)
    (line,) = refused.value.report.bad_rows
    assert line.startswith(f"Row {header + 3}: Standard 3 is titled “Clear accountability for safeguarding children” "
                           "now, and this row's title 'Something else' is not one it has had: the team has changed "
                           "the standard since the return was written, so write a new return")
