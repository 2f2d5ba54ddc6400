"""A stray NUL byte in a CSV file is dropped wherever it is, in a column heading as in a value:
'Em<NUL>ail' is the Email column, never a column not recognised with every address lost. A
small file with a few stray NULs is still text; a file made mostly of them is not."""

from __future__ import annotations

import pytest

from bscp_desktop.importers import ImportFileError, run_import
from bscp_desktop.importers.tabular import normalise_header, read_rows
from bscp_desktop.services import memberships as ms


def test_a_nul_in_a_heading_is_dropped_as_in_a_value():
    assert normalise_header("Em\x00ail") == "email"
    assert normalise_header("Job\x00 title\x07") == "job title"
    assert normalise_header("Job\ntitle") == "job title"  # a line break in a heading is still a space


def test_people_with_a_nul_in_the_email_heading_keep_their_addresses(db, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(b"Name,Job title,Em\x00ail\nNul Tester,Nurse,nul@example.org\n"
                     b"Nul Two,Nurse,nul2@example.org\nNul Three,Nurse,nul3@example.org\n")
    run_import(db, "people", path)
    assert sorted(p.email for p in ms.list_people(db)) == ["nul2@example.org", "nul3@example.org", "nul@example.org"]


def test_a_small_file_with_two_stray_nuls_is_read_as_text(db, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(b"Name,Job title,Em\x00ail\nNul Tester,Nu\x00rse,nul@example.org\n")
    run_import(db, "people", path)
    assert [(p.name, p.job_title, p.email) for p in ms.list_people(db)] == [("Nul Tester", "Nurse", "nul@example.org")]


@pytest.mark.parametrize("content", [b"Name\x00,\x00", "Name,Email\nA,a@example.org\n".encode("utf-16-be"),
                                     b"PK\x03\x04" + bytes(range(256)) * 8])
def test_a_file_made_mostly_of_nuls_is_still_not_text(tmp_path, content):
    path = tmp_path / "people.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match="is not a text file"):
        read_rows(path)
