"""A return refused for a bad row saves nothing, so its report says nothing of the changes its
good rows would make (an agency's own grading or rating changing after the joint discussion or
moderation); once the bad row is put right, the import says them as before."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from openpyxl import load_workbook

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.importers import audits as imp
from bscp_desktop.importers.report import ImportRejected
from bscp_desktop.reports import audit_templates as tpl
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.audits import section11 as s11
from tests.importers.s11_returns import returned

pytestmark = pytest.mark.slow

TODAY = date(2023, 3, 1)
GRADING_NOTE = ("MAA-2023-01-C1: Metropolitan Police's own grading changes from Good to Inadequate after the joint "
                "discussion; the agreed grading (Good) stays as agreed.")


def _graded(db, path, first: str, second: str) -> int:
    """The police's audit return with its two cases graded; the first case's row."""
    imp.write_audit_template(db, "MAA-2023-01", "Metropolitan Police", path)
    wb = load_workbook(path)
    ws = wb[tpl.AUDIT_SHEET]
    header = next(r[0].row for r in ws.iter_rows() if r[0].value == "Case")
    ws.cell(header + 1, 6).value, ws.cell(header + 2, 6).value = first, second
    wb.save(path)
    return header + 1


def test_a_refused_audit_return_says_nothing_of_a_grading_it_would_change(db, tmp_path):
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2023, 2, 1), theme="Neglect"))
    for alias in ("Child A", "Child B"):
        sa.add_case(db, sa.AuditCaseFields(audit.id, alias, agency_ids=(police.id,)))
    out = tmp_path / "audit.xlsx"
    _graded(db, out, "Good", "Good")
    imp.import_audit_return(db, out, today=TODAY)
    case = next(c for c in sa.list_cases(db, audit.id) if c.number == 1)
    sa.update_case(db, case.id, dataclasses.replace(case.to_fields(), agreed_grading="Good"))
    first = _graded(db, out, "Inadequate", "Very good")
    with pytest.raises(ImportRejected) as refused:
        imp.import_audit_return(db, out, today=TODAY)
    assert refused.value.report.bad_rows == [
        f"Row {first + 1}: Grading: 'Very good' is not a grading; use Outstanding, Good, Requires improvement or "
        "Inadequate."]
    assert not any("changes from" in note for note in refused.value.report.notes)
    _graded(db, out, "Inadequate", "Good")
    assert GRADING_NOTE in imp.import_audit_return(db, out, today=TODAY).notes


def test_a_refused_section_11_return_says_nothing_of_a_rating_it_would_change(db, cycle, tmp_path):
    out = tmp_path / "s11.xlsx"
    returned(db, cycle, out, {1: {"Rating": "Red", "Evidence": "Policy out of date"}})
    imp.import_s11(db, out, today=date(2024, 7, 1))
    police = s11.list_participants(db, cycle.id)[0]
    standard = s11.list_standards(db, cycle.id)[0]
    rating = sr.get_rating(db, police.id, standard.id)
    sr.save_rating(db, police.id, standard.id, dataclasses.replace(rating.to_fields(), moderated_rating="Amber",
                                                                   moderation_note="Evidence thin"))
    header = returned(db, cycle, out, {1: {"Rating": "Green"}, 2: {"Rating": "Purple"}})
    with pytest.raises(ImportRejected) as refused:
        imp.import_s11(db, out, today=date(2024, 7, 2))
    assert [line.split(":")[0] for line in refused.value.report.bad_rows] == [f"Row {header + 2}"]
    assert not any("changes from" in note for note in refused.value.report.notes)
    returned(db, cycle, out, {1: {"Rating": "Green"}})
    assert ("Standard 1: Metropolitan Police's own rating changes from Red to Green after moderation; the moderated "
            "rating (Amber) stays and is the one that counts.") in imp.import_s11(db, out, today=date(2024, 7, 2)).notes
