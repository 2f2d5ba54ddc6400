"""The open meeting's heading shows what users typed as they typed it: a title, place or online
link holding "<" or "&" is never read as markup (bold, huge, a line break, a lost "<2>")."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.ui.meetings.tab import MeetingsTab
from tests.meetings_world import meeting

TITLE = "<b>Forum</b> & <font size=40>x"
PLACE = "Room <br/> 1"
LINK = "https://teams.example/meet?x=1&y=<2>"


@pytest.mark.slow  # a meeting opened in the tab
def test_the_meeting_heading_shows_typed_text_as_it_was_typed(qtbot, db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), title=TITLE, place=PLACE, online_link=LINK,
                status=MeetingStatus.HELD)
    tab = MeetingsTab(db)
    qtbot.addWidget(tab)
    tab.resize(1200, 760)
    tab.show()
    ws = tab.open_meeting(m.id)
    qtbot.waitUntil(lambda: ws.data is not None and ws.toolbar.isEnabled(), timeout=5000)
    ws.say("Took 1 person off the register: Priya <Officer> & Co.")
    for label in (ws.title, ws.details, ws.minutes_state, ws.message):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.accessibleName()
    assert ws.title.text().endswith(f": {TITLE}")
    assert f"{PLACE}, {LINK}" in ws.details.text()
    # room enough, each is one line of its own font: no huge "x" in the title, no <br/> in the details
    for label in (ws.title, ws.details):
        assert label.heightForWidth(2000) < 2 * QFontMetrics(label.font()).lineSpacing(), label.accessibleName()
