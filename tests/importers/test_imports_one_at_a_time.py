"""Two imports of one file at once (chosen twice before the first had finished, or by two
officers on the team database) add its rows once: each waits for the one before, then finds
its rows on record."""

from __future__ import annotations

import threading

import pytest

from bscp_desktop import importers
from bscp_desktop.db.database import Database
from bscp_desktop.services import memberships as ms


def _both_at_once(monkeypatch, first, second, path) -> list[str]:
    """Each import, once it has read the file, waits (a little) for the other to have read it
    too: without one import at a time, both decide from an empty list and both add every row."""
    arrived = threading.Barrier(2)
    reading = importers.read_table

    def read_then_wait(*args, **kwargs):
        table = reading(*args, **kwargs)
        try:
            arrived.wait(timeout=1.5)
        except threading.BrokenBarrierError:
            pass  # the other waits its turn: it reads once this one is done
        return table

    monkeypatch.setattr(importers, "read_table", read_then_wait)
    said: list[str] = []
    threads = [threading.Thread(target=lambda d=d: said.append(importers.run_import(d, "people", path).summary()))
               for d in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return said


def _people_file(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("Name,Email\nAnn Lee,ann@example.org\nBo Chan,bo@example.org\nCy Oti,cy@example.org\n",
                    encoding="utf-8")
    return path


@pytest.mark.slow  # waits for the other import
def test_the_same_file_imported_twice_at_once_adds_each_row_once(db, monkeypatch, tmp_path):
    said = _both_at_once(monkeypatch, db, db, _people_file(tmp_path))
    assert len(ms.list_people(db)) == 3
    assert sorted(s.split("; ")[1] for s in said) == ["0 added, 0 updated, 3 unchanged.",
                                                      "3 added, 0 updated, 0 unchanged."]


@pytest.mark.slow  # a test server
def test_two_officers_importing_one_file_on_the_team_database_add_each_row_once(pg_address, monkeypatch, tmp_path):
    with Database.open_target(pg_address) as mine, Database.open_target(pg_address) as theirs:
        said = _both_at_once(monkeypatch, mine, theirs, _people_file(tmp_path))
        assert len(ms.list_people(mine)) == 3
    assert sorted(s.split("; ")[1] for s in said) == ["0 added, 0 updated, 3 unchanged.",
                                                      "3 added, 0 updated, 0 unchanged."]
