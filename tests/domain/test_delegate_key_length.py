"""The key a delegate is matched by fits the records that keep it: a name (or an address) within
its own length, whose letters take more room compared in any case ("ß" is "ss"), is refused by
`delegate_key` with the field to shorten and why, instead of failing on a team database."""

from __future__ import annotations

import pytest

from bscp_desktop.domain.delegates import KEY_LONGEST, delegate_key, key_problem
from bscp_desktop.domain.validation import ValidationError


def test_a_name_whose_key_would_be_too_long_is_refused_naming_the_field_and_why():
    with pytest.raises(ValidationError) as refused:
        delegate_key("ß" * 200, "")
    assert refused.value.errors == {"delegate_name": (
        "Delegate's name 'ßßßßßßßßßßßßßßßßßßßß…' is too long to be matched with the delegate's other records: letters "
        "such as 'ß' count as 2 when names are compared, so it counts as 400 characters, and at most 255 can be "
        "matched; shorten it")}
    assert key_problem("ß" * 200, "", "Delegate") == {"delegate_name": refused.value.errors["delegate_name"].replace(
        "Delegate's name", "Delegate")}  # as an import names its column


def test_the_longest_key_is_kept_whole_and_one_more_letter_is_refused():
    assert len(delegate_key("ß" * 127, "")) == KEY_LONGEST - 1
    assert key_problem("ß" * 127, "") == {}
    assert "counts as 256 characters, and at most 255" in key_problem("ß" * 128, "")["delegate_name"]
    assert delegate_key("A" * 200, "") == "name:" + "a" * 200  # a name of plain letters always fits
    assert key_problem("A" * 255, "") == {}
    assert key_problem("A" * 256, "") == {"delegate_name": "Delegate's name 'AAAAAAAAAAAAAAAAAAAA…' is too long to be "
                                          "matched with the delegate's other records (256 characters; at most 255 can "
                                          "be matched); shorten it"}


def test_with_an_address_the_address_is_matched_and_checked():
    assert delegate_key("ß" * 200, "Ben@Brent.gov.uk") == "email:ben@brent.gov.uk"
    address = "ß" * 130 + "@brent.gov.uk"
    with pytest.raises(ValidationError) as refused:
        delegate_key("Ben", address)
    assert list(refused.value.errors) == ["email"]
    assert refused.value.errors["email"].startswith("Email 'ßßßßßßßßßßßßßßßßßßßß…' is too long to be matched")
    assert "when addresses are compared, so it counts as 273 characters, and at most 254" in refused.value.errors["email"]
