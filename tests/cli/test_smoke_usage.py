"""`--smoke` is the self-test on its own: a command given with it was dropped (exit 0), a team
database's address was taken as a folder, and a mistyped --db (typo.txt) became a new empty
database. Each is refused (exit 2) before the self-test starts; a missing file --db names is
not made."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bscp_desktop import smoke
from bscp_desktop.cli import main


@pytest.fixture
def started(monkeypatch):
    """The databases the self-test was started on (it is not run)."""
    calls = []
    monkeypatch.setattr(smoke, "run_smoke", lambda db=None: calls.append(db) or 0)
    return calls


def test_a_command_given_with_smoke_is_refused(tmp_path, empty_file, started, capsys):
    db = tmp_path / "bscp.sqlite3"
    shutil.copyfile(empty_file, db)
    before = db.read_bytes()
    people = tmp_path / "people.csv"
    people.write_text("Name,Organisation\nAmara Okafor,\n", encoding="utf-8")
    assert main(["--smoke", "import", "people", str(people), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "--smoke" in err and "import" in err and err.count("\n") == 1, err
    assert main(["--smoke", "demo", str(tmp_path / "never-made.sqlite3")]) == 2
    assert "demo" in capsys.readouterr().err
    assert started == [] and db.read_bytes() == before and not (tmp_path / "never-made.sqlite3").exists()


def test_a_team_database_address_is_refused_without_its_password(started, capsys):
    assert main(["--db", "postgresql://nobody:s3cret-pass@127.0.0.1:1/x", "--smoke"]) == 2
    err = capsys.readouterr().err
    assert "team database" in err and "s3cret-pass" not in err and err.count("\n") == 1, err
    assert started == []
    assert main(["--smoke"]) == 0 and main(["--smoke", "--db", "bscp.sqlite3"]) == 0  # a file, or none
    assert started == [None, Path("bscp.sqlite3")]


@pytest.mark.parametrize("name", ["typo.txt", "bscp.sqlite3.bak", "bscp"])
def test_a_name_no_database_file_has_is_refused_and_not_made(name, tmp_path, started, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["--smoke", "--db", name]) == 2
    err = capsys.readouterr().err
    assert f"{name} does not end in .sqlite3, .sqlite or .db" in err and err.count("\n") == 1, err
    assert started == [] and list(tmp_path.iterdir()) == []


def test_a_missing_file_given_by_db_is_not_made(tmp_path, capsys):
    path = tmp_path / "new.sqlite3"
    assert smoke.run_smoke(path) == 1
    err = capsys.readouterr().err
    assert err.startswith("Smoke test failed while opening the database") and "no database file" in err, err
    assert list(tmp_path.iterdir()) == []
