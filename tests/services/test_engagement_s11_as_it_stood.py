"""Partner engagement gives each organisation's Section 11 return as it stood at the period's
end, by the yearly report's own rule (`audits.s11_as_on`): its status then, its date returned
only if in by then, and its ratings only if its return was in, a moderation since left out."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import Rating
from bscp_desktop.services import engagement as en
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from tests.built_once import database_with

D = date


def build_cycle(db):
    orgs = [ms.create_organisation(db, ms.OrganisationFields(name, kind))
            for name, kind in (("Brent Council", OrganisationKind.LOCAL_AUTHORITY),
                               ("Metropolitan Police", OrganisationKind.POLICE))]
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", D(2024, 4, 1), D(2024, 6, 28)))
    s11.add_agencies(db, cycle.id, [o.id for o in orgs])
    parts = {p.organisation_name: p for p in s11.list_participants(db, cycle.id)}
    standards = s11.list_standards(db, cycle.id)
    s11.update_participant(db, parts["Brent Council"].id, s11.ParticipantFields(
        sent_on=D(2024, 4, 2), returned_on=D(2024, 6, 20)))
    s11.update_participant(db, parts["Metropolitan Police"].id, s11.ParticipantFields(
        sent_on=D(2024, 4, 2), returned_on=D(2024, 7, 10), moderated_on=D(2024, 9, 1)))
    for standard, rating in zip(standards, (Rating.GREEN, Rating.AMBER), strict=False):
        sr.save_rating(db, parts["Brent Council"].id, standard.id, sr.RatingFields(rating))
        sr.save_rating(db, parts["Metropolitan Police"].id, standard.id, sr.RatingFields(Rating.RED))
    sr.save_rating(db, parts["Brent Council"].id, standards[0].id, sr.RatingFields(  # today: after both periods
        Rating.GREEN, moderated_rating=Rating.RED, moderation_note="No training records seen"))
    return {"cycle": cycle}


db, built = database_with("engagement-s11-as-it-stood", build_cycle, records="built")


def _returns(db, end: date) -> dict:
    return {r.organisation: r for r in en.engagement(db, D(2024, 4, 1), end, today=D(2025, 6, 1))}


@pytest.mark.slow
def test_a_return_in_after_the_period_ended_is_not_in_it_nor_its_ratings(db, built):
    rows = _returns(db, D(2024, 6, 30))
    [police] = rows["Metropolitan Police"].s11
    assert (police.status, police.returned_on, police.red) == ("Sent", None, 0)
    assert rows["Metropolitan Police"].s11_text == "2024-26: Sent"
    [council] = rows["Brent Council"].s11
    assert (council.status, council.returned_on) == ("Returned", D(2024, 6, 20))
    assert (council.green, council.amber, council.red) == (1, 1, 0)  # moderated since: as it stood
    rows = _returns(db, D(2024, 9, 30))
    [police] = rows["Metropolitan Police"].s11
    assert (police.status, police.returned_on, police.red) == ("Moderated", D(2024, 7, 10), 2)


@pytest.mark.slow
def test_a_partners_own_workbook_lists_its_ratings_as_the_figures_count_them(db, built):
    orgs = {o.name: o for o in ms.list_organisations(db)}
    details = en.partner_details(db, orgs["Brent Council"].id, D(2024, 4, 1), D(2025, 3, 31), today=D(2025, 6, 1))
    assert details.s11_ratings[0][2:] == ("Green", "")  # moderated only after the period
    police = orgs["Metropolitan Police"]
    early = en.partner_details(db, police.id, D(2024, 4, 1), D(2024, 6, 30), today=D(2025, 6, 1))
    assert all(row[2:] == ("", "") for row in early.s11_ratings)  # its return came in after the period
