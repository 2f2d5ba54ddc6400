"""A Section 11 improvement action is raised on the day its cycle opened: the action log refuses
a due date before that day, as the rating does, so the rating and the agency's return stay
savable; a restore names the cycle."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bscp_desktop.db.models import Action
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11

OPENS = date(2024, 4, 1)


@pytest.fixture
def rated(db):
    """(participant id, standard id, action id): Brent's rating of standard 1 with an action."""
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", OPENS, date(2024, 6, 28)))
    s11.add_agencies(db, cycle.id, [council.id])
    (part,) = s11.list_participants(db, cycle.id)
    standard = s11.list_standards(db, cycle.id)[0].id
    rating = sr.save_rating(db, part.id, standard, sr.RatingFields("Amber", evidence="Some", action="Train staff",
                                                                   action_due=date(2024, 9, 30)))
    return part.id, standard, rating.action.id


def _fields(action: al.ActionDTO, due: date) -> al.ActionFields:
    return al.ActionFields(action.description, owner_organisation_id=action.owner_organisation_id,
                           owner_person_id=action.owner_person_id, due_date=due, status=action.status,
                           evidence=action.evidence)


def _action(db, action_id: int) -> al.ActionDTO:
    with db.unit_of_work() as session:
        return al.get_action_in(session, action_id)


def test_the_action_log_refuses_a_due_date_before_the_cycle_opened(db, rated):
    part, standard, action_id = rated
    action = _action(db, action_id)
    assert action.origin.on == OPENS
    with pytest.raises(ValidationError) as refused:
        al.update_action(db, action_id, _fields(action, date(2023, 1, 15)))
    assert "Due date (15/01/2023) cannot be before" in refused.value.errors["due_date"]
    assert "01/04/2024" in refused.value.errors["due_date"]
    assert _action(db, action_id).due_date == date(2024, 9, 30)
    # the rating saves unchanged, as it was before the refused move
    before = sr.get_rating(db, part, standard)
    assert sr.save_rating(db, part, standard, before.to_fields()).action.due_date == date(2024, 9, 30)


def test_a_due_date_on_or_after_the_opening_is_kept_and_the_rating_still_saves(db, rated):
    part, standard, action_id = rated
    al.update_action(db, action_id, _fields(_action(db, action_id), OPENS))
    rating = sr.get_rating(db, part, standard)
    assert rating.action.due_date == OPENS
    assert sr.save_rating(db, part, standard, replace(rating.to_fields(), evidence="More")).evidence == "More"


def test_an_archived_action_due_before_the_opening_is_not_restored_and_the_refusal_names_the_cycle(db, rated):
    _part, _standard, action_id = rated
    al.archive_action(db, action_id)
    with db.unit_of_work() as session:  # as an earlier version of the program could save it
        session.get(Action, action_id).due_date = date(2023, 1, 15)
    with pytest.raises(ValidationError) as refused:
        al.restore_action(db, action_id)
    (message,) = refused.value.errors.values()
    assert message.startswith("Action due by (15/01/2023) cannot be before the cycle 2024-26 opened (01/04/2024)")
    assert "change its due date, then restore it" in message
