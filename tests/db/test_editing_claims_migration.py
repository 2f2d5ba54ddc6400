"""Revision 0023: who is editing a record holds one claim per editor instead of one per record,
so two officers editing the same minutes both hold one. Claims already there are kept; going
back keeps the latest claim of each record."""

from __future__ import annotations

from datetime import datetime

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from bscp_desktop.db import engines, migrate
from bscp_desktop.db.database import Database, migration_engine
from bscp_desktop.services import editing

AT = datetime(2024, 3, 14, 10, 30)


def _claim(conn, key: str, record_id: int = 5) -> None:
    conn.execute(text(
        "INSERT INTO editing (table_name, record_id, holder, session_key, since, heartbeat_at) "
        "VALUES ('agenda_item', :record, :holder, :key, :at, :at)"
    ), {"record": record_id, "holder": f"Officer {key}", "key": key, "at": AT})


def _unique_keys(conn) -> list[list[str]]:
    return sorted(u["column_names"] for u in inspect(conn).get_unique_constraints("editing"))


def _claims(conn) -> list[tuple]:
    return conn.execute(text("SELECT record_id, session_key FROM editing ORDER BY record_id, id")).all()


def _round_trip(engine) -> None:
    """At 0022, one claim per record; at the head, one per editor of a record; back at 0022,
    the latest claim of each record."""
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0022")
        assert _unique_keys(conn) == [["table_name", "record_id"]]
        _claim(conn, "a")
        _claim(conn, "c", record_id=6)
    with pytest.raises(IntegrityError), engine.begin() as conn:
        _claim(conn, "b")  # a second officer on record 5 had no claim of their own
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), "head")
        assert _unique_keys(conn) == [["table_name", "record_id", "session_key"]]
        assert _claims(conn) == [(5, "a"), (6, "c")]  # kept
        _claim(conn, "b")
    with pytest.raises(IntegrityError), engine.begin() as conn:
        _claim(conn, "b")  # still one claim per editor
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0022")
        assert _claims(conn) == [(5, "b"), (6, "c")]
        command.upgrade(migrate.alembic_config(conn), "head")


@pytest.mark.slow
def test_a_file_from_before_keeps_its_claims_and_takes_one_per_editor(tmp_path):
    path = tmp_path / "claims.sqlite3"
    Database.open(path).close()
    engine = create_engine(f"sqlite:///{path}")
    try:
        _round_trip(engine)
    finally:
        engine.dispose()
    with Database.open(path) as db:
        seen = editing.editing_now(db, "agenda_item", [5], "a", now=AT)[5]
        assert [e.holder for e in seen] == ["Officer b"]


def test_a_server_database_from_before_keeps_its_claims_and_takes_one_per_editor(pg_address):
    Database.open_target(pg_address).close()
    engine = migration_engine(engines.server_url(pg_address))
    try:
        _round_trip(engine)
    finally:
        engine.dispose()
