"""What the meeting's workspace says follows the step just taken, and reads as written: the line
under the minutes' status is not left saying "circulated" once the minutes are back in draft, and
a presenter's name in Arabic script keeps the item's time out of its run ("Presenter: ‹name› ·
15 minutes", never "Presenter: 15 · ‹name› minutes")."""

from __future__ import annotations

from datetime import date, datetime

from bscp_desktop.domain.text import FSI, PDI
from bscp_desktop.services import meetings as mt
from tests.ui.helpers import click_button, open_workspace, when_modal

NAME = "عبد الرحمن الهاشمي"


def test_back_to_draft_replaces_the_circulated_line(qtbot, db, world):
    m = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Forum", datetime(2026, 11, 12, 10)), standing_items=True)
    mt.save_item_minutes(db, mt.list_agenda(db, m.id)[0].id, "Welcome.")
    ws = open_workspace(qtbot, db, m.id)
    when_modal(lambda d: (d.on.set_value(date(2026, 11, 20)), d._on_save()), "Mark minutes circulated")
    ws.circulate_action.trigger()
    qtbot.waitUntil(lambda: "Circulated" in ws.minutes_state.text(), timeout=5000)
    assert "circulated" in ws.message.text()
    when_modal(click_button("Yes"), "Back to draft")  # it asks first
    ws.draft_action.trigger()
    qtbot.waitUntil(lambda: "Draft" in ws.minutes_state.text(), timeout=5000)
    assert ws.message.text() == "Minutes returned to draft: they can be changed again."


def test_a_presenter_in_arabic_script_is_isolated_on_the_details_line(qtbot, db, world):
    m = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Forum", datetime(2026, 11, 12, 10)))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Case discussion", presenter=NAME, minutes_allotted=15))
    ws = open_workspace(qtbot, db, m.id)
    ws.pages.setCurrentWidget(ws.minutes)
    qtbot.waitUntil(lambda: ws.minutes.current_item() is not None, timeout=5000)
    assert ws.minutes.details.text() == f"Presenter: {FSI}{NAME}{PDI} · 15 minutes"
