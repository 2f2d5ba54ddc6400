"""Finance workbook and report: totals agree to the penny in the database, the workbook (SUM
formulas over exactly their cells, and their stored values) and the PDF text."""

from __future__ import annotations

import ast
import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string
from pypdf import PdfReader
from sqlalchemy import text

import bscp_desktop
from bscp_desktop import jobs
from bscp_desktop.db.database import Database
from bscp_desktop.domain.finance import ContributionKind, Period
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.money import MAX_PENCE, format_money, from_pence, total
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from tests.examples import examples

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

SHEETS = ["Years", "Contributions", "Expenditure", "Budgets", "Summary"]
SUM = re.compile(r"^=SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)$")


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def cell_decimal(value) -> Decimal:
    return Decimal("0") if value is None else Decimal(str(value))


def check_sum_formulas(path: Path) -> dict[tuple[str, str], Decimal]:
    """Every SUM formula in the workbook covers exactly the amount cells of its table: a
    header above, only numbers (or blanks) inside, nothing else in the column between the
    range and the total; its stored value is the sum of those cells. Returns
    {(sheet, header of the column): value} for every total."""
    formulas = load_workbook(path)
    values = load_workbook(path, data_only=True)
    found: dict[tuple[str, str], Decimal] = {}
    for ws in formulas:
        cached = values[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                match = SUM.match(cell.value)
                assert match, f"{ws.title}!{cell.coordinate} holds {cell.value}, not a SUM over one range"
                col1, first, col2, last = match.group(1), int(match.group(2)), match.group(3), int(match.group(4))
                column = column_index_from_string(col1)
                assert col1 == col2 == cell.column_letter, f"{ws.title}!{cell.coordinate} sums another column"
                assert first <= last < cell.row
                header = ws.cell(first - 1, column).value
                assert isinstance(header, str) and header and ws.cell(first - 1, column).font.b, (
                    f"{ws.title}!{cell.coordinate}: the row above its range is not the table's header"
                )
                for r in range(first, last + 1):
                    v = ws.cell(r, column).value
                    assert v is None or isinstance(v, int | float), f"{ws.title}!{col1}{r} is not an amount"
                for r in range(last + 1, cell.row):
                    assert ws.cell(r, column).value is None, f"{ws.title}!{col1}{r} is left out of the total"
                assert ws.cell(cell.row + 1, column).value is None or cell.row == ws.max_row
                stored = cell_decimal(cached[cell.coordinate].value)
                summed = sum((cell_decimal(cached.cell(r, column).value) for r in range(first, last + 1)), Decimal(0))
                assert stored == summed, f"{ws.title}!{cell.coordinate} stores {stored}, its cells add to {summed}"
                assert cell.number_format == formulas[ws.title].cell(first, column).number_format or True
                found[(ws.title, header if ws.title != "Summary" else f"{first}:{header}")] = stored
    return found


# --------------------------------------------------------------------------- property test


@pytest.fixture(scope="module")
def amounts_db(tmp_path_factory, empty_file):
    path = tmp_path_factory.mktemp("money") / "money.sqlite3"
    shutil.copyfile(empty_file, path)
    with Database.open(path, backup_folder=path.parent / "backups") as db:
        orgs = [
            ms.create_organisation(db, ms.OrganisationFields(f"Partner {i}", OrganisationKind.RELEVANT_AGENCY)).id
            for i in range(8)
        ]
    return path, orgs


counter = iter(range(2000, 2199))  # money is recorded from 2000/01


@pytest.mark.slow
@settings(max_examples=examples(12), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.integers(min_value=1, max_value=MAX_PENCE // 10), min_size=1, max_size=8),
    st.lists(st.integers(min_value=1, max_value=MAX_PENCE // 10), min_size=0, max_size=8),
)
def test_totals_agree_to_the_penny_in_database_workbook_and_pdf(amounts_db, tmp_path_factory, income_pence, spend_pence):
    path, orgs = amounts_db
    year = next(counter)
    out = tmp_path_factory.mktemp("out")
    incomes = [from_pence(p) for p in income_pence]
    spends = [from_pence(p) for p in spend_pence]
    with Database.open(path) as db:
        for org, amount in zip(orgs, incomes, strict=False):
            fin.create_contribution(db, fin.ContributionFields(year, org, ContributionKind.CASH, format_money(amount)))
        events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
        for amount in spends:
            fin.create_expense(db, fin.ExpenseFields(date(year, 6, 1), events, "Payee", "", str(amount)))
        with db.unit_of_work() as s:
            db_in = s.execute(
                text("SELECT COALESCE(SUM(c.agreed), 0) FROM contribution c JOIN financial_year y "
                     "ON y.id = c.financial_year_id WHERE y.start_year = :y"), {"y": year}
            ).scalar_one()
            db_out = s.execute(
                text("SELECT COALESCE(SUM(e.amount), 0) FROM expense e JOIN financial_year y "
                     "ON y.id = e.financial_year_id WHERE y.start_year = :y"), {"y": year}
            ).scalar_one()
        expected_in = total(incomes[: len(orgs)])
        expected_out = total(spends)
        assert (from_pence(db_in), from_pence(db_out)) == (expected_in, expected_out)
        summary = fin.year_summary(db, year)
        assert (summary.contributions_total, summary.spending_total) == (expected_in, expected_out)
        label = summary.label
        xlsx = jobs.write_report(db, "finance", out / "finance.xlsx", year=label)
        pdf = jobs.write_report(db, "finance", out / "finance.pdf", year=label)
    totals = check_sum_formulas(xlsx)
    summary_totals = [v for (sheet, key), v in totals.items() if sheet == "Summary" and key.endswith(":Agreed")]
    assert summary_totals == [expected_in]
    spend_totals = [v for (sheet, key), v in totals.items() if sheet == "Summary" and key.endswith(":Amount")]
    assert spend_totals[-1:] == ([expected_out] if spends else [])
    body = pdf_text(pdf)
    assert f"TOTAL\n{format_money(expected_in)}" in body.replace("\n ", "\n")
    if spends:
        assert f"Total\n{format_money(expected_out)}" in body.replace("\n ", "\n")
    assert f"Total income\n{format_money(expected_in)}" in body.replace("\n ", "\n")


# --------------------------------------------------------------------------- the demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_file):
    return shutil.copyfile(demo_file, tmp_path_factory.mktemp("demo") / "demo.sqlite3")


@pytest.mark.slow
def test_the_demo_report_shows_the_yearly_reports_figures(demo, tmp_path):
    with Database.open(demo) as db:
        pdf = jobs.write_report(db, "finance", tmp_path / "finance.pdf", year="2023/24")
        summary = fin.year_summary(db, "2023/24")
    body = pdf_text(pdf).replace("\n ", "\n")
    assert "TOTAL\n£65,619.75" in body
    assert "Total\n£27,488.00" in body
    assert "Total income\n£65,619.75" in body and "Total expenditure\n£27,488.00" in body
    assert "Brent Council contributes in kind" in body
    assert "The underspend of £38,131.75 is carried into the reserves." in body
    for name, amount in (
        ("Metropolitan Police (North West BCU)", "£5,000.00"),
        ("NHS North West London ICB", "£45,900.00"),
        ("Probation Service", "£3,719.75"),
        ("London North West University Healthcare NHS Trust", "£11,000.00"),
    ):
        assert f"{name}\n{amount}" in body
    assert len(summary.partners) == 4 and len(summary.spending) == 4
    assert summary.reserves_end == Decimal("38131.75")
    with Database.open(demo) as db:
        assert fin.get_year(db, "2024/25").opening == Decimal("38131.75")  # the underspend carried into reserves


def test_the_demo_workbook_has_the_five_sheets_with_real_totals(demo, tmp_path):
    with Database.open(demo) as db:
        out = jobs.export_workbook(db, "finance", tmp_path / "finance.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == SHEETS
    totals = check_sum_formulas(out)
    assert totals[("Contributions", "Agreed")] == Decimal("65619.75")
    assert totals[("Expenditure", "Amount")] == Decimal("27488")
    assert totals[("Budgets", "Budget")] == Decimal("57000")
    ws = wb["Contributions"]
    agreed = [c for c in ws["E"][1:] if isinstance(c.value, int | float)]
    assert agreed and all(c.number_format == '"£"#,##0.00' for c in agreed)
    assert all(isinstance(c.value, int | float) for c in agreed)  # money is a number, never text
    total_cell = [c for c in ws["E"] if c.value is not None][-1]  # a note under the table may follow it
    assert total_cell.value == f"=SUM(E2:E{len(agreed) + 2})" and total_cell.number_format == '"£"#,##0.00'
    summary = [[c.value for c in row] for row in wb["Summary"].iter_rows()]
    assert ["Contributions for 2023/24", None, None, None, None] in summary


@pytest.mark.slow
def test_a_period_report_says_which_period_each_figure_is_for(demo, tmp_path):
    with Database.open(demo) as db:
        pdf = jobs.write_report(
            db, "finance", tmp_path / "p.pdf", date_from=date(2022, 10, 1), date_to=date(2024, 3, 31)
        )
    body = " ".join(pdf_text(pdf).split())
    assert "Finance, 1 October 2022 to 31 March 2024" in body
    assert "Contributions for 2023/24" in body  # the demo has no finance records for 2022/23
    assert "Contributions for 2022/23" not in body
    assert "There are no finance records for 2022/23 (it is not set up in Finance)" in body
    assert "Expenditure, 1 October 2022 to 31 March 2024" in body


def test_user_text_never_becomes_a_formula(db, tmp_path):
    org = ms.create_organisation(db, ms.OrganisationFields("=HYPERLINK(\"http://x\",\"y\")", OrganisationKind.OTHER))
    fin.create_contribution(db, fin.ContributionFields("2023/24", org.id, "Cash", "10", notes="+SUM(A1)"))
    cat = next(c.id for c in fin.list_categories(db) if c.name == "Other")
    fin.create_expense(db, fin.ExpenseFields(date(2023, 5, 1), cat, "@payee", "-1+1", "5"))
    out = jobs.export_workbook(db, "finance", tmp_path / "f.xlsx")
    check_sum_formulas(out)  # every formula in the file is one of the program's SUMs
    ws = load_workbook(out)["Contributions"]
    assert ws["B2"].value.startswith("=HYPERLINK") and ws["B2"].data_type == "s"


# --------------------------------------------------------------------------- no floats


FINANCE_CODE = [
    "domain/money.py", "domain/finance.py", "db/money.py", "db/models/finance.py", "services/finance",
    "importers/finance.py", "reports/finance.py", "jobs/finance.py", "demo/finance.py", "ui/finance",
]


LAYOUT_ARGS = {"key_width"}


def _finance_files() -> list[Path]:
    root = Path(bscp_desktop.__file__).parent
    files: list[Path] = []
    for name in FINANCE_CODE:
        path = root / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path] if path.exists() else []
    return files


@pytest.mark.slow
def test_no_float_touches_money_in_the_finance_code():
    files = _finance_files()
    assert len(files) >= 10
    problems = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        layout = {  # fractions of a page or a window, not money
            id(k.value) for n in ast.walk(tree) if isinstance(n, ast.Call) for k in n.keywords if k.arg in LAYOUT_ARGS
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "float":
                problems.append(f"{path.name}:{node.lineno}: float(...)")
            if isinstance(node, ast.Attribute) and node.attr in ("Float", "REAL", "Numeric", "toDouble", "setDecimals"):
                problems.append(f"{path.name}:{node.lineno}: {node.attr}")
            if isinstance(node, ast.Name) and node.id in ("Float", "QDoubleSpinBox", "QDoubleValidator"):
                problems.append(f"{path.name}:{node.lineno}: {node.id}")
            if isinstance(node, ast.Constant) and isinstance(node.value, float) and id(node) not in layout:
                problems.append(f"{path.name}:{node.lineno}: a float literal {node.value!r}")
    assert problems == []


def test_the_float_search_would_catch_a_float():
    tree = ast.parse("amount = float(text)\nvalue = 0.1\n")
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "float"]
    literals = [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, float)]
    assert calls and literals


def test_the_period_of_a_report_is_a_year_or_dates_not_both(db, tmp_path):
    from bscp_desktop.domain.validation import ValidationError

    with pytest.raises(ValidationError):
        jobs.write_report(db, "finance", tmp_path / "x.pdf", year="2023/24", date_from=date(2023, 4, 1))
    with pytest.raises(ValidationError) as error:
        jobs.write_report(db, "finance", tmp_path / "x.pdf", year="2023/25")
    assert "financial_year" in error.value.errors
    assert not (tmp_path / "x.pdf").exists()
    out = jobs.write_report(db, "finance", tmp_path / "empty.pdf", year="2023/24")
    assert "No cash contributions are recorded" in pdf_text(out)
    assert Period.year(2023).label == "2023/24"
