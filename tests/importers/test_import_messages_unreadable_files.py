"""A workbook or CSV file that cannot be read at all is refused saying in plain words what is
wrong with it (damaged, not an Excel workbook, protected by a password) and what to do: never
with the name of the error the reader raised."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from bscp_desktop.importers import ImportFileError, run_import
from bscp_desktop.services import memberships as ms

#: The names of the errors reading a damaged workbook raises, none of which a message may show.
ERROR_NAMES = re.compile(r"BadZipFile|KeyError|ParseError|XMLSyntaxError|RuntimeError|\berror\b|Exception|zlib|"
                         r"\(\w+Error\)")
AGAIN = "open it in Excel, save it again as .xlsx and import that file."
REPAIR = "Open it in Excel, which offers to repair a damaged workbook, save it again as .xlsx and import that file."


def _good(tmp_path: Path) -> Path:
    wb = Workbook()
    wb.active.title = "People"
    wb.active.append(["Name"])
    wb.active.append(["Ann Lee"])
    path = tmp_path / "good.xlsx"
    wb.save(path)
    return path


def _rewritten(tmp_path: Path, name: str, change, compression=zipfile.ZIP_DEFLATED) -> Path:
    """The good workbook with each part changed by `change(part name, bytes)` (None leaves it out)."""
    out = tmp_path / name
    with zipfile.ZipFile(_good(tmp_path)) as src, zipfile.ZipFile(out, "w", compression) as dst:
        for item in src.infolist():
            data = change(item.filename, src.read(item))
            if data is not None:
                dst.writestr(item.filename, data)
    return out


def _refused(db, path: Path) -> str:
    with pytest.raises(ImportFileError) as refused:
        run_import(db, "people", path)
    said = str(refused.value)
    assert ERROR_NAMES.search(said) is None, said
    assert ms.list_people(db) == []
    return said


def test_a_workbook_cut_short_inside_is_said_to_be_damaged(db, tmp_path):
    path = _rewritten(tmp_path, "cut.xlsx", lambda n, d: d[: len(d) // 2] if n.endswith("workbook.xml") else d)
    assert _refused(db, path) == (f"cut.xlsx is damaged, or was saved wrongly by the program that made it, so it "
                                  f"cannot be read: {AGAIN}")


def test_a_sheet_cut_short_is_said_to_be_damaged(db, tmp_path):
    path = _rewritten(tmp_path, "sheet.xlsx", lambda n, d: d[: len(d) // 2] if n.endswith("sheet1.xml") else d)
    assert _refused(db, path).startswith("sheet.xlsx is damaged, or was saved wrongly by the program that made it")


def test_a_part_that_cannot_be_unpacked_is_said_to_be_damaged(db, tmp_path):
    """A part whose check sum no longer matches (a file damaged on a memory stick)."""
    stored = _rewritten(tmp_path, "stored.xlsx", lambda n, d: d, zipfile.ZIP_STORED)
    data = bytearray(stored.read_bytes())
    at = data.find(b"<sheetData")
    data[at + 3] ^= 0x20
    damaged = tmp_path / "crc.xlsx"
    damaged.write_bytes(bytes(data))
    assert _refused(db, damaged) == f"crc.xlsx is damaged: part of it cannot be unpacked, so it cannot be read. {REPAIR}"


def test_compressed_data_that_cannot_be_unpacked_is_said_to_be_damaged(db, tmp_path):
    good = _good(tmp_path)
    with zipfile.ZipFile(good) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(good.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for at in range(start, start + 20):
        data[at] ^= 0x5A
    damaged = tmp_path / "deflate.xlsx"
    damaged.write_bytes(bytes(data))
    assert _refused(db, damaged).startswith("deflate.xlsx is damaged: part of it cannot be unpacked")


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/_rels/workbook.xml.rels"])
def test_a_workbook_missing_a_part_every_workbook_has_says_so(db, tmp_path, part):
    path = _rewritten(tmp_path, "part.xlsx", lambda n, d: None if n == part else d)
    assert _refused(db, path) == (
        "part.xlsx is damaged, or is not an Excel workbook: a part every workbook has is missing from it. Open it in "
        "Excel, save it again as .xlsx and import that file (if Excel cannot open it either, ask for a new copy of "
        "the file).")


def test_a_workbook_missing_the_sheet_it_lists_is_damaged_not_empty(db, tmp_path):
    path = _rewritten(tmp_path, "lost.xlsx", lambda n, d: None if n.endswith("sheet1.xml") else d)
    assert _refused(db, path) == (f"lost.xlsx is damaged: the sheet 'People' it lists is missing from it, so it cannot "
                                  f"be read. {REPAIR}")


def test_a_workbook_whose_parts_are_locked_with_a_password_says_to_save_it_without_one(db, tmp_path):
    good = _good(tmp_path)
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as z:
        for info in z.infolist():
            data[info.header_offset + 6] |= 1  # the part's own header
    at = data.find(b"PK\x01\x02")
    while at != -1:  # and its entry in the list of parts
        data[at + 8] |= 1
        at = data.find(b"PK\x01\x02", at + 4)
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(bytes(data))
    assert _refused(db, locked) == ("locked.xlsx is protected by a password, so it cannot be read: open it, save it "
                                    "without a password as an Excel workbook (.xlsx) and import that file.")


def test_a_workbook_protected_by_excel_with_a_password_says_how_to_remove_it(db, tmp_path):
    path = tmp_path / "protected.xlsx"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600)
    said = _refused(db, path)
    assert said.startswith("protected.xlsx is protected with a password") and "remove the password" in said


def test_a_csv_value_too_long_to_read_is_said_in_plain_words(db, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text('Name,Notes\nAnn Lee,"' + "x" * 200_000 + '"\n', encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        run_import(db, "people", path)
    assert str(refused.value) == (
        "Row 2 of people.csv holds a value of more than 131,072 characters, far more than a cell of a list, so it "
        "cannot be read: a quote (\") opening a value and closed much further on makes everything between one value. "
        "Correct the row, then import again.")
    assert "field limit" not in str(refused.value)
