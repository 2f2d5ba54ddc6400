"""A new Section 11 cycle while the earlier one still has open improvement actions: the actions
stay in the action log under the earlier cycle, and the service counts them so the New cycle
dialog and the new cycle's summary can say so."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import RatingScale
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_follow_on as follow_on
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11

D = date


@pytest.fixture
def earlier(db):
    """2024-26 with Brent Council's three improvement actions, one of them done."""
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", D(2024, 4, 1), D(2024, 6, 28)))
    [part] = s11.add_agencies(db, cycle.id, [council.id])
    standards = s11.list_standards(db, cycle.id)
    for standard, action in zip(standards, ("Refresh the policy", "Name a lead", "Train the staff", "Audit files"), strict=False):
        sr.save_rating(db, part.id, standard.id, sr.RatingFields("Amber", action=action, action_due=D(2025, 3, 31)))
    done = action_log.list_actions(db)[0]
    action_log.update_action(db, done.id, action_log.ActionFields(
        done.description, owner_organisation_id=council.id, due_date=D(2025, 3, 31),
        status=ActionStatus.DONE, completed_on=D(2025, 1, 6), evidence="Published"))
    return cycle


def test_the_open_actions_of_a_cycle_are_counted(db, earlier):
    assert follow_on.open_actions_left(db, earlier.id) == 3


def test_a_new_cycle_is_told_of_the_earlier_cycles_open_actions(db, earlier):
    note = follow_on.new_cycle_note(db, D(2026, 11, 2), None, RatingScale.RAG)
    assert note == "2024-26 has 3 improvement actions still open: they stay in the action log under 2024-26."
    chosen = follow_on.new_cycle_note(db, D(2026, 11, 2), earlier.id, RatingScale.SCORE)
    assert chosen == note  # chosen, it is compared whatever the scale


def test_nothing_is_said_when_the_new_cycle_compares_with_no_cycle_with_open_actions(db, earlier):
    assert follow_on.new_cycle_note(db, D(2026, 11, 2), None, RatingScale.SCORE) == ""  # a score is not a colour
    assert follow_on.new_cycle_note(db, D(2024, 1, 1), None, RatingScale.RAG) == ""  # opens before 2024-26
    assert follow_on.new_cycle_note(db, None, None, RatingScale.RAG) == ""


def test_creating_the_new_cycle_leaves_the_actions_under_the_earlier_one(db, earlier):
    new = s11.create_cycle(db, s11.CycleFields("2026-28", D(2026, 11, 2), D(2027, 1, 29)))
    assert new.compare_with_id == earlier.id
    assert follow_on.open_actions_left(db, earlier.id) == 3 and sr.cycle_actions(db, new.id) == []


def test_one_open_action_is_said_in_the_singular():
    assert follow_on.open_actions_sentence("2024-26", 1) == (
        "2024-26 has 1 improvement action still open: it stays in the action log under 2024-26.")
    assert follow_on.open_actions_sentence("2024-26", 0) == ""


def test_the_new_cycles_summary_says_how_many_of_the_earlier_cycles_actions_are_open(db, earlier):
    from bscp_desktop.jobs.audits import cycle_report

    new = s11.create_cycle(db, s11.CycleFields("2026-28", D(2026, 11, 2), D(2027, 1, 29)))
    assert cycle_report(db, new.id, D(2026, 12, 7)).previous_open_actions == 3
    assert cycle_report(db, earlier.id, D(2026, 12, 7)).previous_open_actions == 0  # it compares with none
