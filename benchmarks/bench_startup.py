"""Start-up, whole process, against a bare PySide6 window in the same run.

Each start is a new Python process (as a double-click is), timed from launch by this process:
- bare: PySide6 alone, a main window with six tabs each holding a table, shown;
- program: the BSCP Desktop window on the demo database, as `run_gui` opens it: "frame" when
  the window's frame with its six tabs is painted (before any database work), "filled" when
  the file has been checked, backed up if need be and upgraded (in a worker thread), and every
  page on screen has loaded what it shows.
The program's child also says which heavy libraries the start loaded (Alembic is needed only
to upgrade a file; openpyxl, reportlab and the importers only for a first import or output).

Reports the median of RUNS starts of each (this machine is shared: medians and ratios, not
single times) and the ratios against the goals (frame within 1.5x the bare window, first tab
filled within 3x). The demo database is built once under build/.

Run: `python -m benchmarks startup` (`BENCH_STARTUP_RUNS=3` for a quicker look).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "build" / "bench-startup-demo.sqlite3"
SETTINGS = ROOT / "build" / "bench-startup-settings"  # a settings folder of its own, left empty
RUNS = int(os.environ.get("BENCH_STARTUP_RUNS", "7"))
FRAME_GOAL, FILLED_GOAL = 1.5, 3.0
HEAVY = ("alembic", "openpyxl", "reportlab", "holidays", "bscp_desktop.importers")

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QTableWidget
app = QApplication([])
window = QMainWindow()
tabs = QTabWidget(window)
for title in ("Meetings", "Memberships", "Case reviews", "Audits", "Training", "Finance"):
    tabs.addTab(QTableWidget(20, 6), title)
window.setCentralWidget(tabs)
window.resize(1280, 800)
window.show()
app.processEvents()
print("frame", flush=True)
print("filled", flush=True)
"""

PROGRAM = """
import sys, time
from pathlib import Path
from bscp_desktop.app import make_application, open_in_frame, show_frame
app = make_application()
window = show_frame(Path(sys.argv[1]))
window.resize(1280, 800)
app.processEvents()
print("frame", flush=True)
db = open_in_frame(window, Path(sys.argv[1]), create=False)
from bscp_desktop.ui.common.notices import ReloadsWhenShown
deadline = time.monotonic() + 30
while time.monotonic() < deadline:  # every page on screen has loaded what it shows
    app.processEvents()
    pages = [p for p in window.findChildren(ReloadsWhenShown) if p.isVisible()]
    if pages and not any(getattr(p, "_stale", False) or (callable(getattr(p, "loading", None)) and p.loading())
                         for p in pages):
        break
    time.sleep(0.002)
print("filled", flush=True)
print("loaded " + ",".join(m for m in HEAVY if m in sys.modules), flush=True)
db.close()
""".replace("HEAVY", repr(HEAVY))


def start(code: str, *args: str) -> tuple[float, float, str]:
    """(seconds to the frame, seconds to the first tab filled, what the child said last)."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               XDG_CONFIG_HOME=str(SETTINGS))  # the first start's tab, whatever this user last chose
    began = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    marks: dict[str, float] = {}
    last = ""
    assert child.stdout is not None
    for line in child.stdout:
        word = line.split()[0] if line.split() else ""
        marks.setdefault(word, time.perf_counter() - began)
        last = line.strip()
    if child.wait() != 0 or "frame" not in marks or "filled" not in marks:
        raise RuntimeError(f"The start failed (exit {child.returncode})")
    return marks["frame"], marks["filled"], last


def ensure_demo() -> Path:
    if not DEMO.exists():
        from bscp_desktop.demo import build_demo

        DEMO.parent.mkdir(parents=True, exist_ok=True)
        build_demo(DEMO)
    return DEMO


def main() -> list:
    from benchmarks.results import Figure

    demo = ensure_demo()
    bare, program, loaded = [], [], ""
    for _ in range(RUNS):  # interleaved, so both see the same load on the machine
        bare.append(start(BARE)[:2])
        frame, filled, loaded = start(PROGRAM, str(demo))
        program.append((frame, filled))
    bare_frame = statistics.median(b[0] for b in bare)
    bare_filled = statistics.median(b[1] for b in bare)
    frame = statistics.median(p[0] for p in program)
    filled = statistics.median(p[1] for p in program)
    print(f"median of {RUNS} starts, whole process, demo database")
    print(f"  bare PySide6 six-tab window shown : {bare_frame * 1000:7.0f} ms")
    print(f"  program window frame shown        : {frame * 1000:7.0f} ms  "
          f"{frame / bare_frame:4.1f}x the bare window (goal {FRAME_GOAL}x)")
    print(f"  program first tab filled          : {filled * 1000:7.0f} ms  "
          f"{filled / bare_filled:4.1f}x the bare window (goal {FILLED_GOAL}x)")
    print(f"  heavy libraries loaded at start   : {loaded.removeprefix('loaded').strip() or 'none'}")
    return [Figure("window frame shown, whole process (demo database)", frame * 1000, "ms", FRAME_GOAL,
                   bare_frame * 1000, RUNS),
            Figure("first tab filled, whole process (demo database)", filled * 1000, "ms", FILLED_GOAL,
                   bare_filled * 1000, RUNS)]


if __name__ == "__main__":
    main()
