"""Workbook cells that show one thing and hold another, and workbooks read wrongly as a whole: a
return with a column of answers twice, a number shown with leading zeros (a phone number), a
date serial Excel cannot show, a Strict Open XML workbook, and a sheet of another year beside
the list's sheet."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from bscp_desktop.db.database import Database
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.importers import audits as ia
from bscp_desktop.importers.tabular import CellProblem, ImportFileError, read_rows
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import samples as sa
from tests.built_once import built_copy
from tests.importers.test_audit_returns import _table, build_setup

PEOPLE = ["Name", "Email", "Phone", "Notes"]
EXPENDITURE = ["Date", "Category", "Payee", "Description", "Amount"]
BEYOND = ("holds a date outside the range of dates Excel can show (01/01/1900 to 31/12/9999), so Excel shows "
          "########: enter the date meant, then import again")
BEFORE = "holds a date before 01/01/1900, the first date Excel can show: enter the date meant, then import again"
DAY_0 = ("holds 00/01/1900, which is not a real date (the number 0 shown as a date): enter the date meant (or clear "
         "the cell), then import again")


def workbook(path: Path, rows: list[list], formats: dict[str, str] | None = None, title: str = "People",
             others: dict[str, list[list]] | None = None, epoch=None) -> Path:
    """A workbook of one sheet `title` (and the sheets `others`), each cell of `formats` given its number format."""
    wb = Workbook()
    if epoch is not None:
        wb.epoch = epoch
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for cell, code in (formats or {}).items():
        ws[cell].number_format = code
    for name, more in (others or {}).items():
        sheet = wb.create_sheet(name)
        for row in more:
            sheet.append(row)
    wb.save(path)
    return path


# ------------------------------------------------------------------ a return with a column twice


def test_a_section_11_return_with_its_evidence_column_twice_is_refused_and_nothing_saved(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    ia.write_s11_template(db, cycle.id, "Metropolitan Police", out)
    wb = load_workbook(out)
    ws = wb["Section 11 return"]
    header, cols = _table(ws, "No.")
    ws[f"{cols['Rating']}{header + 1}"] = "Green"
    ws[f"{cols['Evidence']}{header + 1}"] = "The evidence typed first"
    far = chr(ord(max(cols.values())) + 1)  # a column after the table headed Evidence again
    ws[f"{far}{header}"], ws[f"{far}{header + 2}"] = "Evidence", "Evidence typed in the copy"
    wb.save(out)
    for dry_run in (True, False):
        with pytest.raises(ImportFileError) as refused:
            ia.import_s11(db, out, dry_run=dry_run, today=date(2024, 6, 1))
        assert str(refused.value) == (f"return.xlsx has two Evidence columns ('Evidence' in column {cols['Evidence']} "
                                      f"and 'Evidence' in column {far}): keep one of them.")
    assert [r for r in sr.list_ratings(db, cycle.id) if r.self_rating is not None] == []


def test_an_audit_return_with_its_good_practice_column_twice_is_refused_and_nothing_saved(request, db_path, tmp_path):
    setup = built_copy(request, "audit-returns", build_setup, db_path)
    with Database.open(db_path) as db:
        out = tmp_path / "audit.xlsx"
        ia.write_audit_template(db, "MAA-2023-01", "Metropolitan Police", out)
        wb = load_workbook(out)
        ws = wb["Audit return"]
        header, cols = _table(ws, "Case")
        ws[f"{cols['Good practice']}{header + 1}"] = "Clear plan"
        ws[f"H{header}"], ws[f"H{header + 2}"] = "Good practice ", "Typed in the copy"
        wb.save(out)
        with pytest.raises(ImportFileError) as refused:
            ia.import_audit_return(db, out, today=date(2023, 3, 1))
        assert str(refused.value) == (f"audit.xlsx has two Good practice columns ('Good practice' in column "
                                      f"{cols['Good practice']} and 'Good practice' in column H): keep one of them.")
        held = [r for r in sa.list_returns(db, setup["audit"].id) if r.organisation_name == "Metropolitan Police"]
        assert [r.good_practice for r in held] == ["", ""]


# ------------------------------------------------------------------ leading zeros


def test_a_number_shown_with_leading_zeros_is_read_as_excel_shows_it(tmp_path):
    rows = [["Shown", "Held"], [7700900123, "00000000000"], [7700900123, "00000 000000"],
            [2079460000, '"0"#### ######'], [42, "00000"], [0, "0000"], [123456789012, "00000-000000"],
            [1234, "#,##0"], [1234.5, "0.00"], [1234, "### ###"], [7, "0"], [1234, "General"]]
    formats = {f"A{n}": code for n, (_value, code) in enumerate(rows[1:], start=2)}
    read = read_rows(workbook(tmp_path / "zeros.xlsx", rows, formats))
    assert [cells[0] for _n, cells in read[1:]] == [
        "07700900123", "07700 900123", "02079 460000", "00042", "0000", "123456-789012",
        "1234", "1234.5", "1234", "7", "1234"]


def test_a_phone_number_with_its_leading_zero_comes_in_with_it_and_an_amount_as_before(db, tmp_path):
    path = workbook(tmp_path / "phones.xlsx", [PEOPLE, ["Phil Zero", "phil@example.org", 7700900123],
                                               ["Pat Zero", "pat@example.org", 2079460000]],
                    {"C2": "00000000000", "C3": "00000 000000"})
    run_import(db, "people", path)
    assert {p.name: p.phone for p in ms.list_people(db)} == {"Phil Zero": "07700900123", "Pat Zero": "02079 460000"}
    path = workbook(tmp_path / "spent.xlsx", [EXPENDITURE, [date(2024, 5, 1), "Events", "Venue Ltd", "Room", 250]],
                    {"E2": "00000"}, title="Expenditure")
    report = run_import(db, "expenditure", path, dry_run=True)
    assert report.added == 1


# ------------------------------------------------------------------ dates Excel cannot show


def test_a_date_excel_cannot_show_is_a_bad_cell_saying_so(tmp_path):
    rows = [["When"], [3000000], [-1], [0], [0.5], [0.5], [61]]
    formats = {"A2": "dd/mm/yyyy", "A3": "dd/mm/yyyy", "A4": "dd/mm/yyyy", "A5": "dd/mm/yyyy hh:mm",
               "A6": "hh:mm", "A7": "dd/mm/yyyy"}
    cells = [cells[0] for _n, cells in read_rows(workbook(tmp_path / "dates.xlsx", rows, formats))[1:]]
    assert [(c.problem if isinstance(c, CellProblem) else c) for c in cells] == [
        BEYOND, BEFORE, DAY_0, DAY_0, "12:00", "01/03/1900"]
    # a workbook counting from 1904 has a day 0: 01/01/1904
    read = read_rows(workbook(tmp_path / "mac.xlsx", [["When"], [0]], {"A2": "dd/mm/yyyy"}, epoch=CALENDAR_MAC_1904))
    assert read[1][1] == ["01/01/1904"]


def test_dates_excel_cannot_show_are_refused_in_text_and_date_columns_naming_each_cell(db, tmp_path):
    path = workbook(tmp_path / "people.xlsx", [PEOPLE, ["Val One", "val1@example.org", 3000000, 3000000],
                                               ["Val Two", "val2@example.org", 0, -1]],
                    {cell: "dd/mm/yyyy" for cell in ("C2", "D2", "C3", "D3")})
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "people", path)
    assert refused.value.report.bad_rows == [
        f"Row 2: Phone (column C) {BEYOND}. Notes (column D) {BEYOND}.",
        f"Row 3: Phone (column C) {DAY_0}. Notes (column D) {BEFORE}."]
    assert ms.list_people(db) == []
    path = workbook(tmp_path / "spent.xlsx", [EXPENDITURE, [3000000, "Events", "Venue Ltd", "Room", 10],
                                              [0, "Events", "Venue Ltd", "Room", 20]],
                    {"A2": "dd/mm/yyyy", "A3": "dd/mm/yyyy"}, title="Expenditure")
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "expenditure", path, dry_run=True)
    assert refused.value.report.bad_rows == [f"Row 2: Date (column A) {BEYOND}.", f"Row 3: Date (column A) {DAY_0}."]


# ------------------------------------------------------------------ the workbook as a whole


def test_a_strict_open_xml_workbook_is_refused_saying_how_to_save_it(tmp_path):
    ordinary = workbook(tmp_path / "ordinary.xlsx", [PEOPLE, ["Ann", "ann@example.org", "", ""]])
    strict = tmp_path / "strict.xlsx"
    with zipfile.ZipFile(ordinary) as source, zipfile.ZipFile(strict, "w") as out:
        for name in source.namelist():  # as Excel saves a Strict Open XML Spreadsheet
            text = source.read(name).decode()
            for kind in ("spreadsheetml/2006/main", "officeDocument/2006/relationships"):
                text = text.replace(f"http://schemas.openxmlformats.org/{kind}",
                                    f"http://purl.oclc.org/ooxml/{kind.replace('/2006', '')}")
            out.writestr(name, text)
    with pytest.raises(ImportFileError) as refused:
        read_rows(strict)
    assert str(refused.value) == (
        "strict.xlsx is saved as a Strict Open XML Spreadsheet, which this program cannot read: open it in Excel, "
        "choose File, Save As, pick 'Excel Workbook (.xlsx)' as the type, save it and import that file.")


def test_a_sheet_of_another_year_beside_the_list_is_no_copy_of_it(tmp_path):
    row = [date(2024, 4, 1), "Events", "Venue Ltd", "Room", 100]
    for other in ("Expenditure_2023", "Expenditure (2023)", "EXPENDITURE_1999"):
        path = workbook(tmp_path / "years.xlsx", [EXPENDITURE, row], title="Expenditure",
                        others={other: [EXPENDITURE, [date(2023, 4, 1), "Events", "Venue Ltd", "Room", 90]]})
        assert read_rows(path, "Expenditure")[1][1][4] == "100"
    for copy in ("Expenditure (2)", "Expenditure_2", "Copy of Expenditure"):  # as Excel, LibreOffice, Google name a copy
        path = workbook(tmp_path / "copies.xlsx", [EXPENDITURE, row], title="Expenditure", others={copy: [EXPENDITURE]})
        with pytest.raises(ImportFileError, match="Two sheets of copies.xlsx hold the Expenditure list"):
            read_rows(path, "Expenditure")
