"""The demo database's memberships: the report's organisations, groups and members."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.domain.memberships import Frequency, OrganisationKind, Role
from bscp_desktop.services import memberships as ms


def test_build_demo_writes_the_organisations_and_groups(demo_db):
    """`demo_db` is a copy of what build_demo wrote, once for the run (tests/conftest.py)."""
    orgs = {o.name for o in ms.list_organisations(demo_db)}
    groups = {g.name for g in ms.list_groups(demo_db)}
    assert {"Brent Council", "NHS North West London ICB", "Metropolitan Police (North West BCU)"} <= orgs
    assert groups >= {
        "Executive Group", "Safeguarding Children Forum", "Case Review Group",
        "Multi-agency Audit Group", "Learning and Development Group",
    }


def test_organisations_named_in_the_report(loaded):
    kinds = {o.name: o.kind for o in ms.list_organisations(loaded)}
    statutory = {n for n, k in kinds.items() if k.is_statutory_partner}
    assert statutory == {
        "Brent Council", "NHS North West London ICB", "Metropolitan Police", "Metropolitan Police (North West BCU)"
    }
    bcu = next(o for o in ms.list_organisations(loaded) if o.name == "Metropolitan Police (North West BCU)")
    assert bcu.parent_name == "Metropolitan Police"
    for name in (
        "Central London Community Healthcare NHS Trust", "London Ambulance Service",
        "Children and Family Court Advisory and Support Service", "Probation Service",
        "London North West University Healthcare NHS Trust",
        "Central North West London Mental Health Foundation NHS Trust",
    ):
        assert kinds[name] is OrganisationKind.RELEVANT_AGENCY
    schools = {n for n, k in kinds.items() if k is OrganisationKind.EDUCATION}
    assert {"Preston Manor School", "Kingsbury High School", "Lyon Park Primary School",
            "Newman Catholic College", "The Village and Woodfield Special Schools"} <= schools


def test_groups_tiers_parents_and_frequencies(loaded):
    groups = {g.name: g for g in ms.list_groups(loaded)}
    assert (groups["Executive Group"].tier, groups["Executive Group"].parent_name) == (1, "")
    assert (groups["Safeguarding Children Forum"].tier, groups["Safeguarding Children Forum"].parent_name) == (2, "Executive Group")
    for name in ("Case Review Group", "Multi-agency Audit Group", "Learning and Development Group"):
        assert (groups[name].tier, groups[name].parent_name) == (3, "Safeguarding Children Forum")
    assert [g.name for g in groups.values() if g.needs_agreement] == ["Case Review Group"]
    assert groups["Learning and Development Group"].frequency is Frequency.EVERY_TWO_MONTHS
    assert "Safeguarding Adults Board" in groups["Learning and Development Group"].purpose


def _members(db, group_name: str, on: date):
    group = next(g for g in ms.list_groups(db) if g.name == group_name)
    return ms.members_on(db, group.id, on)


def test_independent_chair_leads_the_forum_from_october_2023(loaded):
    before = _members(loaded, "Safeguarding Children Forum", date(2023, 3, 1))
    after = _members(loaded, "Safeguarding Children Forum", date(2024, 3, 1))
    assert [m.person_name for m in before if m.role is Role.CHAIR] == ["Independent Convener (until 2023)"]
    assert [m.person_name for m in after if m.role is Role.CHAIR] == ["Keith Makin"]
    assert len([m for m in after if m.role is Role.LAY_MEMBER]) == 2
    represented = {m.organisation_name for m in after}
    assert {"Probation Service", "London Ambulance Service", "Preston Manor School"} <= represented


def test_executive_group_membership_from_the_report(loaded):
    names = {m.person_name for m in _members(loaded, "Executive Group", date(2024, 3, 1))}
    assert {
        "Corporate Director of Children and Young People (Brent Council)",
        "Leader of Brent Council",
        "Cabinet Member for Children, Young People and Schools (Brent Council)",
        "Director of Quality, Nursing and Safeguarding (NWL ICB)",
        "Superintendent, Public Protection (North West BCU)",
        "Keith Makin",
    } <= names


def test_case_review_members_without_an_agreement_are_flagged(loaded):
    members = _members(loaded, "Case Review Group", date(2024, 3, 1))
    assert len(members) >= 10
    missing = [m.person_name for m in members if m.missing_agreement]
    assert missing == ["Legal Services representative (Brent Council)"]
    assert all(m.needs_agreement for m in members)
    agreements = ms.list_agreements(loaded)
    assert agreements and all(a.notes.startswith("Illustrative") for a in agreements)
    # the audit group needs no agreement, so nobody there is flagged
    assert not any(m.missing_agreement for m in _members(loaded, "Multi-agency Audit Group", date(2024, 3, 1)))


def test_memberships_start_with_the_reporting_period_and_history_is_written(loaded):
    starts = {m.start_date for m in ms.list_memberships(loaded)}
    assert min(starts) == date(2022, 10, 1)
    with loaded.unit_of_work() as s:
        tables = dict(s.execute(
            select(ChangeRecord.table_name, func.count()).group_by(ChangeRecord.table_name)
        ).all())
    assert {"organisation", "person", "partnership_group", "membership", "confidentiality_agreement"} <= set(tables)
