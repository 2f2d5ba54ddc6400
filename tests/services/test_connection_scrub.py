"""An error shown when connecting hides the password where it stands, and nowhere else: a short
password's letters are left in the words around it (hiding each would garble the sentence and
show which letters the password has), and the saved connection's name still goes beside the
address."""

from __future__ import annotations

import pytest

from bscp_desktop.db import engines
from bscp_desktop.services import connections as cx

NO_GROUP = ("Your login is not in any BSCP Desktop group on the team database {shown}: ask whoever looks "
            "after it to add you.")
UNREAD = ("The database could not be read or changed (permission denied for table alembic_version); nothing "
          "was changed.")


def _connection(user: str = "nogrp") -> cx.Connection:
    return cx.Connection("Brent team", "db.brent.gov.uk", "bscp", user, 5432, "require")


@pytest.mark.parametrize("password", ["n", "b", "an", "e", "ot", "the"])
def test_a_short_password_is_never_hidden_inside_words(password):
    assert cx.scrub(UNREAD, password) == UNREAD
    address = cx.address(_connection(), password)
    said = cx.failure(NO_GROUP.format(shown=engines.display_address(address)), address, "Brent team", password)
    assert "***" not in said.replace(":***@", "")
    assert said.startswith("Your login is not in any BSCP Desktop group on the team database Brent team (")
    assert "ask whoever looks after it to add you." in said


@pytest.mark.parametrize("password", ["n", "b", "p@ss:w/rd%", "ünïcødé 密码", "a&b=c?d#e"])
def test_the_password_part_of_an_address_is_always_hidden(password):
    address = cx.address(_connection(), password)
    said = cx.scrub(f"The team database {address} cannot be reached (connection refused).", password)
    assert said == f"The team database {engines.display_address(address)} cannot be reached (connection refused)."
    assert said.count("***") == 1


def test_a_password_of_four_or_more_characters_is_hidden_where_it_stands_alone():
    assert cx.scrub("password Tr0ub4dor&3 refused; Tr0ub4dor&3.", "Tr0ub4dor&3") == "password *** refused; ***."
    assert cx.scrub("password=secret (secret)", "secret") == "password=*** (***)"
    assert cx.scrub("the secretary's secrets", "secret") == "the secretary's secrets"  # inside words: left


def test_an_address_with_a_port_that_is_not_a_number_is_told_in_words_without_its_password():
    address = "postgresql://officer:Kettle-2024@db.council.gov.uk:54x2/bscp"
    assert cx.server_of(address) == "the team database"
    with pytest.raises(engines.AddressProblem) as refused:
        engines.server_url(address)
    text = cx.failure(str(refused.value), address, "Council team database")
    assert "54x2" in text and "Kettle-2024" not in text and text.startswith("Council team database")
