"""A CSV file saved by Excel as plain "CSV (Comma delimited)" keeps only Western European letters:
Łukasz arrives as "?ukasz" and Nguyễn as "Nguy?n". Every import refuses such a row, naming the row,
the column and what to do, and saves nothing; a file saved as CSV UTF-8 imports the names whole."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk

BOOKINGS = ["Course", "Session start", "Capacity", "Delegate", "Email", "Job title", "Organisation", "Booked on",
            "Outcome", "Cancelled on"]
EXPENDITURE = ["Date", "Category", "Payee", "Description", "Amount"]
CONTRIBUTIONS = ["Financial year", "Organisation", "Kind", "Agreed", "Invoiced on", "Received", "Received on",
                 "Description"]
LOST = ("where a question mark stands for a letter. The file was saved as plain CSV, which keeps only Western "
        "European letters and saves any other (such as Ł or ễ) as a question mark: save it from Excel as "
        "'CSV UTF-8 (Comma delimited)' and import it again (first type the letter meant, if the workbook shows a "
        "question mark too)")


def write_csv(path: Path, rows: list[list[str]], encoding: str) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def booking(name: str, email: str, job: str = "") -> list[str]:
    return ["Neglect briefing", "01/09/2026 09:30", "20", name, email, job, "Brent Council", "01/08/2026", "Booked", ""]


def history(db) -> int:
    with db.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(ChangeRecord))


def refused(db, kind: str, path: Path) -> list[str]:
    before = history(db)
    with pytest.raises(ImportRejected) as error:
        run_import(db, kind, path)
    assert history(db) == before  # nothing saved, not even an organisation or a course
    return error.value.report.bad_rows


def test_a_windows_1252_bookings_file_with_letters_lost_is_refused_naming_each_row_and_column(db, tmp_path):
    rows = [BOOKINGS, booking("Zoë Smith", "zoe@example.org"), booking("?ukasz Nowak", "lukasz@example.org", "Who?"),
            booking("Siobhán Byrne", "siobhan@example.org"), booking("Nguy?n ?nh", "nguyen@example.org")]
    bad = refused(db, "bookings", write_csv(tmp_path / "bookings.csv", rows, "cp1252"))
    assert bad == [f"Row 3: Delegate (column D) holds '?ukasz Nowak', {LOST}.",
                   f"Row 5: Delegate (column D) holds 'Nguy?n ?nh', {LOST}."]
    assert bk.list_bookings(db) == []


def test_the_same_bookings_saved_as_csv_utf8_import_every_name_whole(db, tmp_path):
    rows = [BOOKINGS, booking("Zoë Smith", "zoe@example.org"), booking("Łukasz Nowak", "lukasz@example.org", "Who?"),
            booking("Siobhán Byrne", "siobhan@example.org"), booking("Nguyễn Ánh", "nguyen@example.org")]
    report = run_import(db, "bookings", write_csv(tmp_path / "bookings.csv", rows, "utf-8-sig"))
    assert report.added == 4
    assert sorted(b.delegate_name for b in bk.list_bookings(db)) == ["Nguyễn Ánh", "Siobhán Byrne", "Zoë Smith",
                                                                     "Łukasz Nowak"]


def test_a_plain_ascii_expenditure_file_with_a_letter_lost_is_refused_too(db, tmp_path):
    """With no other letter beyond ASCII the file reads as UTF-8 as well: only a byte order mark says it is."""
    rows = [EXPENDITURE, ["01/05/2024", "Events", "?ukasz Nowak Catering", "Lunch", "120.00"],
            ["02/05/2024", "Events", "Venue Ltd", "Room: see https://venue.example/book?id=3", "80.00"]]
    bad = refused(db, "expenditure", write_csv(tmp_path / "spend.csv", rows, "ascii"))
    assert bad == [f"Row 2: Payee (column C) holds '?ukasz Nowak Catering', {LOST}."]
    assert fin.list_expenses(db) == []


def test_a_question_mark_ending_a_question_or_in_a_web_address_is_imported_as_typed(db, tmp_path):
    rows = [EXPENDITURE, ["01/05/2024", "Events", "Café Zoë", "Why? Lunch for the forum", "120.00"],
            ["02/05/2024", "Events", "Venue Ltd", "See https://venue.example/book?id=3", "80.00"]]
    assert run_import(db, "expenditure", write_csv(tmp_path / "spend.csv", rows, "cp1252")).added == 2
    assert sorted(e.description for e in fin.list_expenses(db)) == ["See https://venue.example/book?id=3",
                                                                    "Why? Lunch for the forum"]


def test_a_contributions_file_naming_an_organisation_with_a_letter_lost_adds_no_organisation(db, tmp_path):
    rows = [CONTRIBUTIONS, ["2024/25", "Łódź Partnership", "Cash", "£1,200.50", "", "", "", ""],
            ["2024/25", "Zoë's Trust", "Cash", "500", "", "", "", ""]]
    bad = refused(db, "contributions", as_excel_saves(tmp_path / "c.csv", rows))
    assert bad == [f"Row 2: Organisation (column B) holds '?ód? Partnership', {LOST}."]
    assert ms.list_organisations(db) == []


def as_excel_saves(path: Path, rows: list[list[str]]) -> Path:
    """`rows` as Excel's plain CSV saves them: Windows-1252, a letter it cannot hold as "?"."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("cp1252", "replace"))
    return path


def test_a_file_with_a_byte_order_mark_keeps_a_question_mark_as_typed(db, tmp_path):
    """A UTF-8 file holds every letter, so a question mark in it is one the person typed."""
    path = tmp_path / "spend.csv"
    path.write_bytes(codecs.BOM_UTF8 + b"Date,Category,Payee,Description,Amount\r\n"
                     b"01/05/2024,Events,Venue Ltd,?Query on the invoice,80.00\r\n")
    assert run_import(db, "expenditure", path).added == 1
    assert [e.description for e in fin.list_expenses(db)] == ["?Query on the invoice"]
