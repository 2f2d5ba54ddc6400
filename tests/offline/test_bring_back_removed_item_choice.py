"""An agenda item removed on the team database while the copy recorded a decision under it: the
plan names the problem only for the choice that causes it (on a real PostgreSQL server, skipped
with the reason without one)."""

from __future__ import annotations

import dataclasses

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import offline as off
from tests.offline.helpers import ALICE, as_officer


def _removed_there_with_a_decision_offline(server, m, items, path):
    item = items[1]
    with Database.open(path, create=False) as local:
        as_officer(local, ALICE)
        mt.add_decision(local, item.id, "Refer the themes to the Executive Group.")
        mt.update_agenda_item(local, item.id, dataclasses.replace(
            mt.AgendaItemFields(item.title, kind=item.kind), presenter="Dr Ann Lee"))
    as_officer(server, "Bob Manager")
    off.release_meeting(server, m.id, "laptop lost")
    mt.archive_agenda_item(server, item.id)
    as_officer(server, ALICE)


def test_a_problem_only_keeping_the_team_databases_side_causes_does_not_stop_the_copy(taken):
    server, _world, m, items, path = taken
    _removed_there_with_a_decision_offline(server, m, items, path)

    plan = off.plan_bring_back(server, path)
    assert [c.removed for c in plan.conflicts] == [True]
    assert plan.problems == ()
    assert "It cannot be brought back until this is put right" not in plan.summary
    assert len(plan.if_kept) == 1 and plan.if_kept[0].startswith(
        f"If you keep the team database's side, leaving what was removed there removed: Agenda item 2: "
        f"{items[1].title}: as brought back it would be removed from the agenda, yet it holds 1 decision")
    assert plan.if_kept[0] in plan.summary

    with pytest.raises(ValidationError, match="it holds 1 decision"):
        off.bring_back(server, path, prefer=off.SERVER)
    off.bring_back(server, path, prefer=off.OFFLINE)
    item = mt.get_agenda_item(server, items[1].id)
    assert item.archived_at is None and item.presenter == "Dr Ann Lee"
    assert [d.text for d in mt.list_decisions(server, m.id)] == ["Refer the themes to the Executive Group."]
