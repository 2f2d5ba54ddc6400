"""People, not logins: each officer connects to the team database as their own role, the server's
grants decide what that role may read and change, and the change history names the person.

Every test here runs against the throwaway server (tests/postgres_cluster.py) and is skipped
where PostgreSQL is not installed. Roles belong to the whole server, so each test makes its own
login roles under new names.
"""

from __future__ import annotations

import time
import uuid
from datetime import date

import pytest
import sqlalchemy.exc
from sqlalchemy import create_engine, func, select, text

from bscp_desktop.cli import main
from bscp_desktop.db import engines, roles
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.domain.case_reviews import IncidentType
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms


def _login(address: str, role: str) -> str:
    """The same database's address, connecting as `role` (the test server trusts every role)."""
    return address.replace("postgresql://bscp_test@", f"postgresql://{role}@", 1)


def _person(address: str, name: str, *groups: str) -> tuple[str, str]:
    """A new login in `groups`, named `name` and its role (logins belong to the whole test
    server, and `team person` refuses a name another login has)."""
    role = f"p_{uuid.uuid4().hex[:10]}"
    flags = [arg for g in groups for arg in ("--group", g)]
    assert main(["team", "person", role, "--name", f"{name} {role}", *flags, "--db", address]) == 0
    return role, _login(address, role)


@pytest.fixture
def team(pg_address, capsys):
    """A team database with its groups and grants set up by the owner, and one case review."""
    assert main(["team", "roles", "--apply", "--db", pg_address]) == 0
    assert "Groups and grants set" in capsys.readouterr().out
    with Database.open_target(pg_address) as owner:
        ms.create_organisation(owner, ms.OrganisationFields("Brent Council", "local_authority"))
        cr.create_case_review(owner, _case("Child A"))
    return pg_address


def _case(alias: str) -> cr.CaseReviewFields:
    return cr.CaseReviewFields(alias=alias, incident_type=IncidentType.SERIOUS_HARM, became_aware=date(2024, 1, 8))


def _raw(address: str):
    return create_engine(engines.server_url(address))


def test_a_direct_select_on_a_case_review_table_as_an_officer_only_role_is_refused(team):
    _role, officer = _person(team, "Olu Officer", "officer")
    engine = _raw(officer)
    try:
        for table in ("case_review", "recommendation", "case_audit", "audit_case"):
            with pytest.raises(sqlalchemy.exc.ProgrammingError, match="permission denied"), engine.connect() as conn:
                conn.execute(text(f"SELECT * FROM {table}")).all()
        with engine.connect() as conn:  # everything else is open to an officer
            assert conn.execute(text("SELECT count(*) FROM organisation")).scalar() == 1
    finally:
        engine.dispose()


def test_the_case_reviews_group_reads_and_changes_case_reviews(team):
    _role, panel = _person(team, "Cara Panel", "officer", "case-reviews")
    with Database.open_target(panel) as db:
        assert db.access.unreadable == frozenset() and db.access.can_change
        review = cr.list_case_reviews(db)[0]
        assert review.alias == "Child A"
        assert cr.update_case_review(db, review.id, _case("Child B")).alias == "Child B"


def test_a_read_only_role_reads_but_cannot_insert(team):
    _role, scrutineer = _person(team, "Sam Scrutineer", "read-only")
    engine = _raw(scrutineer)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT name FROM organisation")).scalar() == "Brent Council"
        for statement in (
            "INSERT INTO organisation (name, kind) VALUES ('Harrow Council', 'local_authority')",
            "UPDATE organisation SET name = 'Renamed'",
            "DELETE FROM organisation",
        ):
            with pytest.raises(sqlalchemy.exc.ProgrammingError, match="permission denied"), engine.begin() as conn:
                conn.execute(text(statement))
        with pytest.raises(sqlalchemy.exc.ProgrammingError, match="permission denied"), engine.connect() as conn:
            conn.execute(text("SELECT * FROM case_review")).all()
    finally:
        engine.dispose()
    with Database.open_target(scrutineer) as db:
        assert not db.access.can_change
        assert db.access.unreadable == roles.CASE_TABLES
        with pytest.raises(PermissionError, match="may not change this team database") as refused:
            ms.create_organisation(db, ms.OrganisationFields("Harrow Council", "local_authority"))
        assert "INSERT" not in str(refused.value) and "\n" not in str(refused.value)
        with pytest.raises(PermissionError, match="may not read"):
            cr.list_case_reviews(db)
        # taking a record to change it (SELECT ... FOR UPDATE, as taking a meeting offline does)
        # is a change refused, not a record it may not read
        with pytest.raises(PermissionError, match="may not change this team database"), db.unit_of_work() as s:
            s.execute(text("SELECT id FROM organisation FOR UPDATE")).all()


def test_the_history_records_the_persons_name_from_the_server(team):
    role, officer = _person(team, "Amara Okafor-Ní Bhriain", "officer")
    with Database.open_target(officer) as db:
        assert db.user == f"Amara Okafor-Ní Bhriain {role}" and db.access.role == role
        ms.create_organisation(db, ms.OrganisationFields("Harrow Council", "local_authority"))
        with db.unit_of_work() as s:
            names = set(s.scalars(select(ChangeRecord.changed_by).where(ChangeRecord.record_label == "Harrow Council")))
    assert names == {f"Amara Okafor-Ní Bhriain {role}"}


def test_a_role_without_a_name_is_recorded_by_its_role_name(team):
    role = f"p_{uuid.uuid4().hex[:10]}"
    engine = _raw(team)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN IN ROLE {roles.OFFICER}'))
    engine.dispose()
    with Database.open_target(_login(team, role)) as db:
        assert db.user == role
        ms.create_organisation(db, ms.OrganisationFields("Ealing Council", "local_authority"))
        with db.unit_of_work() as s:
            assert s.scalar(select(func.min(ChangeRecord.changed_by)).where(
                ChangeRecord.record_label == "Ealing Council")) == role


def test_roles_is_idempotent_and_prints_the_same_script(team, capsys):
    assert main(["team", "roles", "--db", team]) == 0
    first = capsys.readouterr().out
    assert main(["team", "roles", "--apply", "--db", team]) == 0
    assert main(["team", "roles", "--db", team]) == 0
    assert capsys.readouterr().out.split("\n", 1)[1] == first
    assert "GRANT SELECT, INSERT, UPDATE, DELETE ON \"case_review\" TO bscp_case_reviews;" in first
    assert "TO bscp_officer" in first and "bscp_read_only" in first


def test_nobody_but_the_owner_can_create_or_drop_tables(team):
    _role, officer = _person(team, "Olu Officer", "officer", "case-reviews")
    engine = _raw(officer)
    try:
        for statement in ("CREATE TABLE mine (id integer)", "DROP TABLE organisation", "TRUNCATE organisation"):
            with pytest.raises(sqlalchemy.exc.ProgrammingError), engine.begin() as conn:
                conn.execute(text(statement))
    finally:
        engine.dispose()


def test_team_commands_need_a_server_address(tmp_path, capsys):
    assert main(["team", "roles", "--db", str(tmp_path / "x.sqlite3")]) == 2
    assert "team database" in capsys.readouterr().err


def test_every_case_table_is_a_real_table():
    from bscp_desktop.db.base import Base
    from bscp_desktop.domain.kinds import RecordKind
    from bscp_desktop.services.access import CASE_AUDIT_TABLES

    assert roles.CASE_TABLES <= set(Base.metadata.tables)
    assert set(CASE_AUDIT_TABLES) <= roles.CASE_TABLES
    for mapper in Base.registry.mappers:
        if getattr(mapper.class_, "__kind__", None) == RecordKind.CASE_REVIEWS:
            assert mapper.local_table.name in roles.CASE_TABLES



def test_an_officer_only_role_still_lists_actions_and_searches_without_case_reviews(team):
    from bscp_desktop.services import actions as al
    from bscp_desktop.services import search as finder

    with Database.open_target(team) as owner:
        case = cr.list_case_reviews(owner)[0]
        rec = cr.create_recommendation(owner, cr.RecommendationFields(case.id, "Neglect training for GPs"))
        cr.add_recommendation_action(owner, rec.id, al.ActionFields("Run neglect training", due_date=date(2024, 6, 30),
                                                                   owner_organisation_id=ms.list_organisations(owner)[0].id))
        assert finder.search(owner, "child").hits
    _role, officer = _person(team, "Olu Officer", "officer")
    with Database.open_target(officer) as db:
        [action] = al.list_action_log(db)
        assert action.description == "Run neglect training" and action.source == al.NOT_OPEN
        assert not finder.search(db, "child").hits
        assert finder.search(db, "Brent").hits


def test_the_history_of_case_reviews_is_kept_from_officers_outside_the_group_and_the_chain_holds(team, capsys):
    _role, officer = _person(team, "Olu Officer", "officer")
    _role, panel = _person(team, "Cara Panel", "officer", "case-reviews")
    with Database.open_target(panel) as db:
        review = cr.list_case_reviews(db)[0]
        cr.update_case_review(db, review.id, _case("Child B"))  # the newest entry is about a case
    with Database.open_target(officer) as db:
        with db.unit_of_work() as s:
            tables = set(s.scalars(select(ChangeRecord.table_name)))
        assert "organisation" in tables and not tables & roles.CASE_TABLES
        # the officer's change chains from the case entry it cannot see
        ms.create_organisation(db, ms.OrganisationFields("Harrow Council", "local_authority"))
    with Database.open_target(panel) as db, db.unit_of_work() as s:
        assert "case_review" in set(s.scalars(select(ChangeRecord.table_name)))
    assert main(["check", "--db", team]) == 0  # as the owner: every entry, chain intact
    assert "change history intact" in capsys.readouterr().out
    assert main(["check", "--db", officer]) == 2
    assert "run check as the role that owns the database" in capsys.readouterr().err


def test_an_officer_opening_an_older_schema_is_told_who_upgrades_it(pg_address, capsys):
    from alembic import command

    from bscp_desktop.db import migrate
    from bscp_desktop.db.database import DatabaseError, migration_engine

    engine = migration_engine(engines.server_url(pg_address))
    try:
        with engine.begin() as conn:
            command.upgrade(migrate.alembic_config(conn), migrate.revisions_in_order()[-2])
            roles.apply_grants(conn)
    finally:
        engine.dispose()
    role, officer = _person(pg_address, "Olu Officer", "officer")
    with pytest.raises(DatabaseError, match="ask whoever looks after the team database to upgrade it"):
        Database.open_target(officer)
    assert main(["team", "roles", "--apply", "--db", pg_address]) == 0  # the owner upgrades
    with Database.open_target(officer) as db:
        assert db.user == f"Olu Officer {role}"


def test_a_login_the_server_turns_away_is_told_so(pg_address):
    from bscp_desktop.db.database import DatabaseError

    nobody = _login(pg_address, "nobody_here").replace("nobody_here@", "nobody_here:s3cret-pass@")
    with pytest.raises(DatabaseError, match="turned the login away") as err:
        Database.open_target(nobody)
    assert "s3cret-pass" not in str(err.value)
    missing = pg_address.split("?", 1)[0].rsplit("/", 1)[0] + "/no_such_db?" + pg_address.split("?", 1)[1]
    with pytest.raises(DatabaseError, match="does not exist on that server"):
        Database.open_target(missing)


def test_the_workbook_of_everything_leaves_out_what_the_login_may_not_read_and_says_so(team, tmp_path):
    from openpyxl import load_workbook

    from bscp_desktop import jobs

    _role, officer = _person(team, "Olu Officer", "officer")
    with Database.open_target(officer) as db:
        out = jobs.export_workbook(db, "all", tmp_path / "everything.xlsx")
    book = load_workbook(out, read_only=True)
    assert "Left out" in book.sheetnames
    left_out = [row[0] for row in book["Left out"].iter_rows(values_only=True)]
    assert "Case review tracker" in left_out and any("may not read" in str(v) for v in left_out)
    assert "Finance workbook" not in left_out and "Yearly reports and partner engagement" not in left_out
    assert not any("Child A" in str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row)


def test_a_yearly_report_section_closed_to_the_login_says_why(team):
    from bscp_desktop.services import yearly_report as yr

    _role, officer = _person(team, "Olu Officer", "officer")
    with Database.open_target(officer) as db:
        built = yr.build_section(db, "case_reviews", date(2023, 4, 1), date(2024, 3, 31))
        assert not built.has_data and "may not read" in built.blocks[0].text
        assert yr.build_section(db, "membership", date(2023, 4, 1), date(2024, 3, 31)).key == "membership"


def test_a_server_that_cannot_be_checked_asks_for_the_root_certificate():
    from bscp_desktop.db.server import not_connected

    class Refused(Exception):
        pass

    said = not_connected("postgresql://amara@db.brent.gov.uk/bscp", Refused(
        'connection failed: root certificate file "C:\\Users\\amara\\AppData\\Roaming\\postgresql\\root.crt" does not exist'))
    assert "root certificate file IT gave you" in said and "\n" not in said


def test_the_grants_are_tried_again_when_the_server_breaks_a_deadlock_with_them(team):
    """Another session holding the change history, then waiting on a group the script has
    commented on, deadlocks with `team roles --apply`: the server aborts the script's
    transaction, which is run again (it is idempotent) once the other session is done."""
    import threading

    from bscp_desktop.db import server

    engine = create_engine(engines.server_url(team))
    other = engine.connect()
    other.execute(text(f"LOCK TABLE {roles.HISTORY_TABLE} IN ACCESS SHARE MODE"))  # its transaction stays open
    outcome: dict[str, object] = {}

    def apply() -> None:
        try:
            outcome["script"] = server.team_roles(team, apply=True)
        except Exception as exc:  # noqa: BLE001 - the test reports it
            outcome["error"] = exc

    thread = threading.Thread(target=apply)
    thread.start()
    for _ in range(200):  # until the script waits for the history (it holds the groups then)
        waiting = other.execute(text(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "WHERE NOT l.granted AND c.relname = :t"), {"t": roles.HISTORY_TABLE}).scalar_one()
        if waiting:
            break
        time.sleep(0.05)
    assert waiting, "the script never waited for the change history"
    other.execute(text(f"COMMENT ON ROLE {roles.OFFICER} IS 'held'"))  # waits on the script: a deadlock
    other.rollback()
    other.close()
    engine.dispose()
    thread.join(30)
    assert "error" not in outcome, outcome.get("error")
    assert any("ENABLE ROW LEVEL SECURITY" in s for s in outcome["script"])
