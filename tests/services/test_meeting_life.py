"""A meeting's life follows what happened: held, circulated, approved (issue: daily use, point 1)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from bscp_desktop.domain.meetings import MeetingStatus, MinutesStatus, approval_problem, circulation_problem
from bscp_desktop.domain.memberships import Role
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting, meeting_fields


def test_a_meeting_cannot_be_held_before_its_date(db, world):
    soon = datetime.combine(date.today() + timedelta(days=10), datetime.min.time()).replace(hour=10)
    with pytest.raises(ValidationError) as err:
        meeting(db, world.forum, soon, status=MeetingStatus.HELD)
    assert "cannot be marked held before its date" in err.value.errors["status"]
    future = meeting(db, world.forum, soon)
    with pytest.raises(ValidationError):
        mt.mark_held(db, future.id)
    past = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    assert mt.mark_held(db, past.id).status is MeetingStatus.HELD


def test_circulating_minutes_marks_a_planned_meeting_held_and_not_before_its_date(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    with pytest.raises(ValidationError) as err:
        mt.circulate_minutes(db, m.id, date(2024, 3, 13))
    assert err.value.errors["minutes_circulated_on"].startswith("Minutes cannot be circulated (13/03/2024)")
    assert mt.get_meeting(db, m.id).minutes_status is MinutesStatus.DRAFT  # nothing half-saved
    with pytest.raises(ValidationError):
        mt.circulate_minutes(db, m.id, date.today() + timedelta(days=1))
    done = mt.circulate_minutes(db, m.id, date(2024, 3, 20))
    assert done.status is MeetingStatus.HELD and done.minutes_status is MinutesStatus.CIRCULATED


def test_cancelled_meetings_have_no_minutes_to_circulate_or_approve(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.CANCELLED)
    later = meeting(db, world.forum, datetime(2024, 6, 13, 10))
    with pytest.raises(ValidationError, match="cancelled"):
        mt.circulate_minutes(db, m.id, date(2024, 3, 20))
    with pytest.raises(ValidationError, match="cancelled"):
        mt.approve_minutes(db, m.id, later.id)


def test_approval_date_is_never_in_the_future_and_marks_both_meetings_held(db, world):
    m = meeting(db, world.forum, datetime(2023, 12, 14, 10))
    later = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    chair = {"method": "chairs_action", "approved_by": "The Independent Chair"}
    with pytest.raises(ValidationError) as err:
        mt.approve_minutes(db, m.id, None, on=date.today() + timedelta(days=3), **chair)
    assert "cannot be in the future" in err.value.errors["on"]
    with pytest.raises(ValidationError, match="cannot be before the meeting"):
        mt.approve_minutes(db, m.id, None, on=date(2023, 12, 1), **chair)
    for other_day in (date(2024, 1, 20), date(2024, 3, 20)):  # at a meeting: on its day, neither before nor after
        with pytest.raises(ValidationError) as err:
            mt.approve_minutes(db, m.id, later.id, on=other_day)
        assert err.value.errors == {"on": "Minutes approved at the meeting of 14/03/2024 were approved that day: "
                                          "for another day, choose the chair's action or e-mail"}
    approved = mt.approve_minutes(db, m.id, later.id)
    assert approved.status is MeetingStatus.HELD and approved.minutes_approved_on == date(2024, 3, 14)
    assert mt.get_meeting(db, later.id).status is MeetingStatus.HELD
    # its date corrected: the approval follows it
    mt.update_meeting(db, later.id, meeting_fields(mt.get_meeting(db, later.id), starts_at=datetime(2024, 3, 21, 10)))
    assert mt.get_meeting(db, m.id).minutes_approved_on == date(2024, 3, 21)


def test_minutes_are_not_approved_at_a_meeting_yet_to_happen(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    ahead = meeting(db, world.forum, datetime.combine(date.today() + timedelta(days=30), datetime.min.time()))
    with pytest.raises(ValidationError) as err:
        mt.approve_minutes(db, m.id, ahead.id)
    assert "has not taken place yet" in err.value.errors["approved_at_meeting_id"]


def test_monitoring_says_how_many_past_meetings_are_still_planned(db, world):
    meeting(db, world.forum, datetime(2024, 3, 14, 10))
    meeting(db, world.forum, datetime(2024, 1, 11, 10), status=MeetingStatus.HELD)
    report = at.attendance_monitoring(db, date(2023, 4, 1), date(2024, 3, 31))
    assert report.planned_but_past == 1 and report.meetings_held == 1


def test_domain_rules_name_the_dates():
    assert circulation_problem(date(2024, 3, 14), MeetingStatus.HELD, date(2024, 3, 14), date(2024, 4, 1)) is None
    assert "(14/03/2024)" in circulation_problem(date(2024, 3, 14), MeetingStatus.HELD, date(2024, 3, 1), date(2024, 4, 1))
    assert approval_problem(date(2024, 3, 14), MeetingStatus.PLANNED, date(2024, 5, 1), date(2024, 4, 1)).startswith(
        "The approval date (01/05/2024) cannot be in the future"
    )


def test_an_approval_of_minutes_stays_true_whatever_changes_either_meeting(db, world):
    m = meeting(db, world.forum, datetime(2024, 1, 11, 10))
    later = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    mt.approve_minutes(db, m.id, later.id)
    later = mt.get_meeting(db, later.id)
    refused = {}
    for changes in ({"starts_at": datetime(2024, 1, 4, 10)}, {"group_id": world.executive.id},
                    {"status": MeetingStatus.CANCELLED}):
        with pytest.raises(ValidationError) as err:
            mt.update_meeting(db, later.id, meeting_fields(later, **changes), reason="Tidying")
        refused.update(err.value.errors)
    assert refused["starts_at"] == ("It approved the minutes of the meeting of 11/01/2024, so it cannot be on or "
                                    "before that day")
    assert refused["group_id"] == "It approved the minutes of the meeting of 11/01/2024: it stays a meeting of the same group"
    assert refused["status"].endswith("so it took place: it cannot be marked cancelled")
    with pytest.raises(ValidationError, match="took place"):
        mt.set_meeting_status(db, later.id, MeetingStatus.POSTPONED)
    with pytest.raises(ValidationError, match="record of that approval"):
        mt.archive_meeting(db, later.id)
    # the meeting whose minutes were approved stays before the one that approved them
    m = mt.get_meeting(db, m.id)
    with pytest.raises(ValidationError) as err:
        mt.update_meeting(db, m.id, meeting_fields(m, starts_at=datetime(2024, 3, 21, 10)), reason="Wrong day")
    assert err.value.errors == {"starts_at": "Its minutes were approved at the meeting of 14/03/2024, so it must be "
                                             "before that meeting"}
    assert mt.get_meeting(db, later.id).status is MeetingStatus.HELD and mt.get_meeting(db, later.id).archived_at is None
    # a change that keeps the approval true is made
    moved = mt.update_meeting(db, later.id, meeting_fields(later, starts_at=datetime(2024, 3, 15, 10)), reason="Moved a day")
    assert moved.starts_at == datetime(2024, 3, 15, 10)


def test_minutes_are_not_approved_at_an_archived_meeting(db, world):
    m = meeting(db, world.forum, datetime(2024, 1, 11, 10))
    later = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    mt.archive_meeting(db, later.id)
    with pytest.raises(ValidationError) as err:
        mt.approve_minutes(db, m.id, later.id)
    assert err.value.errors["approved_at_meeting_id"] == ("The meeting of 14/03/2024 is archived: restore it first if "
                                                          "it approved these minutes")


def test_the_minutes_of_an_archived_meeting_are_not_saved_circulated_or_approved(db, world):
    """A colleague may archive the meeting while the officer types its minutes: the minutes
    are refused (the editor keeps the words on screen, Not saved), and so is the workflow."""
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Budget"))
    mt.save_item_minutes(db, item.id, "Agreed.")
    mt.archive_meeting(db, m.id)
    archived = "The meeting of 14/03/2024 is archived: restore it first to "
    for call, to_do in (
        (lambda: mt.save_item_minutes(db, item.id, "Agreed. More typed."), "save its minutes"),
        (lambda: mt.circulate_minutes(db, m.id, date(2024, 3, 20)), "mark its minutes circulated"),
        (lambda: mt.approve_minutes(db, m.id, None, date(2024, 3, 20), method="email", approved_by="Chair"),
         "approve its minutes"),
    ):
        with pytest.raises(ValidationError) as err:
            call()
        assert err.value.errors == {"minutes": archived + to_do}
    assert mt.get_agenda_item(db, item.id).minutes == "Agreed."
    assert mt.get_meeting(db, m.id).minutes_status is MinutesStatus.DRAFT
    mt.restore_meeting(db, m.id)
    assert mt.save_item_minutes(db, item.id, "Agreed. More typed.").changed
    assert mt.circulate_minutes(db, m.id, date(2024, 3, 20)).minutes_status is MinutesStatus.CIRCULATED


def test_an_archived_meetings_agenda_decisions_actions_and_workflow_are_not_changed(db, world):
    """Archived (perhaps by a colleague while the meeting was open): its agenda, decisions,
    actions and the return of its minutes to draft are refused as its minutes are, naming the
    field, before any amendment reason is asked for; restored, they are taken again."""
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Budget"))
    other = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Training"))
    spare = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Spare"))
    decision = mt.add_decision(db, item.id, "Agreed the budget")
    mt.circulate_minutes(db, m.id, date(2024, 3, 20))
    mt.archive_meeting(db, m.id)
    archived = "The meeting of 14/03/2024 is archived: restore it first to "
    for call, field, to_do in (
        (lambda: mt.add_decision(db, item.id, "Agreed to write to the ICB"), "text", "record a decision"),
        (lambda: mt.update_decision(db, decision.id, "Agreed the budget as amended"), "text", "change a decision"),
        (lambda: mt.update_decision(db, decision.id, mt.DecisionFields("Agreed the budget", evidence="Spent")),
         "text", "change a decision"),
        (lambda: mt.archive_decision(db, decision.id), "text", "withdraw a decision"),
        (lambda: mt.add_item_action(db, item.id, al.ActionFields("Send the budget round", owner_person_id=world.head.id,
                                                                 due_date=date(2024, 9, 30))),
         "description", "record an action"),
        (lambda: mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Late item")), "agenda", "change its agenda"),
        (lambda: mt.update_agenda_item(db, item.id, mt.AgendaItemFields("Budget 2024/25")), "agenda", "change its agenda"),
        (lambda: mt.move_agenda_item(db, other.id, -1), "agenda", "change its agenda"),
        (lambda: mt.reorder_agenda(db, m.id, [other.id, item.id, spare.id]), "agenda", "change its agenda"),
        (lambda: mt.archive_agenda_item(db, spare.id), "agenda", "change its agenda"),
        (lambda: mt.apply_standing_items(db, m.id), "agenda", "change its agenda"),
        (lambda: mt.return_minutes_to_draft(db, m.id), "minutes", "return its minutes to draft"),
    ):
        with pytest.raises(ValidationError) as err:
            call()
        assert err.value.errors == {field: archived + to_do}
    assert [(i.title, i.position) for i in mt.list_agenda(db, m.id)] == [("Budget", 1), ("Training", 2), ("Spare", 3)]
    assert [(d.text, d.evidence) for d in mt.list_decisions(db, m.id)] == [("Agreed the budget", "")]
    assert mt.list_meeting_actions(db, m.id) == []
    assert mt.get_meeting(db, m.id).minutes_status is MinutesStatus.CIRCULATED
    mt.restore_meeting(db, m.id)
    mt.archive_agenda_item(db, spare.id)
    mt.archive_meeting(db, m.id)
    with pytest.raises(ValidationError) as err:  # nor put back on its agenda
        mt.restore_agenda_item(db, spare.id)
    assert err.value.errors == {"agenda": archived + "change its agenda"}
    mt.restore_meeting(db, m.id)
    assert mt.add_decision(db, item.id, "Agreed to write to the ICB").text == "Agreed to write to the ICB"
    assert mt.return_minutes_to_draft(db, m.id).minutes_status is MinutesStatus.DRAFT


def test_an_archived_meeting_with_approved_minutes_is_refused_before_a_reason_is_asked(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Budget"))
    mt.approve_minutes(db, m.id, None, date(2024, 3, 20), method="email", approved_by="Chair")
    mt.archive_meeting(db, m.id)
    with pytest.raises(ValidationError) as err:
        mt.add_decision(db, item.id, "Agreed the budget", reason="Left out by mistake")
    assert err.value.errors == {"text": "The meeting of 14/03/2024 is archived: restore it first to record a decision"}
    assert mt.list_amendments(db, m.id) == []  # no amendment recorded for a change refused


# ---------------------------------------------------------------- a meeting that did not take place


def test_a_meeting_with_records_of_what_happened_is_not_marked_cancelled_or_postponed(db, world):
    m = meeting(db, world.forum, datetime(2024, 9, 12, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    mt.save_item_minutes(db, item.id, "The Forum discussed and agreed the strategy.")
    decision = mt.add_decision(db, item.id, "Adopt the neglect strategy")
    action = mt.add_item_action(db, item.id, al.ActionFields("Publish the strategy", owner_person_id=world.head.id,
                                                             due_date=date(2024, 12, 1)))
    at.prefill_attendance(db, m.id)
    register = at.list_attendance(db, m.id)
    at.set_attendance(db, [r.id for r in register[:2]], "present")
    with pytest.raises(ValidationError) as err:
        mt.set_meeting_status(db, m.id, MeetingStatus.CANCELLED)
    assert err.value.errors == {"status": (
        "This meeting has 1 decision, 1 action, minutes typed under 1 agenda item and 2 people marked present (in "
        "person, by deputy or as a guest) on its register, so it took place: it cannot be marked cancelled. First "
        "withdraw the decisions and actions, clear the minutes and mark those people absent or take them off the "
        "register")}
    with pytest.raises(ValidationError) as err:  # changing the meeting's details too
        mt.update_meeting(db, m.id, meeting_fields(mt.get_meeting(db, m.id), status=MeetingStatus.POSTPONED))
    assert "it cannot be marked postponed" in err.value.errors["status"]
    assert mt.get_meeting(db, m.id).status is MeetingStatus.HELD
    # taken off one by one, the meeting is called off
    mt.archive_decision(db, decision.id)
    al.archive_action(db, action.id)
    mt.save_item_minutes(db, item.id, "")
    at.set_attendance(db, [r.id for r in register[:1]], "apologies")
    with pytest.raises(ValidationError) as err:
        mt.set_meeting_status(db, m.id, MeetingStatus.CANCELLED)
    assert err.value.errors["status"].startswith("This meeting has 1 person marked present")
    at.remove_attendee(db, register[1].id)
    assert mt.set_meeting_status(db, m.id, MeetingStatus.CANCELLED).status is MeetingStatus.CANCELLED


def test_a_cancelled_or_postponed_meeting_takes_no_minutes_decisions_actions_or_attendance(db, world):
    m = meeting(db, world.forum, datetime(2024, 9, 12, 10))
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    at.prefill_attendance(db, m.id)
    row = at.list_attendance(db, m.id)[0]
    for status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED):
        mt.set_meeting_status(db, m.id, status)
        called_off = f"The meeting of 12/09/2024 is marked {status.value}, so it did not take place: change its status first to "
        for call, field, to_do in (
            (lambda: mt.save_item_minutes(db, item.id, "Discussed"), "minutes", "type its minutes"),
            (lambda: mt.add_decision(db, item.id, "Adopt it"), "agenda", "record a decision or an action at it"),
            (lambda: mt.add_item_action(db, item.id, al.ActionFields("Publish", owner_person_id=world.head.id,
                                                                     due_date=date(2024, 12, 1))),
             "agenda", "record a decision or an action at it"),
            (lambda: at.set_attendance(db, [row.id], "present"), "attendance", "change its register"),
            (lambda: at.add_attendee(db, m.id, at.AttendeeFields(name="A visitor")), "attendance", "change its register"),
        ):
            with pytest.raises(ValidationError) as err:
                call()
            assert err.value.errors == {field: called_off + to_do}
    assert mt.save_item_minutes(db, item.id, "").changed is False  # clearing the minutes stays possible
    assert (mt.list_decisions(db, m.id), mt.list_meeting_actions(db, m.id)) == ([], [])
    assert {r.status.value for r in at.list_attendance(db, m.id)} == {"absent"}
    late = ms.create_person(db, ms.PersonFields("Late Joiner", organisation_id=world.school.id))
    ms.create_membership(db, ms.MembershipFields(late.id, world.forum.id, Role.MEMBER, date(2024, 9, 1),
                                                 organisation_id=world.school.id))
    with pytest.raises(ValidationError) as err:
        at.prefill_attendance(db, m.id)
    assert err.value.errors == {"attendance": "The meeting of 12/09/2024 is marked postponed, so it did not take "
                                              "place: change its status first to fill its register"}
    mt.set_meeting_status(db, m.id, MeetingStatus.HELD)
    assert at.prefill_attendance(db, m.id).added == 1 and mt.add_decision(db, item.id, "Adopt it").text == "Adopt it"


# ---------------------------------------------------------------- approved after they were circulated


def test_minutes_are_not_approved_before_the_day_they_were_circulated(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    mt.circulate_minutes(db, m.id, date(2024, 3, 28))
    with pytest.raises(ValidationError) as err:
        mt.approve_minutes(db, m.id, None, date(2024, 3, 15), method="chairs_action", approved_by="Chair")
    assert err.value.errors == {"on": "The approval date (15/03/2024) cannot be before the minutes were circulated "
                                      "(28/03/2024)"}
    assert mt.get_meeting(db, m.id).minutes_status is MinutesStatus.CIRCULATED
    early = meeting(db, world.forum, datetime(2024, 3, 21, 10))
    with pytest.raises(ValidationError, match="cannot be before the minutes were circulated"):
        mt.approve_minutes(db, m.id, early.id)
    assert mt.approve_minutes(db, m.id, None, date(2024, 3, 28), method="chairs_action",
                              approved_by="Chair").minutes_approved_on == date(2024, 3, 28)


def test_the_meeting_that_approved_minutes_does_not_move_before_they_were_circulated(db, world):
    m = meeting(db, world.forum, datetime(2024, 2, 1, 10))
    mt.circulate_minutes(db, m.id, date(2024, 3, 21))
    later = meeting(db, world.forum, datetime(2024, 3, 21, 10))
    mt.approve_minutes(db, m.id, later.id)
    later = mt.get_meeting(db, later.id)
    with pytest.raises(ValidationError) as err:
        mt.update_meeting(db, later.id, meeting_fields(later, starts_at=datetime(2024, 2, 5, 10), ends_at=None), reason="Moved")
    assert err.value.errors == {"starts_at": "It approved the minutes of the meeting of 01/02/2024, which were "
                                             "circulated on 21/03/2024: it cannot be on 05/02/2024, before they "
                                             "were circulated"}
    assert mt.get_meeting(db, m.id).minutes_approved_on == date(2024, 3, 21)
    moved = mt.update_meeting(db, later.id, meeting_fields(later, starts_at=datetime(2024, 3, 22, 10), ends_at=None),
                              reason="Moved a day")
    assert mt.get_meeting(db, m.id).minutes_approved_on == moved.starts_at.date()
