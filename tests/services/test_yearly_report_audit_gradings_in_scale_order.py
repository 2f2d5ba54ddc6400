"""The yearly report's table of case audits lists each audit's gradings in the grading scale's
order (Outstanding, Good, Requires improvement, Inadequate), whatever order the cases were added
in, so one year's row can be read against another's."""

from __future__ import annotations

from datetime import date

from bscp_desktop.services import yearly_report as yr
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa

PERIOD = (date(2023, 4, 1), date(2024, 3, 31))


def _gradings(db) -> list[str]:
    built = yr.build_section(db, "audits", *PERIOD, today=date(2024, 6, 1))
    (table,) = [b for b in built.blocks if getattr(b, "title", "") == "Case audits"]
    return [row[3] for row in table.rows]


def test_gradings_are_listed_in_the_grading_scales_order_not_the_cases_order(db):
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2023, 9, 1), theme="Neglect"))
    for alias, grading in (("Child P", "inadequate"), ("Child Q", "good"), ("Child R", "outstanding"),
                           ("Child S", "requires_improvement"), ("Child T", "good"), ("Child U", None)):
        sa.add_case(db, sa.AuditCaseFields(audit.id, alias, agreed_grading=grading))
    assert _gradings(db) == ["Outstanding: 1, Good: 2, Requires improvement: 1, Inadequate: 1"]


def test_an_audit_with_no_case_graded_says_so(db):
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2023, 9, 1), theme="Neglect"))
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child P"))
    assert _gradings(db) == ["Not graded yet"]
