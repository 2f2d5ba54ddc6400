"""A two-year Section 11 cycle opened and due in its first year is still in the yearly report and
partner engagement of its second year when returns are sent, returned or moderated then: the
report never says no Section 11 self-assessment took place while one did. A cycle with nothing
in a year stays out of that year."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import Rating
from bscp_desktop.services import engagement as en
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import yearly_report as yr
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.services.audits.s11_as_on import cycles_in

pytestmark = pytest.mark.both_engines

D = date
SECOND_YEAR = (D(2025, 4, 1), D(2026, 3, 31))
THIRD_YEAR = (D(2026, 4, 1), D(2027, 3, 31))


@pytest.fixture
def cycle(db):
    orgs = [ms.create_organisation(db, ms.OrganisationFields(name, kind))
            for name, kind in (("Brent Council", OrganisationKind.LOCAL_AUTHORITY),
                               ("Metropolitan Police", OrganisationKind.POLICE))]
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", D(2024, 4, 1), D(2024, 6, 28)))
    s11.add_agencies(db, cycle.id, [o.id for o in orgs])
    parts = {p.organisation_name: p for p in s11.list_participants(db, cycle.id)}
    police = parts["Metropolitan Police"]
    s11.update_participant(db, police.id, s11.ParticipantFields(sent_on=D(2024, 4, 2), returned_on=D(2025, 5, 1),
                                                                moderated_on=D(2025, 6, 10)))
    sr.save_rating(db, police.id, s11.list_standards(db, cycle.id)[0].id, sr.RatingFields(Rating.AMBER))
    return cycle


def test_a_cycle_with_a_late_return_in_its_second_year_is_in_that_year(db, cycle):
    assert [c.name for c in cycles_in(db, *SECOND_YEAR)] == ["2024-26"]
    assert cycles_in(db, *THIRD_YEAR) == []  # nothing happened in it then


def test_the_yearly_reports_audits_section_shows_the_cycle_in_its_second_year(db, cycle):
    section = yr.build_section(db, "audits", *SECOND_YEAR, today=D(2026, 6, 1))
    titles = [getattr(b, "title", "") for b in section.blocks]
    assert "Section 11: 2024-26 (1 of 2 returns in by 31 March 2026)" in titles
    assert "No multi-agency case audits or Section 11 self-assessments took place" not in section.draft


def test_partner_engagement_gives_the_return_made_in_the_second_year(db, cycle):
    rows = {r.organisation: r for r in en.engagement(db, *SECOND_YEAR, today=D(2026, 6, 1))}
    [police] = rows["Metropolitan Police"].s11
    assert (police.status, police.returned_on, police.amber) == ("Moderated", D(2025, 5, 1), 1)
    police_id = next(o.id for o in ms.list_organisations(db) if o.name == "Metropolitan Police")
    details = en.partner_details(db, police_id, *SECOND_YEAR, today=D(2026, 6, 1))
    assert details.s11_ratings[0][0] == "2024-26" and details.s11_ratings[0][2] == "Amber"
