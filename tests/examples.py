"""How many examples a property test tries.

`make test` runs hypothesis's default profile, where a test tries what it names (and one
naming nothing tries hypothesis's default of 100). `make check`, the inner loop, runs the
`check` profile registered in tests/conftest.py, which tries a fifth of that: the same
properties, searched less deeply, so the loop stays under a minute.
"""

from __future__ import annotations

from hypothesis import settings

FULL = 100  # hypothesis's default number of examples


def examples(wanted: int) -> int:
    """`wanted` under the default profile; the profile's share of it otherwise (at least 2)."""
    return max(2, wanted * settings.default.max_examples // FULL)
