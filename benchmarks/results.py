"""What a benchmark reports, and `benchmarks/RESULTS.md`.

The convention: a module `benchmarks/bench_<name>.py` has a `main()`; whatever it prints goes
into RESULTS.md under its name, and if `main()` returns a list of `Figure`s they go into the
summary table at the top (median, ratio against the bare library, goal, met or not, and for an
unmet one where the time goes). Nothing else needs registering: `python -m benchmarks` finds
every `bench_*` module.

`quick()` says whether the run was asked for with `--quick` (ten-year figures measured on a
small slice of the ten-year data set, so a fresh clone gets a first look in minutes instead
of building the whole file first).
"""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

QUICK_ENV = "BSCP_BENCH_QUICK"
QUICK_SCALE = 0.01  # the slice of the ten-year data set a quick run uses (as bench_stalls does)


def quick() -> bool:
    return os.environ.get(QUICK_ENV, "") not in ("", "0")


@dataclass
class Figure:
    """One measured figure. With `against` (the bare library's median for the same work) the
    goal is a ratio: met when median / against <= goal; without it the goal is a limit in the
    figure's own unit. `note` says where the time (or memory) goes when it matters."""

    what: str
    median: float
    unit: str  # "ms", "s", "MB"
    goal: float | None = None
    against: float | None = None
    runs: int = 1
    note: str = ""
    area: str = ""  # the benchmark module that measured it (filled in by the runner)

    @property
    def ratio(self) -> float | None:
        return self.median / self.against if self.against else None

    @property
    def met(self) -> bool | None:
        if self.goal is None:
            return None
        value = self.ratio if self.against is not None else self.median
        return value is not None and value <= self.goal

    def goal_text(self) -> str:
        if self.goal is None:
            return ""
        return f"≤ {self.goal:g}x" if self.against is not None else f"≤ {self.goal:g} {self.unit}"

    def line(self) -> str:
        """One line for the console."""
        parts = [f"{self.what}: {_number(self.median)} {self.unit} (median of {self.runs})"]
        if self.against is not None:
            parts.append(f"bare {_number(self.against)} {self.unit}, {self.ratio:.2f}x")
        if self.goal is not None:
            parts.append(f"goal {self.goal_text()}: {'met' if self.met else 'NOT met'}")
        return ", ".join(parts)


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.2f}"


def median_of(runs: int, fn: Callable[[], object]) -> tuple[float, list[float]]:
    """(median seconds, every run's seconds) of `runs` calls of `fn`."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


def interleaved_cpu_medians(runs: int, cases: dict[str, Callable[[], object]]) -> dict[str, float]:
    """{case: median CPU seconds} of `runs` rounds calling each case once in turn, so that a
    ratio of two cases is measured under the same load."""
    times: dict[str, list[float]] = {kind: [] for kind in cases}
    for _ in range(runs):
        for kind, fn in cases.items():
            started = time.process_time()
            fn()
            times[kind].append(time.process_time() - started)
    return {kind: statistics.median(t) for kind, t in times.items()}


# ---------------------------------------------------------------- the machine


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_average() -> str:
    try:
        return ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except (AttributeError, OSError):
        return "unknown"


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    facts = {
        "CPU": _cpu_model(),
        "Cores": str(os.cpu_count() or "unknown"),
        "OS": platform.platform(),
        "Python": platform.python_version(),
    }
    try:
        import PySide6
        from PySide6 import QtCore

        facts["Qt"] = f"PySide6 {PySide6.__version__}, Qt {QtCore.qVersion()}"
    except ImportError:
        facts["Qt"] = "not installed"
    for name in ("sqlalchemy", "openpyxl", "reportlab"):
        try:
            module = __import__(name)
            facts[name] = getattr(module, "__version__", getattr(module, "Version", "?"))
        except ImportError:
            pass
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        facts["Memory"] = f"{pages / 2**30:.0f} GB"
    except (AttributeError, ValueError, OSError):
        pass
    return facts


def shared_machine_note(load_before: str, load_after: str) -> str:
    """A sentence saying the machine was busy with other work, when the load says so."""
    try:
        busiest = max(float(x) for x in (load_before + ", " + load_after).split(", "))
    except ValueError:
        return ""
    cores = os.cpu_count() or 1
    if busiest > cores * 0.75:
        return (f"The machine was shared with other work during this run (load average up to {busiest:.1f} "
                f"on {cores} cores): times are medians and ratios against the bare library measured in the "
                "same run, which both felt the same load.")
    return ""


# ---------------------------------------------------------------- RESULTS.md


@dataclass
class Section:
    """One benchmark module's part of a run."""

    name: str
    seconds: float
    output: str
    figures: list[Figure]
    error: str = ""


def render(sections: Sequence[Section], facts: dict[str, str], *, started: str, command: str,
           quick_run: bool, shared_note: str, not_run: Sequence[str] = ()) -> str:
    lines = ["# Benchmark results", ""]
    lines.append(f"Measured on {started} UTC by `{command}`"
                 + (" (quick: the ten-year figures are on a "
                    f"{QUICK_SCALE:g} slice of the ten-year data set, not the whole file)." if quick_run else "."))
    lines.append("Each time is the median of several runs; a ratio compares the program with the bare "
                 "library doing the same work in the same run.")
    if shared_note:
        lines += ["", shared_note]
    if not_run:
        lines += ["", "Not run this time (see each one's own figures by running it, "
                  "`python -m benchmarks NAME`): " + ", ".join(f"`{n}`" for n in not_run) + "."]
    lines += ["", "## Machine", "", "| | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in facts.items()]
    figures = [f for s in sections for f in s.figures]
    lines += ["", "## Figures against their goals", ""]
    if figures:
        lines += ["| Benchmark | Figure | Median | Bare library | Ratio | Goal | Met |", "|---|---|---:|---:|---:|---|---|"]
        for f in figures:
            bare = f"{_number(f.against)} {f.unit}" if f.against is not None else ""
            ratio = f"{f.ratio:.2f}x" if f.ratio is not None else ""
            met = "" if f.met is None else ("yes" if f.met else "**no**")
            lines.append(f"| {f.area} | {f.what} | {_number(f.median)} {f.unit} | {bare} | {ratio} | "
                         f"{f.goal_text()} | {met} |")
    else:
        lines.append("No benchmark returned figures in this run.")
    unmet = [f for f in figures if f.met is False or (f.note and f.met is None)]
    if unmet:
        lines += ["", "## Where the time goes (figures not met)", ""]
        for f in unmet:
            lines.append(f"- **{f.area}: {f.what}** ({_number(f.median)} {f.unit}"
                         + (f", {f.ratio:.2f}x" if f.ratio is not None else "") + ")"
                         + (f": {f.note}" if f.note else ": not analysed."))
    failed = [s for s in sections if s.error]
    if failed:
        lines += ["", "## Benchmarks that failed", ""]
        lines += [f"- `{s.name}`: {s.error}" for s in failed]
    lines += ["", "## Each benchmark's output", ""]
    for s in sections:
        lines += [f"### {s.name} ({s.seconds:.0f} s)", "", "```", s.output.rstrip() or "(no output)", "```", ""]
    return "\n".join(lines).rstrip() + "\n"


def tenyear_file() -> Path:
    """The ten-year database a benchmark measures (read it, or copy it to write): the whole
    data set, or a slice of it in a quick run. When it is not built for the current schema, a
    copy of one built earlier (under build/) is upgraded to it, which takes seconds; with none
    it is built first (and said so)."""
    from benchmarks import tenyear

    scale = QUICK_SCALE if quick() else 1.0
    path = tenyear.cached_path(scale)
    if path.exists():
        return path
    size = path.name.rsplit("-", 1)[0]
    earlier = sorted(path.parent.glob(f"{size}-*.sqlite3"), key=lambda p: p.stat().st_mtime)
    if earlier:
        print(f"The ten-year data set was built for an earlier schema: upgrading a copy of {earlier[-1].name}.",
              flush=True)
        return _upgraded_copy(earlier[-1], path)
    print(f"The ten-year data set is not built yet: building {path.name} first "
          + ("(a slice of it, for --quick)." if scale != 1 else
             "(about 11 minutes on a 2-core machine; `python -m benchmarks --quick` uses a small slice)."),
          flush=True)
    return tenyear.cached(scale)


def _upgraded_copy(source: Path, path: Path) -> Path:
    import shutil

    from bscp_desktop.db.database import Database

    partial = path.with_name(path.stem + ".partial.sqlite3")
    shutil.copy(source, partial)
    Database.open(partial, create=False, backup_folder=None).close()  # upgraded to the current schema
    for side in partial.parent.glob(partial.name + "?*"):  # its lock file
        side.unlink()
    facts = source.with_name(source.name + ".json")
    if facts.exists():
        shutil.copy(facts, path.with_name(path.name + ".json"))
    partial.rename(path)
    return path
