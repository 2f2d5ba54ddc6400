"""`team person` names people and gives them exactly the program's groups asked for: never one of
the groups themselves (a group inside another would let every member of it do what the other
may), never a role that cannot log in, and never read-only beside a group that changes records.
`team roles --apply` takes any group out of another, so a database set up wrongly is put right.

Every test runs against the throwaway server (tests/postgres_cluster.py), skipped where
PostgreSQL is not installed. Roles belong to the whole server, so each test makes its own login
roles under new names, and a group put inside another is always taken out again.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text

from bscp_desktop.cli import main
from bscp_desktop.db import engines, roles


def _role() -> str:
    return f"p_{uuid.uuid4().hex[:10]}"


def _sql(address: str, statement: str, **params):
    engine = create_engine(engines.server_url(address))
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement), params)
            return result.all() if result.returns_rows else []
    finally:
        engine.dispose()


def _memberships(address: str) -> set[tuple[str, str]]:
    """Every (group, member) pair on the server."""
    return set(_sql(address, "SELECT g.rolname, m.rolname FROM pg_auth_members a "
                             "JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member"))


def _comments(address: str) -> dict[str, str | None]:
    return dict(_sql(address, "SELECT rolname, shobj_description(oid, 'pg_authid') FROM pg_roles"))


def _groups_of(address: str, role: str) -> set[str]:
    return {g for g, m in _memberships(address) if m == role}


@pytest.fixture
def team(pg_address, capsys):
    assert main(["team", "roles", "--apply", "--db", pg_address]) == 0
    capsys.readouterr()
    return pg_address


@pytest.mark.parametrize(("role", "group"), [
    (roles.READ_ONLY, "officer"), (roles.OFFICER, "read-only"), (roles.CASE_REVIEWS, "officer")])
def test_a_program_group_is_refused_as_a_person_and_nothing_changes(team, capsys, role, group):
    before, comments = _memberships(team), _comments(team)
    assert main(["team", "person", role, "--name", "Group itself", "--group", group, "--db", team]) == 2
    err = capsys.readouterr().err.strip()
    assert f"{role} is one of the program's groups, not a person: give the login of the person" in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert _memberships(team) == before and _comments(team) == comments


def test_a_role_that_cannot_log_in_is_refused_and_nothing_changes(team, capsys):
    group = _role()
    _sql(team, f'CREATE ROLE "{group}" NOLOGIN')
    _sql(team, f"COMMENT ON ROLE \"{group}\" IS 'Finance readers'")
    before, comments = _memberships(team), _comments(team)
    assert main(["team", "person", group, "--name", "Fay Finance", "--group", "officer", "--db", team]) == 2
    err = capsys.readouterr().err.strip()
    assert f"{group} cannot log in" in err and "give the login of the person" in err and len(err.splitlines()) == 1
    assert _memberships(team) == before and _comments(team) == comments
    assert _comments(team)[group] == "Finance readers"


def test_apply_takes_a_group_out_of_another_and_says_so(team, capsys):
    _sql(team, f"GRANT {roles.OFFICER} TO {roles.READ_ONLY}")  # as psql could have done
    _sql(team, f"GRANT {roles.READ_ONLY} TO {roles.CASE_REVIEWS}")
    try:
        assert main(["team", "roles", "--db", team]) == 0  # the script, to read first, shows it
        assert f"REVOKE {roles.OFFICER} FROM {roles.READ_ONLY};" in capsys.readouterr().out
        assert main(["team", "roles", "--apply", "--db", team]) == 0
        out = capsys.readouterr().out
        assert "Groups and grants set" in out
        assert f"took {roles.OFFICER} out of {roles.READ_ONLY}" in out
        assert f"took {roles.READ_ONLY} out of {roles.CASE_REVIEWS}" in out
        assert not {(g, m) for g, m in _memberships(team) if g in roles.GROUPS and m in roles.GROUPS}
        assert main(["team", "roles", "--apply", "--db", team]) == 0  # nothing more to take out
        assert "took" not in capsys.readouterr().out
    finally:
        for group, member in ((roles.OFFICER, roles.READ_ONLY), (roles.READ_ONLY, roles.CASE_REVIEWS)):
            if (group, member) in _memberships(team):
                _sql(team, f"REVOKE {group} FROM {member}")


def test_the_groups_given_are_the_persons_groups_afterwards(team, capsys):
    ben, other = _role(), _role()
    _sql(team, f'CREATE ROLE "{other}" NOLOGIN')
    _sql(team, f'GRANT "{other}" TO {roles.OFFICER}')  # a group of the council's own, not the program's
    try:
        assert main(["team", "person", ben, "--name", f"Ben Clarke {ben}", "--group", "officer",
                     "--group", "case-reviews", "--db", team]) == 0
        _sql(team, f'GRANT "{other}" TO "{ben}"')
        capsys.readouterr()
        assert main(["team", "person", ben, "--name", f"Ben Clarke {ben}", "--group", "read-only", "--db", team]) == 0
        assert capsys.readouterr().out.strip() == f"The role {ben} in read-only: the change history names it Ben Clarke {ben}."
        assert _groups_of(team, ben) == {roles.READ_ONLY, other}  # the council's own group is left alone
        assert main(["team", "person", ben, "--name", f"Ben Clarke {ben}", "--group", "officer", "--db", team]) == 0
        assert f"{ben} in officer:" in capsys.readouterr().out
        assert _groups_of(team, ben) == {roles.OFFICER, other}
        # renaming alone (no --group) leaves the groups as they are
        assert main(["team", "person", ben, "--name", f"Ben J Clarke {ben}", "--db", team]) == 0
        assert _groups_of(team, ben) == {roles.OFFICER, other} and _comments(team)[ben] == f"Ben J Clarke {ben}"
    finally:
        _sql(team, f'REVOKE "{other}" FROM {roles.OFFICER}')


@pytest.mark.parametrize("writer", ["officer", "case-reviews"])
def test_read_only_beside_a_group_that_changes_records_is_refused(team, capsys, writer):
    sam = _role()
    assert main(["team", "person", sam, "--name", f"Sam Scrutineer {sam}", "--group", "officer", "--db", team]) == 0
    capsys.readouterr()
    before, comments = _memberships(team), _comments(team)
    assert main(["team", "person", sam, "--name", f"Sam Other {sam}", "--group", "read-only",
                 "--group", writer, "--db", team]) == 2
    err = capsys.readouterr().err.strip()
    assert f"read-only is given alone: a person in it and in {writer} could still change records" in err
    assert len(err.splitlines()) == 1
    assert _memberships(team) == before and _comments(team) == comments
    new = _role()  # nor is a new login made
    assert main(["team", "person", new, "--name", f"Nia New {new}", "--group", writer,
                 "--group", "read-only", "--db", team]) == 2
    assert new not in _comments(team)
