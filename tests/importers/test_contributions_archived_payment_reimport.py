"""Importing a contributions file again after a payment was archived in the Finance tab (it
bounced, say): the payment is not recorded a second time, and the report names it."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import run_import
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from tests.cli.test_import_export import cli

pytestmark = pytest.mark.both_engines

M = Decimal
POLICE = "Metropolitan Police (North West BCU)"
COLUMNS = ["Financial year", "Organisation", "Kind", "Agreed", "Invoiced on", "Received", "Received on"]
HALF = ["2024/25", POLICE, "Cash", "5000", "01/04/2024", "2500", "30/09/2024"]
NOTE = ("Row 2 (Metropolitan Police (North West BCU), 2024/25): Received counts the payment of £2,500.00 received "
        "on 30/09/2024, which is archived: left as it is, not added again (restore the payment in the Finance tab "
        "to count it, or correct the file).")


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


def contributions(db, tmp_path, name: str, *rows: list[str], dry_run: bool = False):
    return run_import(db, "contributions", write_csv(tmp_path / name, [COLUMNS, *rows]), dry_run=dry_run)


@pytest.fixture
def police(db):
    ms.create_organisation(db, ms.OrganisationFields(POLICE, OrganisationKind.POLICE, "Met Police"))


def the_contribution(db):
    (c,) = fin.list_contributions(db)
    return c


def archive_payments(db, *amounts: str) -> None:
    for p in fin.list_payments(db, the_contribution(db).id):
        if str(p.amount) in amounts:
            fin.archive_payment(db, p.id)


def test_an_archived_payment_is_not_recorded_again_when_the_same_file_is_imported(db, police, tmp_path):
    first = contributions(db, tmp_path, "c.csv", HALF)
    assert (first.added, the_contribution(db).received) == (1, M("2500.00"))
    archive_payments(db, "2500.00")
    dry = contributions(db, tmp_path, "c.csv", HALF, dry_run=True)
    assert (dry.added, dry.updated, dry.unchanged, dry.notes) == (0, 0, 1, [NOTE])
    again = contributions(db, tmp_path, "c.csv", HALF)
    assert (again.added, again.updated, again.unchanged, again.notes) == (0, 0, 1, [NOTE])
    c = the_contribution(db)
    assert (c.received, c.payments) == (M("0.00"), 0)
    assert len(fin.list_payments(db, c.id, include_archived=True)) == 1


def test_archived_payments_explained_by_one_amount_or_their_total_are_left_as_they_are(db, police, tmp_path):
    contributions(db, tmp_path, "a.csv", ["2024/25", POLICE, "Cash", "5000", "01/04/2024", "2000", "01/06/2024"])
    full = ["2024/25", POLICE, "Cash", "5000", "01/04/2024", "5000", "30/09/2024"]
    contributions(db, tmp_path, "b.csv", full)  # records the £3,000.00 more
    archive_payments(db, "2000.00", "3000.00")
    both = contributions(db, tmp_path, "b.csv", full)
    assert (both.updated, both.unchanged) == (0, 1)
    assert both.notes == [
        "Row 2 (Metropolitan Police (North West BCU), 2024/25): Received counts the payments of £2,000.00 received on "
        "01/06/2024 and £3,000.00 received on 30/09/2024, which are archived: left as it is, not added again (restore "
        "the payments in the Finance tab to count them, or correct the file)."]
    assert the_contribution(db).received == M("0.00")
    fin.restore_payment(db, next(p.id for p in fin.list_payments(db, the_contribution(db).id, include_archived=True)
                                 if p.amount == M("2000.00")))
    one = contributions(db, tmp_path, "b.csv", full)  # £2,000.00 on record; the £3,000.00 more is archived
    assert (one.updated, one.unchanged) == (0, 1)
    assert "Received counts the payment of £3,000.00 received on 30/09/2024, which is archived" in one.notes[0]
    assert the_contribution(db).received == M("2000.00")


def test_a_received_total_beyond_what_archived_payments_explain_still_records_the_difference(db, police, tmp_path):
    contributions(db, tmp_path, "c.csv", HALF)
    archive_payments(db, "2500.00")
    paid = ["2024/25", POLICE, "Cash", "5000", "01/04/2024", "5000", "31/10/2024"]
    report = contributions(db, tmp_path, "d.csv", paid)
    assert (report.added, report.updated, report.unchanged, report.notes) == (0, 1, 0, [])
    c = the_contribution(db)
    assert (c.received, c.payments, c.last_received_on.isoformat()) == (M("5000.00"), 1, "2024-10-31")


@pytest.mark.slow
def test_the_command_line_import_names_the_archived_payment(tmp_path):
    path = tmp_path / "fin.sqlite3"
    with Database.open(path) as db:
        ms.create_organisation(db, ms.OrganisationFields(POLICE, OrganisationKind.POLICE, "Met Police"))
    source = write_csv(tmp_path / "c.csv", [COLUMNS, HALF])
    assert cli("import", "contributions", source, "--db", path).returncode == 0
    with Database.open(path) as db:
        archive_payments(db, "2500.00")
    again = cli("import", "contributions", source, "--db", path)
    assert again.returncode == 0, again.stderr
    assert "0 added, 0 updated, 1 unchanged" in again.stdout
    assert NOTE in again.stdout
    with Database.open(path) as db:
        assert the_contribution(db).received == M("0.00")
