"""Which character encoding a CSV file is read in: UTF-8 only when all of it is UTF-8; Windows-1252
when it is not, unless it is mostly UTF-8 with stray bytes (refused, naming the line)."""

from __future__ import annotations

import codecs

import pytest

from bscp_desktop.importers.tabular import ImportFileError, read_rows


def test_a_windows_1252_csv_whose_accented_capital_and_curly_quote_form_a_utf8_pair_is_read_as_windows_1252(tmp_path):
    path = tmp_path / "people.csv"
    text = "Name,Organisation,Notes\r\nRené Dupont,Brent Council,“CAFÉ” lead\r\nZoë Brontë,Brent Council,£5\r\n"
    path.write_bytes(text.encode("cp1252"))
    assert "É”".encode("cp1252").decode("utf-8") == "ɔ"  # the two bytes are a UTF-8 character too
    assert read_rows(path) == [(1, ["Name", "Organisation", "Notes"]),
                               (2, ["René Dupont", "Brent Council", "“CAFÉ” lead"]),
                               (3, ["Zoë Brontë", "Brent Council", "£5"])]


@pytest.mark.parametrize("names", ["JOSÉ\xa0Silva,“ANDRÉ”", "“ÉLODIE”,“CAFÉ”"])
def test_windows_1252_text_with_as_many_accidental_utf8_pairs_as_other_accents_is_windows_1252(tmp_path, names):
    path = tmp_path / "people.csv"
    path.write_bytes(f"Name,Notes\r\n{names}\r\n".encode("cp1252"))
    assert read_rows(path)[1] == (2, names.split(","))


@pytest.mark.parametrize("name", ["Zoë Adébáyọ̀", "Іван Шевченко", "Paweł Łukasz", "JOSÉ “Żółć”"])
def test_a_mostly_utf8_csv_with_a_stray_byte_is_still_refused_naming_its_line(tmp_path, name):
    path = tmp_path / "people.csv"
    path.write_bytes(f"Name,Notes\n{name},Nurse\n".encode() + b"Ren\xe9e Ball,Clerk\n")
    with pytest.raises(ImportFileError, match=r"not valid UTF-8 text: line 3 .*\(byte 0xE9\)"):
        read_rows(path)


def test_a_csv_with_a_utf8_byte_order_mark_and_a_stray_byte_is_refused_naming_its_line(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(codecs.BOM_UTF8 + b"Name,Notes\nRen\xe9e Ball,Clerk\n")
    with pytest.raises(ImportFileError, match=r"not valid UTF-8 text: line 2 "):
        read_rows(path)


def test_a_csv_that_is_neither_utf8_nor_windows_1252_is_refused(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(b"Name,Notes\nAnn\x81Lee,Clerk\n")  # 0x81 is no character in Windows-1252
    with pytest.raises(ImportFileError, match=r"uses a character encoding this program cannot read \(line 2\)"):
        read_rows(path)


def test_a_wholly_utf8_csv_is_read_as_utf8(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("Name,Notes\nZoë Żółć,“quoted” £5\n", encoding="utf-8")
    assert read_rows(path)[1] == (2, ["Zoë Żółć", "“quoted” £5"])
