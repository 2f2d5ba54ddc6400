"""An agency asked for its return only after the audit's returns-due date is given
LATE_REQUEST_DAYS from its own request (domain.audits.return_due_on): the list of returns,
the report and partner engagement all judge it by that day, and the officer is told it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bscp_desktop.domain.audits import LATE_REQUEST_DAYS, late_request_text, return_due_on
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import Timeliness
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa

TODAY = date.today()
D = date


def test_a_return_asked_after_the_audits_due_date_is_due_some_days_after_it_was_asked():
    due = D(2024, 3, 1)
    assert return_due_on(due, D(2024, 2, 1)) == return_due_on(due, due) == return_due_on(due, None) == due
    assert return_due_on(due, D(2024, 3, 4)) == D(2024, 3, 4) + timedelta(days=LATE_REQUEST_DAYS) == D(2024, 3, 25)
    assert return_due_on(None, D(2024, 3, 4)) is None
    assert late_request_text(due, D(2024, 3, 1)) == ""
    assert late_request_text(due, D(2024, 3, 4)) == (
        "The audit's returns were due 01/03/2024, so a return requested on 04/03/2024 is due 25/03/2024, "
        "21 days after it was requested.")


def _audit_due_ten_days_ago(db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", TODAY - timedelta(days=40),
                                               returns_due=TODAY - timedelta(days=10)))
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child X", agency_ids=(org.id,)))
    return audit, org


def test_one_asked_today_is_neither_overdue_nor_late_when_sent_back_today(db):
    audit, _org = _audit_due_ten_days_ago(db)
    assert sa.request_returns(db, audit.id) == 1
    ret = sa.list_returns(db, audit.id)[0]
    assert ret.due_on == TODAY + timedelta(days=LATE_REQUEST_DAYS)
    assert (ret.timeliness(TODAY), ret.received_text(TODAY)) == (Timeliness.NOT_YET_DUE, "Not yet")
    assert ret.overdue_on(ret.due_on + timedelta(days=1))
    ret = sa.update_return(db, ret.id, sa.ReturnFields(TODAY, TODAY, "Good", "", "good"))
    assert ret.timeliness(TODAY) is Timeliness.ON_TIME


def test_one_asked_before_the_due_date_keeps_the_audits_date(db):
    audit, _org = _audit_due_ten_days_ago(db)
    sa.request_returns(db, audit.id, TODAY - timedelta(days=20))
    ret = sa.list_returns(db, audit.id)[0]
    assert ret.due_on == audit.returns_due and ret.overdue_on(TODAY)


@pytest.mark.slow  # partner engagement gathers every area
def test_partner_engagement_counts_it_by_its_own_due_date(db):
    from bscp_desktop.services import engagement as en

    audit, org = _audit_due_ten_days_ago(db)
    sa.request_returns(db, audit.id)
    ret = sa.list_returns(db, audit.id)[0]
    sa.update_return(db, ret.id, sa.ReturnFields(TODAY, TODAY, "Good", "", "good"))
    row = next(r for r in en.engagement(db, TODAY - timedelta(days=60), TODAY) if r.organisation_id == org.id)
    assert (row.audit_returns_on_time, row.audit_returns_late, row.audit_returns_outstanding) == (1, 0, 0)


@pytest.mark.slow  # a workbook written and read back
def test_the_return_workbook_of_an_agency_asked_late_gives_its_own_due_date(db, tmp_path):
    from openpyxl import load_workbook

    from bscp_desktop.importers import audits as ia

    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date.today() - timedelta(days=40),
                                               returns_due=date.today() - timedelta(days=10)))
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child X", agency_ids=(org.id,)))
    sa.request_returns(db, audit.id)
    sheet = load_workbook(ia.write_audit_template(db, audit.id, org.id, tmp_path / "return.xlsx")).worksheets[0]
    [due] = [row[1] for row in sheet.iter_rows(values_only=True) if row and row[0] == "Returns due by"]
    assert due.date() == date.today() + timedelta(days=LATE_REQUEST_DAYS) != audit.returns_due
