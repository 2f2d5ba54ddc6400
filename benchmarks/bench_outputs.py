"""Each area's workbook on the ten-year data set against openpyxl's write-only mode writing the
same cells.

For each workbook (meetings, memberships, case reviews, audits, training, finance, and the
workbook of everything) the rows are gathered once through the job's own builder; then, runs
interleaved so both feel the same load on the machine:
- bare: openpyxl `Workbook(write_only=True)`, one `append` per row of those same values, saved;
- program: the job as the window's child process and `export xlsx --area` run it
  (`jobs.export_workbook`: read the database, build the sheets, write them safely, save).
Reports the medians and their ratio against the goal (1.5x), and the peak memory of a process
writing the workbook of everything (goal: under 400 MB, as the window's). Times are the process's CPU time
(both sides run in this one thread), so that other work on a shared machine does not tilt one
side's runs more than the other's. For a workbook over its goal, one
more run of the program's job under cProfile says where the time goes.

Run: `python -m benchmarks outputs` (`--quick` on a slice of the data set; `--runs N`;
`--only meetings,finance`).
"""

from __future__ import annotations

import cProfile
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import results

WORKBOOKS = ("meetings", "memberships", "case-reviews", "audits", "training", "finance", "all")
GOAL = 1.5
RUNS = int(os.environ.get("BENCH_OUTPUT_RUNS", "5"))
BIG_RUNS = int(os.environ.get("BENCH_OUTPUT_BIG_RUNS", "3"))  # workbooks whose bare write takes over BIG_S
BIG_S = 3.0


def gathered_cells(builder: Any) -> list[tuple[str, list[list[Any]]]]:
    """The cells the program writes, sheet by sheet, as plain values (formulas as their text)."""
    return [(name, [[getattr(v, "text", v) for v in row] for row in rows]) for name, rows in builder.sheet_values()]


def bare_write(sheets: list[tuple[str, list[list[Any]]]], out: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for name, rows in sheets:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(out)


def phases(job, db, out: Path) -> str:
    """CPU time reading the database and building the sheets, then writing the file."""
    started = time.process_time()
    book = job.build(db)
    built = time.process_time()
    book.save(out)
    return f"reading and building the sheets {built - started:.2f} s, writing {time.process_time() - built:.2f} s"


def where_time_goes(job, db, out: Path, top: int = 8) -> str:
    """The functions that took most of one run's own time (cProfile), as one sentence."""
    profile = cProfile.Profile()
    profile.enable()
    job.run(db, out)
    profile.disable()
    stats = pstats.Stats(profile)
    total = sum(row[2] for row in stats.stats.values()) or 1.0  # type: ignore[attr-defined]
    rows = sorted(stats.stats.items(), key=lambda item: -item[1][2])[:top]  # type: ignore[attr-defined]
    parts = []
    for (filename, line, function), (_cc, _nc, tottime, _ct, _callers) in rows:
        where = Path(filename).name if filename != "~" else "builtin"
        parts.append(f"{function} ({where}:{line}) {tottime / total:.0%}")
    return "own time under cProfile: " + "; ".join(parts)


MEMORY_GOAL_MB = 400.0  # as the window's (issue: peak memory under 400 MB)
_PEAK = """
import sys
from pathlib import Path
from bscp_desktop import jobs
from bscp_desktop.db.database import Database
with Database.open_reader(Path(sys.argv[1])) as db:
    jobs.export_workbook(db, sys.argv[2], Path(sys.argv[3]))
try:
    print(next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")) / 1024)
except OSError:  # no /proc: getrusage, in KB on Linux
    import resource
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def peak_memory(source: Path, name: str, folder: Path) -> results.Figure:
    """The peak resident memory of a new process writing one workbook: the kernel's `VmHWM` of
    the process (not `getrusage`'s `ru_maxrss`, which on Linux keeps, across the fork and exec
    that start it, the high-water mark of this benchmark's process, holding every cell)."""
    import subprocess

    env = {**os.environ, "BSCP_DATA_DIR": str(folder / "data")}
    done = subprocess.run([sys.executable, "-c", _PEAK, str(source), name, str(folder / f"peak-{name}.xlsx")],
                          capture_output=True, text=True, env=env, check=True)
    return results.Figure(f"peak memory of a process writing the workbook ({name})", float(done.stdout.split()[-1]),
                          "MB", MEMORY_GOAL_MB)


def main(argv: list[str] | None = None) -> list[results.Figure]:
    argv = sys.argv[1:] if argv is None else argv
    from bscp_desktop import jobs
    from bscp_desktop.db.database import Database

    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else RUNS
    wanted = argv[argv.index("--only") + 1].split(",") if "--only" in argv else list(WORKBOOKS)
    source = results.tenyear_file()
    folder = Path(tempfile.mkdtemp(prefix="bscp-bench-outputs-"))
    os.environ.setdefault("BSCP_DATA_DIR", str(folder / "data"))
    figures: list[results.Figure] = []
    print(f"ten-year data set: {source.name} ({source.stat().st_size / 1e6:.0f} MB)"
          + (" (quick: a slice)" if results.quick() else ""))
    print(f"{'workbook':<14} {'cells':>11} {'bare':>9} {'program':>9} {'ratio':>6}")
    try:
        with Database.open_reader(source) as db:
            jobs.load_all()
            for name in wanted:
                job = jobs.XLSX_AREAS[name]
                sheets = gathered_cells(job.build(db))
                cells = sum(len(row) for _, rows in sheets for row in rows)
                bare_out, program_out = folder / f"bare-{name}.xlsx", folder / f"program-{name}.xlsx"
                bare_times, program_times = [], []
                n = runs
                while len(bare_times) < n:  # interleaved
                    started = time.process_time()
                    bare_write(sheets, bare_out)
                    bare_times.append(time.process_time() - started)
                    started = time.process_time()
                    jobs.export_workbook(db, name, program_out)
                    program_times.append(time.process_time() - started)
                    if "--runs" not in argv and bare_times[0] > BIG_S:
                        n = min(n, BIG_RUNS)
                del sheets
                figure = results.Figure(
                    f"{job.title} ({name}), {cells:,} cells", statistics.median(program_times), "CPU s", GOAL,
                    statistics.median(bare_times), n,
                )
                print(f"{name:<14} {cells:>11,} {figure.against:>8.2f}s {figure.median:>8.2f}s {figure.ratio:>5.2f}x"
                      f"  {'ok' if figure.met else 'over ' + str(GOAL) + 'x'}", flush=True)
                if not figure.met:
                    figure.note = phases(job, db, program_out)
                    if figure.against < BIG_S:  # profiling a big one would take minutes
                        figure.note += f"; {where_time_goes(job, db, program_out)}"
                    print(f"  {figure.note}", flush=True)
                figures.append(figure)
            if "all" in wanted:  # the workbook of everything is written one area at a time
                figure = peak_memory(source, "all", folder)
                print(f"all: {figure.line()}", flush=True)
                figures.append(figure)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return figures


if __name__ == "__main__":
    for figure in main():
        print(figure.line())
