"""Files the tests share, built once for a whole run (see `built_once`), and the costly ones
kept between runs while nothing they are built from has changed (see `kept`)."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sqlite3
import sys
from datetime import date
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parents[1]
KEPT = ROOT / "build" / "test-files"  # never committed (build/ is ignored)


def built_once(tmp_path_factory, name: str, build, keep: bool = False) -> Path:
    """A file made by `build(path)` once for the whole test run and shared by every worker of
    a parallel run (pytest-xdist): the first worker to need it builds it under a file lock
    while the others wait, then all of them read it (tests open copies, never the file).
    With `keep`, a copy kept from an earlier run is used if nothing it is built from has
    changed (`kept`), and a new build is kept for the next run."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    path = root / "built-once" / name
    path.parent.mkdir(exist_ok=True)
    with FileLock(path.with_name(name + ".building")):  # not `.lock`: the program locks a database there
        if not path.exists():
            if keep:
                _from_kept(name, path, build)
            else:
                build(path)
    assert not path.with_name(path.name + "-wal").exists()  # a copy of the file is the whole database
    return path


def kept(name: str) -> Path:
    """Where a run keeps its build of `name` for later runs: the name carries a digest of
    everything the build reads (the program's files below the window, its migrations, the
    versions of Python, SQLite and the libraries, and today's date, which the demo's dates
    follow), so a copy built from anything else is never used."""
    stem, dot, ext = name.partition(".")
    return KEPT / f"{stem}-{_digest()}{dot}{ext}"


def _from_kept(name: str, path: Path, build) -> None:
    copy = kept(name)
    if copy.is_file():
        shutil.copyfile(copy, path)
        return
    build(path)
    KEPT.mkdir(parents=True, exist_ok=True)
    for old in KEPT.glob(f"{name.partition('.')[0]}-*"):  # builds from earlier files or days
        old.unlink(missing_ok=True)
    part = copy.with_name(f"{copy.name}.{os.getpid()}.part")
    shutil.copyfile(path, part)
    os.replace(part, copy)  # whole or absent, whoever reads it at the same time


#: The layers above the demo (pyproject's "Layers point down only" contract): nothing a kept file
#: is built from (the migrations, the services, the demo) imports them, so a change to the window
#: alone does not build the files again.
_ABOVE = frozenset({"ui", "app.py", "cli.py", "screenshots.py", "smoke.py"})


@lru_cache(maxsize=1)
def _digest() -> str:
    h = hashlib.sha256()
    for line in (date.today().isoformat(), sys.version, sqlite3.sqlite_version,
                 *(f"{p}={metadata.version(p)}" for p in ("SQLAlchemy", "alembic"))):
        h.update(line.encode() + b"\0")
    for file in sorted((ROOT / "bscp_desktop").rglob("*")):
        if file.is_file() and "__pycache__" not in file.parts and file.relative_to(ROOT).parts[1] not in _ABOVE:
            h.update(file.relative_to(ROOT).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def built_copy(request, name: str, build, path: Path) -> Any:
    """A database at `path` (closed) holding what `build(database)` writes, and what that call
    returned: the build runs once for the whole run on a copy of `empty_file` (`built_once`,
    its answer pickled beside the file, so it must be plain records, never open objects), and
    every test copies the file to a path of its own, so a test may change its copy freely.
    The file is built again for a new day, so what the build dates by the clock (the history
    of its changes, dates counted from today) is the day the test starts, as if it built them."""
    from bscp_desktop.db.database import Database

    maker = f"{build.__module__}.{build.__qualname__}"
    assert _BUILDS.setdefault(name, maker) == maker, f"{name!r} is built by {_BUILDS[name]} already"
    empty = request.getfixturevalue("empty_file")

    def make(file: Path) -> None:
        shutil.copyfile(empty, file)
        with Database.open(file) as database:
            made = build(database)
        _records(file).write_bytes(pickle.dumps(made))

    # its own prefix: the files built once without records (demo, memberships, ...) never share its name
    file = built_once(request.getfixturevalue("tmp_path_factory"), f"records-{name}-{date.today().isoformat()}.sqlite3", make)
    shutil.copyfile(file, path)
    return pickle.loads(_records(file).read_bytes())


_BUILDS: dict[str, str] = {}  # name: the build making it, so two builds never share a file


def _records(file: Path) -> Path:
    return file.with_name(file.name + ".records")


def database_with(name: str, build, records: str):
    """The `db` fixture for a test module whose tests start from the same records, and the
    fixture named `records` that gives what `build(database)` returned:

        db, setup = database_with("audits-tab", build_setup, records="setup")

    A test asking for `records` gets a copy of a database built once for the run
    (`built_copy`); one that does not gets a new, empty one, as everywhere else. On the test
    server (a `both_engines` module's postgresql run) the records are built for each test.
    Records come only with their own `db`: a module defining its own cannot use `world`
    (its build calls `tests.meetings_world.build_world` instead)."""
    key = pytest.StashKey[Any]()

    @pytest.fixture
    def db(request, db_path):
        from bscp_desktop.db.database import Database

        wanted = records in request.fixturenames
        if getattr(request, "param", "sqlite") == "postgresql":
            database = Database.open_target(request.getfixturevalue("pg_reused").emptied())
            if wanted:
                request.node.stash[key] = build(database)
        else:
            if wanted:
                request.node.stash[key] = built_copy(request, name, build, db_path)
            else:
                shutil.copyfile(request.getfixturevalue("empty_file"), db_path)
            database = Database.open(db_path)
        yield database
        database.close()

    def made(request, db):
        if key not in request.node.stash:  # `db` is another database_with's (the module's own)
            pytest.fail(f"`{records}` is in the `db` made with it, not in this module's own `db`")
        return request.node.stash[key]

    return db, pytest.fixture(made, name=records)
