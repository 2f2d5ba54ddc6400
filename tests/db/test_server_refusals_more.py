"""A login the server refuses for want of a group, told so in one sentence: at opening (the
schema version every group reads), mid-session after being taken out of its groups, and the
way docs/TEAM_DATABASE.md gives to take someone's access away, ending their open window too.

Every test here runs against the throwaway server (tests/postgres_cluster.py) and is skipped
where PostgreSQL is not installed. Roles belong to the whole server, so each test makes its own
login roles under new names.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import make_url

from bscp_desktop.cli import main
from bscp_desktop.db import engines
from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.domain.case_reviews import IncidentType
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.failures import database_words
from tests.db.test_team_roles import _person

NO_GROUP = "Your login is not in any BSCP Desktop group on"

DOCS = Path(__file__).resolve().parents[2] / "docs" / "TEAM_DATABASE.md"


def _as_superuser(address: str, *statements: str) -> None:
    url = make_url(engines.server_url(address))
    with psycopg.connect(host=url.query["host"], port=int(url.query["port"]), user=url.username,
                         dbname=url.database, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


@pytest.fixture
def team(pg_address, capsys):
    """A team database with its groups and grants set up by the owner, and one case review."""
    assert main(["team", "roles", "--apply", "--db", pg_address]) == 0
    with Database.open_target(pg_address) as owner:
        ms.create_organisation(owner, ms.OrganisationFields("Brent Council", "local_authority"))
        cr.create_case_review(owner, cr.CaseReviewFields(
            alias="Child A", incident_type=IncidentType.SERIOUS_HARM, became_aware=date(2024, 1, 8)))
    capsys.readouterr()
    return pg_address


def _one_clear_sentence(said: str) -> None:
    assert NO_GROUP in said and "ask whoever looks after it to add you" in said
    for words in ("alembic_version", "permission denied", "restore a backup", "case reviews group"):
        assert words not in said


def test_a_login_in_no_group_is_told_so_at_opening_by_the_window_check_and_search(team, capsys):
    _role, nobody = _person(team, "Nadia Nogroup")
    with pytest.raises(DatabaseError) as refused:
        Database.open_target(nobody)
    _one_clear_sentence(str(refused.value))
    assert engines.display_address(nobody) in str(refused.value)  # where a saved connection's name goes
    for command in (["check"], ["search", "Brent"]):
        assert main([*command, "--db", nobody]) != 0
        _one_clear_sentence(capsys.readouterr().err)


def test_taken_out_of_the_officer_group_mid_session_says_so_and_case_reviews_keep_their_sentence(team):
    role, officer = _person(team, "Olu Officer", "officer")
    with Database.open_target(officer) as db:
        ms.create_organisation(db, ms.OrganisationFields("Harrow Council", "local_authority"))
        _as_superuser(team, f'REVOKE bscp_officer FROM "{role}"')
        for work in (lambda: ms.list_organisations(db),
                     lambda: ms.create_organisation(db, ms.OrganisationFields("Ealing Council", "local_authority"))):
            with pytest.raises(PermissionError) as refused:
                work()
            _one_clear_sentence(str(refused.value))
        with pytest.raises(PermissionError, match="only the case reviews group may read case reviews"):
            cr.list_case_reviews(db)


def test_the_case_reviews_group_alone_is_told_which_group_reads_everything_else(team, capsys):
    _role, panel = _person(team, "Cara Panel", "case-reviews")
    with Database.open_target(panel) as db:
        assert db.access.unreadable == frozenset()
        with pytest.raises(PermissionError) as refused:
            ms.list_organisations(db)
    said = str(refused.value)
    assert "case reviews group only" in said and "officer or read-only group" in said
    assert "only the case reviews group may read" not in said
    assert main(["check", "--db", panel]) != 0
    assert "officer or read-only group" in capsys.readouterr().err


def test_a_table_the_groups_were_never_granted_asks_for_the_grants_again(team):
    _role, officer = _person(team, "Olu Officer", "officer")
    _as_superuser(team, "REVOKE SELECT ON organisation FROM bscp_officer")
    with Database.open_target(officer) as db, pytest.raises(PermissionError) as refused:
        ms.list_organisations(db)
    assert "team roles --apply" in str(refused.value) and NO_GROUP not in str(refused.value)


def _access_taken_away(role: str) -> list[str]:
    """The statements docs/TEAM_DATABASE.md gives for taking someone's access away, for `role`."""
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("To take someone's access away"):]
    block = re.search(r"```sql\n(.*?)```", section, re.S).group(1)
    return [s.strip().replace("amara.okafor", role) for s in block.split(";\n") if s.strip()]


def test_the_documented_way_to_take_access_away_ends_an_open_window_too(team):
    role, officer = _person(team, "Olu Officer", "officer")
    with Database.open_target(officer) as window:
        ms.create_organisation(window, ms.OrganisationFields("Harrow Council", "local_authority"))
        _as_superuser(team, f'ALTER ROLE "{role}" NOLOGIN')  # alone, an open window still saves
        ms.create_organisation(window, ms.OrganisationFields("Ealing Council", "local_authority"))
        _as_superuser(team, *_access_taken_away(role))
        with pytest.raises(Exception) as refused:
            ms.create_organisation(window, ms.OrganisationFields("Barnet Council", "local_authority"))
        said = str(refused.value)  # its connection ended, and connecting again is refused
        assert "not permitted to log in" in said or NO_GROUP in said
        assert database_words(refused.value) or isinstance(refused.value, PermissionError)
    with pytest.raises(DatabaseError, match="turned the login away"):
        Database.open_target(officer)
    with Database.open_target(team) as owner:
        names = {o.name for o in ms.list_organisations(owner)}
    assert "Barnet Council" not in names and {"Harrow Council", "Ealing Council"} <= names
