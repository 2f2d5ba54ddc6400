"""The money column: whole pence in an INTEGER column, `Decimal` pounds in Python.

    agreed: Mapped[Decimal] = mapped_column(Pence, nullable=False, default=ZERO)

Writing anything but a `Decimal` (or an int of pounds) is refused, so a float can never be
stored; an amount finer than a penny is refused rather than rounded.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Integer
from sqlalchemy.types import TypeDecorator

from bscp_desktop.domain.money import from_pence, to_pence


class Pence(TypeDecorator):
    """`Decimal("12.34")` in Python, 1234 in the database."""

    impl = Integer
    cache_ok = True

    @property
    def python_type(self) -> type:
        return Decimal

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return to_pence(value)

    def process_literal_param(self, value, dialect):
        return str(self.process_bind_param(value, dialect))

    def process_result_value(self, value, dialect):
        """The pounds a stored number of pence is; a stored value that is not a whole number
        (12.5, or 1e308, which another program may have written) is a ValueError, never cut
        to a whole number, as `check` names it (`stored_values`)."""
        if value is None:
            return None
        if isinstance(value, float) and not (value.is_integer() and abs(value) < 2**63):
            raise ValueError(f"{value!r} is not a whole number of pence")
        return from_pence(int(value))
