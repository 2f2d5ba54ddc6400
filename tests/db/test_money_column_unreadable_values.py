"""A money column holding what another program wrote there instead of whole pence (a fraction of
a penny, a number too large for pounds and pence) is refused as a value that cannot be read, a
ValueError, never cut to whole pence nor failing with the decimal module's own error."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, select, text

from bscp_desktop.db.money import Pence
from bscp_desktop.domain.money import from_pence


@pytest.fixture
def ledger():
    engine = create_engine("sqlite://")
    meta = MetaData()
    table = Table("ledger", meta, Column("id", Integer, primary_key=True), Column("amount", Pence, nullable=True))
    meta.create_all(engine)
    return engine, table


@pytest.mark.parametrize("stored", ["1e308", "12.5", "-1e30"])
def test_a_stored_amount_that_is_not_whole_pence_is_refused_when_read(ledger, stored):
    engine, table = ledger
    with engine.begin() as conn:
        conn.execute(text(f"INSERT INTO ledger (id, amount) VALUES (1, {stored})"))
        with pytest.raises(ValueError, match="not a whole number of pence"):
            conn.execute(select(table.c.amount)).scalar_one()


def test_whole_pence_given_as_a_real_number_are_still_read():
    """As SQLite's sum of a column gives them once any value summed is a real number."""
    assert Pence().process_result_value(1234.0, None) == Decimal("12.34")


def test_pence_too_many_for_pounds_and_pence_are_a_value_error():
    with pytest.raises(ValueError, match="too large to be an amount of money"):
        from_pence(10**400)
    assert from_pence(2**63 - 1) == Decimal("92233720368547758.07")
