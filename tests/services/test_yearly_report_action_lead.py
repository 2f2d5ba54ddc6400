"""The yearly report's table of actions from review recommendations names whoever owns each
action as the action log does (its Owner column), not the recommendation's lead organisation."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.case_reviews import IncidentType
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import actions as al
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import yearly_report as yr

PERIOD = (date(2023, 4, 1), date(2024, 3, 31))


@pytest.mark.slow  # a case, its recommendation and actions, then the section
def test_each_action_is_shown_with_its_own_owner_as_the_action_log_shows_it(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    icb = ms.create_organisation(db, ms.OrganisationFields("NHS North West London ICB", OrganisationKind.ICB))
    officer = ms.create_person(db, ms.PersonFields("Jo Bloggs", organisation_id=council.id))
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", IncidentType.SERIOUS_HARM, date(2023, 5, 1)))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Share the learning",
                                                               lead_organisation_id=icb.id))
    due = date(2023, 12, 31)
    cr.add_recommendation_action(db, rec.id, al.ActionFields("Add the learning to the training programme",
                                                             owner_organisation_id=council.id, due_date=due))
    cr.add_recommendation_action(db, rec.id, al.ActionFields("Brief the designated leads", owner_person_id=officer.id,
                                                             owner_organisation_id=council.id, due_date=due))
    cr.add_recommendation_action(db, rec.id, al.ActionFields("Update the guidance", owner_person_id=officer.id,
                                                             due_date=due))

    built = yr.build_section(db, "case_reviews", *PERIOD, today=date(2024, 6, 1))
    (table,) = [b for b in built.blocks if getattr(b, "title", "") == "Actions from review recommendations"]
    assert table.headers == ("Recommendation", "Action", "Owner", "Due", "Status")
    log = {a.description: a.owner for a in al.list_action_log(db)}
    shown = {row[1]: row[2] for row in table.rows}
    assert shown == log  # the action log's own owner text, whoever leads the recommendation
    assert shown == {"Add the learning to the training programme": "Brent Council",
                     "Brief the designated leads": "Jo Bloggs, Brent Council",
                     "Update the guidance": "Jo Bloggs"}
