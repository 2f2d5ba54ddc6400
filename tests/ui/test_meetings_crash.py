"""Acceptance: every character typed into the live minutes survives SIGKILL 2 seconds after
the last keystroke."""

from __future__ import annotations

import json
import signal
from datetime import datetime
from pathlib import Path

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from tests.meetings_world import build_world, meeting
from tests.ui.helpers import kill_after_typing

ROOT = Path(__file__).resolve().parents[2]

SEGMENTS = [
    "The Forum discussed Working Together 2023 & the <new> arrangements. Żółć, Ναι, 王芳, नमस्ते. ",
    "Partners agreed; the Chair thanked everyone (100% attendance!)",
]


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_every_character_survives_a_kill_two_seconds_after_typing(db_path):
    db = Database.open(db_path)
    world = build_world(db)
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    first = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Working Together 2023"))
    second = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Any other business"))
    db.close()  # the app subprocess takes the lock

    assert kill_after_typing(["tests.ui.typing_helper", "minutes", str(db_path), str(m.id), json.dumps(SEGMENTS)], ROOT) == -signal.SIGKILL

    db = Database.open(db_path)
    try:
        assert mt.get_agenda_item(db, first.id).minutes == SEGMENTS[0]
        assert mt.get_agenda_item(db, second.id).minutes == SEGMENTS[1]
    finally:
        db.close()
