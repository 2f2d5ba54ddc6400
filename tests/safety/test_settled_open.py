"""A file at this version's schema, whole, its change history protected and its search index
current is opened without writing to it (no upgrade's transaction); a file lacking any of
those is still brought up to date when it is opened."""

from __future__ import annotations

import sqlite3

import pytest

from bscp_desktop.db import database as database_module
from bscp_desktop.db import search
from bscp_desktop.db.database import Database, read_state
from bscp_desktop.services import memberships as ms
from tests.safety.helpers import one_organisation_file, sql


@pytest.fixture
def settled(tmp_path, empty_file):
    return one_organisation_file(tmp_path / "bscp.sqlite3", empty_file)


def _no_upgrade(monkeypatch) -> list[str]:
    calls: list[str] = []
    monkeypatch.setattr(database_module, "upgrade_url", lambda url, name=None: calls.append(url))
    return calls


def _signature(path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT value FROM {search.META} WHERE key = 'signature'").fetchone()[0]
    finally:
        con.close()


def test_a_settled_file_is_opened_without_an_upgrade(settled, monkeypatch):
    assert read_state(settled)[1].settled
    calls = _no_upgrade(monkeypatch)
    with Database.open(settled) as db:
        assert [o.name for o in ms.list_organisations(db)] == ["Brent Council"]
    assert calls == []


def test_a_file_read_without_its_pages_checked_is_not_called_settled(settled):
    assert not read_state(settled, None)[1].settled


def test_a_search_index_of_other_declarations_is_rebuilt_at_opening(settled, monkeypatch):
    sql(settled, f"UPDATE {search.META} SET value = 'an earlier version' WHERE key = 'signature'")
    assert not read_state(settled)[1].settled
    with Database.open(settled) as db:
        assert ms.list_organisations(db)
    assert _signature(settled) == search.signature()


def test_missing_protection_of_the_change_history_is_put_back_at_opening(settled):
    sql(settled, "DROP TRIGGER change_record_no_update")
    assert not read_state(settled)[1].settled
    Database.open(settled).close()
    assert read_state(settled)[1].settled


@pytest.mark.slow
def test_a_file_of_an_earlier_schema_is_upgraded(settled, monkeypatch):
    sql(settled, "UPDATE alembic_version SET version_num = '0018'")
    assert not read_state(settled)[1].settled
    calls = _no_upgrade(monkeypatch)
    Database.open(settled).close()
    assert calls  # the upgrade was run
