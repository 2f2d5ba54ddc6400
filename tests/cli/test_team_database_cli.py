"""The command line with --db naming a team database's postgresql:// address (run in process;
skipped, with the reason, where PostgreSQL is not installed)."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from bscp_desktop.cli import main
from bscp_desktop.db.database import Database
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


@pytest.mark.parametrize("command", [["backup"], ["check"], ["restore", "--list"]])
def test_file_only_commands_refuse_a_server_in_one_sentence(command, capsys):
    address = "postgresql://officer:s3cret-pass@db.brent.gov.uk/bscp"
    assert main([*command, "--db", address]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("bscp-desktop: ") and "server" in err and len(err.splitlines()) == 1
    assert "s3cret-pass" not in err


def test_an_unreachable_server_is_one_sentence_without_the_password(tmp_path, capsys):
    address = f"postgresql://officer:s3cret-pass@/bscp?host={tmp_path}&port=5999&connect_timeout=3"
    assert main(["search", "neglect", "--db", address]) == 2
    err = capsys.readouterr().err.strip()
    assert "cannot be reached" in err and "s3cret-pass" not in err and len(err.splitlines()) == 1
