"""The memberships part of the demo (`memberships_demo_file`, made once for the run in
tests/conftest.py): each test opens its own copy."""

from __future__ import annotations

import shutil

import pytest

from bscp_desktop.db.database import Database


@pytest.fixture
def loaded(memberships_demo_file, db_path):
    """A private copy of the memberships demo, open (change it freely)."""
    shutil.copyfile(memberships_demo_file, db_path)
    database = Database.open(db_path)
    yield database
    database.close()
