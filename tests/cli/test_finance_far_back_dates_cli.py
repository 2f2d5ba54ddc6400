"""Finance imports from the command line refuse a row dated a century back (31/03/1925 typed for
31/03/2025) or given a year such as 1924/25, naming the row and the reason, so the reserves of
later years are not carried from a year made by mistake."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from bscp_desktop.db.database import Database
from tests.cli.test_import_export import cli, refused

# Each test runs the program in a new process: part of make test, not of make check.
pytestmark = pytest.mark.slow


@pytest.fixture
def empty_db(tmp_path) -> Path:
    path = tmp_path / "fin.sqlite3"
    Database.open(path).close()
    return path


def test_imports_refuse_rows_a_century_back_and_the_reserves_stay_as_they_were(empty_db, tmp_path):
    spend = tmp_path / "spent.csv"
    spend.write_text("Date,Category,Payee,Description,Amount\n"
                     "31/03/2024,Events,Venue,Forum,500\n"
                     "31/03/1925,Events,Venue,Forum,500\n", encoding="utf-8")
    lines = refused(cli("import", "expenditure", spend, "--db", empty_db), lines_expected=2)
    assert lines[1].strip() == ("Row 3: Date (31/03/1925) is before the 2000/01 financial year, which began on "
                                "01/04/2000: check the year.")
    contributions = tmp_path / "contributions.csv"
    contributions.write_text("Financial year,Organisation,Kind,Agreed,Invoiced on,Received,Received on\n"
                             "1924/25,New Trust,Cash,500,,,\n", encoding="utf-8")
    lines = refused(cli("import", "contributions", contributions, "--db", empty_db), lines_expected=3)
    assert lines[1].strip() == ("Row 2: Financial year: 1924/25 is before 2000/01, the earliest financial year money "
                                "can be recorded in: check the year.")

    spend.write_text("Date,Category,Payee,Description,Amount\n31/03/2024,Events,Venue,Forum,500\n", encoding="utf-8")
    assert cli("import", "expenditure", spend, "--db", empty_db).returncode == 0
    pdf = tmp_path / "finance.pdf"
    result = cli("report", "finance", "--year", "2023/24", "--db", empty_db, "-o", pdf)
    assert result.returncode == 0, result.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    assert "Reserves on 1 April 2023\n£0.00" in text  # nothing carried from a year made by mistake
