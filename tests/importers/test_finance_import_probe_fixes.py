"""The finance imports: Received said of the cell, a year or date corrected in the workbook warned
about, archived records never added a second time, and a copied sheet refused for every import."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import ImportFileError, ImportRejected, run_import
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms

pytestmark = pytest.mark.both_engines

CONTRIBUTIONS = ["Financial year", "Organisation", "Kind", "Agreed", "Invoiced on", "Received", "Received on"]
POLICE = ["Met Police", "Cash", "5000", "01/05/2023", "5000", "01/06/2023"]
ICB = ["NWL ICB", "Cash", "45900", "01/05/2023", "45900", "01/07/2023"]
EXPENDITURE = ["Date", "Category", "Payee", "Description", "Amount"]
FORUM = ["Events", "Civic Centre", "Forum", "5036.00"]
LUNCH = ["01/05/2024", "Events", "Caterers Ltd", "Lunch", "100.00"]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


@pytest.fixture
def orgs(db):
    ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE, "Met Police"))
    ms.create_organisation(db, ms.OrganisationFields("NHS North West London ICB", OrganisationKind.ICB, "NWL ICB"))


def contributions(db, tmp_path, name: str, *rows: list[str], dry_run: bool = False):
    return run_import(db, "contributions", write_csv(tmp_path / name, [CONTRIBUTIONS, *rows]), dry_run=dry_run)


def expenditure(db, tmp_path, name: str, *rows: list[str], dry_run: bool = False):
    return run_import(db, "expenditure", write_csv(tmp_path / name, [EXPENDITURE, *rows]), dry_run=dry_run)


@pytest.mark.slow
def test_received_more_than_agreed_quotes_the_cell_and_what_is_already_received(db, orgs, tmp_path):
    contributions(db, tmp_path, "a.csv", ["2023/24", *POLICE])
    with pytest.raises(ImportRejected) as refused:
        contributions(db, tmp_path, "b.csv", ["2023/24", *POLICE[:4], "6000", POLICE[5]])
    assert refused.value.report.bad_rows == [
        "Row 2: Received £6,000.00 is more than the £5,000.00 agreed: with £5,000.00 already received, it would "
        "record £1,000.00, more than the £0.00 still owed (Received is the total received so far); raise the agreed "
        "amount first if the agreement changed, or record the extra as other income."]


@pytest.mark.slow
def test_a_contribution_given_another_year_in_the_workbook_is_warned_about(db, orgs, tmp_path):
    contributions(db, tmp_path, "a.csv", ["2023/24", *POLICE], ["2023/24", *ICB])
    fin.create_year(db, "2024/25")  # so the notes are the warnings alone
    warning = ("Row 2 (Metropolitan Police, Cash, 2024/25) is for the same organisation and kind as the contribution "
               "on record for 2023/24 (£5,000.00 received), which no row names: if it corrects that contribution's "
               "year, change the year in the Finance tab instead (this import {} it as a second contribution, with "
               "£5,000.00 received).")
    moved = [["2024/25", *POLICE], ["2023/24", *ICB]]
    assert contributions(db, tmp_path, "b.csv", *moved, dry_run=True).notes == [warning.format("would add")]
    # a file of the next year's contributions alone, or one naming both years, is no correction
    assert contributions(db, tmp_path, "c.csv", moved[0], dry_run=True).notes == []
    assert contributions(db, tmp_path, "d.csv", *moved, ["2023/24", *POLICE], dry_run=True).notes == []
    report = contributions(db, tmp_path, "b.csv", *moved)
    assert (report.added, report.unchanged, report.notes) == (1, 1, [warning.format("adds")])


@pytest.mark.slow
def test_an_expense_dated_across_the_year_end_in_the_workbook_is_warned_about(db, tmp_path):
    expenditure(db, tmp_path, "a.csv", ["31/03/2024", *FORUM], LUNCH)
    report = expenditure(db, tmp_path, "b.csv", ["01/04/2024", *FORUM], LUNCH)
    assert (report.added, report.unchanged) == (1, 1)
    assert report.notes == [
        "Row 2 (Civic Centre, Forum, 01/04/2024, £5,036.00) matches a line on record dated 31/03/2024 in everything "
        "but the date: if it corrects that line, change the line in the Finance tab instead (this import adds it as a "
        "second line)."]
    # a file of new lines alone (the same payment made again on another day) is no correction
    assert expenditure(db, tmp_path, "c.csv", ["02/04/2024", *FORUM], dry_run=True).notes == []


@pytest.mark.slow
def test_archived_records_are_not_added_again_and_are_named(db, orgs, tmp_path):
    contributions(db, tmp_path, "a.csv", ["2023/24", *POLICE], ["2023/24", *ICB])
    expenditure(db, tmp_path, "e.csv", ["31/03/2024", *FORUM], LUNCH)
    police = next(c for c in fin.list_contributions(db) if c.organisation_name == "Metropolitan Police")
    forum = next(e for e in fin.list_expenses(db) if e.payee == "Civic Centre")
    fin.archive_contribution(db, police.id)
    fin.archive_expense(db, forum.id)
    again = contributions(db, tmp_path, "a.csv", ["2023/24", *POLICE], ["2023/24", *ICB])
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert again.notes == ["Row 2 matches Metropolitan Police's 2023/24 contribution, which is archived: left as it "
                           "is, not added again (restore it in the Finance tab to count it)."]
    spent = expenditure(db, tmp_path, "e.csv", ["31/03/2024", *FORUM], LUNCH)
    assert (spent.added, spent.unchanged) == (0, 2)
    assert spent.notes == ["Row 2 (Civic Centre, Forum, 31/03/2024, £5,036.00) matches a line that is archived: left "
                           "as it is, not added again (restore it in the Finance tab to count it)."]
    assert [c.organisation_name for c in fin.list_contributions(db)] == ["NHS North West London ICB"]
    assert [e.payee for e in fin.list_expenses(db)] == ["Caterers Ltd"]
    with pytest.raises(ImportRejected) as refused:  # a row that would change the archived one
        contributions(db, tmp_path, "b.csv", ["2023/24", "Met Police", "Cash", "6000", "", "", ""])
    assert refused.value.report.bad_rows == ["Row 2: Metropolitan Police's 2023/24 contribution is archived: restore "
                                             "it in the Finance tab first, or leave the row out."]
    assert fin.year_summary(db, "2023/24").contributions_total == Decimal("45900.00")


@pytest.mark.slow
@pytest.mark.parametrize("kind, sheet, copy, row", [
    ("contributions", "Contributions", "Contributions (2)", ["2023/24", *POLICE]),
    ("expenditure", "Expenditure", "Expenditure_2", LUNCH),
    ("organisations", "Organisations", "Copy of Organisations", ["Brent Council"]),
])
def test_a_sheet_copied_beside_the_one_named_for_the_list_is_refused_naming_both(db, orgs, tmp_path, kind, sheet,
                                                                                  copy, row):
    from bscp_desktop.importers import template_columns

    wb = Workbook()
    wb.active.title = sheet
    for title in (sheet, copy):
        ws = wb[title] if title in wb.sheetnames else wb.create_sheet(title)
        ws.append(template_columns(kind))
        ws.append(row)
    wb.active = 1  # saved showing the copy, edited there
    path = tmp_path / "copied.xlsx"
    wb.save(path)
    with pytest.raises(ImportFileError) as refused:
        run_import(db, kind, path)
    assert str(refused.value) == (f"Two sheets of copied.xlsx hold the {sheet} list: '{sheet}' and '{copy}', a copy "
                                  "of it. Keep one: delete the other (or move it to a workbook of its own), then "
                                  "import again.")
    wb[copy].sheet_state = "hidden"  # a hidden copy is never read, so it does not stand in the way
    wb.active = 0
    wb.save(path)
    assert run_import(db, kind, path, dry_run=True).ok
