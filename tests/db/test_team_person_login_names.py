"""`team person` refuses, before the server is asked, a login name no person's login may have:
an empty one, one starting pg_ or the words public and none (kept for PostgreSQL itself), and one longer than the 63 bytes
PostgreSQL keeps (a longer name would be cut short without a word, and so name another login).
Nothing on the server changes.

The tests run against the throwaway server (tests/postgres_cluster.py), skipped where
PostgreSQL is not installed; each makes its own login roles under new names.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text

from bscp_desktop.cli import main
from bscp_desktop.db import engines, roles


def _sql(address: str, statement: str, **params):
    engine = create_engine(engines.server_url(address))
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement), params)
            return result.all() if result.returns_rows else []
    finally:
        engine.dispose()


def _roles(address: str) -> dict[str, str | None]:
    """Every role on the server, with its comment."""
    return dict(_sql(address, "SELECT rolname, shobj_description(oid, 'pg_authid') FROM pg_roles"))


def _memberships(address: str) -> set[tuple[str, str]]:
    return set(_sql(address, "SELECT g.rolname, m.rolname FROM pg_auth_members a "
                             "JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member"))


@pytest.fixture
def team(pg_address, capsys):
    assert main(["team", "roles", "--apply", "--db", pg_address]) == 0
    capsys.readouterr()
    return pg_address


def _refused(team: str, capsys, role: str, name: str = "Long Name") -> str:
    before, members = _roles(team), _memberships(team)
    assert main(["team", "person", role, "--name", name, "--group", "officer", "--db", team]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err and err.endswith("nothing was changed.")
    assert _roles(team) == before and _memberships(team) == members
    return err


def test_a_login_name_over_63_bytes_is_refused_naming_the_limit(team, capsys):
    role = "a" * 70
    err = _refused(team, capsys, role)
    assert f"The login name {role} is 70 bytes long" in err and "at most 63 bytes" in err
    assert "give a shorter login name" in err and "Created" not in err
    assert not any(name.startswith("a" * 63) for name in _roles(team))


def test_a_long_name_never_renames_the_login_it_would_be_cut_to(team, capsys):
    short = f"p{uuid.uuid4().hex}".ljust(63, "x")
    assert main(["team", "person", short, "--name", f"Kept {short[:8]}", "--group", "officer", "--db", team]) == 0
    capsys.readouterr()
    _refused(team, capsys, short + "yyyyyyy", name=f"Other {short[:8]}")
    assert _roles(team)[short] == f"Kept {short[:8]}"


def test_the_limit_is_counted_in_bytes_not_letters(team, capsys):
    role = "é" * 32  # 32 letters, 64 bytes
    err = _refused(team, capsys, role)
    assert "is 64 bytes long" in err


def test_a_name_of_63_bytes_is_taken_whole(team, capsys):
    role = f"p{uuid.uuid4().hex}".ljust(63, "z")
    assert main(["team", "person", role, "--name", f"Whole {role[:8]}", "--group", "officer", "--db", team]) == 0
    assert f"Created the login role {role} in officer" in capsys.readouterr().out
    assert _roles(team)[role] == f"Whole {role[:8]}"


@pytest.mark.parametrize("role", ["", "   "])
def test_an_empty_login_name_is_refused_in_words(team, capsys, role):
    err = _refused(team, capsys, role)
    assert err.startswith("bscp-desktop: Give the login name the person connects with")
    assert "zero-length" not in err and "could not be set up" not in err


def test_a_login_name_starting_pg_is_refused_in_words(team, capsys):
    err = _refused(team, capsys, "pg_amara")
    assert err.startswith("bscp-desktop: Login names starting pg_ are kept for PostgreSQL itself, so pg_amara cannot be")
    assert "reserved" not in err


@pytest.mark.parametrize("role", ["public", "none"])
def test_the_names_postgresql_keeps_for_every_role_and_none_are_refused_in_words(team, capsys, role):
    err = _refused(team, capsys, role)
    assert f"The login name {role} is kept for PostgreSQL itself" in err and "reserved" not in err


@pytest.mark.parametrize("role", ["", "pg_x", "public", "b" * 64])
def test_the_refusal_comes_before_any_statement_is_sent(role):
    class NoServer:
        def execute(self, *args, **kwargs):
            raise AssertionError("the server was asked")

    with pytest.raises(roles.NotAPerson):
        roles.set_person(NoServer(), role, "A Person", [roles.OFFICER])
