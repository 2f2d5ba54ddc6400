"""Bringing a meeting back is all or nothing: the program killed (SIGKILL, a real process) at
sampled statements leaves the team database with nothing of the copy, or with all of it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.db.models.meetings import AgendaItem, Decision
from bscp_desktop.domain.meetings import AttendanceStatus
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import offline as off
from tests.offline.helpers import as_officer, forum_meeting

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX only")

# The child counts every statement it sends (to the team database and to the copy) and kills
# itself with SIGKILL when it reaches the given number; 0 means run to the end and print it.
CHILD = r"""
import os, signal, sys
from sqlalchemy import event
from sqlalchemy.engine import Engine
from bscp_desktop.db.database import Database
from bscp_desktop.services import offline as off

address, path, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
count = 0

@event.listens_for(Engine, "before_cursor_execute")
def _count(conn, cursor, statement, parameters, context, executemany):
    global count
    count += 1
    if count == limit:
        os.kill(os.getpid(), signal.SIGKILL)

server = Database.open_target(address)
server.user = "Alice Officer"
off.bring_back(server, path, prefer=off.OFFLINE)
server.close()
print(count)
"""


def run_child(address: str, path: Path, limit: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CHILD, address, str(path), str(limit)],
                          capture_output=True, text=True, timeout=180)


def minuted_offline(postgres_cluster, folder: Path):
    """A team database whose meeting was taken offline and minuted there; (address, copy, ids)."""
    address = postgres_cluster.new_database()
    with Database.open_target(address) as server:
        as_officer(server, "Alice Officer")
        _world, m, items = forum_meeting(server)
        path = folder / "copy.sqlite3"
        off.take_offline(server, m.id, path)
    with Database.open(path, create=False) as local:
        as_officer(local, "Alice Officer")
        for n, item in enumerate(items):
            mt.save_item_minutes(local, item.id, f"Minutes of item {n + 1}, written offline.")
            mt.add_decision(local, item.id, f"Decision {n + 1}")
        mt.add_agenda_item(local, m.id, mt.AgendaItemFields("Added offline"))
        register = at.list_attendance(local, m.id)
        at.set_attendance(local, [r.id for r in register], AttendanceStatus.PRESENT)
    return address, path, m.id


def state(address: str, meeting_id: int) -> tuple:
    with Database.open_target(address) as server, server.unit_of_work() as session:
        return (
            off.meeting_mark(server, meeting_id) is not None,
            tuple(session.scalars(select(AgendaItem.minutes).where(AgendaItem.meeting_id == meeting_id)
                                  .order_by(AgendaItem.id))),
            session.scalar(select(func.count()).select_from(Decision)),
            tuple(a.status.value for a in at.list_attendance(server, meeting_id)),
            session.scalar(select(func.count()).select_from(ChangeRecord)),
        )


@pytest.mark.slow  # a real process killed a dozen times
def test_bring_back_killed_at_sampled_statements_is_all_or_nothing(postgres_cluster, tmp_path):
    (tmp_path / "count").mkdir()
    counting = minuted_offline(postgres_cluster, tmp_path / "count")
    before = state(counting[0], counting[2])
    done = run_child(counting[0], counting[1], 0)
    assert done.returncode == 0, done.stderr
    total = int(done.stdout.strip())
    assert total > 30  # reading the copy, comparing, writing, the history: many statements
    everything = state(counting[0], counting[2])
    assert everything[0] is False and all(m.endswith("written offline.") for m in everything[1][:3])

    (tmp_path / "kill").mkdir()
    address, path, meeting_id = minuted_offline(postgres_cluster, tmp_path / "kill")
    nothing = state(address, meeting_id)
    assert nothing[0] is True and nothing[1] == ("", "", "")
    arrived, left_alone = False, 0
    for limit in sorted({1, 2, 3, *(total * k // 10 for k in range(1, 10)), total - 2, total - 1}):
        killed = run_child(address, path, limit)
        if arrived and killed.returncode == 1:  # it came back earlier: it is never taken twice
            assert "already brought back" in killed.stderr
        else:
            assert killed.returncode == -signal.SIGKILL, (limit, killed.stdout, killed.stderr)
        now = state(address, meeting_id)
        if arrived or now != nothing:
            # once the commit is made everything is there, exactly as in a run to the end
            assert now[:4] == everything[:4], limit
            assert now[4] - nothing[4] == everything[4] - before[4], limit
            arrived = True
        else:
            left_alone += 1
    assert left_alone >= 5  # killed before the commit, several times: nothing of it arrived
    if not arrived:  # the copy was never partly taken: a run to the end brings all of it
        assert run_child(address, path, 0).returncode == 0
        assert state(address, meeting_id)[:4] == everything[:4]
