"""Shared fixtures. Qt runs offscreen; every test gets its own database and data folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

from bscp_desktop.db.database import Database  # noqa: E402
from tests.built_once import built_once  # noqa: E402

# `make check` (pytest --hypothesis-profile=check) tries a fifth of the examples `make test`
# tries: every property test names its number through tests/examples.py.
settings.register_profile("check", max_examples=20)


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    """Keep data, backups, logs and Qt settings out of the real user's folders."""
    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("BSCP_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(data / "config"))
    yield data


@pytest.fixture(autouse=True)
def _dialogs_fit_their_text(request):
    """As in the program (`app.make_application`): every dialog grows to fit its text."""
    if {"qtbot", "qapp"} & set(request.fixturenames):
        from bscp_desktop.ui.common import dialog_fit

        dialog_fit.install(request.getfixturevalue("qapp"))
    yield


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "test.sqlite3"


@pytest.fixture(scope="session")
def empty_file(tmp_path_factory):
    """A new database at the current schema, built once for the whole test run (running every
    migration takes about a second): `db` opens a copy of it."""
    return built_once(tmp_path_factory, "empty.sqlite3", lambda path: Database.open(path).close())


@pytest.fixture
def db_file(db_path, empty_file) -> Path:
    """A new, empty database file of the test's own at `db_path`, closed (a copy of
    `empty_file`: far quicker than `Database.open` creating one)."""
    shutil.copyfile(empty_file, db_path)
    return db_path


@pytest.fixture
def db(db_path, empty_file):
    """A new, empty database of the test's own at `db_path`, open (a copy of `empty_file`)."""
    shutil.copyfile(empty_file, db_path)
    database = Database.open(db_path)
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    """The demo database, built once for the whole test run (by one worker of a parallel run):
    open a copy with `demo_db`."""
    from bscp_desktop.demo import build_demo

    return built_once(tmp_path_factory, "demo.sqlite3", build_demo)


@pytest.fixture(scope="session")
def memberships_demo_file(tmp_path_factory):
    """A database holding only what `demo.memberships.load` writes, made once for the run."""

    def build(path: Path) -> None:
        from bscp_desktop.demo import memberships as demo

        with Database.open(path) as database:
            demo.load(database)

    return built_once(tmp_path_factory, "memberships.sqlite3", build)


@pytest.fixture
def demo_db(demo_file, tmp_path):
    """A private copy of the demo database, open (change it freely)."""
    copy = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_file, copy)
    database = Database.open(copy)
    yield database
    database.close()


@pytest.fixture(scope="session")
def postgres_cluster():
    """A throwaway PostgreSQL server for the whole run (tests/postgres_cluster.py); the tests
    that use it are skipped, with the reason, where PostgreSQL is not installed."""
    pytest.importorskip("psycopg", reason="the PostgreSQL driver (psycopg) is not installed")
    from tests.postgres_cluster import Cluster, Unavailable

    try:
        cluster = Cluster()
    except Unavailable as exc:
        pytest.skip(f"no PostgreSQL test server: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_address(postgres_cluster):
    """The `postgresql://` address of a new, empty database on the test server."""
    return postgres_cluster.new_database()


@pytest.fixture
def pg_db(pg_address):
    """A team database on the test server, open at the current schema."""
    database = Database.open_target(pg_address)
    yield database
    database.close()
