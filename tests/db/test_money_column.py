"""The money column stores whole pence and gives back Decimal pounds; floats never get in."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select, text
from sqlalchemy.exc import StatementError

from bscp_desktop.db.money import Pence
from bscp_desktop.domain.money import MAX_PENCE, from_pence
from tests.examples import examples


@pytest.fixture(scope="module")
def table():
    engine = create_engine("sqlite://")
    meta = MetaData()
    t = Table("ledger", meta, Column("id", Integer, primary_key=True), Column("amount", Pence, nullable=True))
    meta.create_all(engine)
    return engine, t


@settings(max_examples=examples(60))
@given(st.integers(min_value=0, max_value=MAX_PENCE))
def test_round_trip_through_the_database_is_exact(table, pence):
    engine, t = table
    amount = from_pence(pence)
    with engine.begin() as conn:
        row_id = conn.execute(insert(t).values(amount=amount)).inserted_primary_key[0]
        stored = conn.execute(text("SELECT amount, typeof(amount) FROM ledger WHERE id = :id"), {"id": row_id}).one()
        back = conn.execute(select(t.c.amount).where(t.c.id == row_id)).scalar_one()
    assert stored == (pence, "integer")
    assert isinstance(back, Decimal) and back == amount and back.as_tuple().exponent == -2


def test_floats_and_fractions_of_a_penny_are_refused(table):
    engine, t = table
    with engine.begin() as conn:
        for bad in (12.5, Decimal("0.001"), "12.50"):
            with pytest.raises(StatementError):
                conn.execute(insert(t).values(amount=bad))
        conn.execute(insert(t).values(amount=None))
        assert conn.execute(select(t.c.amount).where(t.c.amount.is_(None))).first() is not None
