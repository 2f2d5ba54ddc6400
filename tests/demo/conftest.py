"""The memberships part of the demo, loaded once for the run: each test opens its own copy."""

from __future__ import annotations

import shutil

import pytest

from bscp_desktop.db.database import Database


@pytest.fixture(scope="session")
def memberships_demo_file(tmp_path_factory):
    """A database holding only what `demo.memberships.load` writes, made once."""
    from bscp_desktop.demo import memberships as demo

    path = tmp_path_factory.mktemp("memberships-demo") / "memberships.sqlite3"
    with Database.open(path) as database:
        demo.load(database)
    return path


@pytest.fixture
def loaded(memberships_demo_file, db_path):
    """A private copy of the memberships demo, open (change it freely)."""
    shutil.copyfile(memberships_demo_file, db_path)
    database = Database.open(db_path)
    yield database
    database.close()
