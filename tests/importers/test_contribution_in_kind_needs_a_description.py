"""A contribution in kind says what is given, in the import as in the Finance tab: a row with no
Description is refused, naming the column and the reason in the Finance tab's words, and nothing
stands in for it. The template offers a Description column and says so."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from bscp_desktop.domain.finance import ContributionKind
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import ImportRejected, run_import, template_columns, write_template
from bscp_desktop.importers.finance import TEMPLATE_NOTES
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms

OLD_COLUMNS = ["Financial year", "Organisation", "Kind", "Agreed", "Invoiced on", "Received", "Received on"]
REFUSED = ("Row 2: Description is blank: describe the contribution in kind (for example officer support for the "
           "partnership).")


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


@pytest.fixture
def brent(db):
    return ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))


def test_an_in_kind_row_with_no_description_is_refused_naming_the_column(db, brent, tmp_path):
    path = write_csv(tmp_path / "c.csv", [OLD_COLUMNS, ["2025/26", "Brent Council", "In kind", "", "", "", ""]])
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "contributions", path)
    assert refused.value.report.bad_rows == [REFUSED]
    assert fin.list_contributions(db) == []  # nothing imported


def test_a_blank_description_cell_is_refused_too(db, brent, tmp_path):
    rows = [template_columns("contributions"), ["2025/26", "Brent Council", "In kind", "2,500", "", "", "", "  "]]
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "contributions", write_csv(tmp_path / "c.csv", rows), dry_run=True)
    assert refused.value.report.bad_rows == [REFUSED]


def test_an_in_kind_row_with_a_description_is_imported_with_it(db, brent, tmp_path):
    rows = [template_columns("contributions"),
            ["2025/26", "Brent Council", "In kind", "2,500", "", "", "", "Venues for multi-agency training"]]
    report = run_import(db, "contributions", write_csv(tmp_path / "c.csv", rows))
    assert (report.added, report.bad_rows) == (1, [])
    (c,) = fin.list_contributions(db)
    assert (c.kind, c.in_kind_description) == (ContributionKind.IN_KIND, "Venues for multi-agency training")
    (row,) = fin.year_summary(db, "2025/26").in_kind
    assert row.description == "Venues for multi-agency training"
    # importing the older file again: its blank Description keeps the one on record
    again = run_import(db, "contributions", write_csv(tmp_path / "d.csv", [
        OLD_COLUMNS, ["2025/26", "Brent Council", "In kind", "2,500", "", "", ""]]))
    assert (again.unchanged, again.bad_rows) == (1, [])
    assert fin.list_contributions(db)[0].in_kind_description == "Venues for multi-agency training"


def test_the_template_offers_a_description_column_and_says_it_is_needed_for_in_kind(tmp_path):
    assert template_columns("contributions") == [*OLD_COLUMNS, "Description"]
    out = write_template("contributions", tmp_path / "t.csv")
    assert out.read_bytes().decode("utf-8-sig").splitlines()[0].endswith(",Received on,Description")
    (kind,) = [note for note in TEMPLATE_NOTES["contributions"] if note.startswith("Kind:")]
    assert "For In kind, Description says what is given" in kind and "cannot be blank" in kind
