"""`bscp-desktop import` refused: the notes (columns not imported) are printed with the bad rows,
as a successful import prints them and as the window shows them."""

from __future__ import annotations

NOTE = "Columns not imported (not recognised): Emial."


def test_a_refused_import_prints_its_notes_after_the_bad_rows(db_file, tmp_path, capsys):
    from bscp_desktop.cli import main

    people = tmp_path / "people.csv"
    people.write_text("Name,Job title,Organisation,Emial\n,Officer,Nowhere Org,x@y.org\n", encoding="utf-8")
    assert main(["import", "people", str(people), "--db", str(db_file), "--dry-run"]) == 2
    out = capsys.readouterr()
    lines = out.err.splitlines()
    assert out.out == ""
    assert lines[0].startswith("bscp-desktop: Nothing imported from people.csv: 1 of 1 row has problems")
    assert lines[1].startswith("  Row 2: ") and lines[2:] == [NOTE]
    orgs = tmp_path / "orgs.csv"
    orgs.write_text("Name,Kind,Emial\nBrent Council,local authority,x@y.org\n", encoding="utf-8")
    assert main(["import", "organisations", str(orgs), "--db", str(db_file)]) == 0
    out = capsys.readouterr()
    assert out.out.splitlines()[1:] == [NOTE] and out.err == ""
