"""The change log names a case audit as the action log's From column does, by its reference
with its title after it: a case, learning point or recommendation added to one of two audits of
the same title says which under Audit."""

from __future__ import annotations

from datetime import date

from bscp_desktop.services import history as hs
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le
from bscp_desktop.services.audits import samples as sa


def _audit_values(db, table: str) -> set[str]:
    rows = hs.change_page(db, hs.ChangeQuery(area="audits"), limit=1000).rows
    return {r.new_text for r in rows if r.table_name == table and r.field == "audit_id"}


def test_two_audits_of_one_title_are_told_apart_in_the_change_log(db):
    audits = [ca.create_audit(db, ca.AuditFields("Multi-agency case audit", day))
              for day in (date(2023, 2, 1), date(2023, 9, 1))]
    for audit in audits:
        sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A"))
        le.create_learning(db, le.LearningFields(audit.id, "Use chronologies"))
    named = {"MAA-2023-01 (Multi-agency case audit)", "MAA-2023-02 (Multi-agency case audit)"}
    assert _audit_values(db, "audit_case") == named
    assert _audit_values(db, "audit_learning") == named
    assert hs.record_name(db, "case_audit", audits[1].id) == "MAA-2023-02 (Multi-agency case audit)"  # its history
