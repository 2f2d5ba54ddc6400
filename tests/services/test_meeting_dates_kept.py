"""A change to a meeting keeps what its records say true: its minutes were circulated and
approved after it took place, and the actions raised at it are not due or done before it.
Also: copying the last agenda does not repeat items, and minutes returned to draft are no
longer circulated."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import ApprovalMethod, ItemKind, MeetingStatus, MinutesStatus, StandingItem
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting, meeting_fields


def _refused(call) -> dict[str, str]:
    with pytest.raises(ValidationError) as err:
        call()
    return err.value.errors


def test_a_meeting_is_not_moved_after_its_minutes_were_approved_or_called_off(db, world):
    m = meeting(db, world.forum, datetime(2024, 1, 5, 10))
    m = mt.approve_minutes(db, m.id, None, date(2024, 1, 10), method="chairs_action", approved_by="Chair")
    approved = "Its minutes were approved on 10/01/2024"
    for when, status in ((datetime(2024, 1, 20, 10), m.status), (datetime(2030, 1, 20, 10), MeetingStatus.PLANNED)):
        fields = meeting_fields(m, starts_at=when, status=status)
        errors = _refused(lambda f=fields: mt.update_meeting(db, m.id, f, reason="Typo"))
        assert errors == {"starts_at": f"{approved}, so the meeting cannot be after that day"}
    errors = _refused(lambda: mt.update_meeting(db, m.id, meeting_fields(m, status=MeetingStatus.CANCELLED), reason="Off"))
    assert errors == {"status": f"{approved}, so it took place: it cannot be marked cancelled"}
    assert "status" in _refused(lambda: mt.set_meeting_status(db, m.id, MeetingStatus.POSTPONED))
    kept = mt.get_meeting(db, m.id)
    assert (kept.starts_at, kept.status, kept.minutes_status) == (m.starts_at, m.status, MinutesStatus.APPROVED)
    # on or before the approval day it may move
    moved = mt.update_meeting(db, m.id, meeting_fields(m, starts_at=datetime(2024, 1, 10, 9)), reason="Was the 10th")
    assert moved.starts_at == datetime(2024, 1, 10, 9)


def test_a_meeting_is_not_moved_after_its_minutes_were_circulated_or_called_off(db, world):
    m = meeting(db, world.forum, datetime(2024, 1, 5, 10))
    m = mt.circulate_minutes(db, m.id, date(2024, 1, 10))
    circulated = "Its minutes were circulated on 10/01/2024"
    errors = _refused(lambda: mt.update_meeting(
        db, m.id, meeting_fields(m, starts_at=datetime(2030, 1, 20, 10), status=MeetingStatus.PLANNED)))
    assert errors == {"starts_at": f"{circulated}, so the meeting cannot be after that day"}
    errors = _refused(lambda: mt.update_meeting(db, m.id, meeting_fields(m, status=MeetingStatus.CANCELLED)))
    assert errors == {"status": f"{circulated}, so it took place: it cannot be marked cancelled"}
    assert _refused(lambda: mt.set_meeting_status(db, m.id, MeetingStatus.POSTPONED)) == {
        "status": f"{circulated}, so it took place: it cannot be marked postponed"}
    assert mt.get_meeting(db, m.id).status is MeetingStatus.HELD
    # draft minutes hold no such date: the meeting may be called off
    draft = mt.return_minutes_to_draft(db, m.id)
    assert mt.set_meeting_status(db, draft.id, MeetingStatus.POSTPONED).status is MeetingStatus.POSTPONED


def test_minutes_returned_to_draft_are_no_longer_circulated(db, world):
    m = meeting(db, world.forum, datetime(2024, 1, 5, 10))
    mt.circulate_minutes(db, m.id, date(2024, 1, 10))
    m = mt.return_minutes_to_draft(db, m.id)
    assert (m.minutes_status, m.minutes_circulated_on, m.minutes_state) == (MinutesStatus.DRAFT, None, "Draft")
    m = mt.approve_minutes(db, m.id, None, date(2024, 2, 1), method="email", approved_by="Members")
    assert m.minutes_circulated_on == date(2024, 2, 1)  # not the 10/01 of the minutes revised since


def test_a_meeting_is_not_moved_after_the_actions_raised_at_it(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Item"))
    mt.add_item_action(db, item.id, al.ActionFields("Do it", owner_person_id=world.head.id,
                                                    due_date=date(2024, 3, 31), status="done",
                                                    completed_on=date(2024, 3, 20), evidence="Done"))
    mt.add_item_action(db, item.id, al.ActionFields("Later", owner_person_id=world.head.id,
                                                    due_date=date(2024, 6, 30)))
    errors = _refused(lambda: mt.update_meeting(db, m.id, meeting_fields(m, starts_at=datetime(2024, 4, 15, 10))))
    assert errors == {"starts_at": "An action raised at this meeting would be due or done before 15/04/2024: "
                                   "'Do it' (due 31/03/2024, done 20/03/2024). Change it first"}
    assert mt.get_meeting(db, m.id).starts_at == datetime(2024, 3, 14, 10)
    # earlier, or later but not past the actions' dates, it moves
    assert mt.update_meeting(db, m.id, meeting_fields(m, starts_at=datetime(2024, 3, 20, 10))).date == date(2024, 3, 20)
    assert mt.update_meeting(db, m.id, meeting_fields(m, starts_at=datetime(2024, 3, 1, 10))).date == date(2024, 3, 1)


def test_copying_the_last_agenda_repeats_no_item_already_on_it(db, world):
    mt.set_standing_items(db, world.forum.id, [
        StandingItem("Welcome", ItemKind.WELCOME, 5), StandingItem("Risk register", ItemKind.ORDINARY, 10),
        StandingItem("Any other business", ItemKind.AOB, 5)])
    first = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Forum", datetime(2024, 2, 29, 10)),
                              standing_items=True)
    mt.add_agenda_item(db, first.id, mt.AgendaItemFields("Neglect  strategy"), position=2)
    second = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Forum", datetime(2024, 4, 1, 10)),
                               standing_items=True)
    mt.add_agenda_item(db, second.id, mt.AgendaItemFields("neglect strategy "), position=2)
    mt.add_agenda_item(db, first.id, mt.AgendaItemFields("Early help"), position=3)
    assert mt.copy_last_agenda(db, second.id)[0] == 1
    titles = ["Welcome", "neglect strategy", "Early help", "Risk register", "Any other business"]  # in the copied order
    assert [i.title for i in mt.list_agenda(db, second.id)] == titles
    with pytest.raises(ValidationError, match="Every item on the agenda of 29/02/2024 is on this one already"):
        mt.copy_last_agenda(db, second.id)  # a second copy has nothing to add, and says so
    assert [i.title for i in mt.list_agenda(db, second.id)] == titles
    mt.save_item_minutes(db, mt.list_agenda(db, second.id)[0].id, "Welcomed")
    mt.approve_minutes(db, second.id, None, date(2024, 4, 2), method=ApprovalMethod.EMAIL, approved_by="Chair")
    with pytest.raises(ValidationError, match="nothing to copy"):  # before any amendment is recorded
        mt.copy_last_agenda(db, second.id, reason="Agenda completed")
    assert mt.list_amendments(db, second.id) == []


def test_an_archived_action_comes_back_only_where_a_save_would_let_it(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Item"))
    action = mt.add_item_action(db, item.id, al.ActionFields("Write to schools", owner_person_id=world.head.id,
                                                             due_date=date(2024, 3, 31)))
    al.archive_action(db, action.id)
    moved = mt.update_meeting(db, m.id, meeting_fields(m, starts_at=datetime(2024, 4, 15, 10)))  # archived: not counted
    assert _refused(lambda: al.restore_action(db, action.id)) == {
        "due_date": "This action was due on 31/03/2024, before the day it was raised (15/04/2024: its meeting has "
                    "moved since it was archived), so it cannot be restored; raise it again at the meeting instead"}
    mt.update_meeting(db, m.id, meeting_fields(moved, starts_at=datetime(2024, 3, 14, 10)))
    mt.archive_meeting(db, m.id)
    assert _refused(lambda: al.restore_action(db, action.id)) == {
        "meeting_id": "The meeting of 14/03/2024 this action was raised at is archived: restore it first"}
    assert al.list_actions(db, include_archived=True)[0].archived
    mt.restore_meeting(db, m.id)
    al.restore_action(db, action.id)
    assert not al.list_actions(db)[0].archived


def test_a_meeting_is_not_moved_after_the_decisions_recorded_at_it(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Item"))
    mt.add_decision(db, item.id, mt.DecisionFields("Adopt the neglect strategy", world.head.id, None,
                                                   date(2024, 3, 31)))
    mt.add_decision(db, item.id, mt.DecisionFields("Review it in a year", world.head.id, None, date(2025, 3, 31)))
    withdrawn = mt.add_decision(db, item.id, mt.DecisionFields("Withdrawn", world.head.id, None, date(2024, 3, 20)))
    mt.archive_decision(db, withdrawn.id)
    errors = _refused(lambda: mt.update_meeting(db, m.id, meeting_fields(m, starts_at=datetime(2024, 4, 15, 10))))
    assert errors == {"starts_at": "A decision recorded at this meeting would be due before 15/04/2024: "
                                   "'Adopt the neglect strategy' (due 31/03/2024). Change it first"}
    assert mt.get_meeting(db, m.id).starts_at == datetime(2024, 3, 14, 10)
    # with an action too, both are named
    mt.add_item_action(db, item.id, al.ActionFields("Write to schools", owner_person_id=world.head.id,
                                                    due_date=date(2024, 4, 1)))
    errors = _refused(lambda: mt.update_meeting(db, m.id, meeting_fields(m, starts_at=datetime(2024, 4, 15, 10))))
    assert errors == {"starts_at": "An action raised at this meeting would be due or done before 15/04/2024: "
                                   "'Write to schools' (due 01/04/2024). Change it first. A decision recorded at "
                                   "this meeting would be due before 15/04/2024: 'Adopt the neglect strategy' "
                                   "(due 31/03/2024). Change it first"}
    # later, but not past the decision's due date, it moves
    assert mt.update_meeting(db, m.id, meeting_fields(m, starts_at=datetime(2024, 3, 31, 10))).date == date(2024, 3, 31)


def test_a_meeting_is_not_moved_to_a_day_when_people_on_its_register_were_no_longer_members(db, world):
    from bscp_desktop.services import attendance as at
    from bscp_desktop.services import memberships as ms

    m = meeting(db, world.forum, datetime(2024, 5, 16, 10))
    at.prefill_attendance(db, m.id)
    at.add_attendee(db, m.id, at.AttendeeFields(None, "Visiting Speaker"))  # a guest is no member
    for person in (world.head, world.nurse):
        (seat,) = [s for s in ms.list_memberships(db, group_id=world.forum.id) if s.person_id == person.id]
        ms.update_membership(db, seat.id, ms.MembershipFields(seat.person_id, seat.group_id, seat.role,
                                                              seat.start_date, date(2024, 5, 31), seat.organisation_id))
    errors = _refused(lambda: mt.update_meeting(db, m.id, meeting_fields(m, starts_at=datetime(2024, 6, 13, 10))))
    assert errors == {"starts_at": f"2 people on this meeting's register would not be members of the Safeguarding "
                                   f"Children Forum on 13/06/2024: {world.head.name}; {world.nurse.name}. Take them "
                                   "off the register first"}
    assert mt.get_meeting(db, m.id).starts_at == datetime(2024, 5, 16, 10)
    row = {r.person_id: r for r in at.list_attendance(db, m.id)}
    at.remove_attendee(db, row[world.head.id].id)
    errors = _refused(lambda: mt.update_meeting(db, m.id, meeting_fields(m, starts_at=datetime(2024, 6, 13, 10))))
    assert errors == {"starts_at": "A person on this meeting's register would not be a member of the Safeguarding "
                                   f"Children Forum on 13/06/2024: {world.nurse.name}. Take them off the register first"}
    at.remove_attendee(db, row[world.nurse.id].id)
    assert mt.update_meeting(db, m.id, meeting_fields(m, starts_at=datetime(2024, 6, 13, 10))).date == date(2024, 6, 13)
    # a move within their time on the group is no matter
    assert mt.update_meeting(db, m.id, meeting_fields(m, starts_at=datetime(2024, 5, 20, 10))).date == date(2024, 5, 20)
