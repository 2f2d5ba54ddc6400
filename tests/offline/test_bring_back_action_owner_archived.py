"""An action raised offline for a person archived on the team database meanwhile is not brought
back under them: bringing back is refused naming the person, as a new action for them is refused
on the team database (on a real PostgreSQL server, skipped with the reason without one)."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import offline as off
from tests.offline.helpers import ALICE, as_officer

pytestmark = pytest.mark.slow  # a team database taken offline to a file and brought back


def test_an_action_for_a_person_archived_meanwhile_is_refused_naming_them(taken):
    server, world, m, items, path = taken
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.add_item_action(local, items[1].id, al.ActionFields(
            "Share the learning brief", owner_person_id=world.head.id, due_date=date(2024, 4, 30)))
    ms.archive_person(server, world.head.id)
    plan = off.plan_bring_back(server, path)
    assert any(world.head.name in problem and "archived" in problem for problem in plan.problems), plan.problems
    with pytest.raises(ValidationError):
        off.bring_back(server, path)
    assert [a for a in mt.list_meeting_actions(server, m.id) if a.description == "Share the learning brief"] == []


def test_an_action_they_owned_already_comes_back_with_its_changes(taken):
    server, world, m, items, path = taken
    action = mt.open_actions_for_review(server, m.id)[0]  # owned by the head, raised at an earlier meeting
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        al.add_progress_update(local, action.id, date(2024, 3, 14), "Letters drafted")
    ms.archive_person(server, world.head.id)
    plan = off.plan_bring_back(server, path)
    assert plan.problems == (), plan.problems
    off.bring_back(server, path)
    assert [u.note for u in al.list_progress_updates(server, action.id)] == ["Letters drafted"]
