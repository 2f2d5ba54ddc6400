"""`copy --from --to` between a file and a team database, and `backup` of a team database.

Run in process through the command line. The tests that need a server use the test suite's
own PostgreSQL cluster (skipped, with the reason, where PostgreSQL is not installed).
"""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, text

from bscp_desktop.cli import main
from bscp_desktop.db import engines, transfer
from bscp_desktop.db.database import Database, make_engine
from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.services import memberships as ms


def _cells(path) -> dict[str, list[tuple]]:
    """Every sheet's cell values, row by row; a date-time of today (when the workbook was
    written, if a sheet says so) is masked."""
    today = date.today()
    sheets = {}
    for ws in load_workbook(path, read_only=True).worksheets:
        sheets[ws.title] = [
            tuple("<today>" if isinstance(v, datetime) and v.date() == today else v for v in row)
            for row in ws.iter_rows(values_only=True)
        ]
    return sheets


def _history(path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT id, table_name, record_id, field, new_value, hash FROM change_record "
                           "ORDER BY id").fetchall()
    finally:
        con.close()


def _server_count(address: str, table: str) -> int:
    engine = make_engine(engines.server_url(address))
    try:
        with engine.connect() as conn:
            return conn.execute(text(f'SELECT count(*) FROM "{table}"')).scalar()
    finally:
        engine.dispose()


@pytest.fixture
def demo_copy(demo_file, tmp_path):
    path = tmp_path / "original.sqlite3"
    shutil.copyfile(demo_file, path)
    return path


@pytest.mark.slow  # two whole-demo workbooks and three copies of it
def test_the_demo_copied_to_a_server_and_back_has_the_same_cells_and_history(demo_copy, pg_address, tmp_path,
                                                                              capsys):
    assert main(["copy", "--from", str(demo_copy), "--to", pg_address]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith(f"Copied {demo_copy} to the team database postgresql://")
    people = sqlite3.connect(demo_copy).execute("SELECT count(*) FROM person").fetchone()[0]
    assert any(line.split() == ["person", str(people), str(people)] for line in lines)  # counts printed
    assert len([line for line in lines if line.startswith("  ")]) == 1 + len(transfer.tables())
    assert "every table's count is the same on both sides" in lines[-1]

    back = tmp_path / "back" / "round trip.sqlite3"
    back.parent.mkdir()
    assert main(["copy", "--from", pg_address, "--to", str(back)]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith(f"to {back}:")

    for database in (demo_copy, pg_address, back):
        assert main(["check", "--db", str(database)]) == 0
        assert "change history intact" in capsys.readouterr().out

    assert _history(back) == _history(demo_copy)  # same ids, same hashes, same order
    original, returned = tmp_path / "original.xlsx", tmp_path / "returned.xlsx"
    assert main(["export", "xlsx", "--db", str(demo_copy), "-o", str(original)]) == 0
    assert main(["export", "xlsx", "--db", str(back), "-o", str(returned)]) == 0
    before, after = _cells(original), _cells(returned)
    assert list(after) == list(before) and len(before) > 10
    for sheet, rows in before.items():
        assert after[sheet] == rows, sheet
    assert sum(len(rows) for rows in before.values()) > 1000

    # the server goes on numbering after the copied records, and its history goes on chaining
    with Database.open_target(pg_address) as db:
        highest = max(o.id for o in ms.list_organisations(db, include_archived=True))
        added = ms.create_organisation(db, ms.OrganisationFields("Brent Mencap", "voluntary"))
        with db.unit_of_work() as s:
            assert s.scalar(select(func.count(ChangeRecord.id))) > len(_history(demo_copy))
    assert added.id == highest + 1
    assert main(["check", "--db", pg_address]) == 0


def test_a_target_that_holds_records_is_refused_and_left_as_it_was(demo_copy, pg_address, tmp_path, capsys):
    with Database.open_target(pg_address) as db:
        ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    assert main(["copy", "--from", str(demo_copy), "--to", pg_address]) == 2
    err = capsys.readouterr().err.strip()
    assert "already holds records" in err and "organisation" in err and len(err.splitlines()) == 1
    assert _server_count(pg_address, "organisation") == 1 and _server_count(pg_address, "person") == 0

    used = tmp_path / "used.sqlite3"
    with Database.open(used) as db:
        ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    history_before = _history(used)
    assert main(["copy", "--from", str(demo_copy), "--to", str(used)]) == 2
    assert "already holds records" in capsys.readouterr().err
    assert _history(used) == history_before and len(history_before) > 1

    assert main(["copy", "--from", str(demo_copy), "--to", str(demo_copy)]) == 2
    assert "both the source and the target" in capsys.readouterr().err


@pytest.mark.slow
def test_a_new_database_at_the_current_schema_is_an_empty_target(demo_copy, tmp_path, capsys):
    fresh = tmp_path / "fresh.sqlite3"
    Database.open(fresh).close()  # made by opening: only the rows every new database has
    with Database.open(fresh) as db, db.engine.connect() as conn:
        assert transfer.holds_records(conn) == {}
        assert set(transfer.counts(conn)) >= transfer.NEW_DATABASE_ROWS
        assert {t for t, n in transfer.counts(conn).items() if n} == transfer.NEW_DATABASE_ROWS
    assert main(["copy", "--from", str(demo_copy), "--to", str(fresh)]) == 0
    capsys.readouterr()
    assert _history(fresh) == _history(demo_copy)
    assert main(["check", "--db", str(fresh)]) == 0


def test_a_copy_that_fails_part_way_writes_nothing(demo_copy, pg_address, tmp_path, monkeypatch, capsys):
    real = transfer._copy_table

    def failing(table, source, target, *names):
        if table.name == "training_booking":
            raise transfer.CopyRefused("the network went down")
        real(table, source, target, *names)

    monkeypatch.setattr(transfer, "_copy_table", failing)
    assert main(["copy", "--from", str(demo_copy), "--to", pg_address]) == 2
    assert "network went down" in capsys.readouterr().err
    assert _server_count(pg_address, "person") == 0 and _server_count(pg_address, "change_record") == 0
    assert _server_count(pg_address, "expense_category") == 7  # as a new database has them

    target = tmp_path / "never.sqlite3"
    assert main(["copy", "--from", str(demo_copy), "--to", str(target)]) == 2
    capsys.readouterr()
    assert list(tmp_path.iterdir()) == [demo_copy]  # no file, whole or half-made


def test_a_nul_a_server_cannot_hold_is_named_by_record_and_field(pg_address, tmp_path, capsys):
    source = tmp_path / "pasted.sqlite3"
    with Database.open(source) as db:
        org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    con = sqlite3.connect(source)
    with con:  # as a file kept it, pasted before the program dropped such characters
        con.execute("UPDATE organisation SET name = ? WHERE id = ?", ("Brent\x00Council", org.id))
    con.close()
    assert main(["copy", "--from", str(source), "--to", pg_address]) == 2
    err = capsys.readouterr().err.strip()
    assert f"in the name of organisation {org.id}," in err and "NUL" in err and len(err.splitlines()) == 1
    assert "nothing was written" in err and "pasted.sqlite3" in err
    assert _server_count(pg_address, "organisation") == 0 and _server_count(pg_address, "change_record") == 0


@pytest.mark.slow  # a copy to a server
def test_values_a_server_cannot_hold_are_named_by_record_and_field_before_anything_is_written(
        pg_address, tmp_path, capsys):
    """A title longer than its column and £100bn in pence: the copy failed with only the
    server's words ('value too long for type character varying(200)', 'integer out of range')."""
    from decimal import Decimal

    from bscp_desktop.services import finance as fin

    source = tmp_path / "edited.sqlite3"
    with Database.open(source) as db:
        org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
        ms.create_person(db, ms.PersonFields("Zoë Adébáyọ̀", organisation_id=org.id))
        fin.create_contribution(db, fin.ContributionFields(2024, org.id, agreed=Decimal("12500.00")))
    con = sqlite3.connect(source)
    with con:  # as a database browser keeps them
        con.execute("UPDATE organisation SET name = ? WHERE id = ?", ("Brent " + "x" * 412, org.id))
        con.execute("UPDATE contribution SET agreed = ?", (10**13,))
        con.execute("UPDATE person SET name = ?", ("y" * 300,))
        con.execute("UPDATE person SET email = ?", ("z" * 400,))
    con.close()
    assert main(["copy", "--from", str(source), "--to", pg_address]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "edited.sqlite3" in err and "nothing was written" in err, err
    assert f"organisation {org.id}: name is 418 characters, more than the 200 it can hold" in err, err
    assert "person 1" in err and "name is 300 characters" in err, err
    assert "email is 400 characters" in err and err.count("; and 1 more;") == 1, err  # the sum, counted
    assert "varying" not in err and "out of range" not in err
    for table in ("organisation", "person", "contribution", "change_record"):
        assert _server_count(pg_address, table) == 0


@pytest.mark.slow  # a copy to a server
def test_a_sum_a_server_cannot_hold_is_named_in_pounds(pg_address, tmp_path, capsys):
    from decimal import Decimal

    from bscp_desktop.services import finance as fin

    source = tmp_path / "sum.sqlite3"
    with Database.open(source) as db:
        org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
        fin.create_contribution(db, fin.ContributionFields(2024, org.id, agreed=Decimal("12500.00")))
    con = sqlite3.connect(source)
    with con:
        con.execute("UPDATE contribution SET agreed = ?", (10**13,))
    con.close()
    assert main(["copy", "--from", str(source), "--to", pg_address]) == 2
    err = capsys.readouterr().err.strip()
    assert "contribution 1: agreed holds £100,000,000,000.00, a sum too large to keep" in err, err
    assert _server_count(pg_address, "contribution") == 0 and _server_count(pg_address, "organisation") == 0


@pytest.mark.slow  # the demo copied four times
def test_backup_of_a_server_writes_a_file_copy(demo_copy, pg_address, tmp_path, _private_data_dir, capsys):
    assert main(["copy", "--from", str(demo_copy), "--to", pg_address]) == 0
    capsys.readouterr()
    out = tmp_path / "team backup.sqlite3"
    assert main(["backup", "--db", pg_address, "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"Backed up to {out}" in printed and "change history's chain is intact" in printed
    assert _history(out) == _history(demo_copy)
    assert main(["check", "--db", str(out)]) == 0
    capsys.readouterr()

    assert main(["backup", "--db", pg_address, "-o", str(out)]) == 2  # never over an earlier backup
    assert "already exists" in capsys.readouterr().err

    assert main(["backup", "--db", pg_address]) == 0  # no -o: a new file in the backups folder
    written = capsys.readouterr().out.splitlines()[-1].removeprefix("Backed up to ")
    assert written.startswith(str(_private_data_dir / "backups")) and "-team-" in written
    assert _history(written) == _history(demo_copy)


@pytest.mark.slow
def test_a_file_copies_to_a_new_file_without_a_server(demo_copy, tmp_path, capsys):
    target = tmp_path / "copy.sqlite3"
    assert main(["copy", "--from", str(demo_copy), "--to", str(target)]) == 0
    assert "chain is intact" in capsys.readouterr().out
    assert _history(target) == _history(demo_copy)
    with Database.open(target) as db:  # searchable at once: the full-text index was built
        from bscp_desktop.services import search

        assert search.search(db, "Brent").hits


def test_a_missing_source_is_one_sentence(tmp_path, capsys):
    assert main(["copy", "--from", str(tmp_path / "none.sqlite3"), "--to", str(tmp_path / "b.sqlite3")]) == 2
    err = capsys.readouterr().err.strip()
    assert "no database file" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "b.sqlite3").exists()


@pytest.mark.slow  # the demo copied to a server with its groups and grants
def test_after_the_groups_are_set_the_owner_copies_in_and_an_officer_cannot_back_up(demo_copy, pg_address,
                                                                                     tmp_path, capsys):
    """The IT team's order (docs/TEAM_DATABASE.md): groups and grants, then the file copied in by
    the owner; a backup by an officer who may not read case reviews is refused, not written
    with records missing."""
    assert main(["team", "roles", "--apply", "--db", pg_address]) == 0
    assert main(["copy", "--from", str(demo_copy), "--to", pg_address]) == 0
    role = f"p_{uuid.uuid4().hex[:10]}"
    assert main(["team", "person", role, "--name", f"Olu Officer {role}", "--group", "officer", "--db", pg_address]) == 0
    capsys.readouterr()
    officer = pg_address.replace("postgresql://bscp_test@", f"postgresql://{role}@", 1)
    out = tmp_path / "officer.sqlite3"
    assert main(["backup", "--db", officer, "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert "may not read" in err and "case reviews" in err and len(err.splitlines()) == 1
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["original.sqlite3"]
    assert main(["backup", "--db", pg_address, "-o", str(out)]) == 0  # the owner
    assert _history(out) == _history(demo_copy)
