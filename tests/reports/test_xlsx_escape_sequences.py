"""Text holding an ECMA-376 escape sequence (`_xHHHH_`, which Excel reads as the character
U+HHHH: `_x003D_` is "=") reads as typed in every workbook the program writes: Excel and any
reader that follows the standard show the text, not "=HYPERLINK(...)" or a right-to-left
override; the quote prefix is set on text that would start with a formula character if read
decoded; and the program's own imports read the cell back as typed, so a workbook imported
again changes nothing."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import audits as imp
from bscp_desktop.importers import run_import
from bscp_desktop.reports import audit_templates as tpl
from bscp_desktop.reports.xlsx import Column, WorkbookBuilder
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11

EVIL = '_x003D_HYPERLINK("http://evil.example","Brent Council")'
TEXTS = [
    EVIL,
    "Kilburn _x202E_Youth Club",
    " _x0041_x0042_ & <Trust> ",  # two sequences sharing an underscore, spaces at both ends
    "_x002b_1, in lower case",  # "+1" when decoded
    "_x005F_x0041_ typed as Excel escapes it",
    "no sequence in _x12_ or _x00G1_",
]
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_SEQUENCE = re.compile("_x([0-9A-Fa-f]{4})_")


def _decoded(text: str) -> str:
    return _SEQUENCE.sub(lambda found: chr(int(found.group(1), 16)), text)


def _as_excel_reads(sheet_xml: bytes) -> dict[str, str]:
    """Each text cell of a sheet as a reader following ECMA-376 reads it: the text of each of its
    `<t>` elements decoded, then joined. Every `<t>` is checked to hold no escape sequence."""
    cells = {}
    for cell in ElementTree.fromstring(sheet_xml).iter(f"{_MAIN}c"):
        inline = cell.find(f"{_MAIN}is")
        if inline is None:
            continue
        texts = [t.text or "" for t in inline.iter(f"{_MAIN}t")]
        assert not [t for t in texts if _SEQUENCE.search(t)], cell.get("r")
        cells[cell.get("r")] = "".join(_decoded(t) for t in texts)
    return cells


def _sheet_xml(data: bytes, number: int = 1) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(f"xl/worksheets/sheet{number}.xml")


def test_a_table_written_row_by_row_reads_as_typed_and_is_guarded():
    book = WorkbookBuilder("Names _x0041_ & more")
    book.add_sheet("Names", [Column("Name")], [[t] for t in TEXTS])
    data = book.to_bytes()
    read = _as_excel_reads(_sheet_xml(data))
    assert [read[f"A{n}"] for n in range(2, len(TEXTS) + 2)] == TEXTS
    ws = load_workbook(io.BytesIO(data))["Names"]
    assert [ws[f"A{n}"].value for n in range(2, len(TEXTS) + 2)] == TEXTS
    assert [ws[f"A{n}"].quotePrefix for n in range(2, len(TEXTS) + 2)] == [True, False, False, True, False, False]
    assert b"Names _x005F_x0041_ &amp;&amp; more" in _sheet_xml(data)  # the footer escaped
    assert ws.oddFooter.left.text == "Names _x0041_ && more"


def test_a_return_written_through_openpyxl_reads_as_typed_and_is_guarded():
    data = tpl.AuditTemplate("_x0042_ Partnership", 7, "MAA-2024-01", "Neglect _x003D_ audit", "Neglect",
                             date(2024, 6, 1), 3, "_x0041_ Council", ("Was _x0041_ heard?",),
                             (tpl.AuditTemplateRow("_x003D_1+1", "_x202E_Child A", "5 to 9", EVIL),))
    buffer = io.BytesIO()
    tpl.audit_workbook(data).save(buffer)
    read = _as_excel_reads(_sheet_xml(buffer.getvalue()))
    texts = set(read.values())
    assert {"Multi-agency case audit MAA-2024-01: Neglect _x003D_ audit", "_x0041_ Council", "_x003D_1+1",
            "_x202E_Child A", EVIL} <= texts
    ws = load_workbook(io.BytesIO(buffer.getvalue()))[tpl.AUDIT_SHEET]
    found = {c.value: c for row in ws.iter_rows() for c in row if c.value in texts}
    assert set(found) == texts  # openpyxl, as the imports read it, reads the same text
    assert found["_x003D_1+1"].quotePrefix and found[EVIL].quotePrefix
    assert not found["_x0041_ Council"].quotePrefix and found[EVIL].data_type == "s"
    assert b"_x005F_x0042_ Partnership" in _sheet_xml(buffer.getvalue())
    assert ws.oddFooter.left.text == "_x0042_ Partnership"


@pytest.mark.slow
def test_organisations_named_with_escape_sequences_import_back_unchanged(db, tmp_path):
    for name in TEXTS:
        ms.create_organisation(db, ms.OrganisationFields(name, OrganisationKind.OTHER))
    held = ms.list_organisations(db, include_archived=True)
    assert sorted(o.name for o in held) == sorted(t.strip() for t in TEXTS)
    out = jobs.export_workbook(db, "memberships", tmp_path / "Memberships.xlsx")
    with zipfile.ZipFile(out) as z:
        read = {text for name in z.namelist() if name.startswith("xl/worksheets/")
                for text in _as_excel_reads(z.read(name)).values()}
    assert {o.name for o in held} <= read
    report = run_import(db, "organisations", out)
    assert (report.added, report.updated, report.unchanged, report.bad_rows) == (0, 0, len(TEXTS), [])
    assert ms.list_organisations(db, include_archived=True) == held


@pytest.mark.slow
def test_a_section_11_return_written_again_imports_back_unchanged(db, tmp_path):
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    s11.add_agencies(db, cycle.id, [police.id])
    first = imp.write_s11_template(db, cycle.id, "Metropolitan Police", tmp_path / "first.xlsx")
    wb = load_workbook(first)  # filled in by the partner
    ws = wb[tpl.S11_SHEET]
    header = next(row[0].row for row in ws.iter_rows() if row[0].value == "No.")
    cols = {c.value: c.column_letter for c in ws[header] if c.value}
    ws[f"{cols['Rating']}{header + 1}"] = "Green"
    ws[f"{cols['Evidence']}{header + 1}"] = EVIL
    wb.save(first)
    assert imp.import_s11(db, first).added == 1
    assert [r.evidence for r in sr.list_ratings(db, cycle.id) if r.evidence] == [EVIL]
    again = imp.write_s11_template(db, cycle.id, "Metropolitan Police", tmp_path / "again.xlsx")
    assert EVIL in _as_excel_reads(_sheet_xml(again.read_bytes())).values()
    report = imp.import_s11(db, again)
    assert (report.added, report.updated, report.bad_rows) == (0, 0, [])
    assert [r.evidence for r in sr.list_ratings(db, cycle.id) if r.evidence] == [EVIL]
