"""A group's standing items edited by two officers at once (two windows on one database file):
the second to save is told that the list was changed since they opened it, and shown the list
now; nothing is written and the lines they typed stay in the box, so nothing is lost. Saved
again, their list replaces the other deliberately. A list no one else changed saves at once."""

from __future__ import annotations

import pytest

from bscp_desktop.domain.meetings import ItemKind, StandingItem
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.meetings.dialogs import StandingItemsDialog

MINE = "Welcome and apologies\nNeglect strategy\nAny other business"


def _titles(db, group_id) -> list[str]:
    return [s.title for s in mt.list_standing_items(db, group_id)]


def _open(qtbot, db, world) -> StandingItemsDialog:
    dialog = StandingItemsDialog(db, world.forum.id, world.forum.name)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_second_save_is_refused_saying_what_the_list_is_now_and_keeps_what_was_typed(qtbot, db, world, theirs):
    mine = _open(qtbot, db, world)
    theirs_dialog = _open(qtbot, theirs, world)
    theirs_dialog.text.setPlainText("Welcome\nPartner updates\nAny other business")
    theirs_dialog._save()
    assert _titles(db, world.forum.id) == ["Welcome", "Partner updates", "Any other business"]

    mine.text.setPlainText(MINE)
    mine._save()

    assert mine.isVisible() and mine.text.toPlainText() == MINE  # nothing lost
    assert mine.error.text() == (
        "Someone else changed the standing items of Safeguarding Children Forum after you opened them, so your list "
        "has not been saved. Their list is now: Welcome; Partner updates; Any other business. Press Save again to "
        "replace it with yours, or Cancel to keep theirs.")
    assert _titles(db, world.forum.id) == ["Welcome", "Partner updates", "Any other business"]  # theirs kept

    mine._save()  # again, knowing: theirs is replaced
    assert not mine.isVisible()
    assert _titles(db, world.forum.id) == MINE.splitlines()


def test_a_list_no_one_else_changed_saves_at_once(qtbot, db, world):
    mine = _open(qtbot, db, world)
    mine.text.setPlainText(MINE)
    mine._save()
    assert not mine.isVisible() and _titles(db, world.forum.id) == MINE.splitlines()


def test_the_service_refuses_a_save_from_a_list_changed_since(db, world, theirs):
    opened = mt.list_standing_items(db, world.forum.id)
    mt.set_standing_items(theirs, world.forum.id, [StandingItem("Welcome", ItemKind.WELCOME, 10)])

    with pytest.raises(mt.StandingItemsChanged) as refused:
        mt.set_standing_items(db, world.forum.id, [StandingItem("Welcome", ItemKind.WELCOME, 5)], base=opened)

    assert [(s.title, s.minutes_allotted) for s in refused.value.now] == [("Welcome", 10)]
    assert [(s.title, s.minutes_allotted) for s in mt.list_standing_items(db, world.forum.id)] == [("Welcome", 10)]
    mt.set_standing_items(db, world.forum.id, [StandingItem("Welcome", ItemKind.WELCOME, 5)], base=refused.value.now)
    assert [(s.title, s.minutes_allotted) for s in mt.list_standing_items(db, world.forum.id)] == [("Welcome", 5)]
