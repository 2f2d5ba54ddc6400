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

The file's extension says what is written (`check_format`, `options_for_file`): a job writes the
kinds of file its outputs name (PDF when it names none; a workbook, .xlsx), `.xlsx` turns on a
job's `xlsx` option, and a name the job cannot write is refused before anything is read. A job that works on one record may
say how officers name it (`find`: option -> finder(db, text) returning the record), so
`report minutes --meeting "Executive Group 21/03/2024"` and `report case --id BSCP-2024-01`
work as well as ids.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from bscp_desktop import areas, paths
from bscp_desktop.db.targets import WINDOWS_DEVICES, check_target, ending_alone
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.memory import gc_paused
from bscp_desktop.paths import given_path
from bscp_desktop.reports.marking import marking

Progress = Callable[[int, int, str], None]
T = TypeVar("T")


def no_progress(done: int, total: int, text: str = "") -> None:
    return None


def archived_left_out(what: str, count: int) -> str:
    """What a workbook sheet says under a table that leaves archived records out, as the reports
    leave them out: "Archived case reviews (1) are left out." ('' when none is)."""
    return f"Archived {what} ({count}) are left out." if count else ""


def gather_then_write(progress: Progress, gathering: str, gather: Callable[[], T], writing: str,
                      write: Callable[[T], Path]) -> Path:
    """A report in two steps, each told to `progress`: gather its data (saying `gathering`),
    then write its file from that data (saying `writing`), then "Done". Returns the path
    written."""
    progress(0, 2, gathering)
    data = gather()
    progress(1, 2, writing)
    written = write(data)
    progress(2, 2, "Done")
    return written


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
    find: Mapping[str, Callable[[Any, str], Any]] = field(default_factory=dict)  # option -> finder(db, text)
    required: tuple[str, ...] = ()  # options without a default, beside the record it `needs` (a period)
    missing: str = ""  # what to say when no record is named (checked before the database opens)

    @property
    def marked(self) -> bool:
        return is_sensitive(self)

    @property
    def formats(self) -> tuple[str, ...]:
        """The kinds of file it writes, by extension (".pdf", ".xlsx", ...)."""
        return tuple(dict.fromkeys(o.suffix for o in self.outputs)) or (".pdf",)


FORMAT_NAMES = {".pdf": "PDF", ".xlsx": "Excel", ".docx": "Word", ".ics": "iCalendar", ".csv": "CSV"}


def describe_formats(job: Job) -> str:
    """"PDF (.pdf) or Excel (.xlsx)"."""
    return " or ".join(f"{FORMAT_NAMES.get(f, f)} ({f})" for f in job.formats)


def check_format(job: Job, out: Path) -> str:
    """The kind of file `out` names (its extension, ".pdf"), if `job` writes that kind; else a
    ValidationError with one sentence. One rule for every output: the extension decides the
    format, so a workbook is never saved as out.txt or over a file named for something else.
    A name that is only an ending the job writes (".pdf", which Path takes for a name with no
    ending) is told it has no name, and given one."""
    suffix = Path(out).suffix.lower()
    if (alone := ending_alone(out)) in job.formats:
        raise ValidationError({"output": (
            f"'{Path(out).name}' has no name before its ending: name the output file (-o), for example "
            f"{_example_name(job, alone)}"
        )})
    if suffix not in job.formats:
        what = f"The {job.name} report writes" if job.build is None else "A workbook is"
        raise ValidationError({"output": (
            f"{what} {describe_formats(job)}: name the output file (-o) {' or '.join(job.formats)}, "
            f"not '{Path(out).name}'{_workbook_instead(job, suffix)}"
        )})
    return suffix


def _workbook_instead(job: Job, suffix: str) -> str:
    """For a report asked for a kind of file it does not write but its area's workbook does
    (the case review tracker as .xlsx): the command that writes that workbook, as a sentence
    to follow the refusal; else ''."""
    book = XLSX_AREAS.get(job.area.value) if job.build is None and job.area is not None else None
    if book is None or suffix not in book.formats:
        return ""
    menu = book.outputs[0].menu if book.outputs else book.title  # as File > Export names it
    name = menu.rstrip("…").removesuffix(f" ({FORMAT_NAMES[suffix]})")
    name = name[:1].lower() + name[1:] if name[1:2].islower() else name  # not an abbreviation's capitals
    called = name if name.endswith("workbook") else f"{name} workbook"
    return f". The {called} is written by: bscp-desktop export xlsx --area {book.name}"


def _example_name(job: Job, suffix: str) -> str:
    """A file name for `job`'s kind of file `suffix` to type after -o: the window's own
    ("Action log.pdf"), in lower case with hyphens for spaces ("action-log.pdf")."""
    named = next((o.file_name for o in job.outputs if o.suffix == suffix), job.name + suffix)
    return "-".join(named.lower().split())


def options_for_file(job: Job, out: Path, options: Mapping[str, Any]) -> dict[str, Any]:
    """The options to write `out` with: the extension decides the format (`xlsx` for .xlsx),
    and a file the job cannot write is refused in one sentence (`check_format`)."""
    suffix = check_format(job, out)
    chosen = dict(options)
    if chosen.get("xlsx") and suffix != ".xlsx":
        raise ValidationError(
            {"output": f"--xlsx writes an Excel workbook: name the output file .xlsx, not '{Path(out).name}'"}
        )
    if "xlsx" in job.options:
        chosen["xlsx"] = True if suffix == ".xlsx" else None
    return chosen


#: The options that name the one record a job is about, by number or by the job's finder.
RECORD_NAMES = ("meeting", "series", "record_id", "booking")


def flag_of(option: str) -> str:
    """How an option is written on the command line ("record_id" is --id)."""
    return {"record_id": "--id", "date_from": "--from", "date_to": "--to"}.get(option, "--" + option)


def check_one_record(job: Job, options: Mapping[str, Any]) -> None:
    """A job is about one record: of two ways it takes to name one (a meeting, or a meeting
    series, for a calendar file), only one may be given, and one must be where the job says what
    is `missing`; else a ValidationError in one sentence."""
    given = [name for name in RECORD_NAMES if name in job.options and options.get(name) is not None]
    if len(given) > 1:
        named = " or ".join(flag_of(name) for name in given)
        raise ValidationError({given[-1]: f"Give {named}, not both"})
    if job.missing and not given and options.get(job.needs) in (None, ""):  # said before any file is opened
        raise ValidationError({job.needs: job.missing})


def find_records(db: Any, job: Job, options: Mapping[str, Any]) -> dict[str, Any]:
    """Options naming a record by number or by the job's finder ("Executive Group 21/03/2024",
    a case's reference) turned into ids."""
    check_one_record(job, options)
    found = dict(options)
    for name, value in options.items():
        if not isinstance(value, str) or name not in (*job.find, *RECORD_NAMES):
            continue
        text = value.strip()
        if text.isascii() and text.isdigit():
            found[name] = int(text)
        elif name in job.find:
            found[name] = job.find[name](db, text).id
        else:
            raise ValueError(f"{flag_of(name)} takes the record's number for the {job.name} report, not '{text}'.")
    return found


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
            with marking(is_sensitive(job_box[0])), gc_paused():  # rows and cells make no reference cycles
                book = build(db, progress=progress, **options)
                if not book.reads_while_writing:  # else it says how far it is as it goes
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
           needs: str | None = None, sensitive: bool | None = None,
           find: Mapping[str, Callable[[Any, str], Any]] | None = None, required: tuple[str, ...] = (),
           missing: str = ""):
    """Register a named report (`report NAME`); the decorated function writes its file."""

    def register(fn):
        area = _area_of(fn.__module__)
        job_box: list[Job] = []

        @functools.wraps(fn)
        def run(db, path: Path, progress: Progress = no_progress, **opts) -> Path:
            with marking(is_sensitive(job_box[0])):
                return fn(db, path, progress=progress, **opts)

        job = Job(name, title, run, tuple(options), area, sensitive, outputs, needs, find=dict(find or {}),
                  required=required, missing=missing)
        job_box.append(job)
        REPORTS[name] = job
        return fn

    return register


def find(kind: str, name: str) -> Job:
    """A registered workbook ("xlsx") or report by name."""
    load_all()
    registered = XLSX_AREAS if kind == "xlsx" else REPORTS
    if name not in registered:
        raise ValueError(f"There is no {'workbook' if kind == 'xlsx' else 'report'} called '{name}'; "
                         f"choose one of: {', '.join(sorted(registered))}")
    return registered[name]


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


#: What a file name offered from record text leaves out: what Windows forbids in a name, control
#: characters (C0, DEL, C1) and the marks that turn text right to left ("Minutes \u202efdp.exe").
_NOT_IN_FILE_NAMES_RE = re.compile('[\\\\/:*?"<>|\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]+')
FILE_NAME_CHARS, FILE_NAME_BYTES = 120, 200  # room left for the folder, a suffix and " (2)"


#: A financial year as the program writes it ("2026/27", `domain.dates.financial_year_label`),
#: not part of a longer number or of a date written with slashes.
_FINANCIAL_YEAR_RE = re.compile(r"(?<![\d/])(\d{4})/(\d{2})(?![\d/])")
_EXTENSION_RE = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,4}$")  # ".pdf", ".xlsx"; not the ".24" of "2023.24"


def _cut(stem: str) -> str:
    """`stem` cut to at most 120 characters and 200 bytes, never between a letter and the
    accents or joiners that go with it."""
    kept = stem[:FILE_NAME_CHARS]
    size = len(kept.encode("utf-8"))
    while size > FILE_NAME_BYTES:
        size -= len(kept[-1].encode("utf-8"))
        kept = kept[:-1]
    while len(kept) < len(stem) and kept and _joins_previous(stem[len(kept)]):
        kept = kept[:-1]  # the letter goes with its marks
    return kept


def _joins_previous(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Mc", "Me") or char in ("\u200d", "\ufe0f")


def safe_file_name(text: str) -> str:
    """A file name the window offers from record text (a meeting's group and date, a course's
    title): without what Windows forbids or control characters, spaces folded, the name before
    its extension (".pdf") at most 120 characters and 200 bytes, so the extension is always
    kept, no leading dot (hidden) or trailing dot or space (dropped by Windows), and never a
    name Windows keeps for a device ("CON", "NUL.pdf"). A financial year is written "2026-27",
    whatever output names the file ("Finance 2026-27.pdf", "Training summary 2026-27.pdf")."""
    name = " ".join(_NOT_IN_FILE_NAMES_RE.sub(" ", _FINANCIAL_YEAR_RE.sub(r"\1-\2", text)).split())
    found = _EXTENSION_RE.search(name)
    extension = found.group() if found else ""
    stem = _cut(name[: len(name) - len(extension)].strip(" .")).strip(" .")
    first, dot, rest = stem.partition(".")
    if first.strip().upper() in WINDOWS_DEVICES:
        stem = f"{first.strip()} file{dot}{rest}"
    return (stem or "output") + extension


def target_exists(out: Path) -> bool:
    """Whether writing to `out` would replace an existing file (the window asks first)."""
    return given_path(out).exists()


def export_workbook(db: Any, area: str, out: Path, progress: Progress = no_progress) -> Path:
    out = check_output(out, getattr(db, "path", None))
    job = find("xlsx", area)
    check_format(job, out)
    return job.run(db, Path(out), progress=progress)


def write_report(db: Any, name: str, out: Path, progress: Progress = no_progress, **options) -> Path:
    out = check_output(out, getattr(db, "path", None))
    job = find("report", name)
    options = find_records(db, job, options_for_file(job, Path(out), options))
    return job.run(db, Path(out), progress=progress, **options)
