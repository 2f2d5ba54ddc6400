"""Revision 0013: the other names training kept for organisations move to Memberships' one list
(organisation_alias), and training's own table is dropped."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from bscp_desktop.db import migrate
from bscp_desktop.db.database import Database
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import settings as st

STAMP = "'2024-01-01 09:00:00.000000'"


@pytest.mark.slow
def test_training_aliases_move_to_the_shared_list_and_the_table_goes(tmp_path):
    from alembic import command

    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), "0012")
        for org_id, name, short in ((1, "London North West University Healthcare NHS Trust", "LNWUH"),
                                    (2, "Brent Council", ""), (3, "Metropolitan Police", "")):
            conn.exec_driver_sql(
                "INSERT INTO organisation (id, name, short_name, kind, created_at, updated_at) "
                f"VALUES ({org_id}, '{name}', '{short}', 'other', {STAMP}, {STAMP})")
        conn.exec_driver_sql(
            "INSERT INTO organisation_alias (organisation_id, alias, created_at, updated_at) "
            f"VALUES (2, 'Brent CYP', {STAMP}, {STAMP})")
        for n, (alias, org_id) in enumerate([
            ("Northwick Park Hospital", 1),  # moves
            ("  Central  Middlesex   Hospital ", 1),  # moves, spacing tidied
            ("brent cyp", 2),  # Brent Council already has it
            ("Brent. CYP", 3),  # another organisation's other name: not moved (one name, one organisation)
            ("lnwuh", 3),  # another organisation's short name: not moved
        ], start=1):
            conn.exec_driver_sql(
                "INSERT INTO training_organisation_alias (id, alias, alias_key, organisation_id, created_at, "
                f"updated_at) VALUES ({n}, '{alias}', 'key{n}', {org_id}, {STAMP}, {STAMP})")
    engine.dispose()

    with Database.open(path) as db:  # upgrades to the head
        with db.engine.connect() as conn:
            tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
            moved = conn.execute(text("SELECT organisation_id, alias FROM organisation_alias ORDER BY id")).all()
        assert "training_organisation_alias" not in tables
        assert moved == [(2, "Brent CYP"), (1, "Northwick Park Hospital"), (1, "Central Middlesex Hospital")]
        lnwuh = ms.find_organisation(db, "northwick park hospital")
        assert lnwuh is not None and lnwuh.id == 1
        assert sorted(ms.list_organisations(db)[1].aliases) == ["Central Middlesex Hospital", "Northwick Park Hospital"]
        assert [a.alias for a in st.list_aliases(db)] == ["Brent CYP", "Central Middlesex Hospital",
                                                         "Northwick Park Hospital"]
        assert bk.list_bookings(db) == []
