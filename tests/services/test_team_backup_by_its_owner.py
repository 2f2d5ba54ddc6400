"""A team database is backed up (and copied from) by whoever looks after it, as its owner
(docs/TEAM_DATABASE.md, Backups): a login some records or change history entries are kept from
is refused in words naming the owner, before anything is written, never sent looking for the
case reviews group. A login that reads all of it (the owner, a superuser, one in both the
officer and the case reviews groups) backs it up whole.

The tests run against the throwaway server (tests/postgres_cluster.py), skipped where
PostgreSQL is not installed; each makes its own login roles under new names.
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from bscp_desktop.cli import main
from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.db.targets import is_database
from bscp_desktop.domain.case_reviews import IncidentType
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import copies
from bscp_desktop.services import memberships as ms

OWNER = "bscp_test"  # the test server's superuser, who builds the tables (tests/postgres_cluster.py)


@pytest.fixture
def team(pg_address, capsys):
    assert main(["team", "roles", "--apply", "--db", pg_address]) == 0
    with Database.open_target(pg_address) as owner:
        ms.create_organisation(owner, ms.OrganisationFields("Brent Council", "local_authority"))
        cr.create_case_review(owner, cr.CaseReviewFields(
            alias="Child A", incident_type=IncidentType.SERIOUS_HARM, became_aware=date(2024, 1, 8)))
    capsys.readouterr()
    return pg_address


def _login_as(address: str, *groups: str) -> tuple[str, str]:
    role = f"p_{uuid.uuid4().hex[:10]}"
    flags = [arg for g in groups for arg in ("--group", g)]
    assert main(["team", "person", role, "--name", f"Person {role}", *flags, "--db", address]) == 0
    return role, address.replace(f"postgresql://{OWNER}@", f"postgresql://{role}@", 1)


def _says_the_owner_backs_it_up(said: str, role: str) -> None:
    assert said.startswith(f"Your login ({role}) may not back up the team database ")
    assert "a backup holds every record and every change history entry" in said
    assert f"backed up by whoever looks after it, logged in as its owner ({OWNER})" in said
    assert "docs/TEAM_DATABASE.md" in said and said.endswith("Nothing was written.")
    assert "case reviews group" not in said


@pytest.mark.parametrize(("groups", "kept"), [
    (("officer",), "case reviews and case audits, nor their entries in the history"),
    (("read-only",), "case reviews and case audits, nor their entries in the history"),
    (("case-reviews",), "all of them"),
])
def test_a_login_that_may_not_read_it_all_is_told_the_owner_backs_it_up(team, tmp_path, capsys, groups, kept):
    role, address = _login_as(team, *groups)
    out = tmp_path / "team.sqlite3"
    with pytest.raises(DatabaseError) as refused:
        copies.backup_server(address, out)
    _says_the_owner_backs_it_up(str(refused.value), role)
    assert f"and your login may not read {kept}. " in str(refused.value)
    assert list(tmp_path.iterdir()) == []


def test_the_backup_command_says_so_in_one_line(team, tmp_path, capsys):
    role, address = _login_as(team, "officer")
    capsys.readouterr()
    out = tmp_path / "team.sqlite3"
    assert main(["backup", "--db", address, "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    _says_the_owner_backs_it_up(err.removeprefix("bscp-desktop: "), role)
    assert not out.exists()


def test_a_copy_from_the_team_database_is_refused_in_the_same_words(team, tmp_path, capsys):
    role, address = _login_as(team, "read-only")
    out = tmp_path / "copy.sqlite3"
    with pytest.raises(DatabaseError) as refused:
        copies.copy_database(address, out)
    said = str(refused.value)
    assert said.startswith(f"Your login ({role}) may not copy the team database ")
    assert f"copied by whoever looks after it, logged in as its owner ({OWNER})" in said
    assert "case reviews group" not in said and not out.exists()


def test_the_owner_backs_it_up_whole(team, tmp_path):
    with Database.open_target(team) as owner:
        assert copies.backup_refusal(owner) == ""
    out, _report = copies.backup_server(team, tmp_path / "team.sqlite3")
    assert is_database(out)


def test_a_login_in_both_the_officer_and_case_reviews_groups_backs_it_up_whole(team, tmp_path):
    _role, address = _login_as(team, "officer", "case-reviews")
    with Database.open_target(address) as db:
        assert copies.backup_refusal(db) == ""
    out, _report = copies.backup_server(address, tmp_path / "team.sqlite3")
    with Database.open(out, create=False, lock=False) as copy:
        assert [c.alias for c in cr.list_case_reviews(copy)] == ["Child A"]


def test_a_file_may_always_be_backed_up(db):
    assert copies.backup_refusal(db) == ""
