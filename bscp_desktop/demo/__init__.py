"""The demo database: the public facts of the partnership's 2022-24 yearly report.

Each area adds its records through its own demo module, in the order the area registry gives
(later areas refer to earlier ones by name). Illustrative records are labelled as such.
"""

from __future__ import annotations

from pathlib import Path

from bscp_desktop.areas import demo_modules
from bscp_desktop.db.database import building


def build_demo(path: Path | str) -> Path:
    """Create a new demo database at `path`; each area's `load(db)` adds its records, in the
    order the area registry gives (`bscp_desktop/areas.py`).

    The database is built under a temporary name beside `path` and renamed into place only
    when complete, so a build that is stopped part-way leaves no half database behind.
    """
    path = Path(path)
    with building(path) as db:
        for module in demo_modules():
            module.load(db)
    return path
