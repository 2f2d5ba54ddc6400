"""A file marked OFFICIAL-SENSITIVE for what it holds (a meeting's papers) is said to be marked
when it is saved, as a file of a sensitive area is."""

from __future__ import annotations

from datetime import datetime

import pytest

from bscp_desktop.reports.marking import file_is_marked
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.common import outputs
from bscp_desktop.ui.common.saved_file import SavedFileBox
from tests.meetings_world import meeting


@pytest.mark.slow  # written in a child process, as the window writes it
def test_minutes_marked_for_a_confidential_item_are_said_to_be_marked_when_saved(qtbot, db, world, tmp_path,
                                                                                monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(SavedFileBox, "show", lambda box: said.append(box.informativeText()))
    plain = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    mt.add_agenda_item(db, plain.id, mt.AgendaItemFields("Partner updates"))
    private = meeting(db, world.forum, datetime(2024, 4, 18, 10))
    mt.add_agenda_item(db, private.id, mt.AgendaItemFields("Cases of concern", confidential=True))
    for number, (m, name) in enumerate(((plain, "plain.pdf"), (private, "private.pdf")), start=1):
        outputs.write_output(None, db, "Minutes", tmp_path / name, "report", "minutes", {"meeting": m.id})
        qtbot.waitUntil(lambda n=number: len(said) == n, timeout=30_000)
    assert [file_is_marked(tmp_path / n) for n in ("plain.pdf", "private.pdf")] == [False, True]
    assert outputs.SENSITIVE_NOTE not in said[0] and outputs.SENSITIVE_NOTE in said[1]
