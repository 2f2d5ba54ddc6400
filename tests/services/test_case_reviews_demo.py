"""The illustrative case reviews of the demo database."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.demo import case_reviews as demo
from bscp_desktop.domain.case_reviews import AgeBand
from bscp_desktop.domain.deadlines import DeadlineStatus
from bscp_desktop.services import case_reviews as cr


def test_demo_cases_are_illustrative_and_on_time(demo_db):
    db = demo_db  # the whole demo, built once for the run
    cases = cr.list_case_reviews(db)
    assert [c.alias for c in cases] == ["Child A", "Child B", "Child C", "Child D"]
    assert [c.reference for c in cases] == ["BSCP-2022-01", "BSCP-2023-01", "BSCP-2023-02", "BSCP-2024-01"]
    assert all(demo.ILLUSTRATIVE in c.summary for c in cases)
    assert all(c.agency_names for c in cases)  # organisations found by name
    teenager = cases[1]
    assert "Suicide and self-harm" in teenager.themes and teenager.age_band is AgeBand.AGE_14_TO_15
    head_trauma = [c for c in cases if "Abusive head trauma" in c.themes]
    assert {c.age_band for c in head_trauma} == {AgeBand.UNDER_1}
    for row in cr.tracker(db, today=date(2024, 3, 31), include_archived=True):
        statuses = {k.key: k.status for k in row.clocks}
        assert statuses["notification"] is DeadlineStatus.MET_ON_TIME, row.case.alias
        assert statuses["rapid_review"] is DeadlineStatus.MET_ON_TIME, row.case.alias
    summary = cr.themes_summary(db)
    counts = {r.theme: dict(zip(summary.year_labels, r.counts, strict=True)) for r in summary.rows}
    assert counts["Abusive head trauma"]["2023/24"] == 2
    assert counts["Suicide and self-harm"]["2022/23"] == 1
    actions = cr.case_review_actions(db, today=date(2024, 3, 31))
    assert any("ICON" in a.action.description and not a.action.status.closed for a in actions)


@pytest.mark.slow
def test_demo_loads_without_organisations(db):
    demo.load(db)
    assert len(cr.list_case_reviews(db)) == len(demo.CASES)
