"""Moving an audit to Returns requested (Next step, or the status in the audit dialog) asks
for its returns, as the Request returns button does: each one not yet requested is requested
today, so it can fall overdue and counts in partner engagement; the report says of a return
not in what the window says."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bscp_desktop.domain.audits import AuditStatus
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import Timeliness
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa

TODAY = date.today()


def _audit_with_a_case(db):
    orgs = [ms.create_organisation(db, ms.OrganisationFields(name, kind))
            for name, kind in (("Brent Council", OrganisationKind.LOCAL_AUTHORITY),
                               ("Metropolitan Police", OrganisationKind.POLICE))]
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", TODAY - timedelta(days=40),
                                               returns_due=TODAY + timedelta(days=10)))
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child X", agency_ids=tuple(o.id for o in orgs)))
    return audit, orgs


def test_the_next_step_requests_every_return_not_yet_requested(db):
    audit, orgs = _audit_with_a_case(db)
    police = sa.list_returns(db, audit.id, organisation_id=orgs[1].id)[0]
    sa.update_return(db, police.id, sa.ReturnFields(None, TODAY - timedelta(days=1), "Sent unasked"))
    with pytest.raises(ValidationError):
        ca.set_status(db, audit.id, AuditStatus.RETURNS_IN)  # two steps on: refused, nothing requested
    assert sa.list_returns(db, audit.id)[0].requested_on is None
    assert ca.set_status(db, audit.id, "returns_requested").status is AuditStatus.RETURNS_REQUESTED
    council, police = sa.list_returns(db, audit.id)
    assert (council.requested_on, council.timeliness(TODAY)) == (TODAY, Timeliness.NOT_YET_DUE)
    assert police.requested_on is None  # received before it was asked for: left as it is
    assert council.overdue_on(audit.returns_due + timedelta(days=1))


def test_the_status_saved_in_the_audit_dialog_requests_them_too(db):
    audit, _orgs = _audit_with_a_case(db)
    fields = ca.get_audit(db, audit.id).to_fields()
    ca.update_audit(db, audit.id, ca.AuditFields(**{**fields.__dict__, "status": AuditStatus.RETURNS_REQUESTED}))
    assert [r.requested_on for r in sa.list_returns(db, audit.id)] == [TODAY, TODAY]
    assert ca.get_audit(db, audit.id).returns_requested == 2


@pytest.mark.slow  # partner engagement and the report gather every area
def test_engagement_and_the_report_count_and_say_what_the_window_does(db):
    from bscp_desktop.jobs import audits as ja
    from bscp_desktop.services import engagement as en

    audit, orgs = _audit_with_a_case(db)
    report = ja.audit_report(db, audit.id, TODAY)
    window = [r.received_text(TODAY) for r in sa.list_returns(db, audit.id)]
    assert [r.not_received for r in report.returns] == window == ["Not requested", "Not requested"]
    ca.set_status(db, audit.id, AuditStatus.RETURNS_REQUESTED)
    rows = {row.organisation_id: row for row in en.engagement(db, TODAY - timedelta(days=60), TODAY)}
    assert rows[orgs[0].id].audit_returns_outstanding == rows[orgs[1].id].audit_returns_outstanding == 1
    report = ja.audit_report(db, audit.id, TODAY)
    assert [r.not_received for r in report.returns] == [r.received_text(TODAY) for r in sa.list_returns(db, audit.id)] \
        == ["Not yet", "Not yet"]


def test_moving_to_returns_requested_refuses_a_request_day_the_button_refuses(db):
    """A year and more before the audit's date (a year typed wrong): refused alike, nothing marked."""
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date.today() + timedelta(days=400)))
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(org.id,)))
    for move in (lambda: sa.request_returns(db, audit.id), lambda: ca.set_status(db, audit.id, AuditStatus.RETURNS_REQUESTED)):
        with pytest.raises(ValidationError) as refused:
            move()
        assert "is more than a year before the audit date" in refused.value.sentence()
    assert [r.requested_on for c in sa.list_cases(db, audit.id) for r in c.returns] == [None]
    assert ca.get_audit(db, audit.id).status is AuditStatus.PLANNED
