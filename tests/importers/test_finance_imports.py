"""Importing contributions and expenditure: all or nothing, idempotent, cp1252 with £ signs."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from bscp_desktop.db.models import ChangeRecord, Organisation
from bscp_desktop.db.models.finance import Contribution, ContributionPayment, Expense
from bscp_desktop.domain.finance import ContributionKind, ContributionStatus, ContributorClass
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import ImportRejected, run_import, template_columns, write_template
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

M = Decimal
CONTRIBUTION_COLUMNS = ["Financial year", "Organisation", "Kind", "Agreed", "Invoiced on", "Received", "Received on",
                        "Description"]
EXPENDITURE_COLUMNS = ["Date", "Category", "Payee", "Description", "Amount"]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list]) -> Path:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def count(db, model) -> int:
    with db.unit_of_work() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def orgs(db):
    for name, kind, short in (
        ("Metropolitan Police (North West BCU)", OrganisationKind.POLICE, "Met Police"),
        ("NHS North West London ICB", OrganisationKind.ICB, "NWL ICB"),
        ("Brent Council", OrganisationKind.LOCAL_AUTHORITY, ""),
    ):
        ms.create_organisation(db, ms.OrganisationFields(name, kind, short))


CONTRIBUTIONS = [
    CONTRIBUTION_COLUMNS,
    ["2023/24", "Met Police", "Cash", "£5,000", "15/05/2023", "£5,000.00", "20/06/2023"],
    ["2023/24", "nwl icb", "", "45,900", "15/05/2023", "45900", "1 July 2023"],
    ["2023/24", "Probation Service", "Cash", "£3,719.75", "1/6/23", "", ""],
    ["2023/24", "Brent Council", "In kind", "", "", "", "", "Venues for training"],
]


def test_templates_have_exactly_the_columns_in_order(tmp_path):
    assert template_columns("contributions") == CONTRIBUTION_COLUMNS
    assert template_columns("expenditure") == EXPENDITURE_COLUMNS
    out = write_template("contributions", tmp_path / "c.csv")
    assert out.read_bytes().decode("utf-8-sig").splitlines()[0] == ",".join(CONTRIBUTION_COLUMNS)
    out = write_template("expenditure", tmp_path / "e.xlsx")
    wb = load_workbook(out)
    assert [c.value for c in wb.worksheets[0][1]] == EXPENDITURE_COLUMNS


def test_cp1252_csv_with_pound_signs(db, orgs, tmp_path):
    path = write_csv(tmp_path / "contributions.csv", CONTRIBUTIONS, encoding="cp1252")
    assert b"\xa35,000" in path.read_bytes()  # £ in Windows-1252
    dry = run_import(db, "contributions", path, dry_run=True)
    assert (dry.added, dry.updated, dry.unchanged) == (4, 0, 0)
    assert "Probation Service" in " ".join(dry.notes) and "would be added" in " ".join(dry.notes)
    assert count(db, Contribution) == 0 and count(db, Organisation) == 3  # a dry run writes nothing
    report = run_import(db, "contributions", path)
    assert (report.added, report.updated, report.unchanged) == (4, 0, 0)
    by_org = {c.organisation_name: c for c in fin.list_contributions(db)}
    assert by_org["Metropolitan Police (North West BCU)"].status is ContributionStatus.RECEIVED
    assert by_org["NHS North West London ICB"].received == M("45900.00")
    assert by_org["Probation Service"].agreed == M("3719.75")
    assert by_org["Probation Service"].invoiced_on.isoformat() == "2023-06-01"
    assert by_org["Brent Council"].kind is ContributionKind.IN_KIND
    assert fin.year_summary(db, "2023/24").contributions_total == M("54619.75")
    # the same file again changes nothing
    with db.unit_of_work() as s:
        history = s.scalar(select(func.count()).select_from(ChangeRecord))
    again = run_import(db, "contributions", path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    assert count(db, ContributionPayment) == 2 and count(db, Organisation) == 4
    with db.unit_of_work() as s:
        assert s.scalar(select(func.count()).select_from(ChangeRecord)) == history


def test_received_is_a_running_total_so_a_later_file_adds_only_the_difference(db, orgs, tmp_path):
    first = [CONTRIBUTION_COLUMNS, ["2024/25", "Met Police", "Cash", "5000", "01/05/2024", "2000", "01/06/2024"]]
    run_import(db, "contributions", write_xlsx(tmp_path / "a.xlsx", first))
    later = [CONTRIBUTION_COLUMNS, ["2024/25", "Met Police", "Cash", 5000, "01/05/2024", 5000, "01/09/2024"]]
    report = run_import(db, "contributions", write_xlsx(tmp_path / "b.xlsx", later))
    assert report.updated == 1
    (c,) = fin.list_contributions(db)
    assert (c.received, c.payments, c.last_received_on.isoformat()) == (M("5000.00"), 2, "2024-09-01")
    lower = [CONTRIBUTION_COLUMNS, ["2024/25", "Met Police", "Cash", "5000", "", "1000", "01/10/2024"]]
    with pytest.raises(ImportRejected) as error:
        run_import(db, "contributions", write_xlsx(tmp_path / "c.xlsx", lower))
    assert "less than the £5,000.00 already recorded" in error.value.report.bad_rows[0]


def test_every_bad_row_is_reported_and_nothing_is_saved(db, orgs, tmp_path):
    rows = [
        CONTRIBUTION_COLUMNS,
        ["2023/24", "Met Police", "Cash", "5000", "", "", ""],  # good
        ["2023-24x", "NWL ICB", "Cash", "-45,900", "32/01/2024", "", ""],
        ["2023/24", "", "Cash", "1.234", "", "", ""],
        ["2023/24", "NWL ICB", "Cheque", "NaN", "", "", ""],
        ["2023/24", "New Partner Ltd", "Cash", "100", "", "200", "01/01/2024"],
        ["2023/24", "Met Police", "Cash", "5000", "", "", ""],  # repeats the first row
        ["2023/24", "NWL ICB", "Cash", "£200,000,000", "", "10", ""],
        ["2023/24", "Brent Council", "In kind", "", "", "50", "01/01/2024"],
    ]
    with pytest.raises(ImportRejected) as error:
        run_import(db, "contributions", write_csv(tmp_path / "bad.csv", rows))
    bad = error.value.report.bad_rows
    assert [line.split(":")[0] for line in bad] == [f"Row {n}" for n in (3, 4, 5, 6, 7, 8, 9)]
    assert "is not a financial year" in bad[0] and "cannot be negative" in bad[0] and "is not a date" in bad[0]
    assert "Organisation is blank" in bad[1] and "more than two decimal places" in bad[1]
    assert "Kind 'Cheque' is not Cash or In kind" in bad[2] and "Agreed 'NaN' is not an amount of money" in bad[2]
    assert "more than the £100.00 still owed" in bad[3]
    assert "Repeats row 2" in bad[4]
    assert "more than £20 million" in bad[5] and "Received on is blank" in bad[5]
    assert "in kind is not paid" in bad[6]
    assert count(db, Contribution) == 0 and count(db, Organisation) == 3



def test_a_refused_file_names_the_organisation_column_and_keeps_no_new_organisation(db, orgs, tmp_path):
    rows = [CONTRIBUTION_COLUMNS,
            ["2023/24", "New Partner Ltd", "Cash", "100", "", "", ""],  # good, but its organisation is new
            ["2023/24", "N" * 300, "Cash", "100", "", "", ""],
            ["2023/24", "Met Police", "Cash", "abc", "", "", ""]]
    with pytest.raises(ImportRejected) as error:
        run_import(db, "contributions", write_csv(tmp_path / "bad.csv", rows))
    report = error.value.report
    assert report.bad_rows[0].startswith("Row 3: Organisation is too long (300 characters")
    assert report.notes == ["1 organisation not yet in Memberships would be added (kind Other; check them "
                            "in the Memberships tab): New Partner Ltd."]
    assert count(db, Contribution) == 0 and count(db, Organisation) == 3


def test_the_note_of_new_organisations_names_eight_and_counts_the_rest(db, tmp_path):
    rows = [CONTRIBUTION_COLUMNS] + [["2023/24", f"Partner {n:02d}", "Cash", "100", "", "", ""] for n in range(1, 11)]
    report = run_import(db, "contributions", write_csv(tmp_path / "c.csv", rows), dry_run=True)
    assert report.notes == ["10 organisations not yet in Memberships would be added (kind Other; check them in the "
                            "Memberships tab): " + ", ".join(f"Partner {n:02d}" for n in range(1, 9)) + " and 2 more.",
                            "1 financial year not yet on record would be added: 2023/24."]


def test_the_report_names_a_financial_year_a_typed_date_adds(db, orgs, tmp_path):
    """An expense dated next year by a slip of the keyboard made that year without a word; one
    dated decades ahead is refused."""
    from datetime import date

    from bscp_desktop.domain.finance import year_label, year_of

    ahead = year_of(date.today()) + 1
    fin.create_year(db, 2023)
    rows = [EXPENDITURE_COLUMNS, ["01/05/2023", "Events", "Venues", "Spring forum", "100"],
            [f"01/04/{ahead}", "Events", "Venues", "Summer forum", "100"]]
    report = run_import(db, "expenditure", write_csv(tmp_path / "spend.csv", rows))
    assert report.notes == [f"1 financial year not yet on record was added: {year_label(ahead)}."]
    assert run_import(db, "expenditure", write_csv(tmp_path / "spend.csv", rows)).notes == []
    rows.append(["01/04/2042", "Events", "Venues", "Summer forum", "100"])
    with pytest.raises(ImportRejected) as error:
        run_import(db, "expenditure", write_csv(tmp_path / "far.csv", rows))
    assert error.value.report.bad_rows == [
        f"Row 4: Date (01/04/2042) is after the end of next financial year (31/03/{ahead + 1}): check the year."]


def test_control_characters_in_an_amount_are_dropped_like_any_other_cell(db, orgs, tmp_path):
    rows = [CONTRIBUTION_COLUMNS, ["2023/24", "Met Police", "Cash", "£5\x07,000", "", "", ""]]
    run_import(db, "contributions", write_csv(tmp_path / "c.csv", rows))
    assert [c.agreed for c in fin.list_contributions(db)] == [M("5000.00")]
    rows = [CONTRIBUTION_COLUMNS, ["2023/24", "Met Police", "Cash", "a\x00b", "", "", ""]]
    with pytest.raises(ImportRejected) as error:
        run_import(db, "contributions", write_csv(tmp_path / "bad.csv", rows))
    assert error.value.report.bad_rows[0].startswith("Row 2: Agreed 'ab' is not an amount of money")


EXPENDITURE = [
    EXPENDITURE_COLUMNS,
    ["31/03/2024", "Independent Chair fees", "Independent Chair and Scrutineer", "Fees 2023/24", "£15,738"],
    ["31/03/2024", "learning management system and website", "LMS provider", "LMS and website", "2,464"],
    ["31/03/2024", "External training facilitators", "Facilitators", "Training", "4250.00"],
    ["31/03/2024", "Events", "Venues", "Events", "£5,036.00"],
    ["31/03/2024", "Events", "Venues", "Events", "£5,036.00"],  # an identical second line is kept
]


def test_expenditure_imports_idempotently_from_csv_and_xlsx(db, tmp_path):
    path = write_csv(tmp_path / "spend.csv", EXPENDITURE, encoding="cp1252")
    report = run_import(db, "expenditure", path)
    assert (report.added, report.unchanged) == (5, 0)
    assert fin.year_summary(db, 2023).spending_total == M("32524.00")
    again = run_import(db, "expenditure", path)
    assert (again.added, again.unchanged) == (0, 5)
    xlsx_rows = [EXPENDITURE_COLUMNS] + [[r[0], r[1], r[2], r[3], Decimal(r[4].replace("£", "").replace(",", ""))] for r in EXPENDITURE[1:]]
    xlsx_rows.append(["01/04/2024", "Events", "Venues", "Spring forum", 120.5])
    report = run_import(db, "expenditure", write_xlsx(tmp_path / "spend.xlsx", xlsx_rows))
    assert (report.added, report.unchanged) == (1, 5)
    assert count(db, Expense) == 6
    assert [e.amount for e in fin.list_expenses(db, 2024)] == [M("120.50")]


def test_a_payee_spaced_differently_is_the_same_line_on_a_second_import(db, tmp_path):
    first = [EXPENDITURE_COLUMNS, ["01/05/2023", "Events", "Venue Ltd", "Spring forum", "100"]]
    again = [EXPENDITURE_COLUMNS, ["01/05/2023", "Events", "Venue\u00a0 Ltd", "Spring forum", "100"]]
    assert run_import(db, "expenditure", write_csv(tmp_path / "a.csv", first)).added == 1
    report = run_import(db, "expenditure", write_csv(tmp_path / "b.csv", again))
    assert (report.added, report.unchanged) == (0, 1)
    assert fin.payees(db) == ["Venue Ltd"]


def test_a_date_cell_holding_a_time_of_day_is_its_date(db, tmp_path):
    """Excel can show a date cell as 31/03/2024 while it holds 31/03/2024 12:00 (a pasted
    timestamp): the cell's date is imported, not refused as "not a date"."""
    rows = [EXPENDITURE_COLUMNS, [datetime(2024, 3, 31, 12, 0), "Events", "Venues", "Forum", 250]]
    run_import(db, "expenditure", write_xlsx(tmp_path / "spend.xlsx", rows))
    assert [(e.spent_on, e.amount) for e in fin.list_expenses(db, 2023)] == [(date(2024, 3, 31), M("250.00"))]


def test_an_amount_a_spreadsheet_summed_is_the_pounds_and_pence_it_shows(db, tmp_path):
    """A cell totalling £1,050.10 and £2,200.20 holds 3250.2999999999997 and shows 3,250.30: it
    is imported as £3,250.30, not refused for more than two decimal places."""
    rows = [EXPENDITURE_COLUMNS, ["01/05/2024", "Events", "Venues", "Two forums", 3250.3]]
    path = write_xlsx(tmp_path / "spend.xlsx", rows)
    with zipfile.ZipFile(path) as book:  # as Excel writes the sum: every digit the double holds
        parts = {name: book.read(name) for name in book.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    assert b"<v>3250.3</v>" in parts[sheet]
    parts[sheet] = parts[sheet].replace(b"<v>3250.3</v>", b"<v>3250.2999999999997</v>")
    with zipfile.ZipFile(path, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)
    run_import(db, "expenditure", path)
    assert [e.amount for e in fin.list_expenses(db, 2024)] == [M("3250.30")]


def test_bad_expenditure_rows(db, tmp_path):
    rows = [
        EXPENDITURE_COLUMNS,
        ["", "Events", "Venue", "", "10"],
        ["01/01/2024", "Catering", "Cafe", "", "10"],
        ["01/01/2024", "Events", "", "", "0.001"],
        ["01/01/2024", "Events", "Venue", "", "(50)"],
        ["01/01/2024", "Events", "Venue", "", "inf"],
    ]
    with pytest.raises(ImportRejected) as error:
        run_import(db, "expenditure", write_csv(tmp_path / "bad.csv", rows))
    bad = error.value.report.bad_rows
    assert len(bad) == 5
    assert "Date is blank" in bad[0]
    assert "Category 'Catering' is not one of: Independent Chair fees" in bad[1]
    assert "more than two decimal places" in bad[2]
    assert "cannot be negative" in bad[3] and "is not an amount of money" in bad[4]
    assert count(db, Expense) == 0


def test_an_organisation_is_matched_by_its_other_names_and_a_new_one_is_named_in_the_dry_run(db, tmp_path):
    ms.create_organisation(db, ms.OrganisationFields(
        "Central and North West London NHS Foundation Trust", OrganisationKind.RELEVANT_AGENCY,
        aliases=("CNWL",)))
    rows = [CONTRIBUTION_COLUMNS,
            ["2023/24", "cnwl", "Cash", "2,500.00", "", "", ""],
            ["2023/24", "Brent Youth Justice Service", "Cash", "£1,000", "", "", ""]]
    path = write_xlsx(tmp_path / "contributions.xlsx", rows)
    dry = run_import(db, "contributions", path, dry_run=True)
    notes = " ".join(dry.notes)
    assert "Brent Youth Justice Service" in notes and "would be added" in notes
    assert "Central and North West London" not in notes  # matched by its other name, not added
    assert count(db, Organisation) == 1 and count(db, Contribution) == 0
    run_import(db, "contributions", path)
    by_org = {c.organisation_name: c.agreed for c in fin.list_contributions(db)}
    assert by_org == {"Central and North West London NHS Foundation Trust": M("2500.00"),
                      "Brent Youth Justice Service": M("1000.00")}
    assert count(db, Organisation) == 2


def test_a_payment_date_refused_is_named_by_its_column(db, orgs, tmp_path):
    rows = [CONTRIBUTION_COLUMNS, ["2024/25", "Met Police", "Cash", "5,000", "", "1,000", "01/06/2099"]]
    with pytest.raises(ImportRejected) as error:
        run_import(db, "contributions", write_csv(tmp_path / "c.csv", rows))
    assert error.value.report.bad_rows == ["Row 2: Received on (01/06/2099) cannot be in the future."]


def _with_saved_results(path, results: dict[str, str]) -> None:
    """As Excel saves a workbook: each formula cell keeps its result beside it (<v>)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    xml = parts[sheet].decode()
    for ref, value in results.items():
        xml = re.sub(rf'(<c r="{ref}"[^>]*><f>[^<]*</f>)(<v\s*/>|<v></v>)?', rf"\g<1><v>{value}</v>", xml)
        if not value.replace(".", "", 1).isdigit():  # a text result, as Excel marks it
            xml = re.sub(rf'<c r="{ref}"( t="\w+")?', f'<c r="{ref}" t="str"', xml)
    parts[sheet] = xml.encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_an_amount_worked_out_by_a_formula_is_read_as_excel_shows_it(db, orgs, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(EXPENDITURE_COLUMNS)
    ws.append(["01/05/2023", "Events", "Venues", "Spring forum", "=100*1.2"])
    ws.append(["02/05/2023", "Events", "Venues", '=HYPERLINK("http://evil.example","click")', "50"])
    path = tmp_path / "spend.xlsx"
    wb.save(path)
    _with_saved_results(path, {"E2": "120", "D3": "click"})
    assert run_import(db, "expenditure", path).added == 2
    spent = sorted(fin.list_expenses(db), key=lambda e: e.spent_on)
    assert [e.amount for e in spent] == [M("120.00"), M("50.00")]
    assert spent[1].description == "click"  # what Excel showed, never the formula worked out here


def test_a_row_naming_an_archived_organisation_is_refused_and_no_second_one_is_added(db, orgs, tmp_path):
    council = ms.find_organisation(db, "Brent Council")
    ms.archive_organisation(db, council.id)
    rows = [CONTRIBUTION_COLUMNS, ["2023/24", "Met Police", "Cash", "5000", "", "", ""],
            ["2023/24", "brent council", "Cash", "3,719.75", "", "", ""]]
    with pytest.raises(ImportRejected) as error:
        run_import(db, "contributions", write_csv(tmp_path / "c.csv", rows), dry_run=True)
    assert error.value.report.bad_rows == [
        "Row 3: Organisation 'brent council' is Brent Council, which is archived: restore it on the Memberships tab "
        "first, or correct the name."]
    assert error.value.report.notes == []  # no organisation would be added
    assert count(db, Organisation) == 3 and count(db, Contribution) == 0


def test_a_contributor_column_is_the_contributor_class_beside_the_organisation(db, orgs, tmp_path):
    rows = [["Financial year", "Organisation", "Agreed", "Contributor"],
            ["2023/24", "Met Police", "5000", "Relevant agency"],
            ["2023/24", "Brent Council", "7000", ""]]
    report = run_import(db, "contributions", write_csv(tmp_path / "c.csv", rows))
    assert report.added == 2
    by_org = {c.organisation_name: c.contributor_class for c in fin.list_contributions(db)}
    assert by_org == {"Metropolitan Police (North West BCU)": ContributorClass.RELEVANT_AGENCY,
                      "Brent Council": ContributorClass.SAFEGUARDING_PARTNER}  # blank: from the organisation's kind


def test_the_contributions_sheet_of_the_programs_own_workbook_imports_again_unchanged(db, orgs, tmp_path):
    from bscp_desktop.jobs.finance import finance_workbook

    police, council = (ms.find_organisation(db, name) for name in ("Met Police", "Brent Council"))
    paid = fin.create_contribution(db, fin.ContributionFields(
        "2023/24", police.id, "cash", "5,000", contributor_class="relevant_agency", invoice_reference="INV-1",
        invoiced_on=date(2023, 5, 15), notes="Agreed in May"))
    fin.record_payment(db, fin.PaymentFields(paid.id, date(2023, 6, 20), "3,000"))
    fin.create_contribution(db, fin.ContributionFields("2023/24", council.id, "in_kind", in_kind_description="Venues",
                                                       notional_value="2,500"))
    before = fin.list_contributions(db)
    path = finance_workbook(db).save(tmp_path / "Finance.xlsx")
    report = run_import(db, "contributions", path)
    assert (report.added, report.updated, report.unchanged, report.bad_rows) == (0, 0, 2, [])
    assert "Row 5, a total line, was left out." in report.notes  # under a blank row
    assert report.rows == 2 and ": 2 rows; 0 added" in report.summary()  # the total line is no row read
    assert fin.list_contributions(db) == before and count(db, ContributionPayment) == 1


def test_a_contribution_year_typed_decades_ahead_is_a_bad_row(db, orgs, tmp_path):
    from bscp_desktop.domain.finance import year_label, year_of

    this_year = year_of(date.today())
    typo = year_label(this_year + 27)
    rows = [CONTRIBUTION_COLUMNS, [typo, "Met Police", "Cash", "5000", "", "", ""]]
    with pytest.raises(ImportRejected) as error:
        run_import(db, "contributions", write_csv(tmp_path / "c.csv", rows))
    assert error.value.report.bad_rows == [
        f"Row 2: Financial year {typo} begins after the end of next financial year (31/03/{this_year + 2}): "
        "check the year."]
    assert count(db, Contribution) == 0


def test_the_expenditure_sheet_of_the_programs_own_workbook_imports_again_unchanged(db, tmp_path):
    from bscp_desktop.jobs.finance import finance_workbook

    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    for day, amount in ((date(2023, 5, 1), "100"), (date(2023, 9, 1), "1,312.50")):
        fin.create_expense(db, fin.ExpenseFields(day, events, "Civic Centre", "Forum", amount))
    before = fin.list_expenses(db)
    path = finance_workbook(db).save(tmp_path / "Finance.xlsx")
    report = run_import(db, "expenditure", path)
    assert (report.added, report.unchanged, report.bad_rows) == (0, 2, [])
    assert "Row 5, a total line, was left out." in report.notes  # under a blank row
    assert report.rows == 2
    assert fin.list_expenses(db) == before


def test_an_expense_row_dated_total_with_a_category_is_a_bad_row_not_a_total_line(db, tmp_path):
    rows = [EXPENDITURE_COLUMNS, ["Total", "Events", "Venues", "Forum", "100"]]
    with pytest.raises(ImportRejected) as error:
        run_import(db, "expenditure", write_csv(tmp_path / "e.csv", rows))
    assert error.value.report.bad_rows == ["Row 2: Date: 'Total' is not a date; use dd/mm/yyyy."]


def test_a_contribution_refused_is_named_by_the_files_columns_not_the_windows_fields(db, orgs, tmp_path):
    rows = [CONTRIBUTION_COLUMNS,
            ["2024/25", "Met Police", "Cash", "100", "01/01/2099", "", "", ""],
            ["2024/25", "NWL ICB", "Cash", "100", "01/01/2020", "", "", ""],
            ["2024/25", "Brent Council", "Cash", "", "", "50", "01/05/2024", ""],
            ["2024/25", "Probation Service", "In kind", "", "", "", "", "x" * 2001]]
    with pytest.raises(ImportRejected) as error:
        run_import(db, "contributions", write_csv(tmp_path / "c.csv", rows))
    assert error.value.report.bad_rows == [
        "Row 2: Invoiced on (01/01/2099) cannot be in the future.",
        "Row 3: Invoiced on (01/01/2020) is more than a year before 2024/25 begins: check the year.",
        "Row 4: Agreed is required: enter an amount such as 1,234.56.",
        "Row 5: Description is too long (2001 characters; at most 2000).",
    ]


@pytest.mark.slow
def test_the_programs_own_workbook_imports_again_unchanged_once_a_category_and_an_organisation_are_archived(
        db, orgs, tmp_path):
    """Lines already on record are unchanged whatever has been archived since; a row for an archived
    category or organisation that would add or change something is still refused."""
    from bscp_desktop.jobs.finance import finance_workbook

    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    council, police = (ms.find_organisation(db, name) for name in ("Brent Council", "Met Police"))
    for day in (date(2023, 5, 1), date(2023, 9, 1)):
        fin.create_expense(db, fin.ExpenseFields(day, events, "Civic Centre", "Forum", "100"))
    fin.create_contribution(db, fin.ContributionFields("2023/24", council.id, "cash", "7,000", invoiced_on=date(2023, 5, 1)))
    paid = fin.create_contribution(db, fin.ContributionFields("2023/24", police.id, "cash", "5,000"))
    fin.record_payment(db, fin.PaymentFields(paid.id, date(2023, 6, 20), "3,000"))
    fin.archive_category(db, events)
    ms.archive_organisation(db, council.id)
    expenses, contributions = fin.list_expenses(db), fin.list_contributions(db)
    path = finance_workbook(db).save(tmp_path / "Finance.xlsx")
    spent = run_import(db, "expenditure", path)
    assert (spent.added, spent.unchanged, spent.bad_rows) == (0, 2, [])
    given = run_import(db, "contributions", path)
    assert (given.added, given.updated, given.unchanged, given.bad_rows) == (0, 0, 2, [])
    assert fin.list_expenses(db) == expenses and fin.list_contributions(db) == contributions

    more_spent = [EXPENDITURE_COLUMNS, ["01/05/2023", "Events", "Civic Centre", "Forum", "100"],
                  ["01/05/2023", "Events", "Civic Centre", "Forum", "100"],  # a second such line is not on record
                  ["01/06/2023", "Events", "Civic Centre", "Forum", "100"]]
    with pytest.raises(ImportRejected) as error:
        run_import(db, "expenditure", write_csv(tmp_path / "e.csv", more_spent), dry_run=True)
    archived = "Category 'Events' is archived: restore it in the Finance tab first."
    assert error.value.report.bad_rows == [f"Row 3: {archived}", f"Row 4: {archived}"]
    unchanged = ["2023/24", "Met Police", "Cash", "5,000", "", "3,000", "20/06/2023"]
    changes = [["2023/24", "Brent Council", "Cash", "7,500", "", "", ""],  # the agreed amount
               ["2023/24", "Brent Council", "Cash", "", "", "1,000", "01/06/2023"],  # a payment
               ["2024/25", "Brent Council", "Cash", "7,000", "", "", ""]]  # a contribution
    gone = ("Organisation 'Brent Council' is Brent Council, which is archived: restore it on the Memberships tab "
            "first, or correct the name.")
    for row in changes:
        with pytest.raises(ImportRejected) as error:
            run_import(db, "contributions", write_csv(tmp_path / "c.csv", [CONTRIBUTION_COLUMNS, unchanged, row]),
                       dry_run=True)
        assert error.value.report.bad_rows == [f"Row 3: {gone}"], row
    again = [CONTRIBUTION_COLUMNS, unchanged, ["2023/24", "brent council", "Cash", "7,000", "01/05/2023", "", ""]]
    assert run_import(db, "contributions", write_csv(tmp_path / "c.csv", again)).unchanged == 2
    assert fin.list_expenses(db) == expenses and fin.list_contributions(db) == contributions
