"""A finance workbook imported again after a partner was renamed in Memberships: a row naming the
organisation by a name (or short name) it had before is matched to it, and the report says so;
no second organisation and no second contribution is added. A name two organisations once had
is refused, naming both, and nothing of the file is imported."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms

pytestmark = pytest.mark.both_engines

CONTRIBUTIONS = ["Financial year", "Organisation", "Kind", "Agreed", "Invoiced on", "Received", "Received on"]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


def rename(db, name: str, new_name: str, short_name: str | None = None) -> ms.OrganisationDTO:
    o = next(o for o in ms.list_organisations(db, include_archived=True) if o.name == name)
    return ms.update_organisation(db, o.id, ms.OrganisationFields(
        new_name, o.kind, o.short_name if short_name is None else short_name, o.parent_id, o.aliases))


def money_of(db, year: str = "2023/24") -> list[tuple[str, str, str]]:
    return sorted((p.organisation, str(p.agreed), str(p.received)) for p in fin.year_summary(db, year).partners)


@pytest.mark.slow
def test_the_finance_workbook_imported_after_a_rename_matches_the_renamed_organisation(demo_db, tmp_path):
    workbook = jobs.export_workbook(demo_db, "finance", tmp_path / "Finance.xlsx")
    before = money_of(demo_db)
    organisations = len(ms.list_organisations(demo_db, include_archived=True))
    rename(demo_db, "Probation Service", "Probation Service London")

    checked = run_import(demo_db, "contributions", workbook, dry_run=True)
    report = run_import(demo_db, "contributions", workbook)

    for r in (checked, report):
        assert (r.added, r.updated) == (0, 0)
        assert [n for n in r.notes if "Probation" in n] == [
            f"Row {n}: 'Probation Service' is now called 'Probation Service London'; the row is matched to it."
            for n in _rows_naming(workbook, "Probation Service")]
        assert not [n for n in r.notes if "not yet in Memberships" in n]
    assert len(ms.list_organisations(demo_db, include_archived=True)) == organisations
    assert money_of(demo_db) == [(o.replace("Probation Service", "Probation Service London"), a, r) for o, a, r in before]


def _rows_naming(workbook: Path, name: str) -> list[int]:
    from openpyxl import load_workbook

    sheet = load_workbook(workbook, read_only=True)["Contributions"]
    rows = list(sheet.iter_rows(values_only=True))
    column = list(rows[0]).index("Organisation")
    return [number for number, row in enumerate(rows[1:], start=2) if row and row[column] == name]


def test_a_short_name_it_had_before_finds_it_too(db, tmp_path):
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE, "Met Police"))
    rename(db, "Metropolitan Police", "Metropolitan Police Service", short_name="MPS")
    report = run_import(db, "contributions", write_csv(tmp_path / "c.csv", [
        CONTRIBUTIONS, ["2023/24", "Met Police", "Cash", "5000", "01/05/2023", "5000", "01/06/2023"]]))
    assert report.added == 1
    assert report.notes[0] == "Row 2: 'Met Police' is now called 'Metropolitan Police Service'; the row is matched to it."
    assert [(c.organisation_id, c.agreed) for c in fin.list_contributions(db)] == [(police.id, 5000)]
    assert len(ms.list_organisations(db, include_archived=True)) == 1


def test_a_name_two_organisations_had_before_is_refused_naming_both_and_nothing_is_imported(db, tmp_path):
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    ms.create_organisation(db, ms.OrganisationFields("Health Trust", OrganisationKind.RELEVANT_AGENCY))
    rename(db, "Health Trust", "North Health Trust")
    ms.create_organisation(db, ms.OrganisationFields("Health Trust", OrganisationKind.RELEVANT_AGENCY))
    rename(db, "Health Trust", "South Health Trust")
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "contributions", write_csv(tmp_path / "c.csv", [
            CONTRIBUTIONS, ["2023/24", "Brent Council", "Cash", "20000", "", "", ""],
            ["2023/24", "Health Trust", "Cash", "5000", "", "", ""]]))
    assert refused.value.report.bad_rows == [
        "Row 3: Organisation 'Health Trust' was the name of more than one organisation before a rename "
        "(North Health Trust, South Health Trust): use the name it has now."]
    assert fin.list_contributions(db) == []
    assert len(ms.list_organisations(db, include_archived=True)) == 3


def test_an_archived_organisation_named_as_it_was_before_is_left_as_it_is_or_refused(db, tmp_path):
    probation = ms.create_organisation(db, ms.OrganisationFields("Probation Service", OrganisationKind.RELEVANT_AGENCY))
    row = ["2023/24", "Probation Service", "Cash", "3719.75", "", "", ""]
    run_import(db, "contributions", write_csv(tmp_path / "a.csv", [CONTRIBUTIONS, row]))
    rename(db, "Probation Service", "Probation Service London")
    ms.archive_organisation(db, probation.id)
    report = run_import(db, "contributions", write_csv(tmp_path / "b.csv", [CONTRIBUTIONS, row]))
    assert (report.added, report.unchanged) == (0, 1)
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "contributions", write_csv(tmp_path / "c.csv", [CONTRIBUTIONS, [*row[:3], "4000", "", "", ""]]))
    assert refused.value.report.bad_rows == [
        "Row 2: Organisation 'Probation Service' is now called Probation Service London, which is archived: restore "
        "it on the Memberships tab first, or correct the name."]
    assert len(ms.list_organisations(db, include_archived=True)) == 1
