"""A team database's address whose port is not a number a server listens on is refused in one
sentence naming the port: SQLAlchemy's reading of it failed as a damaged record would ("holds a
value this version cannot read", "restore a backup")."""

from __future__ import annotations

import shutil

import pytest

from bscp_desktop.cli import main
from bscp_desktop.db import engines

BAD_PORTS = [("postgresql://officer@db.council.gov.uk:54x2/bscp", "'54x2'"),
             ("postgresql://officer:s3cret-pass@db.council.gov.uk:99999/bscp", "'99999'"),
             ("postgresql://officer:s3cret-pass@db.council.gov.uk:/bscp", "no port")]


@pytest.mark.parametrize(("address", "said"), BAD_PORTS)
@pytest.mark.parametrize("command", [["check"], ["search", "neglect"]])
def test_a_port_that_is_not_a_number_is_refused_naming_it(command, address, said, capsys):
    assert main([*command, "--db", address]) == 2
    err = capsys.readouterr().err.strip()
    assert said in err and "port" in err and len(err.splitlines()) == 1, err
    assert "cannot read" not in err and "restore" not in err and "s3cret-pass" not in err


def test_a_copy_to_an_address_with_a_bad_port_is_refused_naming_it(tmp_path, empty_file, capsys):
    source = tmp_path / "bscp.sqlite3"
    shutil.copyfile(empty_file, source)
    assert main(["copy", "--from", str(source), "--to", BAD_PORTS[0][0]]) == 2
    err = capsys.readouterr().err.strip()
    assert "'54x2'" in err and "port" in err and "restore" not in err and len(err.splitlines()) == 1, err


def test_the_address_is_shown_without_its_password():
    with pytest.raises(engines.AddressProblem) as refused:
        engines.server_url("postgresql://officer:s3cret-pass@server:5x/bscp")
    assert str(refused.value).startswith("postgresql://officer:***@server:5x/bscp has the port '5x'")
    assert engines.server_url("postgresql://officer@server:5433/bscp").endswith("@server:5433/bscp")
