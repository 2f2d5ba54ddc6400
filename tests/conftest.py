"""Shared fixtures. Qt runs offscreen; every test gets its own database and data folder."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

from bscp_desktop import memory  # noqa: E402
from bscp_desktop.db import database as database_module  # noqa: E402
from bscp_desktop.db.database import Database  # noqa: E402
from tests.built_once import built_once, database_with  # noqa: E402
from tests.run_day import dates_of_today  # noqa: E402

# `make check` (pytest --hypothesis-profile=check) tries a fifth of the examples `make test`
# tries: every property test names its number through tests/examples.py.
settings.register_profile("check", max_examples=20)


def _one_statement_cache_for_the_run() -> None:
    """Every test opens a database of its own, so an engine of its own, whose cache of compiled
    statements starts empty: a quick test spent about a third of its time compiling the same
    statements again. In a test run every file's engine shares one cache. A compiled statement
    is keyed by its engine's dialect; the engines of files differ in their connections'
    pragmas, never in their dialect's settings, so a file's dialect equals another's here. The
    program itself opens one engine a file and keeps its own cache."""
    from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
    from sqlalchemy.util import LRUCache

    from bscp_desktop.db import engines

    shared = LRUCache(5000)
    SQLiteDialect_pysqlite.__eq__ = lambda self, other: type(other) is type(self)
    SQLiteDialect_pysqlite.__hash__ = lambda self: hash(type(self))
    create_engine = engines.create_engine

    def create_engine_sharing_statements(url, **options):
        engine = create_engine(url, **options)
        if engine.dialect.name == "sqlite":
            engine.update_execution_options(compiled_cache=shared)
        return engine

    engines.create_engine = create_engine_sharing_statements


_one_statement_cache_for_the_run()


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    """Keep data, backups, logs and Qt settings out of the real user's folders."""
    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("BSCP_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(data / "config"))
    # Qt reads XDG_CONFIG_HOME once per process: each test's settings are put in its own folder
    # here too, so no test reads what another (or the real user) saved, such as the last tab
    from PySide6.QtCore import QSettings

    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(data / "config"))
    yield data


@pytest.fixture(autouse=True)
def _lists_load_before_the_test_reads_them(request, monkeypatch):
    """A list reads in a worker thread; the window waits for it 30 ms, then lets it finish in
    the background. A test reads a list right after showing it (however loaded the machine),
    so the window waits for the worker here: the same code runs, the rows are there. Tests
    of the background path itself ask for `background_lists`."""
    if "background_lists" not in request.fixturenames and {"qtbot", "qapp"} & set(request.fixturenames):
        from bscp_desktop.ui.common import list_page, worker

        monkeypatch.setattr(list_page, "LOAD_WAIT_MS", 120_000)
        monkeypatch.setattr(worker, "QUICK_READ_MS", 120_000)  # the other pages' reads (LatestRead) too
    yield


@pytest.fixture(autouse=True)
def _outputs_in_process(request, monkeypatch):
    """A window test writes its outputs in a thread of its own process, not a new process
    (tests/outputs_in_process.py: the same job, without a second start of Python); a test
    marked `child_process` is about that process and gets the real one."""
    if {"qtbot", "qapp"} & set(request.fixturenames) and request.node.get_closest_marker("child_process") is None:
        from tests import outputs_in_process

        monkeypatch.setattr("bscp_desktop.ui.common.outputs.multiprocessing", outputs_in_process.multiprocessing)
    yield


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    """An output a test left still being written, in a child process or a thread (on a slow machine it may not have ended when
    the test's last line ran) is stopped before the test's windows are closed: a main window
    closing with one under way asks first (`outputs_end_before_quitting`), a question no one
    would answer."""
    for module, kind in (("outputs", "OutputProcess"), ("output_thread", "OutputThread")):
        if (loaded := sys.modules.get(f"bscp_desktop.ui.common.{module}")) is not None:
            for task in list(getattr(loaded, kind)._running):
                task.cancel()
    try:
        return (yield)
    finally:
        memory.collect_due()  # on this, the windows' thread (`pytest_configure`)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A file imported before midnight reads its dates again for a test run after it
    (`tests/run_day.py`)."""
    module = getattr(item, "module", None)
    if module is not None:
        dates_of_today(module)


def pytest_configure(config):
    """Cycles of garbage are collected on the thread the tests' windows live on, as in the program
    (`memory.collect_on_one_thread`): a widget collected in a worker's thread is deleted off it,
    which crashes a later test nowhere near the cause. Each test's are collected as it ends."""
    memory.collect_on_one_thread()


#: The run's exit status, kept for `pytest_unconfigure`.
_ENDED: dict[str, int] = {}


def pytest_sessionfinish(session, exitstatus):
    _ENDED["status"] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """A whole run in one process ends here, once every report is written, with the run's own
    exit status: the Qt objects thousands of window tests leave behind are not torn down one by
    one as Python ends, where their order of deletion is Python's and not Qt's and the process
    could end with a segmentation fault after every test had passed. A worker of a parallel run
    ends as xdist ends it."""
    if "status" in _ENDED and not hasattr(config, "workerinput"):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_ENDED["status"])


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """A test that needs the PostgreSQL test server (`postgres_cluster`, directly or through
    another fixture) or a real child process for an output is `slow`: make test runs it, the
    quick make check does not (before `-m "not slow"` is applied, hence tryfirst)."""
    for item in items:
        if "postgres_cluster" in getattr(item, "fixturenames", ()) or item.get_closest_marker("child_process"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def background_lists(monkeypatch):
    """Lists load as in the program: a load still running after 0 ms finishes in the background."""
    from bscp_desktop.ui.common import list_page, worker

    monkeypatch.setattr(list_page, "LOAD_WAIT_MS", 0)
    monkeypatch.setattr(worker, "QUICK_READ_MS", 0)


@pytest.fixture(autouse=True)
def _modal_handlers_end_with_their_test():
    """A dialog handler a test armed (`tests.ui.helpers.when_modal`) and never used stops when
    the test ends: left waiting, it would answer a dialog of the next test."""
    yield
    helpers = sys.modules.get("tests.ui.helpers")
    if helpers is not None:
        helpers.WAITING_FOR_MODALS[0] += 1


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


_UPGRADE_URL = database_module.upgrade_url  # the program's own, running every migration


def _build_empty(path: Path) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(database_module, "upgrade_url", _UPGRADE_URL)  # this one file by the migrations
        Database.open(path).close()


def _empty_file(tmp_path_factory) -> Path:
    return built_once(tmp_path_factory, "empty.sqlite3", _build_empty, keep=True)


@pytest.fixture(scope="session")
def empty_file(tmp_path_factory):
    """A new database at the current schema, built once for the whole test run by running
    every migration (about a second): `db` opens a copy of it, and so does every new file."""
    return _empty_file(tmp_path_factory)


@pytest.fixture(autouse=True)
def _new_files_start_from_the_template(request, monkeypatch, tmp_path_factory):
    """A new database file (`Database.open` on a missing or empty file) starts as a copy of
    `empty_file` instead of running every migration again (about a second each): the program's
    own steps still run (temporary name, upgrade, which finds the file at head, mark, rename).
    A test about building a file by the migrations themselves is marked `migrations`."""
    if request.node.get_closest_marker("migrations") is None:

        def upgrade_url(url: str, name: str | None = None) -> None:
            if url.startswith("sqlite:"):
                new = Path(database_module.sqlite_path(url))
                if new.is_file() and new.stat().st_size == 0:  # `_create_file`'s temporary file
                    shutil.copyfile(_empty_file(tmp_path_factory), new)
            _UPGRADE_URL(url, name)

        monkeypatch.setattr(database_module, "upgrade_url", upgrade_url)
    yield


@pytest.fixture
def db_file(db_path, empty_file) -> Path:
    """A new, empty database file of the test's own at `db_path`, closed (a copy of
    `empty_file`: far quicker than `Database.open` creating one)."""
    shutil.copyfile(empty_file, db_path)
    return db_path


def pytest_generate_tests(metafunc):
    """A module or test marked `both_engines` runs once on a file and once on the test server:
    its `db` and `demo_db` fixtures are parametrised by engine (`sqlite_only` opts a test out)."""
    marked = metafunc.definition.get_closest_marker("both_engines")
    if marked is None or metafunc.definition.get_closest_marker("sqlite_only"):
        return
    # the server's runs are part of make test (and CI), not of the quick make check
    engines = ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)]
    for name in ("db", "demo_db"):
        if name in metafunc.fixturenames:
            metafunc.parametrize(name, engines, indirect=True)


def _build_world(database: Database):
    from tests.meetings_world import build_world

    return build_world(database)


# `db`: a new, empty database of the test's own, open (a copy of `empty_file` at `db_path`, or,
# for a `both_engines` test's postgresql run, a new database on the test server); for a test
# that asks for `world`, the meetings tests' small partnership (`tests/meetings_world.World`)
# is in it, a copy of a file built once for the run. A module whose tests all start from the
# same records defines its own pair the same way (`tests/built_once.database_with`).
db, world = database_with("world", _build_world, records="world")


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    """The demo database, built once for the whole test run (by one worker of a parallel run)
    or kept from an earlier run built from the same files (`built_once`): open a copy with
    `demo_db`."""
    from bscp_desktop.demo import build_demo

    return built_once(tmp_path_factory, "demo.sqlite3", build_demo, keep=True)


@pytest.fixture(scope="session")
def memberships_demo_file(tmp_path_factory):
    """A database holding only what `demo.memberships.load` writes, made once for the run."""

    def build(path: Path) -> None:
        from bscp_desktop.demo import memberships as demo

        with Database.open(path) as database:
            demo.load(database)

    return built_once(tmp_path_factory, "memberships.sqlite3", build, keep=True)


@pytest.fixture
def demo_db(request, demo_file, tmp_path):
    """A private copy of the demo database, open (change it freely): a file, or, for a
    `both_engines` test's postgresql run, a database on the test server."""
    if getattr(request, "param", "sqlite") == "postgresql":
        database = Database.open_target(request.getfixturevalue("pg_demo_template").copy())
    else:
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
        if os.environ.get("BSCP_TEST_POSTGRESQL") == "required":  # CI (.ci/run): never skipped
            pytest.fail(f"no PostgreSQL test server: {exc}")
        pytest.skip(f"no PostgreSQL test server: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_address(postgres_cluster):
    """The `postgresql://` address of a new, empty database on the test server."""
    return postgres_cluster.new_database()


class _Template:
    """A database on the test server that new databases are made from (CREATE DATABASE ...
    TEMPLATE: the server copies its files, far quicker than running every migration)."""

    def __init__(self, cluster, name: str) -> None:
        self.cluster, self.name = cluster, name

    def copy(self) -> str:
        return self.cluster.new_database(template=self.name)


@pytest.fixture(scope="session")
def pg_empty_template(postgres_cluster):
    """A team database at the current schema with no records, once per run (see `_Template`)."""
    address = postgres_cluster.new_database(name="bscp_empty")
    Database.open_target(address).close()  # builds the schema; no connection stays open
    return _Template(postgres_cluster, "bscp_empty")


@pytest.fixture(scope="session")
def pg_demo_template(postgres_cluster, pg_empty_template, demo_file, tmp_path_factory):
    """The demo database on the test server, copied there once per run (`copy`'s own code)."""
    from bscp_desktop.services.copies import copy_database

    private = tmp_path_factory.mktemp("pg-demo") / "demo.sqlite3"  # the run's own is shared by workers
    shutil.copyfile(demo_file, private)
    copy_database(private, postgres_cluster.new_database(template=pg_empty_template.name, name="bscp_demo"))
    return _Template(postgres_cluster, "bscp_demo")


class _Reused:
    """One team database emptied for each test that wants a new one: every table truncated
    and what a new database starts with put back (far quicker than making a database)."""

    def __init__(self, address: str) -> None:
        from sqlalchemy import select

        from bscp_desktop.db import engines, transfer
        from bscp_desktop.db.database import make_engine

        self.address = address
        self.engine = make_engine(engines.server_url(address))
        self.tables = transfer.tables()
        with self.engine.connect() as conn:
            self.seeds = {
                t: [dict(r._mapping) for r in conn.execute(select(t).order_by(*t.primary_key.columns))]
                for t in self.tables if t.name in transfer.NEW_DATABASE_ROWS
            }

    def emptied(self) -> str:
        from sqlalchemy import insert, text

        self.engine.dispose()
        with self.engine.begin() as conn:
            conn.execute(text("SET LOCAL session_replication_role = replica"))  # the history's guard too
            conn.execute(text(f"TRUNCATE {', '.join(chr(34) + t.name + chr(34) for t in self.tables)} RESTART IDENTITY"))
            for table, rows in self.seeds.items():
                conn.execute(insert(table), [{k: v for k, v in r.items() if k != "id"} for r in rows])
        self.engine.dispose()
        return self.address


@pytest.fixture(scope="session")
def pg_reused(postgres_cluster, pg_empty_template):
    """The database `db` empties for each `both_engines` test's postgresql run (see `_Reused`)."""
    reused = _Reused(pg_empty_template.copy())
    yield reused
    reused.engine.dispose()


@pytest.fixture
def pg_db(request, pg_empty_template):
    """A team database on the test server, open at the current schema: a copy of the run's
    empty one, or, for a test that also asks for `pg_address`, that very database (its schema
    built on opening), so both name one database. Its address is also `pg_db.url`."""
    if "pg_address" in request.fixturenames:
        address = request.getfixturevalue("pg_address")
    else:
        address = pg_empty_template.copy()
    database = Database.open_target(address)
    yield database
    database.close()


@pytest.fixture
def theirs(request):
    """A second connection to the test's database file (`demo_db` where the test uses it, else
    `db`): another officer's program, Jane Smith's; the test's own is Tom Okafor's."""
    from bscp_desktop.db.database import Database, sqlite_url

    mine = request.getfixturevalue("demo_db" if "demo_db" in request.fixturenames else "db")
    other = Database(sqlite_url(mine.path), mine.path)
    other.user = "Jane Smith"
    mine.user = "Tom Okafor"
    yield other
    other.close()


@pytest.fixture
def answered(monkeypatch):
    """The "saved by someone else" dialogs shown, each answered as the test says (Reload by
    default: `answered[1]["button"] = "keep"` for Keep editing), each drawn once as seen."""
    from bscp_desktop.ui.common.conflict import ConflictDialog

    shown: list = []
    answer = {"button": "reload"}

    def exec_(self):
        shown.append(self)
        self.compare()
        self.grab()
        return ConflictDialog.RELOAD if answer["button"] == "reload" else 0

    monkeypatch.setattr(ConflictDialog, "exec", exec_)
    return shown, answer


@pytest.fixture
def london_clock(monkeypatch):
    """A council laptop's clock, in Europe/London (09:30 UTC in June is 10:30 there); skipped
    where the zone cannot be set (Windows)."""
    import time

    if not hasattr(time, "tzset"):
        pytest.skip("the clock's zone can be set only on Linux and macOS")
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def clock(monkeypatch):
    """The time the change history dates what is saved, one entry or many at once: set
    `clock.now` before each save (at noon, so the day is the same in any zone the computer
    keeps). It starts at noon on 2 January 2023."""
    from datetime import datetime

    from bscp_desktop.db import history, history_bulk

    class Clock:
        now = datetime(2023, 1, 2, 12)

    monkeypatch.setattr(history, "utcnow", lambda: Clock.now)
    monkeypatch.setattr(history_bulk, "utcnow", lambda: Clock.now)
    return Clock

