"""Text Excel saves with its `_xHHHH_` escapes reads as Excel shows it: a line break pasted from
Windows ("_x000D_" and a new line) is a new line, a character escaped is that character, and text
typed as an escape (saved `_x005F_xHHHH_`) is the text typed. The escapes of a string saved in
pieces (rich text runs) are read piece by piece, so the program's own workbooks, which cut text
holding an escape into pieces holding none, read back as typed."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from bscp_desktop.importers import run_import
from bscp_desktop.importers.tabular import read_rows
from bscp_desktop.reports.xlsx import Column, WorkbookBuilder
from bscp_desktop.services import memberships as ms

_NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'


def _plain(text: str) -> str:
    """A shared string of one piece, as Excel saves text (its escapes already in it)."""
    return f'<t xml:space="preserve">{escape(text)}</t>'


def _excel_workbook(path: Path, title: str, rows: list[list[str]], strings: list[str]) -> Path:
    """A workbook as Excel saves one: each cell of `rows` the XML of a `<c>` element ("REF" standing for
    its reference), `strings` the shared strings table, each item's XML (what goes inside `<si>`)."""
    body = "".join(f'<row r="{r}">' + "".join(c.replace("REF", f"{chr(65 + i)}{r}") for i, c in enumerate(row))
                   + "</row>" for r, row in enumerate(rows, 1))
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}.worksheet+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_TYPE}.sharedStrings+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.styles+xml"/></Types>'),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": f'<workbook {_NS}><sheets><sheet name="{title}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": f"<worksheet {_NS}><sheetData>{body}</sheetData></worksheet>",
        "xl/sharedStrings.xml": f'<sst {_NS} count="{len(strings)}" uniqueCount="{len(strings)}">'
                                + "".join(f"<si>{s}</si>" for s in strings) + "</sst>",
        "xl/styles.xml": (
            f'<styleSheet {_NS}><fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/>'
            '</fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
            '<cellXfs count="1"><xf/></cellXfs></styleSheet>'),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, xml in parts.items():
            out.writestr(name, _HEAD + xml)
    return path


def _shared(count: int, first: int = 0) -> list[str]:
    """Cells holding shared strings `first` to `first + count - 1`."""
    return [f'<c r="REF" t="s"><v>{i}</v></c>' for i in range(first, first + count)]


def test_shared_strings_read_as_excel_shows_them_each_piece_alone(tmp_path):
    strings = {
        _plain("Line one_x000D_\nLine two"): "Line one\nLine two",  # a line break pasted from Windows
        _plain("_x005F_x003D_1+1 typed"): "_x003D_1+1 typed",  # typed as an escape: read as typed
        _plain("caf_x00E9__x0009_tab"): "café\ttab",
        _plain("_x000d_lower case, _x000D_ alone"): "\nlower case, \n alone",
        _plain("_xD83D__xDE00_ and _xD83D_ half"): "\U0001f600 and \ufffd half",
        _plain("no escape in _x12_ or _x00G1_"): "no escape in _x12_ or _x00G1_",
        # rich text: the program's own text cut after the underscore, as Excel keeps it when saving again
        '<r><t>_</t></r><r><rPr><b/></rPr><t xml:space="preserve">x0041_ split</t></r>': "_x0041_ split",
        "<r><t>Bold_x000D_</t></r><r><t>\nnext</t></r>": "Bold\nnext",
        '<t>名前</t><rPh sb="0" eb="2"><t>なまえ</t></rPh><phoneticPr fontId="0"/>': "名前",
    }
    path = _excel_workbook(tmp_path / "notes.xlsx", "Notes", [_shared(len(strings))], list(strings))
    (_number, cells), = read_rows(path, "Notes")
    assert cells == list(strings.values())


def test_a_formula_s_text_is_read_as_excel_shows_it_and_inline_strings_as_written(tmp_path):
    """Excel saves a formula's text result with its escapes. Inline strings are openpyxl's (and so the
    program's own workbooks'), which never escapes the text: read as written."""
    text = '_x003D_HYPERLINK("http://evil.example")'
    cells = ['<c r="REF" t="str"><f>A1&amp;B1</f><v>A_x000D_\nB_x005F_x0041_</v></c>',
             f'<c r="REF" t="inlineStr"><is><t>{escape(text)}</t></is></c>',
             # as the program writes text holding an escape: pieces holding none (`literal_runs`)
             '<c r="REF" t="inlineStr"><is><r><t>_</t></r><r><t>x003D_HYPERLINK("http://evil.example")</t></r></is></c>']
    path = _excel_workbook(tmp_path / "inline.xlsx", "Notes", [cells], [])
    assert read_rows(path, "Notes")[0][1] == ["A\nB_x0041_", text, text]
    book = WorkbookBuilder("Notes")  # the program's own workbook reads back as typed
    typed = [text, " _x0041_x0042_ & <Trust> ", "_x002b_1", "_x005F_x0041_ as Excel escapes it", "Line\nbreak"]
    book.add_sheet("Notes", [Column("Name")], [[t] for t in typed])
    (tmp_path / "own.xlsx").write_bytes(book.to_bytes())
    assert [cells[0] for _number, cells in read_rows(tmp_path / "own.xlsx", "Notes")[1:]] == typed


def test_a_person_s_notes_with_a_windows_line_break_import_without_x000d(db, tmp_path):
    headings = ["Name", "Job title", "Email", "Notes"]
    person = ["Xstr Person", "Officer", "xstr@example.org", "Line one_x000D_\nLine two"]
    path = _excel_workbook(tmp_path / "people.xlsx", "People", [_shared(4), _shared(4, first=4)],
                           [_plain(t) for t in headings + person])
    assert run_import(db, "people", path).added == 1
    assert [p.notes for p in ms.list_people(db)] == ["Line one\nLine two"]
