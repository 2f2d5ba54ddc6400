"""Fixtures of the offline tests: a Forum meeting of a team database taken offline."""

from __future__ import annotations

import pytest

from tests.offline.helpers import taken_offline


@pytest.fixture
def taken(pg_db, tmp_path):
    """(the team database, the world, the meeting, its items, the copy's path), as
    `taken_offline` gives them; a module may ask for more of it with its own `taken`."""
    return taken_offline(pg_db, tmp_path)[:5]
