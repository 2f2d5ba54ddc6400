"""Bringing a meeting back names a value the team database cannot hold before anything is
written: here, nothing where every record must have a value (its rule taken away in the copy by
another program, and NULL stored), which the team database refused part-way in its own words
with the advice to restore a backup."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest
from sqlalchemy import text

from bscp_desktop.db.stored_values import unholdable_why
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import offline as off
from bscp_desktop.services.offline import copying, holdable
from tests.offline.helpers import taken_offline


class _NoServer:
    """A session that is never asked: values are named before any link is looked up."""

    def connection(self):
        raise AssertionError("not asked")


def _item(**values) -> dict:
    row = {"id": 7, "meeting_id": 3, "position": 2, "kind": "ordinary", "title": "Child death overview",
           "presenter": "", "paper_ref": "", "minutes_allotted": None, "minutes": ""}
    return {**row, **values}


def test_nothing_in_a_field_every_record_must_fill_is_named():
    problem = holdable.unholdable(_NoServer(), {"agenda_item": {7: _item(title=None, presenter=None)}})
    assert problem == "Agenda item 2 7: Title is empty; Agenda item 2 7: Presenter is empty", problem


def test_a_field_that_may_be_empty_is_not_named():
    class Quiet(_NoServer):
        def connection(self):
            return None  # no link of the row is looked up: it names none

    assert holdable.unholdable(Quiet(), {"agenda_item": {7: _item(minutes_allotted=None, meeting_id=None)}}) \
        == "Agenda item 2: Child death overview: Meeting is empty"


def test_a_record_lacking_a_field_is_not_called_empty():
    row = _item()
    del row["presenter"]
    assert "Presenter" not in holdable.unholdable(_NoServer(), {"agenda_item": {7: {**row, "title": None}}})


def test_the_shared_check_says_a_sum_in_pounds():
    column = copying.table("contribution").c.agreed  # as `copy` to a team database asks it
    assert unholdable_why(column, Decimal("100000000000.00")).startswith("holds £100,000,000,000.00, a sum too large")
    assert unholdable_why(column, Decimal("21474836.47")) == ""


@pytest.mark.slow  # a team database taken offline to a file and brought back
def test_an_empty_agenda_item_title_in_the_copy_is_named_and_nothing_is_written(pg_db, tmp_path):
    server, world, m, items, path, _mark = taken_offline(pg_db, tmp_path)
    con = sqlite3.connect(path)
    with con:  # a database browser's "modify table": NOT NULL taken from the title, then NULL stored
        con.execute("PRAGMA writable_schema=ON")
        assert con.execute("UPDATE sqlite_master SET sql = replace(sql, 'title VARCHAR(300) NOT NULL', "
                           "'title VARCHAR(300)') WHERE type = 'table' AND name = 'agenda_item'").rowcount == 1
        version = con.execute("PRAGMA schema_version").fetchone()[0]
        con.execute(f"PRAGMA schema_version={version + 1}")
        con.execute("PRAGMA writable_schema=OFF")
    with con:
        con.execute("UPDATE agenda_item SET title = NULL, minutes = 'typed offline' WHERE id = ?", (items[1].id,))
    con.close()
    for call in (off.plan_bring_back, off.bring_back):
        with pytest.raises(ValidationError) as refused:
            call(server, path)
        words = str(refused.value)
        assert "title is empty" in words.lower() and "release the meeting on the team database" in words, words
        assert "restore" not in words and "null" not in words.lower()
    with server.unit_of_work() as session:
        assert session.execute(text("SELECT count(*) FROM agenda_item WHERE minutes = 'typed offline'")).scalar() == 0
    assert off.meeting_mark(server, m.id) is not None
