"""An action's From says "(archived)" whenever where it came from is in no list: its
recommendation, the case review or case audit the recommendation was raised from, or the
Section 11 cycle (or the agency in it) of the rating whose action it is. The open
action stays in the action log and the Action log report, so the manager can tell it from a live one."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import actions as al
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from tests.built_once import database_with

pytestmark = pytest.mark.both_engines

DUE = date(2024, 9, 30)
CASE = "Case review BSCP-2024-01 (Child A): recommendation 1"
AUDIT = "Case audit MAA-2024-01 (Neglect audit): recommendation 1"
S11 = "Section 11 2024-26, standard 1."


def build(db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    owned = {"owner_organisation_id": org.id, "due_date": DUE}
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Invite schools", org.id))
    case_action = cr.add_recommendation_action(db, rec.id, al.ActionFields("Write to schools", **owned))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2024, 2, 1), theme="Neglect"))
    audit_rec = learning.create_recommendation(db, learning.RecommendationFields(audit.id, "Share learning", org.id))
    audit_action = learning.add_recommendation_action(db, audit_rec.id, al.ActionFields("Brief managers", **owned))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    s11.add_agencies(db, cycle.id, [org.id])
    (part,) = s11.list_participants(db, cycle.id)
    standard = s11.list_standards(db, cycle.id)[0].id
    rating = sr.save_rating(db, part.id, standard, sr.RatingFields("Amber", evidence="Some", action="Train staff",
                                                                   action_due=DUE))
    return {"case": (case.id, case_action.id), "audit": (audit.id, audit_action.id),
            "s11": (cycle.id, part.id, standard, rating.action.id)}


db, made = database_with("action-source-marks-archived-parent", build, records="made")


def _sources(db) -> dict[int, str]:
    return {a.id: a.source for a in al.list_action_log(db)}


def test_the_from_of_a_case_reviews_action_says_the_case_is_archived(db, made):
    case_id, action_id = made["case"]
    assert _sources(db)[action_id] == CASE
    cr.archive_case_review(db, case_id)
    assert _sources(db)[action_id] == CASE + " (archived)"
    cr.restore_case_review(db, case_id)
    assert _sources(db)[action_id] == CASE


def test_the_from_of_a_case_audits_action_says_the_audit_is_archived(db, made):
    audit_id, action_id = made["audit"]
    assert _sources(db)[action_id] == AUDIT
    ca.archive_audit(db, audit_id)
    assert _sources(db)[action_id] == AUDIT + " (archived)"


def test_the_from_of_a_section_11_action_says_its_cycle_or_agency_is_archived(db, made):
    cycle_id, participant_id, _standard_id, action_id = made["s11"]
    live = _sources(db)[action_id]
    assert live.startswith(S11) and live.endswith("(Brent Council)")
    s11.archive_cycle(db, cycle_id)
    assert _sources(db)[action_id] == live + " (archived)"
    s11.restore_cycle(db, cycle_id)
    assert _sources(db)[action_id] == live
    s11.archive_participant(db, participant_id)
    assert _sources(db)[action_id] == live + " (archived)"
    s11.restore_participant(db, participant_id)
    assert _sources(db)[action_id] == live


@pytest.mark.sqlite_only
def test_the_action_log_report_says_so_too(db, made, tmp_path):
    ca.archive_audit(db, made["audit"][0])
    cr.archive_case_review(db, made["case"][0])
    s11.archive_cycle(db, made["s11"][0])
    jobs.load_all()
    book = load_workbook(jobs.write_report(db, "actions", tmp_path / "actions.xlsx"))
    cells = {str(c) for ws in book for row in ws.iter_rows(values_only=True) for c in row if c}
    assert {CASE + " (archived)", AUDIT + " (archived)"} <= cells
    assert any(c.startswith(S11) and c.endswith("(Brent Council) (archived)") for c in cells)
