"""The illustrative audits of the demo database."""

from __future__ import annotations

from datetime import date

from bscp_desktop.demo import audits as demo
from bscp_desktop.domain.audits import AuditStatus, MeetingRole
from bscp_desktop.domain.section11 import Change, Rating, ReturnStatus, Timeliness
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.audits import section11 as s11


def test_demo_audits(demo_db):
    db = demo_db  # the whole demo, built once for the run
    current, earlier = s11.list_cycles(db)
    assert (current.name, earlier.name, current.compare_with_name) == ("2024-26", "2021-23", "2021-23")
    assert demo.ILLUSTRATIVE in current.notes
    today = date(2024, 10, 1)
    parts = {p.organisation_name: p for p in s11.list_participants(db, current.id)}
    assert len(parts) == 7
    returned = [p for p in parts.values() if p.returned_on]
    assert len(returned) == 5
    assert [p.organisation_name for p in returned if p.timeliness(today) is Timeliness.LATE] == [demo.POLICE]
    assert [p.organisation_name for p in parts.values() if p.status is ReturnStatus.MODERATED] == [demo.CNWL]
    assert {p.organisation_name for p in s11.chase_list(db, current.id, today)} == {demo.LNWUHT, demo.PRESTON}
    grid = sr.grid(db, current.id)
    moderated = [c.rating for c in grid.cells.values() if c.rating.moderated_rating]
    assert [(r.organisation_name, r.self_rating, r.moderated_rating) for r in moderated] == [
        (demo.CNWL, Rating.GREEN, Rating.AMBER)]
    changes = grid.change_counts()
    assert changes[Change.IMPROVED] and changes[Change.SAME] and changes[Change.DECLINED] == 0
    assert len(sr.cycle_actions(db, current.id)) == 4

    [audit] = ca.list_audits(db)
    assert audit.reference == "MAA-2023-01" and audit.status is AuditStatus.DISCUSSED
    assert {(m.role, m.starts_at.date()) for m in audit.meetings} == {
        (MeetingRole.DISCUSSED, date(2023, 3, 9)), (MeetingRole.FOLLOW_UP, date(2023, 4, 20))}
    cases = sa.list_cases(db, audit.id)
    assert [c.alias for c in cases] == ["Child P", "Child V", "Child R", "Child S"]
    assert all(c.agreed_grading for c in cases) and audit.returns_received == audit.returns_requested > 0
    at_meeting = [p for p in le.list_learning(db, audit.id) if p.meeting_id]
    assert at_meeting and all(p.shared_on == date(2023, 4, 20) for p in at_meeting)
    assert len(le.audit_actions(db, audit.id)) == 2
