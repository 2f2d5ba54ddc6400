"""A meeting's move or status keeps what its records say true, and never leaves it stuck: the
meeting that approved earlier minutes moves earlier with the circulation day only copied from
that approval; a meeting its records show took place is not set back to planned; a move is
refused that would leave its actions updated before they were raised."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.domain.meetings import MeetingStatus, MinutesStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting, meeting_fields

pytestmark = pytest.mark.slow  # each builds a partnership and moves meetings: about half a second


def _refused(call) -> dict[str, str]:
    with pytest.raises(ValidationError) as err:
        call()
    return err.value.errors


def _history(db, meeting_id: int, field: str) -> list[tuple[str | None, str | None]]:
    with db.unit_of_work() as s:
        return [tuple(row) for row in s.execute(select(ChangeRecord.old_value, ChangeRecord.new_value).where(
            ChangeRecord.table_name == "meeting", ChangeRecord.record_id == meeting_id,
            ChangeRecord.field == field).order_by(ChangeRecord.id))]


def test_the_approving_meeting_moves_earlier_with_a_circulation_day_copied_from_the_approval(db, world):
    earlier = meeting(db, world.forum, datetime(2025, 4, 9, 10), status=MeetingStatus.HELD)
    approver = meeting(db, world.forum, datetime(2025, 7, 9, 10), status=MeetingStatus.HELD)
    approved = mt.approve_minutes(db, earlier.id, approver.id)
    assert approved.minutes_circulated_on == approved.minutes_approved_on == date(2025, 7, 9)
    moved = mt.update_meeting(db, approver.id, meeting_fields(approver, starts_at=datetime(2025, 7, 8, 10)), reason="Met on the 8th")
    assert moved.starts_at == datetime(2025, 7, 8, 10)
    kept = mt.get_meeting(db, earlier.id)
    assert (kept.minutes_status, kept.minutes_approved_on, kept.minutes_circulated_on) == (
        MinutesStatus.APPROVED, date(2025, 7, 8), date(2025, 7, 8))
    for field in ("minutes_approved_on", "minutes_circulated_on"):  # the history records both dates moving
        assert _history(db, earlier.id, field)[-1] == ("2025-07-09", "2025-07-08")
    # minutes circulated on a day of their own still hold the meeting that approved them after it
    own = meeting(db, world.forum, datetime(2025, 9, 4, 10), status=MeetingStatus.HELD)
    later = meeting(db, world.forum, datetime(2025, 11, 6, 10), status=MeetingStatus.HELD)
    mt.circulate_minutes(db, own.id, date(2025, 10, 1))
    mt.approve_minutes(db, own.id, later.id)
    errors = _refused(lambda: mt.update_meeting(
        db, later.id, meeting_fields(later, starts_at=datetime(2025, 9, 30, 10)), reason="Wrong day"))
    assert errors == {"starts_at": "It approved the minutes of the meeting of 04/09/2025, which were circulated on "
                                   "01/10/2025: it cannot be on 30/09/2025, before they were circulated"}
    mt.update_meeting(db, later.id, meeting_fields(later, starts_at=datetime(2025, 10, 15, 10)), reason="Wrong day")
    kept = mt.get_meeting(db, own.id)
    assert (kept.minutes_approved_on, kept.minutes_circulated_on) == (date(2025, 10, 15), date(2025, 10, 1))


def test_a_meeting_its_records_show_took_place_is_not_set_back_to_planned(db, world):
    earlier = meeting(db, world.forum, datetime(2025, 4, 9, 10), status=MeetingStatus.HELD)
    approver = meeting(db, world.forum, datetime(2025, 7, 9, 10))
    mt.approve_minutes(db, earlier.id, approver.id)
    assert mt.get_meeting(db, approver.id).status is MeetingStatus.HELD  # marked held by the approval
    why = "It approved the minutes of the meeting of 09/04/2025, so it took place: it cannot be marked planned"
    assert _refused(lambda: mt.set_meeting_status(db, approver.id, MeetingStatus.PLANNED)) == {"status": why}
    approver = mt.get_meeting(db, approver.id)
    assert _refused(lambda: mt.update_meeting(
        db, approver.id, meeting_fields(approver, status=MeetingStatus.PLANNED), reason="Not held")) == {"status": why}
    circulated = meeting(db, world.forum, datetime(2025, 9, 10, 10))
    mt.circulate_minutes(db, circulated.id, date(2025, 9, 20))
    assert _refused(lambda: mt.set_meeting_status(db, circulated.id, MeetingStatus.PLANNED)) == {
        "status": "Its minutes were circulated on 20/09/2025, so it took place: it cannot be marked planned"}
    assert _refused(lambda: mt.set_meeting_status(db, earlier.id, MeetingStatus.PLANNED)) == {
        "status": "Its minutes were approved on 09/07/2025, so it took place: it cannot be marked planned"}
    for m in (approver, circulated, earlier):
        assert mt.get_meeting(db, m.id).status is MeetingStatus.HELD
    # a meeting marked held by hand, with nothing recorded, may still go back to planned
    by_hand = meeting(db, world.forum, datetime(2025, 10, 1, 10), status=MeetingStatus.HELD)
    assert mt.set_meeting_status(db, by_hand.id, MeetingStatus.PLANNED).status is MeetingStatus.PLANNED


def test_a_move_that_leaves_a_progress_update_before_its_action_was_raised_is_refused(db, world):
    m = meeting(db, world.forum, datetime(2025, 3, 12, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect"))
    action = mt.add_item_action(db, item.id, al.ActionFields("Write plan", owner_person_id=world.nurse.id,
                                                             due_date=date(2025, 6, 30)))
    al.add_progress_update(db, action.id, date(2025, 3, 20), "Draft started")
    al.add_progress_update(db, action.id, date(2025, 3, 25), "Draft shared")
    errors = _refused(lambda: mt.update_meeting(db, m.id, meeting_fields(m, starts_at=datetime(2025, 4, 1, 10))))
    assert errors == {"starts_at": "An action raised at this meeting would have been updated before 01/04/2025, the "
                                   "day it was raised: 'Write plan' (update 20/03/2025, update 25/03/2025). Progress "
                                   "updates are kept as written: move the meeting to 20/03/2025 or earlier, or "
                                   "withdraw that action first"}
    assert mt.get_meeting(db, m.id).starts_at == datetime(2025, 3, 12, 10)
    # on the day of its first update it may move: an update on the day the action was raised is allowed
    assert mt.update_meeting(db, m.id, meeting_fields(m, starts_at=datetime(2025, 3, 20, 10))).starts_at.date() == date(2025, 3, 20)
    assert [u.on for u in al.list_progress_updates(db, action.id)] == [date(2025, 3, 20), date(2025, 3, 25)]


def test_an_action_withdrawn_then_its_meeting_moved_past_its_update_is_not_restored_before_it(db, world):
    m = meeting(db, world.forum, datetime(2025, 3, 12, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect"))
    action = mt.add_item_action(db, item.id, al.ActionFields("Write plan", owner_person_id=world.nurse.id,
                                                             due_date=date(2025, 6, 30)))
    al.add_progress_update(db, action.id, date(2025, 3, 20), "Draft started")
    al.archive_action(db, action.id)  # withdrawn: the meeting may now move past its update
    mt.update_meeting(db, m.id, meeting_fields(m, starts_at=datetime(2025, 4, 1, 10)))
    assert _refused(lambda: al.restore_action(db, action.id)) == {
        "updates": "This action has a progress update of 20/03/2025, before the day it was raised (01/04/2025), so "
                   "it cannot be restored: progress updates are kept as written; move the meeting to 20/03/2025 or "
                   "earlier, then restore it"}
    assert _archived(db, action.id)
    mt.update_meeting(db, m.id, meeting_fields(mt.get_meeting(db, m.id), starts_at=datetime(2025, 3, 20, 10)))
    al.restore_action(db, action.id)
    assert not _archived(db, action.id)


def _archived(db, action_id: int) -> bool:
    with db.unit_of_work() as s:
        return al.get_action_in(s, action_id).archived
