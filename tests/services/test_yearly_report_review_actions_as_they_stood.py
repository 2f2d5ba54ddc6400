"""The yearly report's table of actions from review recommendations shows each action as it stood
on the period's last day: its description, due date and owner then (the owner's name as it was
spelt then), so a due date put back, an owner changed or an organisation renamed since leaves a
past year's report as it was, and an action overdue then is still shown overdue."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.case_reviews import IncidentType
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import actions as al
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import yearly_report as yr

PERIOD = (date(2023, 4, 1), date(2024, 3, 31))
DUE = date(2023, 9, 30)  # due in the period, still open at its end: overdue then


def _rows(db) -> list[tuple[str, ...]]:
    built = yr.build_section(db, "case_reviews", *PERIOD, today=date(2026, 6, 1))
    (table,) = [b for b in built.blocks if getattr(b, "title", "") == "Actions from review recommendations"]
    return [row[1:] for row in table.rows]


def _case_action(db, owner_organisation_id=None, owner_person_id=None):
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", IncidentType.SERIOUS_HARM, date(2023, 5, 1)))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Share the learning"))
    cr.add_recommendation_action(db, rec.id, al.ActionFields("Launch ICON with all partners", due_date=DUE,
                                                             owner_organisation_id=owner_organisation_id,
                                                             owner_person_id=owner_person_id))
    (linked,) = cr.case_review_actions(db)
    return linked.action


def _change(db, action, **changes) -> None:
    now = {"description": action.description, "owner_person_id": action.owner_person_id,
           "owner_organisation_id": action.owner_organisation_id, "due_date": action.due_date,
           "status": action.status, "completed_on": action.completed_on, "evidence": action.evidence}
    al.update_action(db, action.id, al.ActionFields(**{**now, **changes}), version=action.version)


def test_an_action_overdue_at_the_period_end_stays_overdue_when_its_due_date_is_put_back_since(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    action = _case_action(db, owner_organisation_id=council.id)
    assert _rows(db) == [("Launch ICON with all partners", "Brent Council", "30/09/2023", "Overdue")]
    _change(db, action, due_date=date(2027, 3, 31), status="in_progress")
    assert _rows(db) == [("Launch ICON with all partners", "Brent Council", "30/09/2023", "Overdue")]


def test_an_action_is_shown_with_the_description_and_owner_it_had_at_the_period_end(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    icb = ms.create_organisation(db, ms.OrganisationFields("NHS North West London ICB", OrganisationKind.ICB))
    action = _case_action(db, owner_organisation_id=council.id)
    _change(db, action, description="Launch ICON across the borough", owner_organisation_id=icb.id)
    ms.update_organisation(db, council.id, ms.OrganisationFields("Brent Borough Council",
                                                                 OrganisationKind.LOCAL_AUTHORITY))
    assert _rows(db) == [("Launch ICON with all partners", "Brent Council", "30/09/2023", "Overdue")]


def test_a_person_made_an_owner_since_the_period_end_is_not_named_in_it(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    officer = ms.create_person(db, ms.PersonFields("Jo Bloggs", organisation_id=council.id))
    action = _case_action(db, owner_organisation_id=council.id)
    _change(db, action, owner_person_id=officer.id)
    assert _rows(db) == [("Launch ICON with all partners", "Brent Council", "30/09/2023", "Overdue")]


def test_an_owner_renamed_since_the_period_end_is_named_as_they_were_then(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    officer = ms.create_person(db, ms.PersonFields("Jo Bloggs", organisation_id=council.id))
    _case_action(db, owner_person_id=officer.id, owner_organisation_id=council.id)
    ms.update_person(db, officer.id, ms.PersonFields("Jo Smith", organisation_id=council.id))
    ms.update_organisation(db, council.id, ms.OrganisationFields("Brent Borough Council",
                                                                 OrganisationKind.LOCAL_AUTHORITY))
    assert _rows(db) == [("Launch ICON with all partners", "Jo Bloggs, Brent Council", "30/09/2023", "Overdue")]
    # the action log itself names them as they are now
    assert [a.owner for a in al.list_action_log(db)] == ["Jo Smith, Brent Borough Council"]


def test_an_action_changed_within_the_period_is_shown_as_it_was_on_the_last_day(db):
    """Changes made before the period ended are what applied then: the later values are shown."""
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    action = _case_action(db, owner_organisation_id=council.id)
    _change(db, action, due_date=date(2023, 12, 31), description="Launch ICON")
    built = yr.build_section(db, "case_reviews", date(2023, 4, 1), date(2030, 3, 31), today=date(2026, 6, 1))
    (table,) = [b for b in built.blocks if getattr(b, "title", "") == "Actions from review recommendations"]
    assert [row[1:] for row in table.rows] == [("Launch ICON", "Brent Council", "31/12/2023", "Overdue")]
