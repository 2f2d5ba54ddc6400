"""A blank --area names no area: `export xlsx` and `report change-log` took it as every area,
`search` said there is no area called ''. Each refuses it the same way, before the database opens."""

from __future__ import annotations

import pytest

from bscp_desktop.cli import main


@pytest.mark.parametrize("area", ["", "  "])
@pytest.mark.parametrize("command", [
    ["export", "xlsx", "-o", "{tmp}/all.xlsx"],
    ["report", "change-log", "--from", "01/04/2023", "--to", "31/03/2024", "-o", "{tmp}/log.pdf"],
    ["search", "neglect"],
])
def test_a_blank_area_is_refused_everywhere_the_same_way(command, area, tmp_path, capsys):
    db = tmp_path / "missing.sqlite3"
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    with pytest.raises(SystemExit) as refused:
        main([*args, "--area", area, "--db", str(db)])
    assert refused.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --area: '{area}' is blank" in err and err.count("\n") == 1, err
    assert list(tmp_path.iterdir()) == []  # nothing written, no database made or opened
