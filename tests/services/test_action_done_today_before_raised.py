"""An action raised at a meeting still to come cannot be done yet: marked done with no completion
date (today, as it is left empty) it is refused as a date typed before that day is, naming
Completed on and why; and an archived action whose dates come before the day it was raised is
refused on restoring for that reason, not for a meeting that moved."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import update

from bscp_desktop.db.models import Action
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting


def _ahead(db, world) -> tuple[date, mt.AgendaItemDTO]:
    day = date.today() + timedelta(days=30)
    m = meeting(db, world.executive, datetime.combine(day, datetime.min.time()).replace(hour=10))
    return day, mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Preparation"))


def _fields(world, day: date, status: str = "open", completed_on: date | None = None) -> al.ActionFields:
    return al.ActionFields("Prepare the paper", None, world.council.id, day + timedelta(days=10), status, completed_on,
                           "Paper written")


@pytest.mark.slow  # three refusals and the meeting's actions read back
def test_done_with_no_date_is_refused_before_the_day_the_action_is_raised(db, world):
    day, item = _ahead(db, world)
    a = mt.add_item_action(db, item.id, _fields(world, day))
    today = date.today()
    with pytest.raises(ValidationError) as left_empty:
        al.update_action(db, a.id, _fields(world, day, "done"))
    assert left_empty.value.errors == {"completed_on": (
        f"Completed on was left empty, so it would be today ({today:%d/%m/%Y}), before the day the action is raised "
        f"({day:%d/%m/%Y}): it cannot be done until then")}
    with pytest.raises(ValidationError) as typed:
        al.update_action(db, a.id, _fields(world, day, "done", today))
    assert typed.value.errors == {"completed_on": (
        f"Completed on ({today:%d/%m/%Y}) cannot be before the day the action was raised ({day:%d/%m/%Y})")}
    with pytest.raises(ValidationError) as raised_done:  # nor raised already done
        mt.add_item_action(db, item.id, _fields(world, day, "done"))
    assert set(raised_done.value.errors) == {"completed_on"}
    assert [x.status.value for x in mt.list_meeting_actions(db, item.meeting_id)] == ["open"]


def test_restoring_an_action_done_before_the_day_it_was_raised_says_so(db, world):
    day, item = _ahead(db, world)
    a = mt.add_item_action(db, item.id, _fields(world, day))
    today = date.today()
    with db.unit_of_work() as session:  # saved so by an earlier version, which took an empty date as today
        session.execute(update(Action).where(Action.id == a.id).values(status="done", completed_on=today))
    al.archive_action(db, a.id)
    with pytest.raises(ValidationError) as refused:
        al.restore_action(db, a.id)
    assert refused.value.errors == {"completed_on": (
        f"This action was done on {today:%d/%m/%Y}, before the day it was raised ({day:%d/%m/%Y}), so it cannot be "
        "restored; raise it again at the meeting instead")}
