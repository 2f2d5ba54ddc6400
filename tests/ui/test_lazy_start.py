"""Start-up loads only what the first screen needs: on a database already at head, showing the
window imports neither Alembic (only an upgrade needs it) nor openpyxl, reportlab or the
importers (loaded when the team first imports a file or writes an output).

Run in a new process: this test process has imported all of them already."""

from __future__ import annotations

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
