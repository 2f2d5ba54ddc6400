"""A case audit's status stays true after the step: no case, agency or cleared grading that
would undo what it says; and an archived audit takes no change to its sample, returns, status
or learning until restored. Nothing is saved when refused."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.audits import AuditStatus, Grading
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le
from bscp_desktop.services.audits import samples as sa

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

D = date


@pytest.fixture
def orgs(db):
    return [
        ms.create_organisation(db, ms.OrganisationFields(name, kind))
        for name, kind in (("Brent Council", OrganisationKind.LOCAL_AUTHORITY),
                           ("Metropolitan Police", OrganisationKind.POLICE),
                           ("Brent Health Trust", OrganisationKind.OTHER))
    ]


@pytest.fixture
def closed(db, orgs):
    """An audit moved step by step to Closed: one case, its return in, its grading agreed."""
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", D(2023, 2, 1), returns_due=D(2023, 3, 1)))
    case = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(orgs[0].id,),
                                              agreed_grading=Grading.GOOD, agreed_note="Agreed"))
    sa.request_returns(db, audit.id, D(2023, 2, 3))
    sa.update_return(db, case.returns[0].id, sa.ReturnFields(D(2023, 2, 3), D(2023, 2, 20), "x", "y", "Good"))
    ca.set_status(db, audit.id, AuditStatus.RETURNS_IN)
    fields = ca.get_audit(db, audit.id).to_fields().__dict__
    ca.update_audit(db, audit.id, ca.AuditFields(**{**fields, "discussed_on": D(2023, 4, 1), "reported_on": D(2023, 5, 1),
                                                   "closed_on": D(2023, 6, 1)}))
    for step in (AuditStatus.DISCUSSED, AuditStatus.REPORTED, AuditStatus.CLOSED):
        ca.set_status(db, audit.id, step)
    return {"audit": audit, "case": sa.get_case(db, case.id)}


def _refused(command, *args) -> dict[str, str]:
    with pytest.raises(ValidationError) as err:
        command(*args)
    return err.value.errors


def test_a_closed_audit_takes_no_case_agency_or_cleared_grading_that_would_undo_its_status(db, orgs, closed):
    audit, case = closed["audit"], closed["case"]
    assert _refused(sa.add_case, db, sa.AuditCaseFields(audit.id, "Child New", agency_ids=(orgs[1].id,))) == {
        "agency_ids": "This audit is Closed, which says every return is in (Metropolitan Police for Child New would "
                      "be outstanding): move it back to Returns requested first"}
    assert _refused(sa.add_case, db, sa.AuditCaseFields(audit.id, "Child New")) == {
        "agreed_grading": "This audit is Closed, which says every case has its agreed grading (missing for Child "
                          "New): move it back to Returns in first"}
    cleared = sa.AuditCaseFields(audit.id, "Child A", agency_ids=case.agency_ids, agreed_note="Agreed")
    assert "missing for Child A" in _refused(sa.update_case, db, case.id, cleared)["agreed_grading"]
    more = sa.AuditCaseFields(audit.id, "Child A", agency_ids=(*case.agency_ids, orgs[2].id),
                              agreed_grading=Grading.GOOD, agreed_note="Agreed")
    assert "Brent Health Trust for Child A would be outstanding" in _refused(sa.update_case, db, case.id, more)["agency_ids"]
    ret = case.returns[0]
    assert "every return is in" in _refused(sa.update_return, db, ret.id, sa.ReturnFields(ret.requested_on))["received_on"]
    # nothing saved: the audit is as it was closed
    after = ca.get_audit(db, audit.id)
    assert (after.status, after.cases, after.returns_requested, after.returns_received) == (AuditStatus.CLOSED, 1, 1, 1)
    [kept] = sa.list_cases(db, audit.id)
    assert kept.agreed_grading is Grading.GOOD and kept.agency_ids == (orgs[0].id,)
    assert sa.get_return(db, ret.id).received
    # a change that would leave it true is refused too: a closed audit's cases are as it was closed
    refused = _refused(sa.update_case, db, case.id, sa.AuditCaseFields(
        audit.id, "Child A", summary="Neglect, two siblings", agency_ids=case.agency_ids, agreed_grading=Grading.GOOD))
    assert "is closed: move it back to Reported" in " ".join(refused.values())
    assert sa.list_cases(db, audit.id)[0].summary != "Neglect, two siblings"


def test_moved_back_far_enough_the_audit_takes_the_change(db, orgs, closed):
    audit = closed["audit"]
    for step in (AuditStatus.REPORTED, AuditStatus.DISCUSSED, AuditStatus.RETURNS_IN):
        ca.set_status(db, audit.id, step)
    added = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child New", agency_ids=()))  # no return still to come
    ca.set_status(db, audit.id, AuditStatus.RETURNS_REQUESTED)
    sa.update_case(db, added.id, sa.AuditCaseFields(audit.id, "Child New", agency_ids=(orgs[1].id,)))
    assert ca.get_audit(db, audit.id).returns_requested == 2


def test_archiving_the_last_case_or_restoring_a_return_still_to_come_is_refused_too(db, orgs, closed):
    audit, case = closed["audit"], closed["case"]
    assert _refused(sa.archive_case, db, case.id) == {
        "archived": "This audit is Closed, which says its returns were requested for a sample of cases and their "
                    "agencies: move it back to Planned first"}
    assert not sa.get_case(db, case.id).archived
    for step in (AuditStatus.REPORTED, AuditStatus.DISCUSSED, AuditStatus.RETURNS_IN, AuditStatus.RETURNS_REQUESTED):
        ca.set_status(db, audit.id, step)
    late = sa.update_case(db, case.id, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(orgs[0].id, orgs[1].id),
                                                         agreed_grading=Grading.GOOD))
    police = next(r for r in late.returns if r.organisation_id == orgs[1].id)
    sa.archive_return(db, police.id)
    assert "is archived: restore it first" in _refused(sa.update_return, db, police.id, sa.ReturnFields())["archived"]
    ca.set_status(db, audit.id, AuditStatus.RETURNS_IN)
    assert "Metropolitan Police for Child A would be outstanding" in _refused(sa.restore_return, db, police.id)["archived"]
    assert sa.get_return(db, police.id).archived


def test_an_archived_audit_takes_no_case_return_status_or_learning_until_restored(db, orgs):
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", D(2023, 2, 1)))
    case = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(orgs[0].id,)))
    point = le.create_learning(db, le.LearningFields(audit.id, "Chronologies were missing"))
    sa.archive_case(db, case.id)
    ca.archive_audit(db, audit.id)
    said = f"Case audit {audit.reference} is archived: restore it first"
    ret = case.returns[0]
    assert _refused(sa.add_case, db, sa.AuditCaseFields(audit.id, "Child B", agency_ids=(orgs[0].id,))) == {"audit_id": said}
    assert _refused(sa.update_case, db, case.id, sa.AuditCaseFields(audit.id, "Child A", summary="x")) == {"audit_id": said}
    assert _refused(sa.restore_case, db, case.id) == {"audit_id": said}
    assert _refused(sa.update_return, db, ret.id, sa.ReturnFields(None, D(2023, 2, 20), "x", "", "Good")) == {
        "audit_id": said}
    assert _refused(sa.request_returns, db, audit.id) == {"audit_id": said}
    assert _refused(ca.set_status, db, audit.id, AuditStatus.RETURNS_REQUESTED) == {"status": said}
    fields = ca.get_audit(db, audit.id).to_fields().__dict__
    assert _refused(ca.update_audit, db, audit.id, ca.AuditFields(**{**fields, "status": AuditStatus.RETURNS_REQUESTED})) == {
        "status": said}
    assert _refused(le.create_learning, db, le.LearningFields(audit.id, "Another")) == {"audit_id": said}
    assert _refused(le.update_learning, db, point.id, le.LearningFields(audit.id, "Changed")) == {"audit_id": said}
    # nothing saved
    held = ca.get_audit(db, audit.id)
    assert (held.status, held.cases, held.returns_requested, held.returns_received) == (AuditStatus.PLANNED, 0, 0, 0)
    assert sa.get_case(db, case.id).archived and not sa.get_return(db, ret.id).received
    assert [p.text for p in le.list_learning(db, audit.id)] == ["Chronologies were missing"]
    # its own details may still be corrected; once restored, it takes the rest again
    assert ca.update_audit(db, audit.id, ca.AuditFields(**{**fields, "title": "Neglect audit 2023"})).title == \
        "Neglect audit 2023"
    ca.restore_audit(db, audit.id)
    sa.restore_case(db, case.id)
    assert sa.request_returns(db, audit.id, D(2023, 2, 3)) == 1


def test_an_audit_whose_earlier_step_no_longer_holds_does_not_move_on(db, orgs, closed):
    """An audit saved before these checks, its grading cleared after the discussion."""
    audit, case = closed["audit"], closed["case"]
    ca.set_status(db, audit.id, AuditStatus.REPORTED)
    ca.set_status(db, audit.id, AuditStatus.DISCUSSED)
    with db.unit_of_work() as s:
        from bscp_desktop.db.models.audits import AuditCase

        s.get(AuditCase, case.id).agreed_grading = ""
    assert _refused(ca.set_status, db, audit.id, AuditStatus.REPORTED) == {
        "status": "Record the agreed grading of every case first (missing for Child A)"}
    fields = ca.get_audit(db, audit.id).to_fields().__dict__
    assert "missing for Child A" in _refused(ca.update_audit, db, audit.id,
                                             ca.AuditFields(**{**fields, "status": AuditStatus.REPORTED}))["status"]
    assert ca.get_audit(db, audit.id).status is AuditStatus.DISCUSSED
    sa.update_case(db, case.id, sa.AuditCaseFields(audit.id, "Child A", agency_ids=case.agency_ids,
                                                  agreed_grading=Grading.GOOD))
    assert ca.set_status(db, audit.id, AuditStatus.REPORTED).status is AuditStatus.REPORTED
