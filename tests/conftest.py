"""Shared fixtures. Qt runs offscreen; every test gets its own database and data folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil  # noqa: E402

import pytest  # noqa: E402

from bscp_desktop.db.database import Database  # noqa: E402


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    """Keep data, backups, logs and Qt settings out of the real user's folders."""
    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("BSCP_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(data / "config"))
    yield data


@pytest.fixture(autouse=True)
def _lists_load_before_the_test_reads_them(request, monkeypatch):
    """A list reads in a worker thread; the window waits for it 60 ms, then lets it finish in
    the background. A test reads a list right after showing it (however loaded the machine),
    so the window waits for the worker here: the same code runs, the rows are there. Tests
    of the background path itself ask for `background_lists`."""
    if "background_lists" not in request.fixturenames and {"qtbot", "qapp"} & set(request.fixturenames):
        from bscp_desktop.ui.common import list_page

        monkeypatch.setattr(list_page, "LOAD_WAIT_MS", 120_000)
    yield


@pytest.fixture
def background_lists(monkeypatch):
    """Lists load as in the program: a load still running after 0 ms finishes in the background."""
    from bscp_desktop.ui.common import list_page

    monkeypatch.setattr(list_page, "LOAD_WAIT_MS", 0)


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
    path = tmp_path_factory.mktemp("empty") / "empty.sqlite3"
    Database.open(path).close()
    assert not path.with_name(path.name + "-wal").exists()  # the copy below is the whole file
    return path


@pytest.fixture
def db(db_path, empty_file):
    """A new, empty database of the test's own at `db_path`, open (a copy of `empty_file`)."""
    shutil.copyfile(empty_file, db_path)
    database = Database.open(db_path)
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    """The demo database, built once for the whole test run: open a copy with `demo_db`."""
    from bscp_desktop.demo import build_demo

    return build_demo(tmp_path_factory.mktemp("demo") / "demo.sqlite3")


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
