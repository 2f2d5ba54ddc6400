"""Section 11 and audit returns: written by the program, filled in by a partner with openpyxl,
imported, exported again. All or nothing; idempotent; changes in the history."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from bscp_desktop import cli
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.domain.audits import Grading
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import Rating, ReturnStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.audits import section11 as s11
from tests.built_once import built_copy

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

EVIL = '=HYPERLINK("http://evil.example","click")'


def build_setup(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    ms.create_organisation(db, ms.OrganisationFields("Not Taking Part Trust", OrganisationKind.OTHER))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    s11.add_agencies(db, cycle.id, [council.id, police.id])
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2023, 2, 1), theme="Neglect"))
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", "5_to_9", agency_ids=(council.id, police.id)))
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child B", agency_ids=(police.id,)))
    return {"cycle": cycle, "audit": audit}


@pytest.fixture
def setup(request, db_path):
    """The test's own database file (closed) at `path`, a copy of one built once for the run."""
    return {"path": db_path, **built_copy(request, "audit-returns", build_setup, db_path)}


def run(capsys, *args) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _history(db_path) -> int:
    with Database.open(db_path) as db, db.unit_of_work() as s:
        return s.scalar(select(func.count()).select_from(ChangeRecord))


def _table(ws, header: str):
    """(header row number, {heading: column letter}) of the answers table."""
    for row in ws.iter_rows():
        if row[0].value == header:
            return row[0].row, {c.value: c.column_letter for c in row if c.value}
    raise AssertionError("no table")


@pytest.mark.slow
def test_s11_template_has_drop_downs_locked_questions_and_unlocked_answers(setup, tmp_path, capsys):
    out = tmp_path / "return.xlsx"
    code, said, err = run(capsys, "template", "s11", "--cycle", "2024-26", "--agency", "Brent Council",
                          "--db", setup["path"], "-o", out)
    assert code == 0, err
    wb = load_workbook(out)
    ws = wb["Section 11 return"]
    header, cols = _table(ws, "No.")
    assert list(cols)[:8] == ["No.", "Standard", "What to consider", "Rating", "Reason if not applicable", "Evidence",
                              "Your improvement action", "Action due by"]
    assert ws.protection.sheet
    first = header + 1
    assert ws[f"{cols['Standard']}{first}"].protection.locked
    assert ws[f"{cols['What to consider']}{first}"].protection.locked
    assert ws["B3"].value == "Brent Council" and ws["B3"].protection.locked
    for name in ("Rating", "Evidence", "Your improvement action", "Action due by"):
        assert not ws[f"{cols[name]}{first}"].protection.locked
    [ratings] = [v for v in ws.data_validations.dataValidation if v.type == "list"]
    assert ratings.formula1 == '"Red,Amber,Green,Not applicable"'
    assert f"{cols['Rating']}{first}" in str(ratings.sqref) and ratings.showDropDown in (False, None)
    assert ws.max_row == header + 8


def _fill_s11(path, answers: dict[int, tuple]) -> None:
    wb = load_workbook(path)
    ws = wb["Section 11 return"]
    header, cols = _table(ws, "No.")
    ws["B6"] = "Żółć Kowalska, Head of Safeguarding"
    for offset, values in answers.items():
        row = header + offset
        for name, value in zip(("Rating", "Reason if not applicable", "Evidence", "Your improvement action",
                                "Action due by"), values, strict=False):
            if value is not None:
                ws[f"{cols[name]}{row}"] = value
                if value == EVIL:
                    ws[f"{cols[name]}{row}"].data_type = "s"  # text, as Excel keeps "=..." typed after an apostrophe
    wb.save(path)


@pytest.mark.slow
def test_s11_round_trip_keeps_every_character_and_no_formula(setup, tmp_path, capsys):
    out = tmp_path / "return.xlsx"
    run(capsys, "template", "s11", "--cycle", setup["cycle"].id, "--agency", "brent council", "--db", setup["path"],
        "-o", out)
    _fill_s11(out, {
        1: ("Green", None, "Żółć: board minutes, March 2024", None, None),
        2: ("amber", None, EVIL, "Update the policy — ‘quickly’", date(2024, 12, 31)),
        6: ("Not applicable", "We employ nobody who works with children", None, None, None),
    })
    code, said, err = run(capsys, "import", "s11", out, "--db", setup["path"], "--dry-run")
    assert code == 0, err
    assert "would add 3" in said
    code, said, err = run(capsys, "import", "s11", out, "--db", setup["path"])
    assert code == 0, err
    assert "3 added" in said
    with Database.open(setup["path"]) as db:
        ratings = {r.standard_number: r for r in sr.list_ratings(db, setup["cycle"].id)
                   if r.organisation_name == "Brent Council"}
        assert ratings[1].self_rating is Rating.GREEN and ratings[1].evidence == "Żółć: board minutes, March 2024"
        assert ratings[2].evidence == EVIL and ratings[2].action.description == "Update the policy — ‘quickly’"
        assert ratings[2].action.due_date == date(2024, 12, 31)
        assert ratings[6].self_rating is Rating.NOT_APPLICABLE
        part = next(p for p in s11.list_participants(db, setup["cycle"].id) if p.organisation_name == "Brent Council")
        assert part.status is ReturnStatus.RETURNED and part.contact == "Żółć Kowalska, Head of Safeguarding"
        assert [a.description for a in action_log.list_actions(db)] == ["Update the policy — ‘quickly’"]
    # the same file again changes nothing, and writes no history
    before = _history(setup["path"])
    code, said, err = run(capsys, "import", "s11", out, "--db", setup["path"])
    assert code == 0 and "0 added, 0 updated" in said
    assert _history(setup["path"]) == before
    # exported again: every character kept, user text is never a formula
    book = tmp_path / "audits.xlsx"
    code, _said, err = run(capsys, "export", "xlsx", "--area", "audits", "--db", setup["path"], "-o", book)
    assert code == 0, err
    ws = load_workbook(book)["S11 ratings"]
    cells = [c for row in ws.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    values = {c.value for c in cells}
    assert {EVIL, "Żółć: board minutes, March 2024", "We employ nobody who works with children"} <= values
    assert "Green" in values and "Not applicable" in values
    # a fresh return for the agency carries its answers
    again = tmp_path / "again.xlsx"
    run(capsys, "template", "s11", "--cycle", "2024-26", "--agency", "Brent Council", "--db", setup["path"], "-o", again)
    ws = load_workbook(again)["Section 11 return"]
    header, cols = _table(ws, "No.")
    assert ws[f"{cols['Evidence']}{header + 2}"].value == EVIL
    assert ws[f"{cols['Evidence']}{header + 2}"].data_type == "s"


@pytest.mark.slow
def test_a_changed_return_updates_with_history(setup, tmp_path, capsys):
    out = tmp_path / "return.xlsx"
    run(capsys, "template", "s11", "--cycle", "2024-26", "--agency", "Metropolitan Police", "--db", setup["path"],
        "-o", out)
    _fill_s11(out, {1: ("Red", None, "No lead yet", None, None)})
    assert run(capsys, "import", "s11", out, "--db", setup["path"])[0] == 0
    _fill_s11(out, {1: ("Amber", None, "Lead appointed", None, None)})
    code, said, _ = run(capsys, "import", "s11", out, "--db", setup["path"])
    assert code == 0 and "1 updated" in said
    with Database.open(setup["path"]) as db, db.unit_of_work() as s:
        changes = s.execute(select(ChangeRecord.field, ChangeRecord.old_value, ChangeRecord.new_value).where(
            ChangeRecord.table_name == "s11_rating", ChangeRecord.action == "update")).all()
    assert set(changes) == {("self_rating", "red", "amber"), ("evidence", "No lead yet", "Lead appointed")}


@pytest.mark.slow
def test_one_bad_row_imports_nothing_and_names_every_bad_row(setup, tmp_path, capsys):
    out = tmp_path / "return.xlsx"
    run(capsys, "template", "s11", "--cycle", "2024-26", "--agency", "Brent Council", "--db", setup["path"], "-o", out)
    _fill_s11(out, {1: ("Green",), 2: ("Purple",), 3: ("Not applicable",),
                    4: ("Amber", None, None, "Refresh the policy", "someday")})
    wb = load_workbook(out)
    ws = wb["Section 11 return"]
    header, cols = _table(ws, "No.")
    ws.protection.sheet = False
    ws[f"A{header + 5}"] = 99  # a standard that is not in the cycle
    wb.save(out)
    before = _history(setup["path"])
    code, _said, err = run(capsys, "import", "s11", out, "--db", setup["path"])
    assert code == 2
    assert f"Row {header + 2}: Rating: 'Purple' is not a rating; use Red, Amber, Green or Not applicable." in err
    assert f"Row {header + 3}:" in err and "say why" in err
    assert f"Row {header + 4}: Action due by: 'someday' is not a date" in err
    assert "needs a due date" not in err  # the unreadable date is said once
    assert f"Row {header + 5}: Standard 99 is not in the cycle 2024-26." in err
    assert f"Row {header + 1}:" not in err
    assert _history(setup["path"]) == before
    with Database.open(setup["path"]) as db:
        assert all(r.id is None for r in sr.list_ratings(db, setup["cycle"].id))



def test_a_return_whose_answer_headings_were_changed_is_refused_not_half_read(setup, tmp_path, capsys):
    """Evidence, actions and their dates under headings the agency retyped were left out while
    the import said it had added every row."""
    s11_return, audit_return = tmp_path / "s11.xlsx", tmp_path / "audit.xlsx"
    run(capsys, "template", "s11", "--cycle", "2024-26", "--agency", "Brent Council", "--db", setup["path"], "-o",
        s11_return)
    run(capsys, "template", "audit-return", "--audit", setup["audit"].id, "--agency", "Metropolitan Police", "--db",
        setup["path"], "-o", audit_return)
    _fill_s11(s11_return, {1: ("Green", None, "Board minutes, March 2024", "Refresh the policy", "30/06/2025")})
    for path, sheet, first, renamed in (
        (s11_return, "Section 11 return", "No.", {"Evidence": "Evidence (please attach)", "Action due by": "Due date"}),
        (audit_return, "Audit return", "Case", {"Grading": "Overall grading"}),
    ):
        wb = load_workbook(path)
        ws = wb[sheet]
        header, cols = _table(ws, first)
        ws.protection.sheet = False
        for old, new in renamed.items():
            ws[f"{cols[old]}{header}"] = new
        wb.save(path)
    before = _history(setup["path"])
    code, _said, err = run(capsys, "import", "s11", s11_return, "--db", setup["path"])
    assert code != 0 and "has no 'Evidence' and 'Action due by' columns in its table of answers" in err
    code, _said, err = run(capsys, "import", "audit-return", audit_return, "--db", setup["path"])
    assert code != 0 and "has no 'Grading' column in its table of answers" in err
    assert _history(setup["path"]) == before


def test_a_retitled_standard_or_a_note_under_the_table_is_named_for_what_it_is(setup, tmp_path, capsys):
    out = tmp_path / "return.xlsx"
    run(capsys, "template", "s11", "--cycle", "2024-26", "--agency", "Brent Council", "--db", setup["path"], "-o", out)
    _fill_s11(out, {1: ("Green",)})
    wb = load_workbook(out)
    ws = wb["Section 11 return"]
    header, cols = _table(ws, "No.")
    ws.protection.sheet = False
    ws[f"{cols['Standard']}{header + 1}"] = "Our own words for it"
    last = max(r for r in range(header, ws.max_row + 1) if ws[f"A{r}"].value is not None)
    ws[f"{cols['Evidence']}{last + 2}"] = "See the attached board minutes"
    wb.save(out)
    code, _said, err = run(capsys, "import", "s11", out, "--db", setup["path"])
    assert code == 2
    assert f"Row {header + 1}: Standard 1's title was changed to 'Our own words for it': put back the title" in err
    assert f"Row {last + 2}: This row names no standard (No. and Standard are empty)" in err


@pytest.mark.slow
def test_a_standard_number_that_is_not_a_whole_number_is_a_bad_row(setup, tmp_path, capsys):
    """"inf" stopped the import with an overflow, and 1.5 was read as standard 1. A No. with no
    number to read is left to the row's title, as a blank one is: here there is none."""
    out = tmp_path / "return.xlsx"
    run(capsys, "template", "s11", "--cycle", "2024-26", "--agency", "Brent Council", "--db", setup["path"], "-o", out)
    wb = load_workbook(out)
    ws = wb["Section 11 return"]
    header, cols = _table(ws, "No.")
    ws.protection.sheet = False
    for offset, number in ((1, "inf"), (2, 1.5), (3, "²")):
        ws[f"A{header + offset}"] = number
    for offset in (1, 3):
        ws[f"{cols['Standard']}{header + offset}"] = None
    wb.save(out)
    code, _said, err = run(capsys, "import", "s11", out, "--db", setup["path"])
    assert code == 2
    for offset, shown in ((1, "inf"), (2, "1.5"), (3, "²")):  # 1.5 is refused though the title is standard 2's
        assert f"Row {header + offset}: Standard {shown} is not in the cycle 2024-26." in err
    with Database.open(setup["path"]) as db:
        assert all(r.id is None for r in sr.list_ratings(db, setup["cycle"].id))

@pytest.mark.slow
def test_an_agency_no_longer_in_the_cycle_is_a_bad_row(setup, tmp_path, capsys):
    out = tmp_path / "return.xlsx"
    run(capsys, "template", "s11", "--cycle", "2024-26", "--agency", "Brent Council", "--db", setup["path"], "-o", out)
    _fill_s11(out, {1: ("Green",)})
    with Database.open(setup["path"]) as db:
        part = next(p for p in s11.list_participants(db, setup["cycle"].id) if p.organisation_name == "Brent Council")
        s11.archive_participant(db, part.id)
    code, _said, err = run(capsys, "import", "s11", out, "--db", setup["path"])
    assert code == 2 and "Row 3: Brent Council is not taking part in the cycle 2024-26" in err
    code, _said, err = run(capsys, "template", "s11", "--cycle", "2024-26", "--agency", "Not Taking Part Trust",
                           "--db", setup["path"], "-o", tmp_path / "x.xlsx")
    assert code == 2 and "is not taking part in the cycle 2024-26" in err and "Traceback" not in err


@pytest.mark.slow
def test_an_archived_cycle_or_audit_takes_no_returns_until_restored(setup, tmp_path, capsys):
    s11_out, audit_out = tmp_path / "s11.xlsx", tmp_path / "audit.xlsx"
    run(capsys, "template", "s11", "--cycle", "2024-26", "--agency", "Brent Council", "--db", setup["path"], "-o", s11_out)
    _fill_s11(s11_out, {1: ("Green",)})
    code, _said, err = run(capsys, "template", "audit-return", "--audit", setup["audit"].id, "--agency",
                           "Metropolitan Police", "--db", setup["path"], "-o", audit_out)
    assert code == 0, err
    with Database.open(setup["path"]) as db:
        s11.archive_cycle(db, setup["cycle"].id)
        ca.archive_audit(db, setup["audit"].id)
        reference = ca.get_audit(db, setup["audit"].id).reference
    code, _said, err = run(capsys, "import", "s11", s11_out, "--db", setup["path"])
    assert code == 2 and err.strip() == ("bscp-desktop: The cycle 2024-26 is archived: restore it (Audits tab, "
                                         "Section 11) before importing returns for it.")
    code, _said, err = run(capsys, "import", "audit-return", audit_out, "--db", setup["path"])
    assert code == 2 and f"The audit {reference} is archived: restore it" in err
    for kind, which, record in (("s11", "--cycle", "2024-26"), ("audit-return", "--audit", setup["audit"].id)):
        code, _said, err = run(capsys, "template", kind, which, record, "--agency", "Brent Council",
                               "--db", setup["path"], "-o", tmp_path / f"again-{kind}.xlsx")
        assert code == 2 and "is archived: restore it before writing returns for it" in err
    with Database.open(setup["path"]) as db:
        assert all(r.self_rating is None for r in sr.list_ratings(db, setup["cycle"].id))  # nothing imported
        part = next(p for p in s11.list_participants(db, setup["cycle"].id) if p.organisation_name == "Brent Council")
        standard = s11.list_standards(db, setup["cycle"].id)[0]
        with pytest.raises(ValidationError, match="archived: restore it first"):
            sr.save_rating(db, part.id, standard.id, sr.RatingFields(self_rating="green"))


def test_a_workbook_not_made_by_the_program_is_refused_in_one_sentence(setup, tmp_path, capsys):
    from openpyxl import Workbook

    other = tmp_path / "return.xlsx"
    wb = Workbook()
    wb.active.append(["No.", "Standard", "Rating"])
    wb.active.append([1, "Senior management", "Green"])
    wb.save(other)
    csv = tmp_path / "return.csv"
    csv.write_text("No.,Rating\n1,Green\n", encoding="utf-8")
    for path, kind in ((other, "s11"), (csv, "s11"), (other, "audit-return")):
        code, _said, err = run(capsys, "import", kind, path, "--db", setup["path"])
        assert code == 2
        assert "written by BSCP Desktop, so it cannot be imported" in err and err.count("\n") == 1


@pytest.mark.slow
def test_audit_return_round_trip(setup, tmp_path, capsys):
    out = tmp_path / "audit.xlsx"
    code, _said, err = run(capsys, "template", "audit-return", "--audit", setup["audit"].id, "--agency",
                           "Metropolitan Police", "--db", setup["path"], "-o", out)
    assert code == 0, err
    wb = load_workbook(out)
    ws = wb["Audit return"]
    header, cols = _table(ws, "Case")
    assert [ws[f"A{header + i}"].value for i in (1, 2)] == ["MAA-2023-01-C1", "MAA-2023-01-C2"]
    [grades] = [v for v in ws.data_validations.dataValidation if v.type == "list"]
    assert grades.formula1 == '"Outstanding,Good,Requires improvement,Inadequate"'
    assert ws.protection.sheet and ws[f"A{header + 1}"].protection.locked
    assert not ws[f"{cols['Good practice']}{header + 1}"].protection.locked
    assert "OFFICIAL-SENSITIVE" in (wb.properties.keywords or "")
    ws[f"{cols['Good practice']}{header + 1}"] = "Żółć: timely strategy discussion"
    ws[f"{cols['Areas for development']}{header + 1}"] = EVIL
    ws[f"{cols['Areas for development']}{header + 1}"].data_type = "s"  # text typed after an apostrophe
    ws[f"{cols['Grading']}{header + 1}"] = "Requires improvement"
    wb.save(out)
    code, said, err = run(capsys, "import", "audit-return", out, "--db", setup["path"])
    assert code == 0 and "1 added" in said, err
    with Database.open(setup["path"]) as db:
        [ret] = [r for r in sa.list_returns(db, setup["audit"].id) if r.received]
        assert ret.organisation_name == "Metropolitan Police" and ret.case_alias == "Child A"
        assert ret.good_practice == "Żółć: timely strategy discussion" and ret.areas_for_development == EVIL
        assert ret.grading is Grading.REQUIRES_IMPROVEMENT
    assert "0 added, 0 updated, 2 unchanged" in run(capsys, "import", "audit-return", out, "--db", setup["path"])[1]
    # a bad grading and a case the agency is not in: nothing imported, both reported
    wb = load_workbook(out)
    ws = wb["Audit return"]
    ws.protection.sheet = False
    ws[f"{cols['Grading']}{header + 2}"] = "Excellent"
    ws[f"A{header + 3}"] = "MAA-2023-01-C9"
    ws[f"{cols['Good practice']}{header + 3}"] = "x"
    wb.save(out)
    code, _said, err = run(capsys, "import", "audit-return", out, "--db", setup["path"])
    assert code == 2
    assert f"Row {header + 2}: Grading: 'Excellent' is not a grading" in err
    assert f"Row {header + 3}: Case 'MAA-2023-01-C9' is not in the audit MAA-2023-01." in err
    # an agency involved in no case cannot get a return
    code, _said, err = run(capsys, "template", "audit-return", "--audit", "MAA-2023-01", "--agency",
                           "Not Taking Part Trust", "--db", setup["path"], "-o", tmp_path / "no.xlsx")
    assert code == 2 and "is not involved in any case" in err


def test_template_needs_its_options(setup, tmp_path, capsys):
    code, _said, err = run(capsys, "template", "s11", "--db", setup["path"], "-o", tmp_path / "r.xlsx")
    assert code == 2 and "--cycle ID --agency ORG" in err
    code, _said, err = run(capsys, "template", "s11", "--cycle", "1999", "--agency", "Brent Council", "--db",
                           setup["path"], "-o", tmp_path / "r.xlsx")
    assert code == 2 and "There is no Section 11 cycle '1999'." in err
    code, _said, err = run(capsys, "template", "s11", "--cycle", "2024-26", "--agency", "Nobody", "--db",
                           setup["path"], "-o", tmp_path / "r.xlsx")
    assert code == 2 and "There is no organisation called 'Nobody'." in err


def _unprotected(path, sheet: str, **cells) -> None:
    wb = load_workbook(path)
    ws = wb[sheet]
    ws.protection.sheet = False
    for cell, value in cells.items():
        ws[cell] = value
    wb.save(path)


@pytest.mark.slow
def test_a_return_whose_cycle_or_audit_line_is_not_the_one_its_marker_names_is_refused(setup, tmp_path, capsys):
    with Database.open(setup["path"]) as db:
        council = ms.find_organisation(db, "Brent Council")
        police = ms.find_organisation(db, "Metropolitan Police")
        older = s11.create_cycle(db, s11.CycleFields("2021-23", date(2021, 4, 1), date(2021, 6, 28)))
        s11.add_agencies(db, older.id, [council.id])
        other = ca.create_audit(db, ca.AuditFields("Other audit", date(2023, 3, 1)))
        sa.add_case(db, sa.AuditCaseFields(other.id, "Child A", agency_ids=(police.id,)))
    s11_out, audit_out = tmp_path / "s11.xlsx", tmp_path / "audit.xlsx"
    run(capsys, "template", "s11", "--cycle", "2024-26", "--agency", "Brent Council", "--db", setup["path"], "-o", s11_out)
    _fill_s11(s11_out, {1: ("Red",)})
    _unprotected(s11_out, "Section 11 return",
                 A2=f"Made by BSCP Desktop: Section 11 return, cycle {older.id}, agency {council.id}. Keep this line.")
    code, _said, err = run(capsys, "import", "s11", s11_out, "--db", setup["path"])
    assert code == 2, err
    assert ("Row 4: The cycle '2024-26' named here is not the cycle the line under the title marks this return "
            "for, 2021-23, which it would be imported into: write a new return for the cycle you mean and copy the "
            "answers into it.") in err
    run(capsys, "template", "audit-return", "--audit", setup["audit"].id, "--agency", "Metropolitan Police",
        "--db", setup["path"], "-o", audit_out)
    _unprotected(audit_out, "Audit return", D13="Timely strategy discussion",
                 A2=f"Made by BSCP Desktop: audit return, audit {other.id}, agency {police.id}. Keep this line.")
    code, _said, err = run(capsys, "import", "audit-return", audit_out, "--db", setup["path"])
    assert code == 2, err
    assert (f"Row 4: The audit 'MAA-2023-01 Neglect audit' named here is not the audit the line under the title "
            f"marks this return for, {other.reference}, which it would be imported into") in err
    with Database.open(setup["path"]) as db:
        assert all(r.self_rating is None for r in sr.list_ratings(db, older.id))
        assert not [r for r in sa.list_returns(db, other.id) if r.received]


@pytest.mark.slow
def test_a_return_written_before_its_agency_was_renamed_is_still_its_return(setup, tmp_path, capsys):
    s11_out, audit_out = tmp_path / "s11.xlsx", tmp_path / "audit.xlsx"
    run(capsys, "template", "s11", "--cycle", "2024-26", "--agency", "Brent Council", "--db", setup["path"], "-o", s11_out)
    _fill_s11(s11_out, {1: ("Green",)})
    run(capsys, "template", "audit-return", "--audit", setup["audit"].id, "--agency", "Metropolitan Police",
        "--db", setup["path"], "-o", audit_out)
    _unprotected(audit_out, "Audit return", D13="Timely strategy discussion")
    with Database.open(setup["path"]) as db:
        council = ms.find_organisation(db, "Brent Council")
        police = ms.find_organisation(db, "Metropolitan Police")
        ms.update_organisation(db, council.id, ms.OrganisationFields(
            "London Borough of Brent", council.kind, aliases=("Brent Council",)))
        ms.update_organisation(db, police.id, ms.OrganisationFields(
            "Metropolitan Police Service", police.kind, short_name="Metropolitan Police"))
        cycle = next(c for c in s11.list_cycles(db) if c.name == "2024-26")  # and its cycle renamed too
        s11.update_cycle(db, cycle.id, s11.CycleFields("Section 11 2024 to 2026", cycle.opens_on, cycle.due_on,
                                                       cycle.compare_with_id, cycle.notes))
    code, said, err = run(capsys, "import", "s11", s11_out, "--db", setup["path"])
    assert code == 0 and "Return of London Borough of Brent" in said, err
    code, said, err = run(capsys, "import", "audit-return", audit_out, "--db", setup["path"])
    assert code == 0 and "1 added" in said, err
    # a name that is not one of the agency's names is still refused
    _unprotected(audit_out, "Audit return", B3="Not Taking Part Trust")
    code, _said, err = run(capsys, "import", "audit-return", audit_out, "--db", setup["path"])
    assert code == 2 and ("Row 3: The agency 'Not Taking Part Trust' is not the one this return was written for "
                          "(Metropolitan Police Service)") in err


@pytest.mark.slow
def test_a_completed_by_too_long_is_a_bad_row_not_cut_short(setup, tmp_path, capsys):
    out = tmp_path / "return.xlsx"
    run(capsys, "template", "s11", "--cycle", "2024-26", "--agency", "Brent Council", "--db", setup["path"], "-o", out)
    _fill_s11(out, {1: ("Green",)})
    _unprotected(out, "Section 11 return", B6="Żółć Kowalska " * 20)  # 280 characters
    code, _said, err = run(capsys, "import", "s11", out, "--db", setup["path"])
    assert code == 2, err
    assert ("Row 6: Completed by is too long (279 characters; at most 200): shorten it, then import the return "
            "again.") in err
    with Database.open(setup["path"]) as db:  # all or nothing
        assert all(r.id is None for r in sr.list_ratings(db, setup["cycle"].id))
        part = next(p for p in s11.list_participants(db, setup["cycle"].id) if p.organisation_name == "Brent Council")
        assert part.contact == "" and part.returned_on is None
    _unprotected(out, "Section 11 return", B6="Żółć Kowalska, " + "x" * 185)  # 200: held in full
    assert run(capsys, "import", "s11", out, "--db", setup["path"])[0] == 0
    with Database.open(setup["path"]) as db:
        part = next(p for p in s11.list_participants(db, setup["cycle"].id) if p.organisation_name == "Brent Council")
        assert part.contact == "Żółć Kowalska, " + "x" * 185


@pytest.mark.slow
def test_a_return_imported_as_the_other_kind_is_named_for_what_it_is(setup, tmp_path, capsys):
    s11_out, audit_out = tmp_path / "s11.xlsx", tmp_path / "audit.xlsx"
    run(capsys, "template", "s11", "--cycle", "2024-26", "--agency", "Brent Council", "--db", setup["path"], "-o", s11_out)
    run(capsys, "template", "audit-return", "--audit", setup["audit"].id, "--agency", "Metropolitan Police",
        "--db", setup["path"], "-o", audit_out)
    code, _said, err = run(capsys, "import", "audit-return", s11_out, "--db", setup["path"])
    assert code == 2 and err == ("bscp-desktop: s11.xlsx is a Section 11 return, not a case audit return: import it "
                                 "as a Section 11 return (Audits tab, Section 11; 'import s11' at the command line).\n")
    code, _said, err = run(capsys, "import", "s11", audit_out, "--db", setup["path"])
    assert code == 2 and err == ("bscp-desktop: audit.xlsx is a case audit return, not a Section 11 return: import "
                                 "it as a case audit return (Audits tab, Case audits; 'import audit-return' at the "
                                 "command line).\n")


@pytest.mark.slow
def test_a_return_changed_after_moderation_or_discussion_says_so(setup, tmp_path, capsys):
    s11_out, audit_out = tmp_path / "s11.xlsx", tmp_path / "audit.xlsx"
    run(capsys, "template", "s11", "--cycle", "2024-26", "--agency", "Metropolitan Police", "--db", setup["path"],
        "-o", s11_out)
    _fill_s11(s11_out, {1: ("Red",)})
    assert run(capsys, "import", "s11", s11_out, "--db", setup["path"])[0] == 0
    run(capsys, "template", "audit-return", "--audit", setup["audit"].id, "--agency", "Metropolitan Police",
        "--db", setup["path"], "-o", audit_out)
    wb = load_workbook(audit_out)
    ws = wb["Audit return"]
    header, cols = _table(ws, "Case")
    ws[f"{cols['Grading']}{header + 1}"] = "Good"
    wb.save(audit_out)
    assert run(capsys, "import", "audit-return", audit_out, "--db", setup["path"])[0] == 0
    with Database.open(setup["path"]) as db:  # moderated, and the case's grading agreed
        police = next(p for p in s11.list_participants(db, setup["cycle"].id) if p.organisation_name == "Metropolitan Police")
        standard = s11.list_standards(db, setup["cycle"].id)[0]
        rating = sr.get_rating(db, police.id, standard.id)
        sr.save_rating(db, police.id, standard.id, dataclasses.replace(rating.to_fields(), moderated_rating="Amber",
                                                                       moderation_note="Evidence thin"))
        case = sa.list_cases(db, setup["audit"].id)[0]
        sa.update_case(db, case.id, dataclasses.replace(case.to_fields(), agreed_grading="Good"))
    _fill_s11(s11_out, {1: ("Green",)})
    code, said, err = run(capsys, "import", "s11", s11_out, "--db", setup["path"])
    assert code == 0, err
    assert ("Standard 1: Metropolitan Police's own rating changes from Red to Green after moderation; the moderated "
            "rating (Amber) stays and is the one that counts.") in said
    ws[f"{cols['Grading']}{header + 1}"] = "Inadequate"
    wb.save(audit_out)
    code, said, err = run(capsys, "import", "audit-return", audit_out, "--db", setup["path"])
    assert code == 0, err
    assert ("MAA-2023-01-C1: Metropolitan Police's own grading changes from Good to Inadequate after the joint "
            "discussion; the agreed grading (Good) stays as agreed.") in said
