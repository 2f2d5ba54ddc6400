"""One live record per name on a team database too: a name compared without case is compared by
the server's own lower() on both sides, so a name whose letters Python lowers differently (a
final Σ, a dotted İ) is still found taken when it is typed again."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.case_reviews import IncidentType
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import courses as tc

NAMES = ["ΣΥΛΛΟΓΟΣ ΓΟΝΕΩΝ", "İstanbul Families Group"]


@pytest.mark.parametrize("name", NAMES)
def test_a_group_name_saved_again_on_a_team_database_is_refused(pg_db, name):
    ms.create_group(pg_db, ms.GroupFields(name, 2))
    with pytest.raises(ValidationError) as refused:
        ms.create_group(pg_db, ms.GroupFields(name, 2))
    assert refused.value.errors == {"name": f"A group called '{name}' already exists"}
    assert [g.name for g in ms.list_groups(pg_db)] == [name]


def test_a_course_title_and_a_case_alias_saved_again_on_a_team_database_are_refused(pg_db):
    tc.create_course(pg_db, tc.CourseFields(title="ΕΚΠΑΙΔΕΥΣΗ ΓΟΝΕΩΣ", topic="Neglect"))
    with pytest.raises(ValidationError) as refused:
        tc.create_course(pg_db, tc.CourseFields(title="ΕΚΠΑΙΔΕΥΣΗ ΓΟΝΕΩΣ", topic="Neglect"))
    assert refused.value.errors == {"title": "There is already a course called 'ΕΚΠΑΙΔΕΥΣΗ ΓΟΝΕΩΣ'; choose another title"}

    def case(alias):
        return cr.CaseReviewFields(alias=alias, incident_type=IncidentType.SERIOUS_HARM, became_aware=date(2025, 3, 3))

    first = cr.create_case_review(pg_db, case("Child İ"))
    with pytest.raises(ValidationError) as refused:
        cr.create_case_review(pg_db, case("Child İ"))
    assert refused.value.errors["alias"].startswith(f"The alias 'Child İ' is already used by case {first.reference}")


def test_a_section_11_cycle_named_again_on_a_team_database_is_refused(pg_db):
    from bscp_desktop.services.audits import section11 as s11

    s11.create_cycle(pg_db, s11.CycleFields("ΚΎΚΛΟΣ 2025", date(2025, 4, 1), date(2025, 6, 30)))
    with pytest.raises(ValidationError) as refused:
        s11.create_cycle(pg_db, s11.CycleFields("ΚΎΚΛΟΣ 2025", date(2026, 4, 1), date(2026, 6, 30)))
    assert set(refused.value.errors) == {"name"}
    assert [c.name for c in s11.list_cycles(pg_db)] == ["ΚΎΚΛΟΣ 2025"]


def test_an_expense_category_named_again_on_a_team_database_is_refused(pg_db):
    from bscp_desktop.services.finance import spending

    spending.create_category(pg_db, "ΕΞΟΔΑ ΤΑΞΙΔΙΟΥ ΚΑΙ ΧΩΡΟΣ")
    with pytest.raises(ValidationError) as refused:
        spending.create_category(pg_db, "ΕΞΟΔΑ ΤΑΞΙΔΙΟΥ ΚΑΙ ΧΩΡΟΣ")
    assert set(refused.value.errors) == {"name"}
