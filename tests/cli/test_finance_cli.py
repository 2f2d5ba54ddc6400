"""Finance from the command line, run as a separate process: imports, templates, the
workbook and the report for a year or a period."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from bscp_desktop.db.database import Database
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms
from tests.cli.test_import_export import cli, refused

# Each test runs the program in a new process: part of make test, not of make check.
pytestmark = pytest.mark.slow


@pytest.fixture
def db_path(tmp_path) -> Path:
    path = tmp_path / "fin.sqlite3"
    with Database.open(path) as db:
        ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE, "Met Police"))
    return path


def test_templates_imports_workbook_and_reports(db_path, tmp_path):
    template = tmp_path / "contributions.csv"
    assert cli("template", "contributions", "-o", template).returncode == 0
    assert template.read_text(encoding="utf-8-sig").splitlines()[0] == (
        "Financial year,Organisation,Kind,Agreed,Invoiced on,Received,Received on,Description"
    )
    assert cli("template", "expenditure", "-o", tmp_path / "e.xlsx").returncode == 0
    contributions = tmp_path / "c.csv"
    contributions.write_bytes(
        "Financial year,Organisation,Kind,Agreed,Invoiced on,Received,Received on\r\n"
        "2023/24,Met Police,Cash,\"£5,000\",01/08/2023,\"£5,000\",14/09/2023\r\n"
        "2023/24,New Trust,Cash,3719.75,,,\r\n".encode("cp1252")
    )
    dry = cli("import", "contributions", contributions, "--db", db_path, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "would add 2" in dry.stdout and "New Trust" in dry.stdout
    done = cli("import", "contributions", contributions, "--db", db_path)
    assert done.returncode == 0 and "2 added" in done.stdout
    spend = tmp_path / "s.csv"
    spend.write_text("Date,Category,Payee,Description,Amount\n31/03/2024,Events,Venue,Forum,\"£1,250.50\"\n", encoding="utf-8")
    assert cli("import", "expenditure", spend, "--db", db_path).returncode == 0
    out = tmp_path / "finance.xlsx"
    result = cli("export", "xlsx", "--area", "finance", "--db", db_path, "-o", out)
    assert result.returncode == 0, result.stderr
    assert load_workbook(out).sheetnames == ["Years", "Contributions", "Expenditure", "Budgets", "Summary"]
    pdf = tmp_path / "finance.pdf"
    assert cli("report", "finance", "--year", "2023/24", "--db", db_path, "-o", pdf).returncode == 0
    text = "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "£8,719.75" in text and "£1,250.50" in text
    period = tmp_path / "period.pdf"
    result = cli("report", "finance", "--from", "1/10/22", "--to", "31 March 2024", "--db", db_path, "-o", period)
    assert result.returncode == 0, result.stderr
    assert "1 October 2022 to 31 March 2024" in " ".join(PdfReader(str(period)).pages[0].extract_text().split())


def test_bad_input_is_one_sentence(db_path, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Financial year,Organisation,Agreed\n2023/24,Met Police,-5\n2023/24,Met Police,abc\n", encoding="utf-8")
    lines = refused(cli("import", "contributions", bad, "--db", db_path), lines_expected=3)
    assert "Row 2:" in lines[1] and "cannot be negative" in lines[1]
    assert "Row 3:" in lines[2] and "is not an amount of money" in lines[2]
    (line,) = refused(cli("report", "finance", "--year", "2023-2026", "--db", db_path, "-o", tmp_path / "x.pdf"))
    assert "not a financial year" in line
    (line,) = refused(cli("report", "finance", "--from", "01/04/2024", "--to", "01/04/2023", "--db", db_path,
                          "-o", tmp_path / "x.pdf"))
    assert "cannot be before" in line
    (line,) = refused(cli("report", "finance", "--to", "31/03/2024", "--db", db_path, "-o", tmp_path / "x.pdf"))
    assert "--from as well as" in line
    (line,) = refused(cli("report", "case-tracker", "--year", "2023/24", "--db", db_path, "-o", tmp_path / "y.pdf"))
    assert "does not take --year" in line


def test_a_blank_template_refuses_a_return_option_it_would_ignore(tmp_path):
    (line,) = refused(cli("template", "contributions", "--cycle", "2", "-o", tmp_path / "t.csv"))
    assert line == "bscp-desktop: The contributions template does not take --cycle: template contributions -o FILE."
    assert not (tmp_path / "t.csv").exists()
