"""A closed audit's sample of cases and agreed gradings are what its report says: adding,
changing, archiving or restoring a case is refused, as a return is, naming the audit and saying
to move it back to Reported; moved back, it takes the change again."""

from __future__ import annotations

import dataclasses

import pytest

from bscp_desktop.domain.audits import AuditStatus, Grading
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa
from tests.services.test_case_audit_closed_returns import closed_audit


def _said(audit) -> str:
    return (f"Case audit {audit.reference} is closed: move it back to Reported to add, change, archive or "
            "restore a case")


def _refused(command, *args) -> dict[str, str]:
    with pytest.raises(ValidationError) as err:
        command(*args)
    return err.value.errors


def _closed_with_two_cases(db):
    """The closed audit with a second case, its police return in and its grading agreed, added
    while the audit was back at Returns requested."""
    audit, returns = closed_audit(db)
    police = next(r.organisation_id for r in returns if r.organisation_name == "Metropolitan Police")
    for step in (AuditStatus.REPORTED, AuditStatus.DISCUSSED, AuditStatus.RETURNS_IN, AuditStatus.RETURNS_REQUESTED):
        ca.set_status(db, audit.id, step)
    second = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child B", agency_ids=(police,),
                                                agreed_grading=Grading.GOOD))
    [ret] = second.returns
    sa.update_return(db, ret.id, sa.ReturnFields(ret.requested_on, ret.requested_on, "Seen alone", "", "Good"))
    for step in (AuditStatus.RETURNS_IN, AuditStatus.DISCUSSED, AuditStatus.REPORTED, AuditStatus.CLOSED):
        ca.set_status(db, audit.id, step)
    return audit, sa.get_case(db, returns[0].audit_case_id), sa.get_case(db, second.id)


def test_a_case_of_a_closed_audit_is_neither_added_nor_changed(db):
    audit, case, _second = _closed_with_two_cases(db)
    regraded = dataclasses.replace(case.to_fields(), agreed_grading=Grading.OUTSTANDING)
    assert _refused(sa.update_case, db, case.id, regraded) == {"audit_id": _said(audit)}
    retitled = dataclasses.replace(case.to_fields(), summary="Neglect, two siblings")
    assert _refused(sa.update_case, db, case.id, retitled) == {"audit_id": _said(audit)}
    added = sa.AuditCaseFields(audit.id, "Child Q", agreed_grading=Grading.OUTSTANDING)
    assert _refused(sa.add_case, db, added) == {"audit_id": _said(audit)}
    kept = sa.list_cases(db, audit.id)
    assert [(c.alias, c.agreed_grading, c.summary) for c in kept] == [
        ("Child A", Grading.GOOD, ""), ("Child B", Grading.GOOD, "")]
    # moved back to Reported, it takes the change again
    ca.set_status(db, audit.id, AuditStatus.REPORTED)
    assert sa.update_case(db, case.id, regraded).agreed_grading is Grading.OUTSTANDING
    assert sa.add_case(db, added).alias == "Child Q"


def test_a_case_of_a_closed_audit_is_neither_archived_nor_restored(db):
    audit, case, second = _closed_with_two_cases(db)
    for each in (case, second):  # each with its returns in, the other left in the sample
        assert _refused(sa.archive_case, db, each.id) == {"audit_id": _said(audit)}
    assert not sa.get_case(db, case.id).archived and not sa.get_case(db, second.id).archived
    ca.set_status(db, audit.id, AuditStatus.REPORTED)
    sa.archive_case(db, second.id)
    ca.set_status(db, audit.id, AuditStatus.CLOSED)
    assert _refused(sa.restore_case, db, second.id) == {"audit_id": _said(audit)}
    assert sa.get_case(db, second.id).archived


def test_a_change_undoing_the_closed_status_is_still_named_for_that_first(db):
    audit, case, _second = _closed_with_two_cases(db)
    cleared = dataclasses.replace(case.to_fields(), agreed_grading=None)
    assert "missing for Child A" in _refused(sa.update_case, db, case.id, cleared)["agreed_grading"]


def test_the_page_can_ask_why_a_case_takes_no_change_and_is_told_only_while_closed(db):
    audit, _case, _second = _closed_with_two_cases(db)
    assert sa.closed_to_cases(ca.get_audit(db, audit.id)) == _said(audit)  # as the Case audits page shows it
    ca.set_status(db, audit.id, AuditStatus.REPORTED)
    assert sa.closed_to_cases(ca.get_audit(db, audit.id)) == ""
