"""Start-up loads only what the first screen needs: on a database already at head, showing the
window imports neither Alembic (only an upgrade needs it) nor openpyxl, reportlab or the
importers (loaded when the team first imports a file or writes an output).

Run in a new process: this test process has imported all of them already."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bscp_desktop.db.database import Database

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("alembic", "openpyxl", "reportlab", "bscp_desktop.importers")
START = f"""
import sys
from pathlib import Path
from bscp_desktop.app import make_application, open_database
from bscp_desktop.ui.main_window import MainWindow
app = make_application()
db = open_database(Path(sys.argv[1]), create=False)
window = MainWindow(db, open_database)
window.show()
for _ in range(20):
    app.processEvents()
print("shown", window.isVisible())
print("loaded", *[m for m in {HEAVY!r} if m in sys.modules])
window.close()
db.close()
"""


@pytest.mark.slow  # a new Python process shows the window
def test_showing_the_window_on_a_database_at_head_loads_no_library_it_does_not_need(tmp_path):
    path = tmp_path / "current.sqlite3"
    Database.open(path).close()  # created, so at head
    done = subprocess.run([sys.executable, "-c", START, str(path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["shown True", "loaded"], done.stdout


FRAME = """
import sys
from pathlib import Path
from bscp_desktop.app import make_application, show_frame
app = make_application()
window = show_frame(Path(sys.argv[1]))
print("shown", window.isVisible())
print("loaded", *[m for m in ("sqlalchemy", "bscp_desktop.db.database", "bscp_desktop.services") if m in sys.modules])
window.close()
"""


@pytest.mark.slow  # a new Python process paints the frame
def test_the_frame_is_painted_before_any_database_code_is_loaded(tmp_path):
    done = subprocess.run([sys.executable, "-c", FRAME, str(tmp_path / "bscp.sqlite3")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["shown True", "loaded"], done.stdout


ENTRY = f"""
import atexit, runpy, sys
import bscp_desktop.app as start
said = start.mark
def mark(moment, detail=""):
    if moment == "frame":  # the frame is painted before any database code is loaded
        print("database code", *[m for m in ("sqlalchemy", "bscp_desktop.db.database") if m in sys.modules])
    if moment == "filled":  # the Memberships tab needs the foundation's models only
        print("models", *sorted(m.rsplit(".", 1)[1] for m in sys.modules if m.startswith("bscp_desktop.db.models.")))
    said(moment, detail)
start.mark = mark
atexit.register(lambda: print("loaded", *[m for m in {HEAVY!r} if m in sys.modules], flush=True))
sys.argv = ["main.py", *sys.argv[1:]]
runpy.run_path("main.py", run_name="__main__")
"""


@pytest.mark.slow  # the program started twice in new processes
def test_the_program_started_as_a_double_click_does_on_a_database_at_head_loads_no_library_it_does_not_need(tmp_path):
    """The whole start, through the program's own entry point, until its first tab is filled
    (BSCP_DESKTOP_STARTUP_MARKS=quit closes the window then); until then only the models of
    the foundation are loaded, the other areas' once the first tab shows its records."""
    import os

    path = tmp_path / "current.sqlite3"
    Database.open(path).close()
    (tmp_path / "config" / "BSCP Desktop").mkdir(parents=True)
    (tmp_path / "config" / "BSCP Desktop" / "BSCP Desktop.conf").write_text(
        f"[General]\nlast_database={path.as_posix()}\n[user]\ndisplay_name=Test Officer\n[window]\ntab=1\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BSCP_DESKTOP_STARTUP_MARKS="quit",
               XDG_CONFIG_HOME=str(tmp_path / "config"), BSCP_DATA_DIR=str(tmp_path / "data"))
    for args in ([], ["--db", str(path)]):  # a double-click opens the file used last; or one named
        done = subprocess.run([sys.executable, "-c", ENTRY, *args], cwd=ROOT, capture_output=True, text=True,
                              timeout=120, env=env)
        assert done.returncode == 0, done.stderr
        lines = done.stdout.splitlines()
        assert [line.split()[0] for line in lines] == ["database", "frame", "models", "filled", "loaded"], done.stdout
        assert lines[0] == "database code", done.stdout
        assert lines[2] == "models actions history memberships settings", done.stdout  # no other area's
        assert lines[-1] == "loaded", done.stdout


WIDGET_TYPES = """
import enum, sys, threading
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QComboBox
from bscp_desktop.app import _load_widget_types
app = QApplication([])
combo = QComboBox()
combo.addItems(["a", "b"])
combo.show()
app.processEvents()
image, white = QImage(4, 4, QImage.Format.Format_ARGB32), QColor("white")
painter = QPainter(image)
Qt.AlignmentFlag.AlignCenter  # Qt's own enumerations: the window has used them from its first moment
if sys.argv[1] == "loaded":
    worker = threading.Thread(target=_load_widget_types)
    worker.start()
    worker.join()
made = []
make = enum.EnumType._create_
enum.EnumType._create_ = lambda cls, name, *args, **kw: made.append(name) or make(cls, name, *args, **kw)
QApplication.allWidgets()  # the combo box's own list and its frame reach Python
painter.fillRect(QRect(0, 0, 2, 2), white)  # a first paint (the case timeline's background)
painter.end()
print(len(made))
"""


@pytest.mark.slow  # a new Python process, whose Qt types are not made yet
@pytest.mark.parametrize("before", ["loaded", "not loaded"])
def test_the_widget_types_loaded_in_the_worker_leave_none_to_make_on_the_windows_thread(before):
    done = subprocess.run([sys.executable, "-c", WIDGET_TYPES, before], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    made = int(done.stdout.split()[-1])
    assert (made == 0) if before == "loaded" else (made > 20), done.stdout
