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


def check_output(out: Path) -> Path:
    """The file to write must go in an existing folder and must not be a folder itself."""
    out = Path(out)
    if not out.parent.is_dir():
        raise ValueError(f"The folder {out.parent} does not exist, so {out.name} cannot be written there.")
    if out.is_dir():
        raise ValueError(f"{out} is a folder; give a file name to write.")
    return out


def export_workbook(db: Any, area: str, out: Path, progress: Progress = no_progress) -> Path:
    check_output(out)
    load_all()
    if area not in XLSX_AREAS:
        raise ValueError(f"There is no workbook called '{area}'; choose one of: {', '.join(sorted(XLSX_AREAS))}")
    return XLSX_AREAS[area].run(db, Path(out), progress=progress)


def write_report(db: Any, name: str, out: Path, progress: Progress = no_progress, **options) -> Path:
    check_output(out)
    load_all()
    if name not in REPORTS:
        raise ValueError(f"There is no report called '{name}'; choose one of: {', '.join(sorted(REPORTS))}")
    return REPORTS[name].run(db, Path(out), progress=progress, **options)
