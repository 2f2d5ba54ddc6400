"""The second engine: a team database on a PostgreSQL server.

The tests that need a server start their own (tests/postgres_cluster.py) and are skipped, with
the reason, on a machine without PostgreSQL. The address tests need no server.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select, text

from bscp_desktop.db import engines, migrate
from bscp_desktop.db.base import Base
from bscp_desktop.db.database import Database, DatabaseError, make_engine, migration_engine
from bscp_desktop.db.history import verify_chain
from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.domain.meetings import MeetingStatus, MinutesStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from tests.meetings_world import build_world, meeting


def _schema_differences(conn) -> list:
    return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)


def _tables(conn) -> set[str]:
    return set(inspect(conn).get_table_names())


# --- addresses: no server needed ---------------------------------------------------------

@pytest.mark.parametrize(
    "target, server",
    [
        ("postgresql://officer@db.brent.gov.uk/bscp", True),
        ("postgres://officer@db/bscp", True),
        ("postgresql+psycopg://officer@db/bscp", True),
        ("POSTGRESQL://officer@db/bscp", True),
        ("bscp.sqlite3", False),
        ("C:\\Users\\officer\\postgresql.sqlite3", False),
        ("sqlite:///bscp.sqlite3", False),
        ("mysql://officer@db/bscp", False),
    ],
)
def test_a_target_is_a_server_address_only_when_it_says_postgresql(target, server):
    assert engines.is_server_address(target) is server


def test_server_addresses_use_the_programs_driver_and_keep_tls_settings():
    url = engines.server_url("postgresql://officer@db.brent.gov.uk:5433/bscp?sslmode=verify-full&sslrootcert=ca.pem")
    assert url.startswith("postgresql+psycopg://officer@db.brent.gov.uk:5433/bscp?")
    assert "sslmode=verify-full" in url and "sslrootcert=ca.pem" in url
    assert engines.server_url("postgres://o@db/bscp") == "postgresql+psycopg://o@db/bscp"


def test_an_address_is_shown_without_its_password():
    shown = engines.display_address("postgresql://officer:s3cret-pass@db/bscp")
    assert "s3cret-pass" not in shown and "officer" in shown and "db/bscp" in shown


@pytest.mark.parametrize(
    "address, words",
    [
        ("postgresql://officer:s3cret-pass@db.brent.gov.uk", "does not name a database"),
        ("postgresql+asyncpg://officer:s3cret-pass@db/bscp", "driver"),
    ],
)
def test_an_unusable_address_is_refused_in_one_sentence_without_its_password(address, words):
    with pytest.raises(DatabaseError) as err:
        Database.open_target(address)
    assert words in str(err.value) and "s3cret-pass" not in str(err.value)


def test_a_server_that_cannot_be_reached_is_named_without_its_password(tmp_path):
    pytest.importorskip("psycopg")
    address = f"postgresql://officer:s3cret-pass@/bscp?host={tmp_path}&port=5999&connect_timeout=3"
    with pytest.raises(DatabaseError) as err:
        Database.open_target(address)
    message = str(err.value)
    assert "cannot be reached" in message and "s3cret-pass" not in message
    assert "\n" not in message


def test_a_server_gone_silent_is_given_up_on_in_seconds_unless_the_address_says_otherwise():
    # a dropped network (no reset, packets lost) held a save, and the window, until TCP gave up
    sent = engines.engine_options(engines.server_url("postgresql://officer@server/bscp"))["connect_args"]
    assert sent["connect_timeout"] == 10 and sent["keepalives"] == 1 and sent["tcp_user_timeout"] == 10_000
    assert sent["keepalives_idle"] + sent["keepalives_interval"] * sent["keepalives_count"] <= 30
    own = engines.engine_options(engines.server_url(
        "postgresql://officer@server/bscp?connect_timeout=30&keepalives_idle=60"))["connect_args"]
    assert "connect_timeout" not in own and "keepalives_idle" not in own  # the address's own are kept
    assert own["tcp_user_timeout"] == 10_000
    assert "keepalives" not in engines.engine_options("sqlite:///x.sqlite3")["connect_args"]


def test_a_connection_to_the_server_carries_the_time_limits(pg_address):
    engine = make_engine(engines.server_url(pg_address))
    try:
        with engine.connect() as conn:
            given = conn.connection.dbapi_connection.info.get_parameters()
    finally:
        engine.dispose()
    assert given["keepalives"] == "1" and given["tcp_user_timeout"] == "10000"
    assert given["connect_timeout"] == "10" and given["keepalives_count"] == "3"


def test_a_file_path_still_opens_a_file(tmp_path):
    path = tmp_path / "postgresql.sqlite3"  # a file whose name merely mentions the server
    with Database.open_target(path) as database:
        assert database.path == path and database.engine.dialect.name == "sqlite"
    with Database.open_target(str(path)) as database:
        assert database.path == path


# --- migrations on a server -------------------------------------------------------------

def test_every_revision_builds_an_empty_postgresql_database_that_matches_the_models(pg_address):
    with Database.open_target(pg_address) as database:
        assert database.engine.dialect.name == "postgresql" and database.path is None
        with database.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            assert _schema_differences(conn) == []
    # opening again changes nothing and upgrades nothing
    Database.open_target(pg_address).close()


def test_postgresql_downgrades_one_revision_at_a_time_and_upgrades_again(pg_address):
    Database.open_target(pg_address).close()
    engine = migration_engine(engines.server_url(pg_address))
    try:
        with engine.begin() as conn:
            for expected in reversed(migrate.revisions_in_order()[:-1]):
                command.downgrade(migrate.alembic_config(conn), "-1")
                assert migrate.current_revision(conn) == expected
            command.downgrade(migrate.alembic_config(conn), "base")
            assert _tables(conn) <= {"alembic_version"}
            assert conn.execute(text(
                "SELECT count(*) FROM pg_proc WHERE proname = 'change_record_refuse_edit'")).scalar() == 0
        with engine.begin() as conn:
            command.upgrade(migrate.alembic_config(conn), "head")
            assert _schema_differences(conn) == []
    finally:
        engine.dispose()


def test_a_failed_upgrade_leaves_the_server_database_as_it_was(pg_address, monkeypatch):
    engine = migration_engine(engines.server_url(pg_address))
    try:
        with engine.begin() as conn:
            command.upgrade(migrate.alembic_config(conn), "0010")
            tables_before = _tables(conn)
    finally:
        engine.dispose()

    def broken(conn):
        command.upgrade(migrate.alembic_config(conn), "head")
        raise RuntimeError("the power went off")

    monkeypatch.setattr(migrate, "upgrade", broken)
    with pytest.raises(DatabaseError, match="left as it was"):
        Database.open_target(pg_address)
    engine = make_engine(engines.server_url(pg_address))
    try:
        with engine.connect() as conn:
            assert migrate.current_revision(conn) == "0010"
            assert _tables(conn) == tables_before
    finally:
        engine.dispose()


def test_a_server_database_of_another_program_is_refused(pg_address):
    engine = make_engine(engines.server_url(pg_address))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id integer primary key)"))
    engine.dispose()
    with pytest.raises(DatabaseError, match="another program"):
        Database.open_target(pg_address)


def test_a_server_database_of_a_newer_version_is_refused(pg_address):
    Database.open_target(pg_address).close()
    engine = make_engine(engines.server_url(pg_address))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(DatabaseError, match="newer version"):
        Database.open_target(pg_address)


# --- the services on a server -----------------------------------------------------------

def test_organisation_meeting_and_minutes_round_trip_on_postgresql(pg_db):
    world = build_world(pg_db)
    assert {"Brent Council", "Metropolitan Police"} <= {o.name for o in ms.list_organisations(pg_db)}
    held = meeting(pg_db, world.forum, datetime(2023, 12, 14, 10), status=MeetingStatus.HELD)
    later = meeting(pg_db, world.forum, datetime(2024, 3, 14, 10))
    item = mt.add_agenda_item(pg_db, held.id, mt.AgendaItemFields("Working Together 2023"))
    assert mt.save_item_minutes(pg_db, item.id, "Partners noted <b>progress</b> & agreed").changed
    assert not mt.save_item_minutes(pg_db, item.id, "Partners noted <b>progress</b> & agreed").changed
    decision = mt.add_decision(pg_db, item.id, "Adopt the new arrangements")
    action = mt.add_item_action(pg_db, item.id, al.ActionFields("Publish the arrangements", world.chair.id,
                                                                 due_date=date(2024, 6, 30)))
    mt.circulate_minutes(pg_db, held.id, date(2023, 12, 20))
    approved = mt.approve_minutes(pg_db, held.id, later.id)
    assert approved.minutes_status is MinutesStatus.APPROVED
    assert mt.get_agenda_item(pg_db, item.id).minutes == "Partners noted <b>progress</b> & agreed"
    assert decision.item_title == "Working Together 2023" and action.id
    with pytest.raises(ValidationError):
        mt.save_item_minutes(pg_db, item.id, "A change after approval")  # locked, as on a file

    with pg_db.unit_of_work() as s:
        minutes_changes = s.scalar(select(func.count(ChangeRecord.id)).where(
            ChangeRecord.table_name == "agenda_item", ChangeRecord.field == "minutes"))
        names = s.scalars(select(ChangeRecord.record_label).where(ChangeRecord.table_name == "person")).all()
    assert minutes_changes == 1
    assert "Nurse 王芳" in names and "Dr Żaneta Kowalska" in names
    raw = pg_db.engine.raw_connection()
    try:
        broken, checked = verify_chain(raw)
    finally:
        raw.close()
    assert broken is None and checked > 20


def test_a_failed_command_writes_nothing_on_postgresql(pg_db):
    world = build_world(pg_db)
    with pg_db.unit_of_work() as s:
        before = s.scalar(select(func.count(ChangeRecord.id)))
    with pytest.raises(ValidationError):
        mt.create_meeting(pg_db, mt.MeetingFields(world.forum.id, "", datetime(2024, 3, 14, 10), None))
    with pytest.raises(RuntimeError), pg_db.unit_of_work() as s:
        s.add(ChangeRecord(changed_by="x", table_name="t", record_id=1, action="insert"))
        raise RuntimeError("stopped part-way")
    with pg_db.unit_of_work() as s:
        assert s.scalar(select(func.count(ChangeRecord.id))) == before


def test_the_server_itself_refuses_to_change_the_history(pg_db):
    ms.create_organisation(pg_db, ms.OrganisationFields("Brent Council", "local_authority"))
    for statement in (
        "UPDATE change_record SET changed_by = 'someone else'",
        "DELETE FROM change_record",
        "TRUNCATE change_record",
    ):
        with pytest.raises(Exception, match="cannot be edited"), pg_db.engine.begin() as conn:
            conn.execute(text(statement))
    with pg_db.unit_of_work() as s:
        assert s.scalar(select(func.count(ChangeRecord.id))) >= 1


def test_a_server_database_is_labelled_without_its_password(postgres_cluster):
    address = postgres_cluster.new_database().replace("postgresql://bscp_test@", "postgresql://bscp_test:s3cret@")
    with Database.open_target(address) as database:  # trust: the server ignores the password
        assert "s3cret" not in database.label and "bscp_test" in database.label
        assert database.label.startswith("postgresql://")  # as officers write it, without the driver


def test_a_file_database_is_labelled_by_its_path(db, db_path):
    assert db.label == str(db_path)


def test_pg_db_and_pg_address_in_one_test_name_one_database(pg_db, pg_address):
    """The fixtures: a test asking for both talks to one database (tests/conftest.py)."""
    ms.create_organisation(pg_db, ms.OrganisationFields("Brent Council", "local_authority"))
    with Database.open_target(pg_address) as other:
        assert [o.name for o in ms.list_organisations(other)] == ["Brent Council"]
