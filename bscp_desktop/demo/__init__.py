"""The demo database: the public facts of the partnership's 2022-24 yearly report.

Each area adds its records through its own demo module, in the order the area registry gives
(later areas refer to earlier ones by name). Illustrative records are labelled as such.
"""

from __future__ import annotations

from pathlib import Path

from bscp_desktop.areas import demo_modules
from bscp_desktop.db.database import Database


def build_demo(path: Path | str) -> Path:
    """Create a new demo database at `path`; each area's `load(db)` adds its records, in the
    order the area registry gives (`bscp_desktop/areas.py`)."""
    path = Path(path)
    with Database.open(path, create=True) as db:
        for module in demo_modules():
            module.load(db)
    return path
