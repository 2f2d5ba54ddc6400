"""Add standing items puts each missing standing item back where the group's order puts it among
the standing items on the agenda: the items on it keep their order (the officer's own and any
standing items the officer moved), and any other business stays last."""

from __future__ import annotations

from datetime import date, datetime

from bscp_desktop.domain.meetings import ApprovalMethod, ItemKind, StandingItem
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting

WELCOME = "Welcome, introductions and apologies"
MINUTES = "Minutes of the last meeting and matters arising"
REVIEW = "Action log review"
AOB = "Any other business"


def _titles(db, meeting_id) -> list[str]:
    return [i.title for i in mt.list_agenda(db, meeting_id)]


def _item(db, meeting_id, title):
    return next(i for i in mt.list_agenda(db, meeting_id) if i.title == title)


def _forum_meeting(db, world, when=datetime(2026, 11, 12, 10)):
    return mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Forum", when, when.replace(hour=12)),
                             standing_items=True)


def test_a_standing_item_removed_by_mistake_goes_back_after_the_one_before_it_not_above_the_welcome(db, world):
    m = _forum_meeting(db, world)
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    mt.archive_agenda_item(db, _item(db, m.id, REVIEW).id)
    assert mt.apply_standing_items(db, m.id) == 1
    assert [(i.position, i.title) for i in mt.list_agenda(db, m.id)] == [
        (1, WELCOME), (2, MINUTES), (3, REVIEW), (4, "Neglect strategy"), (5, AOB)]
    # the welcome itself, removed, goes back at the top
    mt.archive_agenda_item(db, _item(db, m.id, WELCOME).id)
    assert mt.apply_standing_items(db, m.id) == 1
    assert _titles(db, m.id) == [WELCOME, MINUTES, REVIEW, "Neglect strategy", AOB]


def test_standing_items_the_officer_moved_keep_their_places_when_a_missing_one_is_added(db, world):
    mt.set_standing_items(db, world.forum.id, [
        StandingItem(WELCOME, ItemKind.WELCOME), StandingItem(MINUTES, ItemKind.LAST_MINUTES),
        StandingItem(REVIEW, ItemKind.ACTION_REVIEW), StandingItem("Partner updates"), StandingItem(AOB, ItemKind.AOB)])
    m = _forum_meeting(db, world)
    for title in ("Neglect strategy", "Budget"):
        mt.add_agenda_item(db, m.id, mt.AgendaItemFields(title))
    # the action log review moved to the end on purpose (before any other business)
    mt.move_agenda_item(db, _item(db, m.id, REVIEW).id, 3)
    assert _titles(db, m.id) == [WELCOME, MINUTES, "Partner updates", "Neglect strategy", "Budget", REVIEW, AOB]
    for title in (MINUTES, "Partner updates"):
        mt.archive_agenda_item(db, _item(db, m.id, title).id)
    assert mt.apply_standing_items(db, m.id) == 2
    # the minutes after the welcome, the partner updates after the action log review, where the officer put it
    assert _titles(db, m.id) == [WELCOME, MINUTES, "Neglect strategy", "Budget", REVIEW, "Partner updates", AOB]


def test_the_officers_items_keep_their_order_and_any_other_business_stays_last(db, world):
    m = _forum_meeting(db, world)
    for title in ("Budget", "Neglect strategy", "Annual report"):
        mt.add_agenda_item(db, m.id, mt.AgendaItemFields(title))
    mt.move_agenda_item(db, _item(db, m.id, "Annual report").id, -4)  # put second by the officer
    for title in (MINUTES, REVIEW):
        mt.archive_agenda_item(db, _item(db, m.id, title).id)
    assert _titles(db, m.id) == [WELCOME, "Annual report", "Budget", "Neglect strategy", AOB]
    assert mt.apply_standing_items(db, m.id) == 2
    assert _titles(db, m.id) == [WELCOME, MINUTES, REVIEW, "Annual report", "Budget", "Neglect strategy", AOB]


def test_an_item_the_officer_put_after_any_other_business_stays_there(db, world):
    m = _forum_meeting(db, world)
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Date of next meeting"), position=5)
    mt.archive_agenda_item(db, _item(db, m.id, MINUTES).id)
    assert mt.apply_standing_items(db, m.id) == 1
    assert _titles(db, m.id) == [WELCOME, MINUTES, REVIEW, AOB, "Date of next meeting"]


def test_a_confidential_item_keeps_its_confidentiality_and_its_amendments_when_standing_items_are_added(db, world):
    m = _forum_meeting(db, world)
    mt.approve_minutes(db, m.id, None, date(2026, 11, 20), method=ApprovalMethod.EMAIL, approved_by="Chair")
    secret = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Case X", confidential=True), reason="Late item")
    review = _item(db, m.id, REVIEW)
    mt.archive_agenda_item(db, review.id, reason="Taken off")
    assert mt.apply_standing_items(db, m.id, "Put back") == 1
    assert _titles(db, m.id) == [WELCOME, MINUTES, REVIEW, "Case X", AOB]
    assert mt.get_agenda_item(db, secret.id).confidential
    assert [(a.reason, a.agenda_item_id) for a in mt.list_amendments(db, m.id)] == [
        ("Late item", secret.id), ("Taken off", review.id), ("Put back", None)]


def test_copying_the_last_agenda_keeps_an_item_the_officer_put_after_any_other_business(db, world):
    first = _forum_meeting(db, world, datetime(2026, 9, 10, 10))
    mt.add_agenda_item(db, first.id, mt.AgendaItemFields("Neglect strategy"))
    second = meeting(db, world.forum, datetime(2026, 11, 12, 10))
    mt.add_agenda_item(db, second.id, mt.AgendaItemFields(AOB, kind=ItemKind.AOB))
    mt.add_agenda_item(db, second.id, mt.AgendaItemFields("Date of next meeting"), position=2)
    assert mt.copy_last_agenda(db, second.id)[0] == 4
    assert _titles(db, second.id) == [WELCOME, MINUTES, REVIEW, "Neglect strategy", AOB, "Date of next meeting"]
