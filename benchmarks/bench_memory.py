"""Peak memory of the window on the ten-year data set with every tab and sub-page opened.

A new process (as a double-click is) opens the main window on a copy of the ten-year file,
shows every tab and every sub-page inside it in turn (waiting on each until it has loaded what
it shows, background reads included), then opens the latest meeting and each of its pages. It
reports its resident memory after each page and its high-water mark (the kernel's `VmHWM`,
the same figure as `getrusage`'s `ru_maxrss`) at the end. Goal: under 400 MB.

When the peak is over the goal the run is repeated under `tracemalloc`, and the lines of code
holding the most Python memory at the end are listed (where the memory goes).

Run: `python -m benchmarks memory` (`--quick` on a slice of the data set; `--trace` to list
what holds the memory whatever the peak).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import results

GOAL_MB = 400.0
ROOT = Path(__file__).resolve().parents[1]


def _status_mb(field: str) -> float:
    """A figure of this process from /proc/self/status (VmRSS now, VmHWM the peak), in MB."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KB


def child(path: Path, trace: bool) -> None:
    """Runs in the new process: open the window, go through every page, report memory."""
    if trace:
        import tracemalloc

        tracemalloc.start(1)
    from benchmarks.window_pages import every_page, wait_until_settled
    from bscp_desktop.app import make_application, open_database
    from bscp_desktop.ui.main_window import MainWindow

    def say(**facts) -> None:
        print(json.dumps(facts), flush=True)

    app = make_application()  # kept for as long as the window lives
    db = open_database(path, create=False)
    window = MainWindow(db, open_database)
    window.resize(1280, 800)
    window.show()
    say(step="window shown", rss=_status_mb("VmRSS"))
    for where in every_page(window):
        say(step=where, rss=_status_mb("VmRSS"))
    meetings_tab = window.tabs.widget(0)
    if hasattr(meetings_tab, "open_meeting"):
        from bscp_desktop.services import meetings as mt

        window.tabs.setCurrentIndex(0)
        latest = max(mt.list_meetings(db), key=lambda m: (m.starts_at, m.id), default=None)
        if latest is not None:
            workspace = meetings_tab.open_meeting(latest.id)
            wait_until_settled(window)
            for index in range(workspace.pages.count()):
                workspace.pages.setCurrentIndex(index)
                wait_until_settled(window)
                say(step=f"Meetings > {latest.title} > {workspace.pages.tabText(index)}", rss=_status_mb("VmRSS"))
    say(step="end", rss=_status_mb("VmRSS"), peak=_status_mb("VmHWM"))
    if trace:
        import tracemalloc

        snapshot = tracemalloc.take_snapshot()
        _current, peak = tracemalloc.get_traced_memory()
        top = snapshot.statistics("lineno")[:15]
        say(traced_peak=peak / 2**20, held=[
            f"{s.size / 2**20:.1f} MB in {s.count:,} blocks at "
            f"{Path(s.traceback[0].filename).relative_to(ROOT) if s.traceback[0].filename.startswith(str(ROOT)) else Path(s.traceback[0].filename).name}"
            f":{s.traceback[0].lineno}"
            for s in top
        ])
    window.close()
    app.processEvents()
    db.close()


def run_child(source: Path, trace: bool) -> list[dict]:
    folder = Path(tempfile.mkdtemp(prefix="bscp-bench-memory-"))
    try:
        copy = folder / "tenyear.sqlite3"
        shutil.copy(source, copy)
        env = dict(os.environ, BSCP_DATA_DIR=str(folder / "data"),
                   QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        args = [sys.executable, "-m", "benchmarks.bench_memory", "--child", str(copy)] + (["--trace"] if trace else [])
        done = subprocess.run(args, cwd=ROOT, env=env, text=True, capture_output=True, timeout=1800)
        if done.returncode != 0:
            raise RuntimeError(f"the window's process failed (exit {done.returncode}): {done.stderr.strip()[-800:]}")
        return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> list[results.Figure]:
    argv = sys.argv[1:] if argv is None else argv
    source = results.tenyear_file()
    print(f"ten-year data set: {source.name} ({source.stat().st_size / 1e6:.0f} MB)"
          + (" (quick: a slice)" if results.quick() else ""))
    steps = run_child(source, trace=False)
    for step in steps:
        print(f"  {step['step']:<70} {step['rss']:7.0f} MB resident")
    peak = steps[-1]["peak"]
    figure = results.Figure("peak memory of the window, every tab and sub-page opened (ten-year file)",
                            peak, "MB", GOAL_MB)
    print(f"  peak (high-water mark) {peak:.0f} MB, goal under {GOAL_MB:.0f} MB: {'met' if figure.met else 'NOT met'}")
    if not figure.met or "--trace" in argv:
        traced = run_child(source, trace=True)[-1]
        print(f"  under tracemalloc: Python objects peaked at {traced['traced_peak']:.0f} MB; held at the end:")
        for line in traced["held"]:
            print(f"    {line}")
        figure.note = (f"Python objects peaked at {traced['traced_peak']:.0f} MB under tracemalloc; largest holders at the end: "
                       + "; ".join(traced["held"][:5]))
    return [figure]


if __name__ == "__main__":
    if "--child" in sys.argv:
        child(Path(sys.argv[sys.argv.index("--child") + 1]), "--trace" in sys.argv)
    else:
        print(main()[0].line())
