"""Who made a change, as the change history names them: one limit on the name's length (the
column's), kept by `team person`, by opening a team database and by a copy into one; and no
two logins named alike, so the change log tells every person apart."""

from __future__ import annotations

import shutil
import uuid

import pytest
from sqlalchemy import create_engine, select, text

from bscp_desktop.cli import main
from bscp_desktop.db import engines, roles
from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.domain.validation import CHANGED_BY_MAX
from bscp_desktop.services import memberships as ms

LONG = ("Dr Alexandra Catherine Montgomery-Fitzwilliam, Designated Safeguarding Lead, "
        "NHS North West London ICB (Brent)")  # 110 characters


def _role() -> str:
    return f"p_{uuid.uuid4().hex[:10]}"


def _comment(address: str, role: str) -> str | None:
    engine = create_engine(engines.server_url(address))
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = :r"),
                                {"r": role}).scalar()
    finally:
        engine.dispose()


def _exists(address: str, role: str) -> bool:
    engine = create_engine(engines.server_url(address))
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first() is not None
    finally:
        engine.dispose()


def test_the_limit_is_the_columns_own():
    assert len(LONG) == 110
    assert CHANGED_BY_MAX == ChangeRecord.__table__.c.changed_by.type.length == 100


@pytest.mark.slow  # a PostgreSQL server
def test_team_person_refuses_a_name_longer_than_the_history_holds(pg_address, capsys):
    role = _role()
    assert main(["team", "person", role, "--name", LONG, "--group", "officer", "--db", pg_address]) == 2
    err = capsys.readouterr().err.strip()
    assert "--name" in err and "110 characters" in err and "at most 100" in err and len(err.splitlines()) == 1
    assert not _exists(pg_address, role)
    exact = "A" * 100  # the longest the history holds is taken
    assert main(["team", "person", role, "--name", exact, "--db", pg_address]) == 0
    assert _comment(pg_address, role) == exact


@pytest.mark.slow  # a PostgreSQL server
def test_team_person_refuses_a_name_another_login_has(pg_address, capsys):
    first, second = _role(), _role()
    name = f"Sam Patel {first}"
    assert main(["team", "person", first, "--name", name, "--db", pg_address]) == 0
    assert main(["team", "person", first, "--name", name, "--db", pg_address]) == 0  # its own name again
    capsys.readouterr()
    again = f"  sam  PATEL. {first.upper()}"  # the same name as names are compared
    assert main(["team", "person", second, "--name", again, "--db", pg_address]) == 2
    err = capsys.readouterr().err.strip()
    assert f"The login {first} is already named \"{name}\"" in err and "--name" in err and len(err.splitlines()) == 1
    assert not _exists(pg_address, second)
    assert main(["team", "person", second, "--name", f"Sam K Patel {first}", "--db", pg_address]) == 0
    capsys.readouterr()
    # nor may an existing login take the other's name
    assert main(["team", "person", second, "--name", name, "--db", pg_address]) == 2
    assert first in capsys.readouterr().err and _comment(pg_address, second) == f"Sam K Patel {first}"


@pytest.mark.slow  # a PostgreSQL server
def test_a_login_without_a_name_is_known_by_its_role_name(pg_address, capsys):
    bare = _role()
    engine = create_engine(engines.server_url(pg_address))
    with engine.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{bare}" LOGIN'))
    engine.dispose()
    assert main(["team", "person", _role(), "--name", bare, "--db", pg_address]) == 2
    assert f"The login {bare} is already named" in capsys.readouterr().err


@pytest.mark.slow  # a PostgreSQL server
def test_a_login_named_longer_than_the_history_holds_is_told_at_opening(pg_address, capsys):
    """A name given before `team person` kept to the limit: refused when the login opens the
    database, saying who can put it right, instead of every save failing."""
    assert main(["team", "roles", "--apply", "--db", pg_address]) == 0
    role = _role()
    engine = create_engine(engines.server_url(pg_address))
    with engine.begin() as conn:
        conn.execute(text(f"CREATE ROLE \"{role}\" LOGIN IN ROLE {roles.OFFICER}"))
        conn.execute(text(f"COMMENT ON ROLE \"{role}\" IS '{LONG}'"))
    engine.dispose()
    login = pg_address.replace("postgresql://bscp_test@", f"postgresql://{role}@", 1)
    with pytest.raises(DatabaseError) as refused:
        Database.open_target(login)
    said = str(refused.value)
    assert f"names your login {role} with 110 characters" in said and "at most 100" in said
    assert f"bscp-desktop team person {role} --name" in said


@pytest.fixture
def long_named_file(db_file, tmp_path):
    """A file whose history names who made a change with 110 characters, as the window allowed
    before it kept to the history's limit (a file does not enforce it)."""
    path = tmp_path / "long.sqlite3"
    shutil.copy(db_file, path)
    with Database.open(path) as db:
        db.user = "Amara Okafor"
        ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
        db.user = LONG
        for name in ("Harrow Council", "Ealing Council", "Barnet Council"):
            ms.create_organisation(db, ms.OrganisationFields(name, "local_authority"))
        with db.unit_of_work() as s:
            ids = list(s.scalars(select(ChangeRecord.id).where(ChangeRecord.changed_by == LONG).order_by(ChangeRecord.id)))
    return path, ids


@pytest.mark.slow  # a copy to a PostgreSQL server
def test_a_file_whose_history_holds_a_longer_name_is_refused_by_entry_before_a_team_database_is_touched(
        long_named_file, pg_address, tmp_path, capsys):
    source, ids = long_named_file
    assert len(ids) > 5
    assert main(["copy", "--from", str(source), "--to", pg_address]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "long.sqlite3" in err
    assert f"in entries {', '.join(map(str, ids[:5]))} and {len(ids) - 5} more" in err
    assert "110 characters" in err and "the 100 characters a team database holds" in err
    assert "breaking the history's chain" in err and "nothing was written" in err
    engine = create_engine(engines.server_url(pg_address))
    try:
        with engine.connect() as conn:  # not even the schema was built
            assert conn.execute(text("SELECT to_regclass('change_record')")).scalar() is None
    finally:
        engine.dispose()
    out = tmp_path / "copied.sqlite3"  # a file holds the longer name: copied whole, chain and all
    assert main(["copy", "--from", str(source), "--to", str(out)]) == 0
    with Database.open(out) as db, db.unit_of_work() as s:
        assert LONG in set(s.scalars(select(ChangeRecord.changed_by)))
