"""Point 6 of data safety: imports read what is really in the file, or say exactly why not."""

from __future__ import annotations

import re
import shutil
import zipfile

import openpyxl
import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.importers import ImportFileError, ImportRejected, run_import
from bscp_desktop.importers.tabular import read_rows
from bscp_desktop.services import memberships as ms
from tests.safety.helpers import assert_refused, cli


@pytest.fixture
def db_file(tmp_path, empty_file):
    path = tmp_path / "bscp.sqlite3"
    shutil.copyfile(empty_file, path)  # a new database (tests/conftest.py), built once per run
    Database.open(path).close()
    return path


def _names(path):
    with Database.open(path) as db:
        return sorted(p.name for p in ms.list_people(db, include_archived=True))


def _understated_workbook(path, rows: int):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "People"
    ws.append(["Name", "Job title"])
    for i in range(rows):
        ws.append([f"Person {i + 1:02d}", "Officer"])
    wb.save(path)
    # Rewrite the sheet's own <dimension> to claim only the header and two rows, as some
    # programs that write .xlsx files get it wrong.
    with zipfile.ZipFile(path) as src:
        parts = {n: src.read(n) for n in src.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    xml = parts[sheet].decode()
    xml, n = re.subn(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:B3"/>', xml)
    assert n == 1
    parts[sheet] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


def test_a_workbook_that_understates_its_size_is_read_to_the_end(tmp_path, db_file):
    book = _understated_workbook(tmp_path / "people.xlsx", 25)
    assert len(read_rows(book)) == 26
    result = cli("import", "people", book, "--db", db_file)
    assert result.returncode == 0, result.stderr
    assert _names(db_file) == [f"Person {i:02d}" for i in range(1, 26)]


def test_a_mostly_utf8_csv_with_a_stray_byte_is_refused_naming_the_line(tmp_path, db_file):
    csv = tmp_path / "people.csv"
    csv.write_bytes("Name,Job title\nZoë Adébáyọ̀,Nurse\nKwame,Officer\n".encode() + b"Ren\xe9e Ball,Clerk\n")
    before = db_file.read_bytes()
    line = assert_refused(cli("import", "people", csv, "--db", db_file), "UTF-8", "line 4")
    assert "Ã" not in line
    assert db_file.read_bytes() == before
    assert _names(db_file) == []


def test_a_genuine_windows_1252_csv_still_imports(tmp_path, db_file):
    csv = tmp_path / "excel.csv"
    csv.write_bytes("Name,Job title,Notes\r\nZoë Adé,Head of Service,café – “quoted”\r\n".encode("cp1252"))
    result = cli("import", "people", csv, "--db", db_file)
    assert result.returncode == 0, result.stderr
    with Database.open(db_file) as db:
        person = ms.list_people(db)[0]
    assert person.name == "Zoë Adé" and person.notes == "café – “quoted”"


def test_an_unterminated_quote_names_its_line_instead_of_swallowing_the_file(tmp_path, db_file):
    csv = tmp_path / "people.csv"
    csv.write_text('Name,Notes\nAda,fine\nBob,"never closed\nCid,x\nDee,y\n', encoding="utf-8")
    with pytest.raises(ImportFileError, match="Line 3 .* never closed"):
        read_rows(csv)
    before = db_file.read_bytes()
    assert_refused(cli("import", "people", csv, "--db", db_file), "Line 3", "quote")
    assert db_file.read_bytes() == before


def test_quoted_values_over_several_lines_still_import(tmp_path, db_file):
    csv = tmp_path / "people.csv"
    csv.write_text('Name,Notes\nAda,"first line\nsecond line, with a comma"\nBob,"say ""hi"""\n', encoding="utf-8")
    with Database.open(db_file) as db:
        run_import(db, "people", csv)
        notes = {p.name: p.notes for p in ms.list_people(db)}
    assert notes == {"Ada": "first line\nsecond line, with a comma", "Bob": 'say "hi"'}


def test_archived_takes_only_the_documented_words(tmp_path, db_file):
    csv = tmp_path / "people.csv"
    csv.write_text("Name,Archived\nAda,\nBob,No\nCid,01/02/2024\nDee,Yes\nEve,maybe\nFay,31/12/3000\n",
                   encoding="utf-8")
    with Database.open(db_file) as db, pytest.raises(ImportRejected) as caught:
        run_import(db, "people", csv)
    bad = caught.value.report.bad_rows
    assert len(bad) == 2
    assert bad[0].startswith("Row 6:") and "Archived 'maybe'" in bad[0]
    assert bad[1].startswith("Row 7:") and "Archived" in bad[1] and "1900 to 2200" in bad[1]
    assert _names(db_file) == []
    before = db_file.read_bytes()
    refused = cli("import", "people", csv, "--db", db_file)  # the command line: exit 2, every bad row
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    lines = [line.strip() for line in refused.stderr.splitlines() if line.strip()]
    assert len(lines) == 3 and lines[1].startswith("Row 6:") and lines[2].startswith("Row 7:"), lines
    assert db_file.read_bytes() == before
    csv.write_text("Name,Archived\nAda,\nBob,No\nCid,01/02/2024\nDee,Yes\n", encoding="utf-8")
    with Database.open(db_file) as db:
        report = run_import(db, "people", csv)
    assert report.skipped == 2
    assert _names(db_file) == ["Ada", "Bob"]


def test_the_template_documents_the_archived_words(tmp_path):
    out = tmp_path / "people template.xlsx"
    assert cli("template", "people", "-o", out).returncode == 0
    notes = [c.value for c in openpyxl.load_workbook(out)["How to fill this in"]["A"]]
    assert any(n and "has an Archived column, which this template does not have" in n
               and "a date (dd/mm/yyyy), or Yes, marks an archived record" in n for n in notes)
