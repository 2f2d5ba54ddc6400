"""Named connections to a team database: plain data for the settings, the address the program
opens (TLS settings passed to the driver), and the password never in either."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, make_url

from bscp_desktop.db import engines
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import connections as cx

BRENT = cx.Connection("Brent team", "db.brent.gov.uk", "bscp", "amara.okafor", 5433, "verify-full",
                      "C:/certs/brent-ca.pem")


def test_tls_settings_reach_the_driver():
    url = make_url(engines.server_url(cx.address(BRENT, "pw")))
    args, kwargs = create_engine(url).dialect.create_connect_args(url)
    assert kwargs["sslmode"] == "verify-full" and kwargs["sslrootcert"] == "C:/certs/brent-ca.pem"
    assert kwargs["host"] == "db.brent.gov.uk" and kwargs["port"] == 5433 and kwargs["dbname"] == "bscp"
    assert kwargs["user"] == "amara.okafor" and kwargs["connect_timeout"] == str(cx.CONNECT_TIMEOUT)


@pytest.mark.parametrize("password", ["p@ss:w/rd%", "ünïcødé 密码", "a&b=c?d#e"])
def test_a_password_of_any_characters_reaches_the_driver_and_is_never_shown(password):
    address = cx.address(BRENT, password)
    assert make_url(engines.server_url(address)).password == password
    assert password not in engines.display_address(address)
    assert cx.scrub(f"failed for {address}", password).count("***") >= 1
    assert password not in str(BRENT.as_settings())


def test_settings_hold_plain_data_and_junk_is_ignored():
    assert cx.Connection.from_settings(BRENT.as_settings()) == BRENT
    assert "password" not in BRENT.as_settings()
    for junk in (None, "text", {"name": "x"}, {**BRENT.as_settings(), "port": "many"},
                 {**BRENT.as_settings(), "sslmode": "sometimes"}):
        assert cx.Connection.from_settings(junk) is None


def test_a_connection_is_checked_field_by_field():
    with pytest.raises(ValidationError) as err:
        cx.check_connection(cx.Connection("", "db brent", "", "", 0, "require", "ca.pem"), {"x"})
    assert set(err.value.errors) == {"name", "host", "port", "database", "user", "sslrootcert"}
    with pytest.raises(ValidationError, match="already a connection"):
        cx.check_connection(BRENT, {"BRENT TEAM"})
    cx.check_connection(cx.Connection("Local", "/var/run/postgresql", "bscp", "me", 5432, "disable"))


@pytest.mark.parametrize("scheme", ["POSTGRESQL", "Postgres", "postgresql"])
def test_an_address_scheme_in_any_case_is_a_team_database(scheme):
    url = make_url(engines.server_url(f"{scheme}://officer@server/bscp"))
    assert (url.drivername, url.host, url.database) == (engines.SERVER_DRIVER, "server", "bscp")
    assert engines.display_address(f"{scheme}://officer:secret@server/bscp") == "postgresql://officer:***@server/bscp"


@pytest.mark.parametrize("address", ["mysql://x/y", "sqlite:///x.db"])
def test_another_kind_of_database_address_is_refused_naming_what_is_taken(address):
    from tests.safety.helpers import assert_refused, cli

    assert_refused(cli("--db", address, "check"), "not a kind of database", "postgresql://")
