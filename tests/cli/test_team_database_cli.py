"""The command line with --db naming a team database's postgresql:// address (run in process;
skipped, with the reason, where PostgreSQL is not installed)."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from bscp_desktop.cli import main
from bscp_desktop.db import engines
from bscp_desktop.db.database import Database, make_engine
from bscp_desktop.services import memberships as ms


def test_import_and_export_through_a_server_address(pg_address, tmp_path, capsys):
    orgs = tmp_path / "orgs.csv"
    orgs.write_text("Name;Short name;Kind\nBrent Council;LBB;local authority\nØrsted Trust;;voluntary\n",
                    encoding="utf-8-sig")
    people = tmp_path / "people.csv"
    people.write_text("Name,Organisation,Email\nŻółć,LBB,zolc@brent.gov.uk\nÇelik,Ørsted Trust,\n", encoding="utf-8")
    assert main(["import", "organisations", str(orgs), "--db", pg_address]) == 0
    assert "2 added" in capsys.readouterr().out
    assert main(["--db", pg_address, "import", "people", str(people)]) == 0  # --db before the command too
    assert "2 added" in capsys.readouterr().out

    out = tmp_path / "memberships.xlsx"
    assert main(["export", "xlsx", "--db", pg_address, "--area", "memberships", "-o", str(out)]) == 0
    rows = {r[0].value: r for r in load_workbook(out)["People"].iter_rows(min_row=2)}
    assert set(rows) == {"Żółć", "Çelik"} and rows["Çelik"][2].value == "Ørsted Trust"
    with Database.open_target(pg_address) as db:
        assert {p.name for p in ms.list_people(db)} == {"Żółć", "Çelik"}
    assert main(["search", "Ørsted", "--db", pg_address]) == 0
    assert "Ørsted Trust" in capsys.readouterr().out


@pytest.mark.parametrize("command", [["restore", "--list"], ["restore", "backup.sqlite3"]])
def test_file_only_commands_refuse_a_server_in_one_sentence(command, capsys):
    address = "postgresql://officer:s3cret-pass@db.brent.gov.uk/bscp"
    assert main([*command, "--db", address]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("bscp-desktop: ") and "server" in err and len(err.splitlines()) == 1
    assert "s3cret-pass" not in err


@pytest.mark.parametrize("command", [["search", "neglect"], ["backup"], ["copy", "--to", "x.sqlite3", "--from"]])
def test_an_unreachable_server_is_one_sentence_without_the_password(command, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    address = f"postgresql://officer:s3cret-pass@/bscp?host={tmp_path}&port=5999&connect_timeout=3"
    assert main([*command, address] if command[0] == "copy" else [*command, "--db", address]) == 2
    err = capsys.readouterr().err.strip()
    assert "cannot be reached" in err and "s3cret-pass" not in err and len(err.splitlines()) == 1
    assert not (tmp_path / "x.sqlite3").exists()


def test_check_on_a_server_names_a_choice_no_record_can_hold(pg_address, capsys):
    """psql wrote 'bogus' as an organisation's kind: check called the team database healthy while
    every list and output of it stopped at that record."""
    with Database.open_target(pg_address) as db:
        ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    engine = make_engine(engines.server_url(pg_address))
    with engine.begin() as conn:
        conn.execute(text("UPDATE organisation SET kind = 'bogus'"))
    engine.dispose()
    assert main(["check", "--db", pg_address]) == 2
    err = capsys.readouterr().err
    assert "holds values this version cannot read (organisation 1: kind holds 'bogus' (not one of its choices))" in err


def test_check_reads_a_server_database_and_names_a_tampered_history_entry(pg_address, capsys):
    assert main(["check", "--db", pg_address]) == 2  # nothing built there yet
    assert "empty" in capsys.readouterr().err
    with Database.open_target(pg_address) as db:
        ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    assert main(["check", "--db", pg_address]) == 0
    out = capsys.readouterr().out
    assert "healthy" in out and "up to date" in out and "change history intact" in out

    # someone with the server's own rights switches the guard off and rewrites an entry
    engine = make_engine(engines.server_url(pg_address))
    with engine.begin() as conn:
        original = conn.execute(text("SELECT changed_by FROM change_record WHERE id = 1")).scalar()
        conn.execute(text("ALTER TABLE change_record DISABLE TRIGGER change_record_refuse_edit"))
        conn.execute(text("UPDATE change_record SET changed_by = 'someone else' WHERE id = 1"))
    assert main(["check", "--db", pg_address]) == 1
    assert "the organisation “Brent Council”, field Name" in capsys.readouterr().err
    with engine.begin() as conn:  # put back: the chain is whole again, but a guard is gone
        conn.execute(text("UPDATE change_record SET changed_by = :who WHERE id = 1"), {"who": original})
        conn.execute(text("ALTER TABLE change_record ENABLE TRIGGER change_record_refuse_edit"))
        conn.execute(text("DROP TRIGGER change_record_refuse_truncate ON change_record"))
    engine.dispose()
    assert main(["check", "--db", pg_address]) == 2
    err = capsys.readouterr().err
    assert "not protected" in err and "change_record_refuse_truncate" in err


def test_check_reads_a_team_database_still_to_be_upgraded(pg_address, capsys):
    """A team database one revision behind stopped check with a server error (the stored values
    were read by this version's models, whose newest column it lacks)."""
    from alembic import command

    from bscp_desktop.db import migrate
    from bscp_desktop.db.database import migration_engine

    with Database.open_target(pg_address) as db:
        ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    engine = migration_engine(engines.server_url(pg_address))
    try:
        with engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), "-1")
            behind = migrate.current_revision(conn)
    finally:
        engine.dispose()
    assert main(["check", "--db", pg_address]) == 0
    out = capsys.readouterr().out
    assert "healthy" in out and f"schema {behind}" in out and "upgraded" in out
