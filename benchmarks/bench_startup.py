"""Start-up, whole process, against a bare PySide6 window in the same run.

Each start is a new Python process (as a double-click is), timed from launch by this process:
- bare: PySide6 alone, a main window with six tabs each holding a table of 20 rows, shown;
- bare with the ORM: the same window, then SQLAlchemy's ORM and its SQLite dialect imported
  before the rows are painted: the least any window that reads its rows through SQLAlchemy's
  ORM can take (not a goal: it says how much of the program's time the library's import is);
- program: `main.py`, the program's own entry point as a double-click runs it (opening the
  file used last, the demo database), with
  BSCP_DESKTOP_STARTUP_MARKS=quit, so it says on standard output when its window's frame with
  six tabs is painted ("frame", before any database work) and when the first tab is filled
  ("filled": the file checked, backed up if need be and upgraded in a worker thread, every page
  on screen has read what it shows, its rows are painted, and the program says how many rows
  are on screen, which must not be none), then closes.
Python may write the compiled modules (as an installed program has them), whatever the shell
says. Each child also says its processor time at each point (less sensitive to a loaded machine than
the time on the clock), and which heavy libraries the start loaded (Alembic is needed only to
upgrade a file; openpyxl, reportlab and the importers only for a first import or output).

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
SETTINGS = ROOT / "build" / "bench-startup-settings"  # a settings folder of its own
RUNS = int(os.environ.get("BENCH_STARTUP_RUNS", "7"))
FRAME_GOAL, FILLED_GOAL = 1.5, 3.0
HEAVY = ("alembic", "openpyxl", "reportlab", "holidays", "bscp_desktop.importers")

BARE = """
import time
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QTableWidget, QTableWidgetItem
app = QApplication([])
window = QMainWindow()
tabs = QTabWidget(window)
for title in ("Meetings", "Memberships", "Case reviews", "Audits", "Training", "Finance"):
    table = QTableWidget(20, 6)
    for row in range(20):
        for column in range(6):
            table.setItem(row, column, QTableWidgetItem(f"{title} {row}.{column}"))
    tabs.addTab(table, title)
window.setCentralWidget(tabs)
window.resize(1280, 800)
window.show()
app.processEvents()
print("frame", 0, time.process_time(), flush=True)
window.repaint()
print("filled", 0, time.process_time(), "rows=20", flush=True)
"""

# The floor of a window reading through SQLAlchemy's ORM: the bare window, then the library loaded.
BARE_ORM = BARE.replace("window.repaint()", "import sqlalchemy.orm, sqlalchemy.dialects.sqlite\nwindow.repaint()")

# The program's own entry point; it writes its marks, then the heavy libraries it loaded.
PROGRAM = """
import atexit, runpy, sys
atexit.register(lambda: print("loaded " + ",".join(m for m in HEAVY if m in sys.modules), flush=True))
sys.argv = ["main.py"]  # as a double-click: the file used last
runpy.run_path("main.py", run_name="__main__")
""".replace("HEAVY", repr(HEAVY))


class Start:
    """One start: seconds on the clock from launch, and the child's processor time, at the
    frame and at the first tab filled; rows on screen; heavy libraries loaded."""

    def __init__(self, code: str, *args: str):
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   XDG_CONFIG_HOME=str(SETTINGS), BSCP_DESKTOP_STARTUP_MARKS="quit",
                   BSCP_DATA_DIR=str(SETTINGS / "data"))
        # As installed, the program's modules are compiled once (a bundle ships them compiled):
        # a shell that forbids writing bytecode would have every start compile them again.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        began = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, env=env, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.clock: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.rows = 0
        self.loaded = ""
        assert child.stdout is not None
        for line in child.stdout:
            words = line.split()
            if not words:
                continue
            if words[0] in ("frame", "filled"):
                self.clock.setdefault(words[0], time.perf_counter() - began)
                self.cpu.setdefault(words[0], float(words[2]))
                if words[0] == "filled":
                    self.rows = int(words[3].removeprefix("rows=")) if len(words) > 3 else 0
            elif words[0] == "loaded":
                self.loaded = ",".join(words[1:])
        if child.wait() != 0 or "frame" not in self.clock or "filled" not in self.clock:
            raise RuntimeError(f"The start failed (exit {child.returncode})")
        if self.rows <= 0:
            raise RuntimeError("The first tab was reported filled with no rows on screen")


def _settings(database: Path) -> None:
    """A settings folder in which `database` was used last, the history already knows the
    officer's name (a first start would ask for it) and the tab shown first is the one a new
    user sees (Memberships)."""
    folder = SETTINGS / "BSCP Desktop"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "BSCP Desktop.conf").write_text(
        f"[General]\nlast_database={database.as_posix()}\n[user]\ndisplay_name=Bench Officer\n", encoding="utf-8")


def ensure_demo() -> Path:
    if not DEMO.exists():
        from bscp_desktop.demo import build_demo

        DEMO.parent.mkdir(parents=True, exist_ok=True)
        build_demo(DEMO)
    return DEMO


def main() -> list:
    from benchmarks.results import Figure

    demo = ensure_demo()
    _settings(demo)
    Start(PROGRAM)  # once first: the file upgraded to this version, its modules compiled
    bare: list[Start] = []
    orm: list[Start] = []
    program: list[Start] = []
    for _ in range(RUNS):  # interleaved, so all see the same load on the machine
        bare.append(Start(BARE))
        orm.append(Start(BARE_ORM))
        program.append(Start(PROGRAM))

    def median(starts: list[Start], table: str, moment: str) -> float:
        return statistics.median(getattr(s, table)[moment] for s in starts) * 1000

    b_frame, b_filled = median(bare, "clock", "frame"), median(bare, "clock", "filled")
    frame, filled = median(program, "clock", "frame"), median(program, "clock", "filled")
    b_cpu, cpu = median(bare, "cpu", "filled"), median(program, "cpu", "filled")
    cpu_frame = median(program, "cpu", "frame")
    floor, floor_cpu = median(orm, "clock", "filled"), median(orm, "cpu", "filled")
    loaded = program[-1].loaded
    print(f"median of {RUNS} starts, whole process, demo database ({program[-1].rows} rows on the first tab)")
    print(f"  bare PySide6 six-tab window shown : {b_frame:7.0f} ms  ({b_cpu:4.0f} ms processor)")
    print(f"  program window frame shown        : {frame:7.0f} ms  {frame / b_frame:4.1f}x the bare window "
          f"(goal {FRAME_GOAL}x)  ({cpu_frame:4.0f} ms processor)")
    print(f"  program first tab filled          : {filled:7.0f} ms  {filled / b_filled:4.1f}x the bare window "
          f"(goal {FILLED_GOAL}x)  ({cpu:4.0f} ms processor, {cpu / b_cpu:4.1f}x)")
    print(f"  bare window, then SQLAlchemy's ORM: {floor:7.0f} ms  {floor / b_filled:4.1f}x the bare window "
          f"(the floor of a window reading through the ORM)  ({floor_cpu:4.0f} ms processor, {floor_cpu / b_cpu:4.1f}x)")
    print(f"  heavy libraries loaded at start   : {loaded or 'none'}")
    return [Figure("window frame shown, whole process (demo database)", frame, "ms", FRAME_GOAL, b_frame, RUNS),
            Figure("first tab filled, whole process (demo database)", filled, "ms", FILLED_GOAL, b_filled, RUNS,
                   note=f"processor time {cpu:.0f} ms against {b_cpu:.0f} ms ({cpu / b_cpu:.1f}x); the bare "
                        f"window with SQLAlchemy's ORM imported before its rows are painted takes "
                        f"{floor:.0f} ms ({floor / b_filled:.1f}x), {floor_cpu:.0f} ms of processor time "
                        f"({floor_cpu / b_cpu:.1f}x)"),
            Figure("first tab filled, processor time (demo database)", cpu, "ms", FILLED_GOAL, b_cpu, RUNS,
                   note=f"the frame is shown at {cpu_frame:.0f} ms of processor time; the bare window with "
                        f"SQLAlchemy's ORM imported before its rows are painted takes {floor_cpu:.0f} ms "
                        f"({floor_cpu / b_cpu:.1f}x the bare window)")]


if __name__ == "__main__":
    main()
