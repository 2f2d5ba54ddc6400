"""Output jobs shared by the window and the command line: gather DTOs, build a file.

Each area registers its workbook (`export xlsx --area KIND`) and its named reports
(`report NAME`) in its job module (named in the area registry, `bscp_desktop/areas.py`):

    @workbook(RecordKind.MEETINGS, "Meetings workbook", outputs=(Output("Meetings workbook…", "Meetings.xlsx"),))
    def meetings_workbook(db, progress=no_progress, today=None) -> WorkbookBuilder: ...

    @report("actions", "Action log", options=("xlsx",), outputs=(
        Output("Action log (PDF)…", "Action log.pdf"),
        Output("Action log (Excel)…", "Action log.xlsx", {"xlsx": True})))
    def actions_report(db, path, progress=no_progress, xlsx=None, today=None) -> Path: ...

A workbook job returns its sheets (a `WorkbookBuilder`): the job saves it, and the workbook of
everything asks every area for its sheets the same way. A report job writes its file and
returns the path. A job declares its title, the options it takes, how the window offers it
(`outputs`: menu text, default file name, options; none for a job that needs a record chosen
first, whose page offers it) and whether it is OFFICIAL-SENSITIVE. Sensitivity is decided here,
once: the job's own `sensitive`, else its area's (`areas.py`); the job's builders are run inside
`reports.marking.marking(...)`, so every file it writes is marked, and the window tells the user.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bscp_desktop import areas, paths
from bscp_desktop.db.targets import check_target
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.reports.marking import marking

Progress = Callable[[int, int, str], None]


def no_progress(done: int, total: int, text: str = "") -> None:
    return None


@dataclass(frozen=True)
class Output:
    """One way the window offers a job: its menu text, default file name and fixed options."""

    menu: str
    file_name: str
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def suffix(self) -> str:
        return Path(self.file_name).suffix.lower()


@dataclass(frozen=True)
class Job:
    name: str
    title: str
    run: Callable[..., Path]  # run(db, path, progress=..., **options) -> the path written
    options: tuple[str, ...] = field(default_factory=tuple)
    area: RecordKind | None = None
    sensitive: bool | None = None  # None: the area's (see `is_sensitive`)
    outputs: tuple[Output, ...] = ()
    needs: str | None = None  # an option the user must choose first (a record): offered by its page
    build: Callable[..., Any] | None = None  # workbooks: build(db, progress, **options) -> WorkbookBuilder

    @property
    def marked(self) -> bool:
        return is_sensitive(self)


XLSX_AREAS: dict[str, Job] = {}
REPORTS: dict[str, Job] = {}


def is_sensitive(job: Job) -> bool:
    """The one place that decides whether a job's files are OFFICIAL-SENSITIVE."""
    if job.sensitive is not None:
        return job.sensitive
    return job.area is not None and areas.is_sensitive(job.area)


def _area_of(module: str) -> RecordKind | None:
    for a in areas.AREAS:
        if module in a.jobs:
            return a.kind
    return None


def workbook(kind: RecordKind | str, title: str, *, outputs: tuple[Output, ...] = (),
             sensitive: bool | None = None):
    """Register an area's workbook, named by its kind (`export xlsx --area <kind>`); the
    decorated function returns the workbook's sheets as a WorkbookBuilder."""
    name = str(kind.value if isinstance(kind, RecordKind) else kind)

    def register(build):
        area = _area_of(build.__module__)
        job_box: list[Job] = []

        def run(db, path: Path, progress: Progress = no_progress, **options) -> Path:
            with marking(is_sensitive(job_box[0])):
                book = build(db, progress=progress, **options)
                progress(1, 1, "Saving…")
                return book.save(path)

        def built(db, progress: Progress = no_progress, **options):
            with marking(is_sensitive(job_box[0])):
                return build(db, progress=progress, **options)

        job = Job(name, title, run, (), area, sensitive, outputs, None, built)
        job_box.append(job)
        XLSX_AREAS[name] = job
        return build

    return register


def report(name: str, title: str, options: tuple[str, ...] = (), *, outputs: tuple[Output, ...] = (),
           needs: str | None = None, sensitive: bool | None = None):
    """Register a named report (`report NAME`); the decorated function writes its file."""

    def register(fn):
        area = _area_of(fn.__module__)
        job_box: list[Job] = []

        @functools.wraps(fn)
        def run(db, path: Path, progress: Progress = no_progress, **opts) -> Path:
            with marking(is_sensitive(job_box[0])):
                return fn(db, path, progress=progress, **opts)

        job = Job(name, title, run, tuple(options), area, sensitive, outputs, needs)
        job_box.append(job)
        REPORTS[name] = job
        return fn

    return register


def find(kind: str, name: str) -> Job:
    """A registered workbook ("xlsx") or report by name."""
    load_all()
    found = (XLSX_AREAS if kind == "xlsx" else REPORTS).get(name)
    if found is None:
        raise ValueError(f"There is no {'workbook' if kind == 'xlsx' else 'report'} called '{name}'")
    return found


def area_jobs(kind: RecordKind | None) -> list[Job]:
    """The jobs of one area (None: the shared ones), workbook first, as registered."""
    load_all()
    return [j for j in (*XLSX_AREAS.values(), *REPORTS.values()) if j.area == kind]


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
