"""An import reads one list from a workbook. When the workbook shows other sheets, the report
names them as not read, so an officer who ended a seat on the memberships workbook's Memberships
sheet and imported it as people is told that change was not saved, not left to think it was.
The program's own sheets of instructions are not named."""

from __future__ import annotations

from openpyxl import Workbook, load_workbook

from bscp_desktop import jobs
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import run_import, write_template
from bscp_desktop.services import memberships as ms


def _book(path, sheets: dict[str, list[list]], hidden: tuple[str, ...] = ()):
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        if title in hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def test_the_memberships_workbook_imported_as_people_names_the_sheets_not_read(db, tmp_path):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    ms.create_person(db, ms.PersonFields("Ann Smith", "Social worker", council.id, email="ann@brent.gov.uk"))
    out = jobs.export_workbook(db, "memberships", tmp_path / "Memberships.xlsx")
    report = run_import(db, "people", out)
    others = [t for t in load_workbook(out, read_only=True).sheetnames if t != "People"]
    assert len(others) >= 3
    assert report.notes[-1] == (
        "Only the sheet 'People' was read: nothing on the sheets "
        + ", ".join(f"'{t}'" for t in others[:-1]) + f" and '{others[-1]}' is imported."
    )
    assert report.notes[-1] in report.lines()


def test_one_other_sheet_is_named_alone_and_hidden_sheets_not_at_all(db, tmp_path):
    path = _book(tmp_path / "people.xlsx", {
        "People": [["Name"], ["Ann Smith"]],
        "Leavers": [["Name"], ["Bob Brown"]],
        "Lookups": [["Kind"], ["Police"]],
    }, hidden=("Lookups",))
    report = run_import(db, "people", path, dry_run=True)
    assert report.notes == ["Only the sheet 'People' was read: nothing on the sheet 'Leavers' is imported."]
    assert ms.list_people(db) == []


def test_the_sheet_read_is_the_one_named_even_when_the_list_is_not_on_a_sheet_of_its_name(db, tmp_path):
    path = _book(tmp_path / "staff.xlsx", {"Staff": [["Name"], ["Ann Smith"]], "Notes": [["Kept by HR"]]})
    report = run_import(db, "people", path)
    assert (report.added, report.notes) == (
        1, ["Only the sheet 'Staff' was read: nothing on the sheet 'Notes' is imported."])


def test_many_sheets_are_named_up_to_six_and_counted_after(db, tmp_path):
    sheets = {"People": [["Name"], ["Ann Smith"]]} | {f"Term {n}": [["Name"]] for n in range(1, 10)}
    report = run_import(db, "people", _book(tmp_path / "people.xlsx", sheets), dry_run=True)
    assert report.notes == [
        "Only the sheet 'People' was read: nothing on the sheets 'Term 1', 'Term 2', 'Term 3', 'Term 4', "
        "'Term 5', 'Term 6' and 3 more is imported."
    ]


def test_a_template_s_instructions_and_a_csv_file_are_no_sheets_left_unread(db, tmp_path):
    template = write_template("people", tmp_path / "people.xlsx")
    wb = load_workbook(template)
    wb["People"].append(["Ann Smith"])
    wb.save(template)
    assert run_import(db, "people", template, dry_run=True).notes == []
    csv = tmp_path / "people.csv"
    csv.write_text("Name\nAnn Smith\n", encoding="utf-8")
    assert run_import(db, "people", csv, dry_run=True).notes == []
