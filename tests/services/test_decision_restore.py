"""A decision withdrawn by mistake comes back: as recording it again would be, so not while its
meeting is archived or its agenda item is off the agenda; once the minutes are approved, only
as an amendment with a reason, as withdrawing it was."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting


def _refused(command, *args, **kw) -> dict[str, str]:
    with pytest.raises(ValidationError) as error:
        command(*args, **kw)
    return error.value.errors


def test_a_withdrawn_decision_comes_back_with_its_owner_and_due_date(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    decision = mt.add_decision(db, item.id, mt.DecisionFields("Adopt the strategy", world.chair.id, None,
                                                              date(2024, 6, 30)))
    mt.archive_decision(db, decision.id)
    assert mt.list_decisions(db, m.id) == []
    (withdrawn,) = mt.list_decisions(db, m.id, include_archived=True)
    assert withdrawn.archived

    restored = mt.restore_decision(db, decision.id)
    assert not restored.archived and (restored.text, restored.owner_person_id, restored.due_date) == (
        "Adopt the strategy", world.chair.id, date(2024, 6, 30))
    assert [d.id for d in mt.list_decisions(db, m.id)] == [decision.id]
    assert mt.restore_decision(db, decision.id) == restored  # already back: nothing changes


def test_a_decision_stays_withdrawn_while_its_meeting_or_agenda_item_is_archived(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    decision = mt.add_decision(db, item.id, "Adopt the strategy")
    mt.archive_decision(db, decision.id)
    mt.archive_agenda_item(db, item.id)
    assert _refused(mt.restore_decision, db, decision.id) == {
        "agenda": "The item 'Neglect strategy' was taken off the agenda: restore it first (Agenda page, Show archived), "
                  "then its decision"}
    mt.restore_agenda_item(db, item.id)
    mt.archive_meeting(db, m.id)
    assert _refused(mt.restore_decision, db, decision.id) == {
        "text": "The meeting of 14/03/2024 is archived: restore it first to restore a decision"}
    assert mt.list_decisions(db, m.id, include_archived=True)[0].archived
    mt.restore_meeting(db, m.id)
    assert not mt.restore_decision(db, decision.id).archived


def test_a_decision_of_approved_minutes_comes_back_as_an_amendment_with_a_reason(db, world):
    m = meeting(db, world.forum, datetime(2023, 12, 14, 10), status=MeetingStatus.HELD)
    later = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    decision = mt.add_decision(db, item.id, mt.DecisionFields("Adopt the strategy", None, world.council.id,
                                                              date(2024, 6, 30)))
    mt.circulate_minutes(db, m.id, date(2023, 12, 20))
    mt.approve_minutes(db, m.id, later.id)
    mt.archive_decision(db, decision.id, reason="Withdrawn by mistake")

    refused = _refused(mt.restore_decision, db, decision.id)
    assert set(refused) == {"text", "reason"} and refused["reason"] == "Give the reason for the amendment"
    assert mt.list_decisions(db, m.id) == []
    mt.restore_decision(db, decision.id, reason="Withdrawn from the wrong item")
    assert [d.id for d in mt.list_decisions(db, m.id)] == [decision.id]
    amendment = mt.list_amendments(db, m.id)[-1]
    assert (amendment.decision_id, amendment.reason, amendment.old_text) == (
        decision.id, "Withdrawn from the wrong item", "(withdrawn)")
    assert amendment.new_text.startswith("Adopt the strategy") and "Brent Council" in amendment.new_text
