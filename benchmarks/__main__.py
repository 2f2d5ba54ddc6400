"""Run the benchmarks and write benchmarks/RESULTS.md.

`python -m benchmarks` (what `make bench` runs) runs every module named `bench_*` in this folder,
calling its `main()`: what it prints goes into RESULTS.md under its name, and the `Figure`s it
returns (see `benchmarks/results.py`) go into the table of figures against their goals. A new
benchmark needs nothing more than its file.

    python -m benchmarks                     every benchmark, then RESULTS.md
    python -m benchmarks outputs memory      only bench_outputs and bench_memory (add --results
                                             to write RESULTS.md from them alone)
    python -m benchmarks --quick             ten-year figures on a small slice of the data set
    python -m benchmarks --no-results        do not write RESULTS.md
    python -m benchmarks meetings --tenyear  options after the names are passed to the benchmarks

The ten-year figures need the ten-year data set under build/ (`python -m benchmarks.tenyear`);
a fresh clone builds it first, which takes about 11 minutes on a 2-core machine (`--quick`
builds and uses a slice of it in well under a minute).
"""

from __future__ import annotations

import importlib
import io
import os
import pkgutil
import sys
import time
import traceback
from pathlib import Path

from benchmarks import results

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
OWN_FLAGS = ("--no-results", "--results")  # --quick is passed on too


def available() -> list[str]:
    folder = Path(__file__).resolve().parent
    return sorted(m.name for m in pkgutil.iter_modules([str(folder)]) if m.name.startswith("bench_"))


class _Tee(io.TextIOBase):
    """Writes to the console and keeps a copy for RESULTS.md."""

    def __init__(self, console):
        self.console = console
        self.kept = io.StringIO()

    def write(self, text: str) -> int:
        self.console.write(text)
        self.kept.write(text)
        return len(text)

    def flush(self) -> None:
        self.console.flush()


def run_one(name: str, passed: list[str]) -> results.Section:
    """Run one benchmark module's main() with `passed` as its command-line options."""
    tee = _Tee(sys.stdout)
    saved_argv, saved_stdout = sys.argv, sys.stdout
    sys.argv, sys.stdout = [f"benchmarks.{name}", *passed], tee
    started = time.perf_counter()
    figures: list[results.Figure] = []
    error = ""
    try:
        returned = importlib.import_module(f"benchmarks.{name}").main()
        if isinstance(returned, list):
            figures = [f for f in returned if isinstance(f, results.Figure)]
    except Exception as exc:  # one failed benchmark does not lose the others' figures
        traceback.print_exc(file=tee)
        error = f"{exc.__class__.__name__}: {exc}".strip()
    finally:
        sys.argv, sys.stdout = saved_argv, saved_stdout
    for f in figures:
        f.area = f.area or name.removeprefix("bench_")
    return results.Section(name, time.perf_counter() - started, tee.kept.getvalue(), figures, error)


def main(argv: list[str]) -> int:
    if {"-h", "--help"} & set(argv):  # how to use it, and nothing run or written
        print(__doc__)
        return 0
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    names = available()
    wanted = [a for a in argv if not a.startswith("-")]
    options = [a for a in argv if a.startswith("-")]
    if wanted:
        # the names come first; anything after the first option is passed on (`meetings --tenyear`)
        first_option = next((i for i, a in enumerate(argv) if a.startswith("-")), len(argv))
        wanted = [a if a.startswith("bench_") else f"bench_{a.replace('-', '_')}" for a in argv[:first_option]]
        options = argv[first_option:]
        unknown = [w for w in wanted if w not in names]
        if unknown:
            print(f"No benchmark called {', '.join(unknown)}; choose from {', '.join(names)}", file=sys.stderr)
            return 2
        names = wanted
    quick_run = "--quick" in options
    if quick_run:
        os.environ[results.QUICK_ENV] = "1"
    passed = [a for a in options if a not in OWN_FLAGS]
    started_at = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    load_before = results.load_average()
    write = "--no-results" not in options and (len(names) == len(available()) or "--results" in options)
    sections: list[results.Section] = []

    def write_results() -> None:
        """RESULTS.md as far as the run has gone (written after each benchmark, so a run
        stopped part way still leaves what it measured, saying what it did not run)."""
        text = results.render(
            sections, results.machine(), started=started_at,
            command="python -m benchmarks " + " ".join(argv) if argv else "make bench",
            quick_run=quick_run, shared_note=results.shared_machine_note(load_before, results.load_average()),
            not_run=[n for n in available() if n not in {s.name for s in sections}],
        )
        RESULTS.write_text(text, encoding="utf-8")

    for name in names:
        print(f"== {name}", flush=True)
        section = run_one(name, passed)
        sections.append(section)
        print(f"== {name} finished in {section.seconds:.1f} s{' (failed)' if section.error else ''}", flush=True)
        if write:
            write_results()
    figures = [f for s in sections for f in s.figures]
    if figures:
        print("\n== figures against their goals")
        for f in figures:
            print(f"  {f.area}: {f.line()}")
    if write:
        print(f"\nwritten {RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS}")
    return 1 if any(s.error for s in sections) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
