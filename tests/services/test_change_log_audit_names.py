"""How the change log names a case audit's records whose own words do not tell them apart (each
audit's sample has its "Child A", two audits may learn the same lesson): with their audit, as the
Audits tab names them; and a Section 11 rating's fields by the words the tab uses."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import history as hs
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.audits import section11 as s11

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

D = date


def _log(db, **query) -> list[hs.ChangeDTO]:
    return list(hs.change_page(db, hs.ChangeQuery(**query), limit=1000).rows)


def test_each_audits_child_a_and_its_learning_are_named_with_the_audit(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    cases = {}
    for when, grading in ((D(2023, 2, 1), "Good"), (D(2023, 9, 1), "Inadequate")):
        audit = ca.create_audit(db, ca.AuditFields("Multi-agency case audit", when))
        case = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(council.id,)))
        sa.update_case(db, case.id, replace(case.to_fields(), agreed_grading=grading))
        le.create_learning(db, le.LearningFields(audit.id, "Use chronologies"))
        cases[audit.reference] = case
    assert list(cases) == ["MAA-2023-01", "MAA-2023-02"]

    rows = _log(db, area="audits", search="Child A")
    graded = {r.record_text: r.new_text for r in rows if r.field == "agreed_grading"}
    assert graded == {"Audited case: MAA-2023-01-C1 (Child A)": "Good",
                      "Audited case: MAA-2023-02-C1 (Child A)": "Inadequate"}
    assert {r.new_text for r in rows if r.field == "audit_case_id"} == {  # a return's case, named so too
        "MAA-2023-01-C1 (Child A)", "MAA-2023-02-C1 (Child A)"}
    learning = {r.record_text for r in _log(db, area="audits") if r.table_name == "audit_learning"}
    assert learning == {"Learning point: Use chronologies (MAA-2023-01)", "Learning point: Use chronologies (MAA-2023-02)"}
    assert hs.record_name(db, "audit_case", cases["MAA-2023-02"].id) == "MAA-2023-02-C1 (Child A)"  # its history


@pytest.mark.slow
def test_a_section_11_ratings_fields_are_named_as_the_audits_tab_names_them(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", D(2024, 4, 1), D(2024, 6, 28)))
    [agency] = s11.add_agencies(db, cycle.id, [council.id])
    standard = s11.list_standards(db, cycle.id)[0]
    sr.save_rating(db, agency.id, standard.id, sr.RatingFields("Amber", action="Train every duty worker",
                                                               action_due=D(2024, 12, 31)))
    labels = {(r.table_name, r.field): r.field_label for r in _log(db)}
    assert labels[("s11_rating", "s11_agency_id")] == "Agency"
    assert labels[("s11_rating", "self_rating")] == "Agency's own rating"
    assert labels[("action", "s11_rating_id")] == "Section 11 rating"
