"""The Minutes page's list of agenda items wraps a long title with its later lines under the
title, not under the item's number: a title such as "...held on 12 March" wrapping onto a
line that begins "12 March" is never taken for item 12."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics

from tests.ui.helpers import line_starts, minutes_page

LONG = "Minutes of the Forum meeting held on 14 December and matters arising from them"


def test_a_wrapped_agenda_item_title_continues_under_the_title(qtbot, db, world):
    workspace = minutes_page(qtbot, db, world.forum, ("Apologies", LONG, "Any other business"))
    items = workspace.minutes.item_list
    items.setFixedWidth(230)
    qtbot.waitUntil(lambda: items.visualItemRect(items.item(1)).height() > 2 * QFontMetrics(items.font()).lineSpacing() - 4)
    lines = dict(line_starts(items))
    starts = lines[f"2. {LONG}"]
    assert len(starts) >= 2  # it wraps
    number = QFontMetrics(items.font()).horizontalAdvance("2.")
    assert all(later > starts[0] + number for later in starts[1:])
