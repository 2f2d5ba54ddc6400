"""An agenda item's title, presenter and paper reference, and a meeting's title, are one line, as
a standing item's title and a group's name are: a title copied from a Word agenda with the paper
under it ("Neglect strategy" and "(paper B)" on two lines), which a line edit keeps as pasted, is
saved, listed and printed on one line, its spaces folded."""

from __future__ import annotations

from datetime import datetime

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from tests.ui.helpers import open_workspace, table_texts


def test_an_agenda_item_pasted_on_two_lines_is_one_line_on_the_agenda(qtbot, db, world):
    m = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Forum", datetime(2024, 3, 14, 10),
                                               status=MeetingStatus.HELD))
    ws = open_workspace(qtbot, db, m.id)
    agenda = ws.agenda
    dialog = agenda.new_dialog(agenda)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title_edit.setText("Neglect strategy\r\n(paper B)")  # as pasted: a line edit keeps the break
    dialog.presenter.setText("Dr  Jo\nBloggs")
    dialog.paper.setText("B\u200b\n2")
    dialog._on_save()

    (item,) = mt.list_agenda(db, m.id)
    assert (item.title, item.presenter, item.paper_ref) == ("Neglect strategy (paper B)", "Dr Jo Bloggs", "B 2")
    assert table_texts(agenda, 1) == ["Neglect strategy (paper B)"]


def test_a_meeting_title_pasted_on_two_lines_is_one_line(db, world):
    m = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Forum\r\nMarch  meeting", datetime(2024, 3, 14, 10)))
    assert m.title == "Forum March meeting"
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Welcome"))
    changed = mt.update_agenda_item(db, item.id, mt.AgendaItemFields("Welcome\nand\tapologies", "Chair\n"))
    assert (changed.title, changed.presenter) == ("Welcome and apologies", "Chair")
