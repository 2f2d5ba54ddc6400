"""Files the tests share, built once for a whole run (see `built_once`)."""

from __future__ import annotations

import os
from pathlib import Path

from filelock import FileLock


def built_once(tmp_path_factory, name: str, build) -> Path:
    """A file made by `build(path)` once for the whole test run and shared by every worker of
    a parallel run (pytest-xdist): the first worker to need it builds it under a file lock
    while the others wait, then all of them read it (tests open copies, never the file)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    path = root / "built-once" / name
    path.parent.mkdir(exist_ok=True)
    with FileLock(path.with_name(name + ".building")):  # not `.lock`: the program locks a database there
        if not path.exists():
            build(path)
    assert not path.with_name(path.name + "-wal").exists()  # a copy of the file is the whole database
    return path
