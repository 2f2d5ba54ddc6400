"""`bscp-desktop import … | head -1`: when the reader stops early the import's own exit status
is kept: a refused import (or a dry run that finds problems) is still 2, a good one still 0, so a
script run with `set -o pipefail` never takes a refused import for a success."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

# The program in new processes: part of make test, not of make check.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def _people(path: Path, rows: int, bad: bool) -> Path:
    """A people file; with `bad` every row names an organisation not on record and a wrong email,
    so the report's lines are far more than a pipe holds."""
    lines = ["Name,Job title,Organisation,Email"]
    lines += [f"Person {i},Officer,{'Nowhere Org' if bad else ''},{f'p{i}-not-an-email' if bad else f'p{i}@x.org'}"
              for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _people_on_record(db_file: Path) -> int:
    with sqlite3.connect(db_file) as con:
        return con.execute("SELECT count(*) FROM person").fetchone()[0]


def _import_read_one_line(*args, refused: bool) -> int:
    """Run the import; read one line of what it prints (stderr when refused), then stop reading."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    pipe, quiet = subprocess.PIPE, subprocess.DEVNULL
    proc = subprocess.Popen([sys.executable, "-m", "bscp_desktop", "import", *map(str, args)], env=env, cwd=ROOT,
                            stdout=quiet if refused else pipe, stderr=pipe if refused else quiet)
    reader = proc.stderr if refused else proc.stdout
    first = reader.readline()
    reader.close()
    assert first, "the import printed nothing"
    return proc.wait(timeout=180)


def test_an_import_whose_reader_stops_early_keeps_its_exit_status(db_file, tmp_path):
    bad = _people(tmp_path / "bad.csv", 1500, bad=True)
    assert _import_read_one_line("people", bad, "--db", db_file, refused=True) == 2
    assert _import_read_one_line("people", bad, "--db", db_file, "--dry-run", refused=True) == 2
    assert _people_on_record(db_file) == 0
    good = _people(tmp_path / "good.csv", 3, bad=False)
    assert _import_read_one_line("people", good, "--db", db_file, refused=False) == 0
    assert _people_on_record(db_file) == 3
