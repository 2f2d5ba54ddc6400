"""A search found a confidential agenda item's minutes, and a decision under it, like any other
record's: nothing said the item was confidential, though the minutes editor says so and the
minutes for circulation leave it out. Each such hit is now marked "(confidential item)" where the window and the command line show
its title."""

from __future__ import annotations

from datetime import datetime

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import search as finder
from tests.meetings_world import meeting, minutes_with_a_confidential_item

MARK = " (confidential item)"


def test_hits_of_a_confidential_item_and_its_decisions_are_marked_and_no_others_are(db, world):
    public, secret = minutes_with_a_confidential_item(db, world)
    hits = finder.search(db, "Vole").hits
    titles = {(h.table, h.detail_id or h.record_id): h.shown_title for h in hits}
    secret_decision = next(h for h in hits if h.table == "decision" and h.detail_id == secret.id)
    public_decision = next(h for h in hits if h.table == "decision" and h.detail_id == public.id)
    assert titles[("agenda_item", secret.id)] == f"Item 2: Staffing matter{MARK}"
    assert secret_decision.shown_title == f"Decision on item 2: Refer Dr Vole to the LADO{MARK}"
    assert secret_decision.title == "Decision on item 2: Refer Dr Vole to the LADO" and secret_decision.confidential
    assert titles[("agenda_item", public.id)] == "Item 1: Vole project update"
    assert public_decision.shown_title == "Decision on item 1: Extend the Vole project"
    assert not public_decision.confidential
    # the words found are still shown to the officer searching, as the minutes editor shows them
    secret_item = next(h for h in hits if h.table == "agenda_item" and h.record_id == secret.id)
    assert "suspended pending" in secret_item.snippet
    assert secret_item.line.split("\t")[3] == f"Item 2: Staffing matter{MARK}"


def test_a_removed_confidential_item_is_marked_as_removed_and_confidential(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    secret = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Staffing matter", confidential=True))
    mt.save_item_minutes(db, secret.id, "Dr Harriet Vole suspended pending LADO referral.")
    mt.archive_agenda_item(db, secret.id)
    hits = finder.search(db, "Harriet", include_archived=True).hits
    assert [h.shown_title for h in hits] == [f"Removed item: Staffing matter{MARK}"]


def test_an_action_raised_under_a_confidential_item_and_its_progress_are_marked(db, world):
    from datetime import date

    from bscp_desktop.services import actions as al

    public, secret = minutes_with_a_confidential_item(db, world)
    hidden = mt.add_item_action(db, secret.id, al.ActionFields("Tell the LADO about Dr Quill", None, world.council.id,
                                                               date(2024, 4, 30)))
    mt.add_item_action(db, public.id, al.ActionFields("Book Quill training dates", None, world.council.id,
                                                              date(2024, 4, 30)))
    al.add_progress_update(db, hidden.id, date(2024, 3, 20), "Quill referral made")
    titles = {(h.table, h.title): h.shown_title for h in finder.search(db, "Quill").hits}
    assert titles[("action", "Action: Tell the LADO about Dr Quill")] == f"Action: Tell the LADO about Dr Quill{MARK}"
    assert titles[("action_update", "Progress on: Tell the LADO about Dr Quill")].endswith(MARK)
    assert titles[("action", "Action: Book Quill training dates")] == "Action: Book Quill training dates"
