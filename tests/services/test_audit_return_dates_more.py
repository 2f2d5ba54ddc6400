"""The dates of an agency's return to a case audit are of steps done: requested, like received,
is not after today (a request made, not one planned), and neither is more than a year before
the audit date (a year typed wrong), whether typed on the return or given when every return
is requested."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bscp_desktop.domain.audits import AuditStatus
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa

AUDIT_DAY = date(2025, 3, 31)


@pytest.fixture
def audit_return(db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", AUDIT_DAY, theme="Neglect"))
    case = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child Z", agency_ids=(org.id,)))
    return audit, case.returns[0]


def _refused(call, *args) -> dict[str, str]:
    with pytest.raises(ValidationError) as refused:
        call(*args)
    return refused.value.errors


def test_a_return_requested_and_received_years_before_the_audit_is_refused(db, audit_return):
    _audit, ret = audit_return
    assert _refused(sa.update_return, db, ret.id, sa.ReturnFields(date(2001, 1, 1), date(2001, 1, 2), grading="Good")) == {
        "requested_on": "Requested (01/01/2001) is more than a year before the audit date (31/03/2025): check the year",
        "received_on": "Received (02/01/2001) is more than a year before the audit date (31/03/2025): check the year"}
    assert _refused(sa.update_return, db, ret.id, sa.ReturnFields(None, date(2024, 3, 30), grading="Good")) == {
        "received_on": "Received (30/03/2024) is more than a year before the audit date (31/03/2025): check the year"}
    saved = sa.update_return(db, ret.id, sa.ReturnFields(date(2024, 3, 31), date(2025, 4, 20), grading="Good"))
    assert (saved.requested_on, saved.received_on) == (date(2024, 3, 31), date(2025, 4, 20))  # a year before: kept


def test_a_return_cannot_be_requested_in_the_future(db, audit_return):
    _audit, ret = audit_return
    ahead = date.today() + timedelta(days=400)
    assert _refused(sa.update_return, db, ret.id, sa.ReturnFields(requested_on=ahead)) == {
        "requested_on": f"Requested ({ahead:%d/%m/%Y}) cannot be in the future"}
    assert sa.get_return(db, ret.id).requested_on is None


def test_every_return_is_requested_on_a_day_the_return_itself_could_be(db, audit_return):
    audit, ret = audit_return
    tomorrow = date.today() + timedelta(days=1)
    assert _refused(sa.request_returns, db, audit.id, tomorrow) == {
        "requested_on": f"Requested ({tomorrow:%d/%m/%Y}) cannot be in the future"}
    assert _refused(sa.request_returns, db, audit.id, date(2021, 3, 31)) == {
        "requested_on": "Requested (31/03/2021) is more than a year before the audit date (31/03/2025): check the year"}
    assert sa.get_return(db, ret.id).requested_on is None
    assert ca.get_audit(db, audit.id).status is AuditStatus.PLANNED  # not moved on
    assert sa.request_returns(db, audit.id, date(2025, 3, 3)) == 1


def test_a_year_before_29_february_is_28_february():
    assert sa.earliest_return_date(date(2024, 2, 29)) == date(2023, 2, 28)
    assert sa.earliest_return_date(AUDIT_DAY) == date(2024, 3, 31)


def test_an_audit_moved_later_does_not_refuse_the_return_dates_nobody_is_changing(db, audit_return):
    """Returns requested for an audit later postponed by over a year: grading one is saved, its
    held Requested date not refused; a date changed to one over a year before still is."""
    audit, ret = audit_return
    sa.update_return(db, ret.id, sa.ReturnFields(requested_on=date(2024, 4, 1)))
    moved = ca.get_audit(db, audit.id)
    ca.update_audit(db, audit.id, ca.AuditFields(moved.title, date(2025, 9, 30), theme=moved.theme))
    saved = sa.update_return(db, ret.id, sa.ReturnFields(date(2024, 4, 1), date(2025, 4, 20), grading="Good"))
    assert (saved.requested_on, saved.received_on) == (date(2024, 4, 1), date(2025, 4, 20))
    assert _refused(sa.update_return, db, ret.id, sa.ReturnFields(date(2024, 4, 2), date(2025, 4, 20))) == {
        "requested_on": "Requested (02/04/2024) is more than a year before the audit date (30/09/2025): check the year"}
