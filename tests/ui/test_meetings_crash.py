"""Acceptance: every character typed into the live minutes survives SIGKILL 2 seconds after
the last keystroke."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from tests.test_meetings_support import build_world, meeting

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

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.test_meetings_typing_helper", str(db_path), str(m.id), json.dumps(SEGMENTS)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 120
        line = ""
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line.strip() == "typed" or not line:
                break
        assert line.strip() == "typed", f"the app did not finish typing: {proc.stderr.read() if proc.poll() is not None else ''}"
        time.sleep(2.0)
        assert proc.poll() is None, "the app ended by itself"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    db = Database.open(db_path)
    try:
        assert mt.get_agenda_item(db, first.id).minutes == SEGMENTS[0]
        assert mt.get_agenda_item(db, second.id).minutes == SEGMENTS[1]
    finally:
        db.close()
