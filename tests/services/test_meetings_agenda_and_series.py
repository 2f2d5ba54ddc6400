"""Agendas built from the group's standing items and from the last agenda, and meetings that
a group cannot have twice."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from bscp_desktop.domain.meetings import ApprovalMethod, ItemKind, StandingItem, Weekday
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting


def _titles(db, meeting_id) -> list[str]:
    return [i.title for i in mt.list_agenda(db, meeting_id)]


def test_copying_the_last_agenda_keeps_its_order_around_the_items_already_on_this_one(db, world):
    first = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Forum", datetime(2024, 3, 14, 10)), standing_items=True)
    for title in ("Working Together 2023", "Annual report"):
        mt.add_agenda_item(db, first.id, mt.AgendaItemFields(title), position=4)
    assert _titles(db, first.id)[3:5] == ["Annual report", "Working Together 2023"]
    second = meeting(db, world.forum, datetime(2024, 6, 13, 10))
    mt.add_agenda_item(db, second.id, mt.AgendaItemFields("Ofsted JTAI feedback"))
    assert mt.copy_last_agenda(db, second.id)[0] == 6
    assert _titles(db, second.id) == [
        "Welcome, introductions and apologies", "Minutes of the last meeting and matters arising", "Action log review",
        "Annual report", "Working Together 2023", "Ofsted JTAI feedback", "Any other business"]
    # a welcome already on the agenda stays first; what the copied agenda had after it follows it
    third = meeting(db, world.forum, datetime(2024, 9, 12, 10))
    mt.add_agenda_item(db, third.id, mt.AgendaItemFields("Welcome", kind=ItemKind.WELCOME))
    mt.add_agenda_item(db, third.id, mt.AgendaItemFields("Annual report"))
    mt.copy_last_agenda(db, third.id)
    assert _titles(db, third.id) == [
        "Welcome", "Minutes of the last meeting and matters arising", "Action log review", "Annual report",
        "Working Together 2023", "Ofsted JTAI feedback", "Any other business"]


def test_an_emptied_list_of_standing_items_stays_empty(db, world):
    assert len(mt.list_standing_items(db, world.forum.id)) == 4  # the program's defaults
    assert mt.set_standing_items(db, world.forum.id, []) == []
    assert mt.list_standing_items(db, world.forum.id) == []
    m = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Forum", datetime(2024, 3, 14, 10)), standing_items=True)
    assert mt.list_agenda(db, m.id) == []
    with pytest.raises(ValidationError) as refused:
        mt.apply_standing_items(db, m.id)
    assert refused.value.errors == {"agenda": "Safeguarding Children Forum has no standing items, so there is nothing "
                                              "to add: list them under Standing items… first"}
    # a list of its own, emptied and set again
    mt.set_standing_items(db, world.executive.id, [StandingItem("Welcome", ItemKind.WELCOME)])
    mt.set_standing_items(db, world.executive.id, [])
    assert mt.list_standing_items(db, world.executive.id) == []
    mt.set_standing_items(db, world.executive.id, [StandingItem("Risk register")])
    assert [s.title for s in mt.list_standing_items(db, world.executive.id)] == ["Risk register"]
    assert len(mt.list_standing_items(db, world.forum.id)) == 0


def test_adding_standing_items_already_on_approved_minutes_records_no_amendment(db, world):
    m = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Forum", datetime(2024, 3, 14, 10)), standing_items=True)
    mt.approve_minutes(db, m.id, None, date(2024, 3, 20), method=ApprovalMethod.EMAIL, approved_by="Chair")
    for reason in (None, "Adding standing items"):  # nothing to add: no reason asked for, no amendment
        assert mt.apply_standing_items(db, m.id, reason) == 0
    assert mt.list_amendments(db, m.id) == []
    # with one missing, the reason is asked for and the amendment kept
    mt.archive_agenda_item(db, mt.list_agenda(db, m.id)[-1].id, reason="Taken off")
    with pytest.raises(ValidationError) as refused:
        mt.apply_standing_items(db, m.id)
    assert "reason" in refused.value.errors
    assert mt.apply_standing_items(db, m.id, "Put back") == 1
    assert [a.reason for a in mt.list_amendments(db, m.id)] == ["Taken off", "Put back"]


def test_a_series_refuses_days_the_group_already_meets_and_saves_nothing(db, world):
    fields = mt.SeriesFields(world.forum.id, "Forum", 2024, 4, 3, Weekday.THURSDAY, 2, time(10), time(12))
    mt.create_series(db, fields)
    with pytest.raises(ValidationError) as refused:
        mt.create_series(db, fields)
    assert refused.value.errors == {"rule": "Safeguarding Children Forum already has a meeting on 11/04/2024, "
                                            "11/07/2024, 10/10/2024 and 09/01/2025: the series would give it a second "
                                            "meeting on those days. Change the rule or the year, or archive those "
                                            "meetings first"}
    assert len(mt.list_series(db)) == 1 and len(mt.list_meetings(db)) == 4
    one = mt.list_meetings(db)[-1]
    with pytest.raises(ValidationError) as refused:  # another time on the same day is a second meeting too
        mt.create_series(db, mt.SeriesFields(world.forum.id, "Forum", 2024, 4, 12, Weekday.THURSDAY, 2, time(14), time(16)))
    assert refused.value.errors["rule"].startswith("Safeguarding Children Forum already has a meeting on 11/04/2024:")
    mt.archive_meeting(db, one.id)  # an archived meeting's day is free
    mt.create_series(db, mt.SeriesFields(world.forum.id, "Forum", 2024, 4, 12, Weekday.THURSDAY, 2, time(14), time(16)))
    # another group meets those days freely
    mt.create_series(db, mt.SeriesFields(world.executive.id, "Executive", 2024, 4, 3, Weekday.THURSDAY, 2, time(10)))


def test_a_group_cannot_have_two_meetings_starting_at_once(db, world):
    first = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    refusal = {"starts_at": f"Safeguarding Children Forum already has a meeting at 10:00 on 14/03/2024 "
                            f"('{first.title}'): change that one, or choose another time"}
    with pytest.raises(ValidationError) as refused:
        meeting(db, world.forum, datetime(2024, 3, 14, 10))
    assert refused.value.errors == refusal
    later = meeting(db, world.forum, datetime(2024, 3, 14, 14))  # the afternoon: a meeting of its own
    with pytest.raises(ValidationError) as refused:
        mt.update_meeting(db, later.id, mt.MeetingFields(world.forum.id, "Forum", datetime(2024, 3, 14, 10)))
    assert refused.value.errors == refusal
    meeting(db, world.executive, datetime(2024, 3, 14, 10))  # another group
    mt.update_meeting(db, first.id, mt.MeetingFields(world.forum.id, "Renamed", datetime(2024, 3, 14, 10)))
    assert len(mt.list_meetings(db)) == 3


def test_a_new_or_restored_item_goes_before_any_other_business(db, world):
    m = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Forum", datetime(2026, 6, 11, 10)), standing_items=True)
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    assert _titles(db, m.id)[-2:] == ["Neglect strategy", "Any other business"]
    partners = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Partner updates"), position=4)
    mt.archive_agenda_item(db, partners.id)
    mt.restore_agenda_item(db, partners.id)
    assert [(i.position, i.title) for i in mt.list_agenda(db, m.id)][-3:] == [
        (4, "Neglect strategy"), (5, "Partner updates"), (6, "Any other business")]
    # a second any other business, or an item where the officer puts it, goes where asked
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Late business", kind=ItemKind.AOB))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Date of next meeting"), position=8)
    assert _titles(db, m.id)[-3:] == ["Any other business", "Late business", "Date of next meeting"]
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Annual report"))  # nothing at the end to go before
    assert _titles(db, m.id)[-1] == "Annual report"


def test_numbering_an_agenda_decides_alone_about_that_meeting(db, world, monkeypatch):
    from bscp_desktop.db import engines

    asked = []
    real = engines.decide_alone
    monkeypatch.setattr(engines, "decide_alone", lambda session, what: (asked.append(what), real(session, what)))
    m = meeting(db, world.forum, datetime(2024, 6, 13, 10))
    first = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Budget"))
    second = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Training"))
    mt.move_agenda_item(db, second.id, -1)
    mt.reorder_agenda(db, m.id, [first.id, second.id])
    mt.archive_agenda_item(db, first.id)
    mt.restore_agenda_item(db, first.id)
    mt.apply_standing_items(db, m.id)
    assert asked == [f"meeting {m.id} agenda"] * 7
