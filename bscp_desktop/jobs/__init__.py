"""Output jobs shared by the window and the command line: gather DTOs, build a file.

Each area registers its workbook (`export xlsx --area NAME`) and its named PDF reports
(`report NAME`) here. A job takes an open Database, an output path, options, and an
optional `progress(done, total, text)` callback; it returns the path written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bscp_desktop import paths
from bscp_desktop.db.targets import check_target

Progress = Callable[[int, int, str], None]


def no_progress(done: int, total: int, text: str = "") -> None:
    return None


@dataclass(frozen=True)
class Job:
    name: str
    title: str
    run: Callable[..., Path]
    options: tuple[str, ...] = field(default_factory=tuple)


XLSX_AREAS: dict[str, Job] = {}
REPORTS: dict[str, Job] = {}


def xlsx_area(name: str, title: str):
    def register(fn):
        XLSX_AREAS[name] = Job(name, title, fn)
        return fn

    return register


def report(name: str, title: str, options: tuple[str, ...] = ()):
    def register(fn):
        REPORTS[name] = Job(name, title, fn, options)
        return fn

    return register


def load_all() -> None:
    """Import every area's jobs so that they register themselves."""
    from bscp_desktop.jobs import registry  # noqa: F401


def check_output(out: Path, database: Path | None = None) -> Path:
    """Where an output may be written (see `db.targets`): never onto the database, its working
    files, a backup, a symbolic link or anything but an ordinary file, and only in an existing
    folder. Raises a ValueError with one sentence; returns the absolute path."""
    return check_target(out, database, backup_folder=paths.backup_dir())


def target_exists(out: Path) -> bool:
    """Whether writing to `out` would replace an existing file (the window asks first)."""
    return Path(out).expanduser().exists()


def export_workbook(db: Any, area: str, out: Path, progress: Progress = no_progress) -> Path:
    out = check_output(out, getattr(db, "path", None))
    load_all()
    if area not in XLSX_AREAS:
        raise ValueError(f"There is no workbook called '{area}'; choose one of: {', '.join(sorted(XLSX_AREAS))}")
    return XLSX_AREAS[area].run(db, Path(out), progress=progress)


def write_report(db: Any, name: str, out: Path, progress: Progress = no_progress, **options) -> Path:
    out = check_output(out, getattr(db, "path", None))
    load_all()
    if name not in REPORTS:
        raise ValueError(f"There is no report called '{name}'; choose one of: {', '.join(sorted(REPORTS))}")
    return REPORTS[name].run(db, Path(out), progress=progress, **options)
